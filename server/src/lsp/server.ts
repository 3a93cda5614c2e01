/** The language server: thin handlers that translate LSP requests into core calls. */
import { URI } from 'vscode-uri';
import * as path from 'node:path';
import { existsSync, watch } from 'node:fs';
import {
  CompletionItemKind,
  createConnection,
  DiagnosticSeverity,
  DidChangeWatchedFilesNotification,
  DocumentSymbol,
  FileChangeType,
  ProposedFeatures,
  SymbolKind,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CONFIG_FILE } from '../core/parse/corpusConfig';
import { hoverAt } from '../core/features/hover';
import { definitionAt, highlightsAt, referencesAt } from '../core/features/navigation';
import { documentSymbols, workspaceSymbols, type SymbolKind as CoreSymbolKind } from '../core/features/symbols';
import { semanticTokenSpans, TOKEN_MODIFIERS, TOKEN_TYPES } from '../core/features/semanticTokens';
import { yamlCompletions, yamlHover } from '../core/features/yamlAssist';
import { relatedQuotes, docLabel } from '../core/features/hover';
import { itemsAt } from '../core/features/lookup';
import { LineIndex } from '../core/text/lines';
import type { FileChange, Logger } from '../core/workspace';
import { CorpusSet, findCorpusRoots, type Corpus } from './corpora';
import { rangeOf, toLspLocation, uriAtOffset, uriOf } from './convert';
import { ActorAtRequest, ReindexRequest, RelatedQuotesRequest, StatusNotification, type ActorAtParams, type ActorAtResult, type RelatedQuote, type StatusParams } from '../protocol';

const SYMBOL_KIND: Record<CoreSymbolKind, SymbolKind> = { document: SymbolKind.File, quotation: SymbolKind.String, claim: SymbolKind.Event, actor: SymbolKind.Class, 'front-matter': SymbolKind.Namespace };
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
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        documentHighlightProvider: true,
        documentSymbolProvider: true,
        workspaceSymbolProvider: true,
        foldingRangeProvider: true,
        completionProvider: { triggerCharacters: [' ', ':', '[', ','] },
        semanticTokensProvider: { legend: { tokenTypes: [...TOKEN_TYPES], tokenModifiers: [...TOKEN_MODIFIERS] }, full: true },
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

  connection.onHover(async ({ textDocument, position }) => {
    const ctx = await stateFor(textDocument.uri);
    if (!ctx) return null;
    const { corpus, path: rel, state } = ctx;
    const links = { uriAt: (p: string, o: number) => uriAtOffset(corpus, p, o) };
    if (isYaml(rel, corpus)) {
      const text = documents.get(textDocument.uri)?.getText() ?? corpus.engine.getText(rel);
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

  const withOffset = async (uri: string, position: { line: number; character: number }) => {
    const ctx = await stateFor(uri);
    const doc = ctx?.state.documentByPath.get(ctx.path);
    if (!ctx || !doc) return undefined;
    return { ...ctx, offset: doc.lines.offsetAt(position.line, position.character) };
  };

  connection.onDefinition(async ({ textDocument, position }) => {
    const c = await withOffset(textDocument.uri, position);
    if (!c) return null;
    return definitionAt(c.state, c.path, c.offset).map((l) => toLspLocation(c.corpus, l)).filter((l) => l !== undefined);
  });

  connection.onReferences(async ({ textDocument, position, context }) => {
    const c = await withOffset(textDocument.uri, position);
    if (!c) return null;
    return referencesAt(c.state, c.path, c.offset, context.includeDeclaration).map((l) => toLspLocation(c.corpus, l)).filter((l) => l !== undefined);
  });

  connection.onDocumentHighlight(async ({ textDocument, position }) => {
    const c = await withOffset(textDocument.uri, position);
    if (!c) return null;
    const lines = c.state.documentByPath.get(c.path)!.lines;
    return highlightsAt(c.state, c.path, c.offset).map((l) => ({ range: rangeOf(lines, l.start, l.end) }));
  });

  connection.onDocumentSymbol(async ({ textDocument }) => {
    const ctx = await stateFor(textDocument.uri);
    const doc = ctx?.state.documentByPath.get(ctx.path);
    if (!ctx || !doc) return null;
    return documentSymbols(ctx.state, ctx.path).map((s) => DocumentSymbol.create(s.name, s.detail, SYMBOL_KIND[s.kind], rangeOf(doc.lines, s.start, s.end), rangeOf(doc.lines, s.selectionStart, s.selectionEnd), []));
  });

  connection.onWorkspaceSymbol(async ({ query }) => {
    await ready;
    const out = [];
    for (const corpus of corpora.corpora) {
      await corpus.engine.settled();
      for (const s of workspaceSymbols(corpus.engine.getState(), query)) {
        const location = toLspLocation(corpus, s);
        if (location) out.push({ name: s.name, kind: SYMBOL_KIND[s.kind], containerName: s.container, location });
      }
    }
    return out;
  });

  connection.onFoldingRanges(async ({ textDocument }) => {
    const ctx = await stateFor(textDocument.uri);
    const doc = ctx?.state.documentByPath.get(ctx.path);
    if (!ctx || !doc) return null;
    const ranges = [];
    const block = doc.frontMatter.block;
    if (block) {
      const r = rangeOf(doc.lines, block.start, Math.max(block.start, block.end - 1));
      if (r.end.line > r.start.line) ranges.push({ startLine: r.start.line, endLine: r.end.line, kind: 'imports' });
    }
    for (const q of ctx.state.quotes.get(ctx.path) ?? []) {
      const r = rangeOf(doc.lines, q.outerStart, q.outerEnd);
      if (r.end.line > r.start.line) ranges.push({ startLine: r.start.line, endLine: r.end.line, kind: 'region' });
    }
    return ranges;
  });

  connection.languages.semanticTokens.on(async ({ textDocument }) => {
    const ctx = await stateFor(textDocument.uri);
    const doc = ctx?.state.documentByPath.get(ctx.path);
    if (!ctx || !doc) return { data: [] };
    const data: number[] = [];
    let prevLine = 0;
    let prevChar = 0;
    const push = (line: number, char: number, length: number, type: number, mods: number) => {
      if (length <= 0) return;
      data.push(line - prevLine, line === prevLine ? char - prevChar : char, length, type, mods);
      prevLine = line;
      prevChar = char;
    };
    for (const t of semanticTokenSpans(ctx.state, ctx.path)) {
      const s = doc.lines.positionAt(t.start);
      const e = doc.lines.positionAt(t.end);
      if (s.line === e.line || multilineTokens) push(s.line, s.character, t.end - t.start, t.type, t.modifiers);
      else {
        // Tokens may not span lines for most clients: split at line ends.
        for (let line = s.line; line <= e.line; line++) {
          const startOff = line === s.line ? t.start : doc.lines.offsetAt(line, 0);
          const endOff = line === e.line ? t.end : doc.lines.offsetAt(line + 1, 0) - 1;
          const text = doc.text.slice(startOff, endOff).replace(/\r$/, '');
          push(line, line === s.line ? s.character : 0, text.length, t.type, t.modifiers);
        }
      }
    }
    return { data };
  });

  connection.onCompletion(async ({ textDocument, position }) => {
    const ctx = await stateFor(textDocument.uri);
    if (!ctx || !isYaml(ctx.path, ctx.corpus)) return null;
    const text = documents.get(textDocument.uri)?.getText() ?? ctx.corpus.engine.getText(ctx.path);
    if (text === undefined) return null;
    const lines = new LineIndex(text);
    return yamlCompletions(ctx.state, text, lines.offsetAt(position.line, position.character), ctx.path === CONFIG_FILE).map((e, i) => ({
      label: e.label,
      detail: e.detail,
      documentation: e.documentation || undefined,
      kind: e.kind === 'actor' ? CompletionItemKind.Class : e.kind === 'tag' ? CompletionItemKind.EnumMember : CompletionItemKind.Value,
      sortText: String(i).padStart(5, '0'),
      textEdit: { range: rangeOf(lines, e.replace.start, e.replace.end), newText: e.label },
    }));
  });

  connection.onRequest(ReindexRequest, async () => {
    ready = ready.then(index);
    await ready;
    return statusNow('ready');
  });

  connection.onRequest(ActorAtRequest, async (params: ActorAtParams): Promise<ActorAtResult | null> => {
    const c = await withOffset(params.textDocument.uri, params.position);
    if (!c) return null;
    const mention = itemsAt(c.state, c.path, c.offset).mention;
    const actor = mention && c.state.actorById.get(mention.actor);
    if (!actor) return null;
    const mentions = (c.state.mentionsByActor.get(actor.id) ?? []).map(({ doc, mention: m }) => {
      const d = c.state.documentByPath.get(doc)!;
      const lineStart = d.text.lastIndexOf('\n', m.start - 1) + 1;
      let lineEnd = d.text.indexOf('\n', m.end);
      if (lineEnd === -1) lineEnd = d.text.length;
      return { uri: uriOf(c.corpus, doc), range: rangeOf(d.lines, m.start, m.end), preview: d.text.slice(Math.max(lineStart, m.start - 60), Math.min(lineEnd, m.end + 60)).trim(), document: docLabel(d) };
    });
    return { id: actor.id, name: actor.name, kind: actor.kind, aliases: actor.aliases, mentions };
  });

  connection.onRequest(RelatedQuotesRequest, async (params: ActorAtParams): Promise<RelatedQuote[]> => {
    const c = await withOffset(params.textDocument.uri, params.position);
    if (!c) return [];
    const quote = itemsAt(c.state, c.path, c.offset).quote;
    if (!quote) return [];
    return relatedQuotes(c.state, quote.id).map(({ quote: q, link }) => {
      const d = c.state.documentByPath.get(q.doc)!;
      return { uri: uriOf(c.corpus, q.doc), range: rangeOf(d.lines, q.start, q.end), text: q.text, document: docLabel(d), relation: link.kind === 'manual' ? 'linked by hand' : link.relation, score: link.score };
    });
  });

  connection.onShutdown(() => {
    for (const c of corpora.corpora) c.engine.dispose();
  });

  documents.listen(connection);
  connection.listen();
}
