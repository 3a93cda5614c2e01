/** Quotation commands and code lenses: thin translations of core/features/quoteLinking.ts. */
import { CodeLensRefreshRequest, type CodeLens, type TextDocumentEdit, type CreateFile, type WorkspaceEdit } from 'vscode-languageserver/node';
import { itemsAt } from '../../core/features/lookup';
import { relatedQuotes } from '../../core/features/hover';
import { comparisonText, linkCandidates, quoteLenses, quoteLinkEdits, quoteSummary, type AnnotationFileEdit, type QuoteSummary } from '../../core/features/quoteLinking';
import type { CorpusState } from '../../core/model/corpusState';
import { LineIndex } from '../../core/text/lines';
import { rangeOf, uriOf } from '../convert';
import type { Corpus } from '../corpora';
import type { FeatureRegistration } from '../context';
import {
  LinkCandidatesRequest,
  QuoteAtRequest,
  QuoteComparisonRequest,
  QuoteLinkEditRequest,
  type ActorAtParams,
  type LinkCandidate,
  type LinkCandidatesParams,
  type QuoteAtResult,
  type QuoteComparisonParams,
  type QuoteInfo,
  type QuoteLinkEditParams,
  type QuoteLinkEditResult,
} from '../../protocol';

/** The client command a code lens runs: Go to Related Quote at the lens's quotation. */
export const RELATED_QUOTE_COMMAND = 'corroborate.goToRelatedQuote';

export const registerQuotes: FeatureRegistration = (ctx) => {
  // Lenses count links made by other files (another article, an annotation file): ask the client to refresh them
  // after the corpus changes. Clients without refresh support answer with an error, which is ignored.
  const watched = new WeakSet<object>();
  let refreshTimer: NodeJS.Timeout | undefined;
  let refreshSupported = true;
  const scheduleRefresh = () => {
    if (!refreshSupported) return;
    if (refreshTimer) clearTimeout(refreshTimer);
    refreshTimer = setTimeout(() => {
      ctx.connection.sendRequest(CodeLensRefreshRequest.type).catch(() => (refreshSupported = false));
    }, 400);
  };

  ctx.connection.onCodeLens(async ({ textDocument }): Promise<CodeLens[]> => {
    const c = await ctx.stateFor(textDocument.uri);
    const doc = c?.state.documentByPath.get(c.path);
    if (!c || !doc) return [];
    if (!watched.has(c.corpus.engine)) {
      watched.add(c.corpus.engine);
      c.corpus.engine.onDidChange(scheduleRefresh);
    }
    return quoteLenses(c.state, c.path).map((lens) => {
      const range = rangeOf(doc.lines, lens.start, lens.end);
      return { range, command: { title: lens.title, command: RELATED_QUOTE_COMMAND, arguments: [textDocument.uri, range.start] } };
    });
  });

  ctx.connection.onRequest(QuoteAtRequest, async (params: ActorAtParams): Promise<QuoteAtResult | null> => {
    const c = await ctx.withOffset(params.textDocument.uri, params.position);
    const quote = c && itemsAt(c.state, c.path, c.offset).quote;
    if (!c || !quote) return null;
    return {
      quote: info(c.corpus, c.state, quoteSummary(c.state, quote)),
      related: relatedQuotes(c.state, quote.id).map(({ quote: q, link }) => ({ ...info(c.corpus, c.state, quoteSummary(c.state, q)), score: link.score, relation: link.kind === 'manual' ? 'linked by hand' : link.relation, link: link.kind })),
    };
  });

  ctx.connection.onRequest(LinkCandidatesRequest, async (params: LinkCandidatesParams): Promise<LinkCandidate[]> => {
    const c = await ctx.stateFor(params.uri);
    if (!c) return [];
    return linkCandidates(c.state, params.quoteId, params.limit).map((q) => ({ ...info(c.corpus, c.state, q), score: q.score, relation: q.relation, link: q.link }));
  });

  ctx.connection.onRequest(QuoteLinkEditRequest, async (params: QuoteLinkEditParams): Promise<QuoteLinkEditResult> => {
    const c = await ctx.stateFor(params.uri);
    if (!c) return { edit: null, files: [], message: '', error: 'not inside a corpus' };
    const result = quoteLinkEdits(c.state, params.action, params.from, params.to, (file) => c.corpus.engine.getText(file) ?? null);
    if (!result.ok) return { edit: null, files: [], message: '', error: result.error };
    if (!result.edits.length) return { edit: null, files: [], message: result.message };
    return { edit: workspaceEdit(c.corpus, result.edits), files: result.edits.map((e) => uriOf(c.corpus, e.file)), message: result.message };
  });

  ctx.connection.onRequest(QuoteComparisonRequest, async (params: QuoteComparisonParams): Promise<string | null> => {
    const c = await ctx.stateFor(params.uri);
    return c ? comparisonText(c.state, params.quoteId) : null;
  });
};

function info(corpus: Corpus, state: CorpusState, q: QuoteSummary): QuoteInfo {
  const lines = state.documentByPath.get(q.path)!.lines;
  return { id: q.id, uri: uriOf(corpus, q.path), range: rangeOf(lines, q.start, q.end), text: q.text, kind: q.kind, speaker: q.speaker, date: q.date, outlet: q.outlet, document: q.document };
}

/** New files are created first; each text change replaces only the part that differs, so undo and diffs stay small. */
function workspaceEdit(corpus: Corpus, edits: AnnotationFileEdit[]): WorkspaceEdit {
  const changes: (TextDocumentEdit | CreateFile)[] = [];
  for (const e of edits) {
    const uri = uriOf(corpus, e.file);
    const before = e.before ?? '';
    if (e.before === null) changes.push({ kind: 'create', uri, options: { ignoreIfExists: true } });
    let head = 0;
    while (head < before.length && head < e.after.length && before[head] === e.after[head]) head++;
    let tail = 0;
    while (tail < before.length - head && tail < e.after.length - head && before[before.length - 1 - tail] === e.after[e.after.length - 1 - tail]) tail++;
    const lines = new LineIndex(before);
    changes.push({ textDocument: { uri, version: null }, edits: [{ range: rangeOf(lines, head, before.length - tail), newText: e.after.slice(head, e.after.length - tail) }] });
  }
  return { documentChanges: changes };
}
