/** Offset ↔ line/character conversion for a text (both zero-based, characters in UTF-16 units). */
import { partitionPoint } from './search';

export class LineIndex {
  private readonly starts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    this.starts = starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** Zero-based line and character of an offset. */
  positionAt(offset: number): { line: number; character: number } {
    const o = Math.max(0, Math.min(offset, this.text.length));
    // The last line starting at or before the offset (line 0 starts at 0).
    const line = partitionPoint(this.starts.length, (k) => this.starts[k] <= o) - 1;
    return { line, character: o - this.starts[line] };
  }

  /** Offset of a zero-based line and character, clamped to the text. */
  offsetAt(line: number, character: number): number {
    if (line < 0) return 0;
    if (line >= this.starts.length) return this.text.length;
    const lineEnd = line + 1 < this.starts.length ? this.starts[line + 1] : this.text.length;
    return Math.max(this.starts[line], Math.min(this.starts[line] + character, lineEnd));
  }
}
