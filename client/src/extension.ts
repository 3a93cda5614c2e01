/** VS Code side: starts the language server, gives raw articles inside a corpus the Corroborate language, wires commands and the status bar. */
import * as vscode from 'vscode';
import * as path from 'node:path';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { StatusNotification, type StatusParams } from '../../server/src/protocol';
import { engineNodeOptions } from '../../server/src/cli/nodeOptions';
import { findCorpusRoots, isInside } from './corpusRoots';
import { registerCommands } from './commands';
import { registerQuoteCommands } from './quoteCommands';
import { IndexStatus } from './statusBar';
import { registerTimeline } from './timeline';
import { registerClaims } from './claims';
import { ClaimEditor } from './claims/claimEdits';
import { registerActorsView } from './actorsView';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    // V8's helper threads sized to the machine, as the corroborate command does (server/src/cli/nodeOptions.ts), where
    // the server runs on Node itself (code-server, VS Code for the web's hosts); VS Code desktop starts it with Electron,
    // whose own Node options are left alone.
    run: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: process.versions.electron ? [] : engineNodeOptions() } },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'corroborate' },
      { scheme: 'file', language: 'plaintext' },
      { scheme: 'file', language: 'markdown' },
      { scheme: 'file', pattern: '**/corpus.yaml' },
      { scheme: 'file', pattern: '**/annotations/**/*.{yaml,yml}' },
    ],
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/*.{txt,md,yaml,yml}') },
    outputChannelName: 'Corroborate',
    // Claim hovers link to Edit / Delete Claim; only those commands run from hover links.
    markdown: { isTrusted: { enabledCommands: ['corroborate.editClaim', 'corroborate.deleteClaim'] } },
  };
  client = new LanguageClient('corroborate', 'Corroborate', serverOptions, clientOptions);

  const status = new IndexStatus();
  context.subscriptions.push(status);
  const timelineStatus = registerTimeline(context, client);
  const actorsStatus = registerActorsView(context, client);
  client.onNotification(StatusNotification, (s: StatusParams) => {
    status.set(s);
    timelineStatus(s);
    actorsStatus(s);
  });
  registerCommands(context, client, (s) => status.set(s));
  const annotationEditor = new ClaimEditor(client);
  registerQuoteCommands(context, client, annotationEditor);
  registerClaims(context, client, annotationEditor);

  let roots = await findCorpusRoots();
  const adopt = (doc: vscode.TextDocument) => {
    if (doc.languageId !== 'plaintext' || doc.uri.scheme !== 'file') return;
    if (!vscode.workspace.getConfiguration('corroborate').get<boolean>('plainTextAsArticles', true)) return;
    if (roots.some((r) => isInside(doc.uri.fsPath, r))) void vscode.languages.setTextDocumentLanguage(doc, 'corroborate');
  };
  context.subscriptions.push(
    vscode.workspace.onDidOpenTextDocument(adopt),
    vscode.workspace.onDidChangeWorkspaceFolders(async () => {
      roots = await findCorpusRoots();
      await setActive(roots);
    }),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (e.affectsConfiguration('corroborate.statusBar')) status.update();
      if (e.affectsConfiguration('corroborate.rawFolders')) {
        roots = await findCorpusRoots();
        await setActive(roots);
      }
    }),
  );
  for (const doc of vscode.workspace.textDocuments) adopt(doc);
  await setActive(roots);
  await client.start();
}

/** Views and commands show only when the workspace holds a corpus (a corpus.yaml, or a folder of raw articles). */
async function setActive(roots: string[]): Promise<void> {
  await vscode.commands.executeCommand('setContext', 'corroborate.active', roots.length > 0);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
