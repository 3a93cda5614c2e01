/** Semantic tokens, split at line ends for clients that need it. */
import { semanticTokenSpans } from '../../core/features/semanticTokens';
import type { FeatureRegistration } from '../context';

export const registerSemanticTokens: FeatureRegistration = (ctx) => {
  ctx.connection.languages.semanticTokens.on(async ({ textDocument }) => {
    const fc = await ctx.stateFor(textDocument.uri);
    const doc = fc?.state.documentByPath.get(fc.path);
    if (!fc || !doc) return { data: [] };
    const data: number[] = [];
    let prevLine = 0;
    let prevChar = 0;
    const push = (line: number, char: number, length: number, type: number, mods: number) => {
      if (length <= 0) return;
      data.push(line - prevLine, line === prevLine ? char - prevChar : char, length, type, mods);
      prevLine = line;
      prevChar = char;
    };
    for (const t of semanticTokenSpans(fc.state, fc.path)) {
      const s = doc.lines.positionAt(t.start);
      const e = doc.lines.positionAt(t.end);
      if (s.line === e.line || ctx.multilineTokens()) push(s.line, s.character, t.end - t.start, t.type, t.modifiers);
      else {
        // Tokens may not span lines for most clients: split at line ends.
        for (let line = s.line; line <= e.line; line++) {
          const startOff = line === s.line ? t.start : doc.lines.offsetAt(line, 0);
          const endOff = line === e.line ? t.end : doc.lines.offsetAt(line + 1, 0) - 1;
          const text = doc.text.slice(startOff, endOff).replace(/\r$/, '');
          push(line, line === s.line ? s.character : 0, text.length, t.type, t.modifiers);
        }
      }
    }
    return { data };
  });
};
