/** Folding of front matter and of quotations that run over several lines. */
import { rangeOf } from '../convert';
import type { FeatureRegistration } from '../context';

export const registerFolding: FeatureRegistration = (ctx) => {
  ctx.connection.onFoldingRanges(async ({ textDocument }) => {
    const fc = await ctx.stateFor(textDocument.uri);
    const doc = fc?.state.documentByPath.get(fc.path);
    if (!fc || !doc) return null;
    const ranges = [];
    const block = doc.frontMatter.block;
    if (block) {
      const r = rangeOf(doc.lines, block.start, Math.max(block.start, block.end - 1));
      if (r.end.line > r.start.line) ranges.push({ startLine: r.start.line, endLine: r.end.line, kind: 'imports' });
    }
    for (const q of fc.state.quotes.get(fc.path) ?? []) {
      const r = rangeOf(doc.lines, q.outerStart, q.outerEnd);
      if (r.end.line > r.start.line) ranges.push({ startLine: r.start.line, endLine: r.end.line, kind: 'region' });
    }
    return ranges;
  });
};
