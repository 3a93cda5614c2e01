/** VS Code side: starts the language server, gives raw articles inside a corpus the Corroborate language, wires commands and the status bar. */
import * as vscode from 'vscode';
import * as path from 'node:path';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { StatusNotification, type StatusParams } from '../../server/src/protocol';
import { findCorpusRoots, isInside } from './corpusRoots';
import { registerCommands } from './commands';
import { IndexStatus } from './statusBar';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
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
  };
  client = new LanguageClient('corroborate', 'Corroborate', serverOptions, clientOptions);

  const status = new IndexStatus();
  context.subscriptions.push(status);
  client.onNotification(StatusNotification, (s: StatusParams) => status.set(s));
  registerCommands(context, client, (s) => status.set(s));

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
    }),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (e.affectsConfiguration('corroborate.statusBar')) status.update();
      if (e.affectsConfiguration('corroborate.rawFolders')) roots = await findCorpusRoots();
    }),
  );
  for (const doc of vscode.workspace.textDocuments) adopt(doc);
  await vscode.commands.executeCommand('setContext', 'corroborate.active', true);
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
