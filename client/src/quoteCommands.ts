/**
 * Quotation commands: Link Quotes, Unlink Quote, Confirm Link (annotation edits computed by the server, written
 * atomically by the ClaimEditor, whose undo steps they join) and Compare Quotes (two read-only virtual documents in the diff editor).
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { ClaimEditor } from './claims/claimEdits';
import { clip } from './text';
import {
  LinkCandidatesRequest,
  QuoteAtRequest,
  QuoteComparisonRequest,
  QuoteLinkEditRequest,
  type LinkCandidate,
  type QuoteAtResult,
  type QuoteInfo,
  type QuoteLinkEditParams,
  type QuoteLinkEditResult,
} from '../../server/src/protocol';

/** URI scheme of the Compare Quotes documents: `corroborate-quote:/<label>?<corpus file uri>#<quote id>`. */
export const QUOTE_SCHEME = 'corroborate-quote';

type Related = QuoteAtResult['related'][number];


function describe(q: QuoteInfo): string {
  return [q.document, q.speaker].filter(Boolean).join(' · ');
}

const LINK_LABEL: Record<QuoteLinkEditParams['action'], string> = { link: 'Link Quotes', unlink: 'Unlink Quote', confirm: 'Confirm Link' };

const LINK_STATE: Record<string, string> = { auto: 'linked automatically', manual: 'linked by hand', rejected: 'unlinked by hand' };

export function registerQuoteCommands(context: vscode.ExtensionContext, client: LanguageClient, editor: ClaimEditor): void {
  const quoteAtCursor = async (): Promise<QuoteAtResult | null> => {
    const editor = vscode.window.activeTextEditor;
    if (!editor) return null;
    const at = await client.sendRequest<QuoteAtResult | null>(QuoteAtRequest, { textDocument: { uri: editor.document.uri.toString() }, position: editor.selection.active });
    if (!at) void vscode.window.showInformationMessage('Corroborate: place the cursor inside a quotation.');
    return at;
  };

  /** Picks one of the quotations linked to the one under the cursor (no question when there is only one). */
  const pickRelated = async (at: QuoteAtResult, title: string, filter: (r: Related) => boolean = () => true): Promise<Related | undefined> => {
    const related = at.related.filter(filter);
    if (!related.length) {
      void vscode.window.showInformationMessage('Corroborate: no linked quotation to choose from.');
      return undefined;
    }
    if (related.length === 1) return related[0];
    const pick = await vscode.window.showQuickPick(
      related.map((r) => ({ label: clip(r.text), description: `${r.relation} ${r.score.toFixed(2)}`, detail: describe(r), r })),
      { title, matchOnDescription: true, matchOnDetail: true },
    );
    return pick?.r;
  };

  /** Asks the server for the edit and writes the annotation files it touches (atomically, undoable with Undo Claim Change). */
  const applyLinkEdit = async (params: QuoteLinkEditParams): Promise<boolean> => {
    const result = await client.sendRequest<QuoteLinkEditResult>(QuoteLinkEditRequest, params);
    if (!(await editor.apply(result, LINK_LABEL[params.action]))) return false;
    void vscode.window.showInformationMessage(`Corroborate: ${result.message}`);
    return true;
  };

  const provider: vscode.TextDocumentContentProvider = {
    provideTextDocumentContent: async (uri) => {
      const text = await client.sendRequest<string | null>(QuoteComparisonRequest, { uri: uri.query, quoteId: uri.fragment });
      return text ?? 'This quotation is no longer in the corpus.\n';
    },
  };

  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(QUOTE_SCHEME, provider),

    vscode.commands.registerCommand('corroborate.linkQuotes', async () => {
      const at = await quoteAtCursor();
      if (!at) return;
      const candidates = await client.sendRequest<LinkCandidate[]>(LinkCandidatesRequest, { uri: at.quote.uri, quoteId: at.quote.id });
      const pick = await vscode.window.showQuickPick(
        candidates.map((c) => ({
          label: clip(c.text),
          description: `${c.score.toFixed(2)}${c.link ? ` · ${LINK_STATE[c.link]}` : ''}`,
          detail: describe(c),
          c,
        })),
        { title: `Link “${clip(at.quote.text, 60)}” to… (most similar first)`, matchOnDescription: true, matchOnDetail: true },
      );
      if (pick) await applyLinkEdit({ uri: at.quote.uri, action: 'link', from: at.quote.id, to: pick.c.id });
    }),

    vscode.commands.registerCommand('corroborate.unlinkQuote', async () => {
      const at = await quoteAtCursor();
      if (!at) return;
      const r = await pickRelated(at, 'Unlink from… (the automatic link will not come back)');
      if (r) await applyLinkEdit({ uri: at.quote.uri, action: 'unlink', from: at.quote.id, to: r.id });
    }),

    vscode.commands.registerCommand('corroborate.confirmLink', async () => {
      const at = await quoteAtCursor();
      if (!at) return;
      const r = await pickRelated(at, 'Confirm the link to…', (x) => x.link === 'auto');
      if (r) await applyLinkEdit({ uri: at.quote.uri, action: 'confirm', from: at.quote.id, to: r.id });
    }),

    vscode.commands.registerCommand('corroborate.compareQuotes', async () => {
      const at = await quoteAtCursor();
      if (!at) return;
      const r = await pickRelated(at, 'Compare with…');
      if (!r) return;
      const side = (q: QuoteInfo) => vscode.Uri.from({ scheme: QUOTE_SCHEME, path: `/${q.document.replace(/[/\\?#]/g, '-')}.txt`, query: q.uri, fragment: q.id });
      await vscode.commands.executeCommand('vscode.diff', side(at.quote), side(r), `${at.quote.document} ↔ ${r.document}`);
    }),
  );
}
