/** The language server: thin handlers that translate LSP requests into core calls. */
import { URI } from 'vscode-uri';
import * as path from 'node:path';
import { existsSync, watch } from 'node:fs';
import {
  CodeActionKind,
  createConnection,
  DiagnosticSeverity,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  type ClientCapabilities,
  type Connection,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CONFIG_FILE } from '../core/parse/corpusConfig';
import { TOKEN_MODIFIERS, TOKEN_TYPES } from '../core/features/semanticTokens';
import { LineIndex } from '../core/text/lines';
import type { FileChange, Logger } from '../core/workspace';
import { CorpusSet, findCorpusRoots, type Corpus } from './corpora';
import type { ServerContext } from './context';
import { FEATURES } from './features';
import { rangeOf, uriOf } from './convert';
import { StateChangedNotification, StatusNotification, type StatusParams } from '../protocol';

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, information: DiagnosticSeverity.Information };

/** Starts the server on stdio (or on the IPC channel when launched by the VS Code client). */
export function startServer(connection: Connection = createConnection(ProposedFeatures.all)): void {
  const documents = new TextDocuments(TextDocument);
  const logger: Logger = {
    info: (m) => connection.console.info(m),
    warn: (m) => connection.console.warn(m),
    error: (m) => connection.console.error(m),
  };
  const corpora = new CorpusSet({ textOf: (fsPath) => documents.get(URI.file(fsPath).toString())?.getText() }, logger);
  let ready: Promise<void> = Promise.resolve();
  let folders: string[] = [];
  let supportsWatchers = false;
  let supportsProgress = false;
  let multilineTokens = false;
  let workspaceFolderEvents = false;
  let clientCapabilities: ClientCapabilities = {};
  const published = new Set<string>();

  const locate = (uri: string) => {
    if (!uri.startsWith('file:')) return undefined;
    return corpora.locate(URI.parse(uri).fsPath);
  };

  /** The corpus state for a file, once indexing and queued changes are done. */
  const stateFor = async (uri: string) => {
    await ready;
    const hit = locate(uri);
    if (!hit) return undefined;
    await hit.corpus.engine.settled();
    return { ...hit, state: hit.corpus.engine.getState() };
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    folders = (params.workspaceFolders?.map((f) => URI.parse(f.uri).fsPath) ?? (params.rootUri ? [URI.parse(params.rootUri).fsPath] : params.rootPath ? [params.rootPath] : [])).filter(Boolean);
    supportsWatchers = !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    supportsProgress = !!params.capabilities.window?.workDoneProgress;
    multilineTokens = !!params.capabilities.textDocument?.semanticTokens?.multilineTokenSupport;
    workspaceFolderEvents = !!params.capabilities.workspace?.workspaceFolders;
    clientCapabilities = params.capabilities;
    return {
      capabilities: {
        // Saves are needed to write re-found claim anchors back (features/claims.ts).
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        documentHighlightProvider: true,
        documentSymbolProvider: true,
        workspaceSymbolProvider: true,
        foldingRangeProvider: true,
        codeLensProvider: { resolveProvider: false },
        renameProvider: { prepareProvider: true },
        completionProvider: { triggerCharacters: [' ', ':', '[', ','] },
        semanticTokensProvider: { legend: { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [...TOKEN_MODIFIERS] }, full: true },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'corroborate', version: '0.1.0' },
    };
  });

  const index = async () => {
    const roots = folders.flatMap((f) => findCorpusRoots(f));
    corpora.setRoots(roots);
    const progress = supportsProgress ? await connection.window.createWorkDoneProgress() : undefined;
    progress?.begin('Corroborate: indexing corpus', 0, `${roots.length} corpus folder(s)`, false);
    sendStatus('indexing');
    const t0 = Date.now();
    let i = 0;
    for (const corpus of corpora.corpora) {
      i++;
      await corpus.engine.load((done, total) => {
        if (done === total || done % 256 === 0) progress?.report(Math.round((100 * done) / Math.max(total, 1)), `${path.basename(corpus.root)}: ${done}/${total} files${corpora.corpora.length > 1 ? ` (corpus ${i}/${corpora.corpora.length})` : ''}`);
      });
    }
    for (const corpus of corpora.corpora) corpus.engine.getState();
    progress?.done();
    logger.info(`indexed ${corpora.corpora.length} corpus folder(s) in ${Date.now() - t0} ms: ${corpora.corpora.map((c) => c.root).join(', ')}`);
    sendStatus('ready');
    schedulePublish();
  };

  connection.onInitialized(() => {
    ready = index().catch((e: unknown) => logger.error(`indexing failed: ${(e as Error).stack ?? e}`));
    if (supportsWatchers) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.{txt,md,yaml,yml}' }] });
    } else {
      for (const folder of folders) watchFolder(folder);
    }
    if (workspaceFolderEvents) {
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        folders = folders.filter((f) => !e.removed.some((r) => URI.parse(r.uri).fsPath === f)).concat(e.added.map((a) => URI.parse(a.uri).fsPath));
        ready = ready.then(index);
      });
    }
  });

  /** Fallback for clients that do not watch files for us (Neovim 0.7, Helix): Node's recursive watcher. */
  const watchFolder = (folder: string) => {
    try {
      const w = watch(folder, { recursive: true }, (_event, name) => {
        if (!name || !/\.(txt|md|ya?ml)$/i.test(name)) return;
        const fsPath = path.join(folder, name.toString());
        if (documents.get(URI.file(fsPath).toString())) return;
        void ready.then(() => fileChanged(fsPath, FileChangeType.Changed));
      });
      w.on('error', () => w.close());
    } catch {
      logger.warn(`cannot watch ${folder}: changes made outside the editor need "Reindex Corpus"`);
    }
  };

  const fileChanged = async (fsPath: string, type: FileChangeType) => {
    if (path.basename(fsPath) === CONFIG_FILE && type !== FileChangeType.Changed) {
      // A corpus appeared or went away: roots change.
      await index();
      return;
    }
    const hit = corpora.locate(fsPath);
    if (!hit) return;
    const kind: FileChange['type'] = type === FileChangeType.Deleted || !existsSync(fsPath) ? 'deleted' : type === FileChangeType.Created ? 'created' : 'changed';
    hit.corpus.workspace.fire([{ path: hit.path, type: kind }]);
    await hit.corpus.engine.settled();
    sendStatus('ready');
    schedulePublish();
  };

  connection.onDidChangeWatchedFiles(async (params) => {
    await ready;
    for (const change of params.changes) {
      if (!change.uri.startsWith('file:')) continue;
      if (documents.get(change.uri) && change.type === FileChangeType.Changed) continue; // the buffer wins
      await fileChanged(URI.parse(change.uri).fsPath, change.type);
    }
  });

  const bufferChanged = (uri: string) => {
    void ready.then(async () => {
      const hit = locate(uri);
      if (!hit) return;
      hit.corpus.workspace.fire([{ path: hit.path, type: 'changed' }]);
      await hit.corpus.engine.settled();
      schedulePublish();
      scheduleStatus();
    });
  };
  documents.onDidOpen((e) => bufferChanged(e.document.uri));
  documents.onDidChangeContent((e) => bufferChanged(e.document.uri));
  // Closing a buffer falls back to the file on disk.
  documents.onDidClose((e) => bufferChanged(e.document.uri));

  let publishTimer: NodeJS.Timeout | undefined;
  const schedulePublish = () => {
    if (publishTimer) clearTimeout(publishTimer);
    publishTimer = setTimeout(() => void publishDiagnostics(), 150);
  };
  const publishDiagnostics = async () => {
    await ready;
    const next = new Map<string, Diagnostic[]>();
    for (const corpus of corpora.corpora) {
      await corpus.engine.settled();
      const state = corpus.engine.getState();
      const byPath = new Map<string, typeof state.problems>();
      for (const p of state.problems) {
        const list = byPath.get(p.path);
        if (list) list.push(p);
        else byPath.set(p.path, [p]);
      }
      for (const [rel, problems] of byPath) {
        const text = corpus.engine.getText(rel);
        if (text === undefined) continue;
        const lines = corpus.engine.getDocument(rel)?.lines ?? new LineIndex(text);
        next.set(
          uriOf(corpus, rel),
          problems.map((p) => ({ range: rangeOf(lines, p.start, Math.max(p.end, p.start)), severity: SEVERITY[p.severity], message: p.message, code: p.code, source: 'corroborate' })),
        );
      }
    }
    for (const uri of published) if (!next.has(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
    published.clear();
    for (const [uri, diagnostics] of next) {
      published.add(uri);
      void connection.sendDiagnostics({ uri, diagnostics });
    }
    void connection.sendNotification(StateChangedNotification);
  };

  let statusTimer: NodeJS.Timeout | undefined;
  const scheduleStatus = () => {
    if (statusTimer) clearTimeout(statusTimer);
    statusTimer = setTimeout(() => sendStatus('ready'), 300);
  };
  const statusNow = (state: StatusParams['state']): StatusParams => {
    const s: StatusParams = { state, corpora: corpora.corpora.length, documents: 0, actors: 0, quotes: 0, links: 0, errors: 0 };
    if (state === 'ready') {
      for (const c of corpora.corpora) {
        const st = c.engine.getState();
        s.documents += st.documents.length;
        s.actors += st.actors.length;
        s.quotes += [...st.quotes.values()].reduce((n, l) => n + l.length, 0);
        s.links += st.links.length;
        s.errors += st.problems.filter((p) => p.severity === 'error').length;
      }
    }
    return s;
  };
  const sendStatus = (state: StatusParams['state']) => void connection.sendNotification(StatusNotification, statusNow(state));

  const isYaml = (rel: string, corpus: Corpus) => rel === CONFIG_FILE || corpus.engine.roleOf(rel) === 'annotation';

  /** State and offset for a position in a source document. */
  const withOffset = async (uri: string, position: { line: number; character: number }) => {
    const c = await stateFor(uri);
    const doc = c?.state.documentByPath.get(c.path);
    if (!c || !doc) return undefined;
    return { ...c, offset: doc.lines.offsetAt(position.line, position.character) };
  };

  const ctx: ServerContext = {
    connection,
    documents,
    corpora,
    logger,
    ready: () => ready,
    stateFor,
    withOffset,
    isYaml,
    reindex: async () => {
      ready = ready.then(index);
      await ready;
      return statusNow('ready');
    },
    multilineTokens: () => multilineTokens,
    clientCapabilities: () => clientCapabilities,
    schedulePublish,
  };
  for (const register of FEATURES) register(ctx);

  connection.onShutdown(() => {
    for (const c of corpora.corpora) c.engine.dispose();
  });

  documents.listen(connection);
  connection.listen();
}
