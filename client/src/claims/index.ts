/** Wires the claim workflow into VS Code: commands, the Claims view, decorations and code lenses, refreshed on every server state change. */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { StateChangedNotification, type ClaimInfo } from '../../../server/src/protocol';
import type { ClaimEditor } from './claimEdits';
import { ClaimDecorations } from './decorations';
import { ClaimsView, type GroupBy } from './claimsView';
import { registerClaimCommands } from './tagClaim';
import { registerClaimFilterCommands } from './claimFilters';

/** Registers everything; call before the client starts (the notification handler must be in place). */
export function registerClaims(context: vscode.ExtensionContext, client: LanguageClient, editor: ClaimEditor): void {
  const decorations = new ClaimDecorations(client, vscode.Uri.joinPath(context.extensionUri, 'client', 'media'));
  const view = new ClaimsView(client);
  const refresh = () => {
    decorations.refresh();
    void view.refresh();
  };
  registerClaimCommands(context, client, editor);
  registerClaimFilterCommands(context, view);
  client.onNotification(StateChangedNotification, refresh);
  context.subscriptions.push(
    decorations,
    view,
    editor.onDidChange(refresh),
    vscode.window.onDidChangeVisibleTextEditors(() => decorations.refresh()),
    vscode.languages.registerCodeLensProvider([{ scheme: 'file', language: 'corroborate' }, { scheme: 'file', language: 'markdown' }], decorations),
    vscode.commands.registerCommand('corroborate.openClaim', async (c: ClaimInfo) => {
      const range = new vscode.Range(c.range.start.line, c.range.start.character, c.range.end.line, c.range.end.character);
      await vscode.window.showTextDocument(vscode.Uri.parse(c.uri), { selection: range, preview: false });
    }),
    vscode.commands.registerCommand('corroborate.claims.groupBy', async () => {
      const pick = await vscode.window.showQuickPick(
        (['actor', 'tag', 'date'] as GroupBy[]).map((g) => ({ label: `Group by ${g}`, g })),
        { title: 'Claims view' },
      );
      if (pick) view.setGroupBy(pick.g);
    }),
    vscode.commands.registerCommand('corroborate.claims.groupByActor', () => view.setGroupBy('actor')),
    vscode.commands.registerCommand('corroborate.claims.groupByTag', () => view.setGroupBy('tag')),
    vscode.commands.registerCommand('corroborate.claims.groupByDate', () => view.setGroupBy('date')),
    vscode.commands.registerCommand('corroborate.claims.refresh', refresh),
  );
}
