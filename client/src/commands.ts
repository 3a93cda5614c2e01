/** The palette and context-menu commands: Go to Related Quote, Show Actor, Reindex Corpus. */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ActorAtRequest, ReindexRequest, RelatedQuotesRequest, type ActorAtResult, type RelatedQuote, type StatusParams } from '../../server/src/protocol';

type Range = { start: { line: number; character: number }; end: { line: number; character: number } };

function toRange(r: Range): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

async function reveal(uri: string, range: Range): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  const r = toRange(range);
  editor.selection = new vscode.Selection(r.start, r.end);
  editor.revealRange(r, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

function cursorParams(editor: vscode.TextEditor) {
  return { textDocument: { uri: editor.document.uri.toString() }, position: editor.selection.active };
}

export function registerCommands(context: vscode.ExtensionContext, client: LanguageClient, onStatus: (s: StatusParams) => void): void {
  context.subscriptions.push(
    // A code lens passes the quotation's place; from the palette it is the cursor's.
    vscode.commands.registerCommand('corroborate.goToRelatedQuote', async (uri?: string, position?: { line: number; character: number }) => {
      const editor = vscode.window.activeTextEditor;
      const params = typeof uri === 'string' && position ? { textDocument: { uri }, position } : editor ? cursorParams(editor) : undefined;
      if (!params) return;
      const related = await client.sendRequest<RelatedQuote[]>(RelatedQuotesRequest, params);
      if (!related.length) {
        void vscode.window.showInformationMessage('Corroborate: no other document carries this quotation (place the cursor inside a quotation).');
        return;
      }
      if (related.length === 1) return reveal(related[0].uri, related[0].range);
      const pick = await vscode.window.showQuickPick(
        related.map((q) => ({ label: q.document, description: `${q.relation} ${q.score.toFixed(2)}`, detail: q.text, q })),
        { title: 'Related quotations (best first)', matchOnDetail: true },
      );
      if (pick) await reveal(pick.q.uri, pick.q.range);
    }),
    vscode.commands.registerCommand('corroborate.showActor', async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor) return;
      const actor = await client.sendRequest<ActorAtResult | null>(ActorAtRequest, cursorParams(editor));
      if (!actor) {
        void vscode.window.showInformationMessage('Corroborate: no actor under the cursor.');
        return;
      }
      const pick = await vscode.window.showQuickPick(
        actor.mentions.map((m) => ({ label: m.document, description: `line ${m.range.start.line + 1}`, detail: m.preview, m })),
        { title: `${actor.name} (${actor.kind}) · ${actor.mentions.length} mentions${actor.aliases.length ? ` · also ${actor.aliases.slice(0, 4).join(', ')}` : ''}`, matchOnDescription: true, matchOnDetail: true },
      );
      if (pick) await reveal(pick.m.uri, pick.m.range);
    }),
    vscode.commands.registerCommand('corroborate.reindex', async () => {
      const status = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Corroborate: reindexing corpus' }, () => client.sendRequest<StatusParams>(ReindexRequest));
      onStatus(status);
      void vscode.window.showInformationMessage(`Corroborate: indexed ${status.documents} documents, ${status.actors} actors, ${status.quotes} quotations.`);
    }),
  );
}
