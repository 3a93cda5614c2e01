/** Offsets ↔ LSP positions and locations. */
import { URI } from 'vscode-uri';
import * as path from 'node:path';
import type { Location as LspLocation, Range } from 'vscode-languageserver';
import type { LineIndex } from '../core/text/lines';
import type { Location } from '../core/features/links';
import type { Corpus } from './corpora';

export function rangeOf(lines: LineIndex, start: number, end: number): Range {
  return { start: lines.positionAt(start), end: lines.positionAt(end) };
}

export function uriOf(corpus: Corpus, rel: string): string {
  return URI.file(path.join(corpus.root, ...rel.split('/'))).toString();
}

/** Converts a core location to an LSP one; the line index comes from the engine's copy of the text. */
export function toLspLocation(corpus: Corpus, loc: Location): LspLocation | undefined {
  const lines = corpus.engine.getDocument(loc.path)?.lines;
  if (!lines) return undefined;
  return { uri: uriOf(corpus, loc.path), range: rangeOf(lines, loc.start, loc.end) };
}

/** A `file:` URI with a `#L<line>,<column>` fragment, which VS Code's Markdown link opener understands. */
export function uriAtOffset(corpus: Corpus, rel: string, offset: number): string {
  const lines = corpus.engine.getDocument(rel)?.lines;
  const pos = lines ? lines.positionAt(offset) : { line: 0, character: 0 };
  return `${uriOf(corpus, rel)}#L${pos.line + 1},${pos.character + 1}`;
}
