/** Hover cards in articles, corpus.yaml and annotation files. */
import { hoverAt } from '../../core/features/hover';
import { yamlHover } from '../../core/features/yamlAssist';
import { CONFIG_FILE } from '../../core/parse/corpusConfig';
import { LineIndex } from '../../core/text/lines';
import { rangeOf, uriAtOffset } from '../convert';
import type { FeatureRegistration } from '../context';

export const registerHover: FeatureRegistration = (ctx) => {
  ctx.connection.onHover(async ({ textDocument, position }) => {
    const fc = await ctx.stateFor(textDocument.uri);
    if (!fc) return null;
    const { corpus, path: rel, state } = fc;
    const links = { uriAt: (p: string, o: number) => uriAtOffset(corpus, p, o) };
    if (ctx.isYaml(rel, corpus)) {
      const text = ctx.documents.get(textDocument.uri)?.getText() ?? corpus.engine.getText(rel);
      if (text === undefined) return null;
      const lines = new LineIndex(text);
      const h = yamlHover(state, text, lines.offsetAt(position.line, position.character), rel === CONFIG_FILE, links);
      return h ? { contents: { kind: 'markdown', value: h.markdown }, range: rangeOf(lines, h.start, h.end) } : null;
    }
    const doc = state.documentByPath.get(rel);
    if (!doc) return null;
    const h = hoverAt(state, rel, doc.lines.offsetAt(position.line, position.character), links);
    return h ? { contents: { kind: 'markdown', value: h.markdown }, range: rangeOf(doc.lines, h.start, h.end) } : null;
  });
};
