/** Completion of actor and tag ids in corpus.yaml and annotation files. */
import { CompletionItemKind } from 'vscode-languageserver/node';
import { yamlCompletions } from '../../core/features/yamlAssist';
import { CONFIG_FILE } from '../../core/parse/corpusConfig';
import { LineIndex } from '../../core/text/lines';
import { rangeOf } from '../convert';
import type { FeatureRegistration } from '../context';

export const registerCompletion: FeatureRegistration = (ctx) => {
  ctx.connection.onCompletion(async ({ textDocument, position }) => {
    const fc = await ctx.stateFor(textDocument.uri);
    if (!fc || !ctx.isYaml(fc.path, fc.corpus)) return null;
    const text = ctx.documents.get(textDocument.uri)?.getText() ?? fc.corpus.engine.getText(fc.path);
    if (text === undefined) return null;
    const lines = new LineIndex(text);
    return yamlCompletions(fc.state, text, lines.offsetAt(position.line, position.character), fc.path === CONFIG_FILE).map((e, i) => ({
      label: e.label,
      detail: e.detail,
      documentation: e.documentation || undefined,
      kind: e.kind === 'actor' ? CompletionItemKind.Class : e.kind === 'tag' ? CompletionItemKind.EnumMember : CompletionItemKind.Value,
      sortText: String(i).padStart(5, '0'),
      textEdit: { range: rangeOf(lines, e.replace.start, e.replace.end), newText: e.label },
    }));
  });
};
