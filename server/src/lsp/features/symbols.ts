/** Document outline and workspace symbol search. */
import { DocumentSymbol, SymbolKind } from 'vscode-languageserver/node';
import { documentSymbols, workspaceSymbols, type SymbolKind as CoreSymbolKind } from '../../core/features/symbols';
import { rangeOf, toLspLocation } from '../convert';
import type { FeatureRegistration } from '../context';

const SYMBOL_KIND: Record<CoreSymbolKind, SymbolKind> = { document: SymbolKind.File, quotation: SymbolKind.String, claim: SymbolKind.Event, actor: SymbolKind.Class, 'front-matter': SymbolKind.Namespace };

export const registerSymbols: FeatureRegistration = (ctx) => {
  ctx.connection.onDocumentSymbol(async ({ textDocument }) => {
    const fc = await ctx.stateFor(textDocument.uri);
    const doc = fc?.state.documentByPath.get(fc.path);
    if (!fc || !doc) return null;
    return documentSymbols(fc.state, fc.path).map((s) => DocumentSymbol.create(s.name, s.detail, SYMBOL_KIND[s.kind], rangeOf(doc.lines, s.start, s.end), rangeOf(doc.lines, s.selectionStart, s.selectionEnd), []));
  });

  ctx.connection.onWorkspaceSymbol(async ({ query }) => {
    await ctx.ready();
    const out = [];
    for (const corpus of ctx.corpora.corpora) {
      await corpus.engine.settled();
      for (const s of workspaceSymbols(corpus.engine.getState(), query)) {
        const location = toLspLocation(corpus, s);
        if (location) out.push({ name: s.name, kind: SYMBOL_KIND[s.kind], containerName: s.container, location });
      }
    }
    return out;
  });
};
