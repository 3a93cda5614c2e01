/** The engine: one factory over a workspace; per-document analysis cached, the corpus-wide state recomputed on demand. */
import picomatch from 'picomatch';
import { analyzeDocument, withDerivedParts, type DocumentData, type SourceDocument } from './model/document';
import { computeCorpusState, type CorpusState } from './model/corpusState';
import { LinkCache } from './index/quoteLinks';
import { CONFIG_FILE, emptyConfig, parseCorpusConfig, type CorpusConfig } from './parse/corpusConfig';
import { parseAnnotationFile, type AnnotationFile } from './parse/annotations';
import { decodeText } from './text/decode';
import { silentLogger, type CorpusWorkspace, type Disposable, type FileChange, type Logger } from './workspace';

export interface EngineOptions {
  workspace: CorpusWorkspace;
  logger?: Logger;
  /** Analyses many documents at once at load time (the Node hosts pass a worker-thread pool); else one by one here. */
  analyzer?: BatchAnalyzer;
}

export interface BatchItem {
  path: string;
  content: Uint8Array | string;
}

/** Analyses documents elsewhere (other threads): the same result as analyzeDocument, as plain data, in input order. */
export interface BatchAnalyzer {
  /** Fewer documents than this are analysed in place. */
  minDocuments: number;
  analyze(items: BatchItem[], onProgress?: (done: number) => void): Promise<DocumentData[]>;
}

export type FileRole = 'config' | 'annotation' | 'source' | 'ignored';

/** Which role a corpus-relative path plays under the given configuration (remembered per configuration: a load asks
 * for every file, and each answer costs glob matches). */
export function classifyPath(path: string, config: CorpusConfig): FileRole {
  let roles = roleCache.get(config);
  if (!roles) roleCache.set(config, (roles = new Map()));
  let role = roles.get(path);
  if (role === undefined) roles.set(path, (role = computeRole(path, config)));
  return role;
}

const roleCache = new WeakMap<CorpusConfig, Map<string, FileRole>>();

function computeRole(path: string, config: CorpusConfig): FileRole {
  if (path === CONFIG_FILE) return 'config';
  const folder = config.settings.annotations;
  if (folder && path.startsWith(folder + '/')) return /\.ya?ml$/i.test(path) ? 'annotation' : 'ignored';
  const m = matchers(config);
  if (m.include(path) && !m.exclude(path)) return 'source';
  return 'ignored';
}

const matcherCache = new WeakMap<CorpusConfig, { include: (p: string) => boolean; exclude: (p: string) => boolean }>();
function matchers(config: CorpusConfig): { include: (p: string) => boolean; exclude: (p: string) => boolean } {
  let m = matcherCache.get(config);
  if (!m) {
    m = { include: picomatch(config.settings.include, { dot: false }), exclude: picomatch(config.settings.exclude, { dot: true }) };
    matcherCache.set(config, m);
  }
  return m;
}

export class CorpusEngine {
  private readonly workspace: CorpusWorkspace;
  private readonly logger: Logger;
  private config: CorpusConfig = emptyConfig();
  private readonly files = new Set<string>();
  private readonly documents = new Map<string, SourceDocument>();
  private readonly annotations = new Map<string, AnnotationFile>();
  /** Texts of corpus.yaml and annotation files, for locating their problems. */
  private readonly yamlTexts = new Map<string, string>();
  private state: CorpusState | undefined;
  /** Kept from one corpus state to the next: after an edit, what the edit left alone is not worked out again. */
  private readonly stateCaches = { links: new LinkCache() };
  private subscription: Disposable | undefined;
  private readonly listeners = new Set<() => void>();
  private pending: Promise<void> = Promise.resolve();

  constructor(private readonly options: EngineOptions) {
    this.workspace = options.workspace;
    this.logger = options.logger ?? silentLogger;
  }

  /** Reads the whole corpus; `onProgress` hears (done, total). Safe to call again for a full rebuild. */
  async load(onProgress?: (done: number, total: number) => void): Promise<void> {
    const paths = (await this.workspace.listFiles()).sort();
    this.files.clear();
    this.documents.clear();
    this.annotations.clear();
    for (const p of paths) this.files.add(p);
    this.yamlTexts.clear();
    this.config = this.files.has(CONFIG_FILE) ? this.parseConfig(await this.readText(CONFIG_FILE)) : emptyConfig();
    const todo = paths.filter((p) => classifyPath(p, this.config) !== 'config' && classifyPath(p, this.config) !== 'ignored');
    const sources = this.options.analyzer ? todo.filter((p) => classifyPath(p, this.config) === 'source') : [];
    if (this.options.analyzer && sources.length >= this.options.analyzer.minDocuments) {
      await this.loadInBatch(this.options.analyzer, todo, onProgress);
    } else {
      let done = 0;
      const batch = 64;
      for (let i = 0; i < todo.length; i += batch) {
        const slice = todo.slice(i, i + batch);
        for (const [p, c] of await this.readAll(slice)) this.store(p, c);
        done += slice.length;
        onProgress?.(done, todo.length);
      }
    }
    this.invalidate();
    if (!this.subscription && this.workspace.onDidChangeFiles) {
      this.subscription = this.workspace.onDidChangeFiles((changes) => {
        this.pending = this.pending.then(() => this.applyChanges(changes)).catch((e: unknown) => this.logger.error(String(e)));
      });
    }
  }

  /** Reads every file first, then has the analyzer do the documents; if it fails, they are analysed here after all. */
  private async loadInBatch(analyzer: BatchAnalyzer, todo: string[], onProgress?: (done: number, total: number) => void): Promise<void> {
    const items: BatchItem[] = [];
    for (const [path, content] of await this.readAll(todo)) {
      if (classifyPath(path, this.config) === 'source') items.push({ path, content });
      else this.store(path, content);
    }
    const others = todo.length - items.length;
    onProgress?.(others, todo.length);
    try {
      const docs = await analyzer.analyze(items, (done) => onProgress?.(others + done, todo.length));
      docs.forEach((d) => this.documents.set(d.path, withDerivedParts(d)));
    } catch (e) {
      this.logger.warn(`parallel analysis failed, analysing in one thread: ${(e as Error).message}`);
      for (const item of items) this.store(item.path, item.content);
    }
    onProgress?.(todo.length, todo.length);
  }

  /** The contents of the given files, in order; unreadable ones are reported and left out. */
  private async readAll(paths: string[]): Promise<[string, Uint8Array | string][]> {
    const out: [string, Uint8Array | string][] = [];
    // A few dozen reads at a time: enough to overlap them, few enough to stay clear of open-file limits.
    for (let i = 0; i < paths.length; i += 64) {
      const slice = paths.slice(i, i + 64);
      const contents = await Promise.all(slice.map((p) => this.workspace.readFile(p).catch((e: unknown) => e as Error)));
      slice.forEach((p, k) => {
        const c = contents[k];
        if (c instanceof Error) this.logger.warn(`cannot read ${p}: ${c.message}`);
        else out.push([p, c]);
      });
    }
    return out;
  }

  /** Resolves when change notifications received so far have been applied. */
  settled(): Promise<void> {
    return this.pending;
  }

  /** Applies file changes (created, changed, deleted) one document at a time. */
  async applyChanges(changes: readonly FileChange[]): Promise<void> {
    let configChanged = false;
    for (const change of changes) {
      if (change.type === 'deleted') this.files.delete(change.path);
      else this.files.add(change.path);
      if (change.path === CONFIG_FILE) {
        configChanged = true;
        continue;
      }
      const role = classifyPath(change.path, this.config);
      if (change.type === 'deleted' || role === 'ignored') {
        this.documents.delete(change.path);
        this.annotations.delete(change.path);
        continue;
      }
      try {
        this.store(change.path, await this.workspace.readFile(change.path));
      } catch (e) {
        this.logger.warn(`cannot read ${change.path}: ${(e as Error).message}`);
        this.documents.delete(change.path);
        this.annotations.delete(change.path);
      }
    }
    if (configChanged) await this.reloadConfig();
    this.invalidate();
  }

  /** Replaces one file's content directly (an edit in an open buffer). */
  setText(path: string, content: string | Uint8Array): void {
    this.files.add(path);
    if (path === CONFIG_FILE) {
      this.config = this.parseConfig(decodeText(content).text);
      // Settings may move files between roles; documents keep their analysis, roles are re-derived.
      this.dropMisclassified();
    } else if (classifyPath(path, this.config) !== 'ignored') this.store(path, content);
    this.invalidate();
  }

  /** Forgets a file. */
  remove(path: string): void {
    this.files.delete(path);
    this.documents.delete(path);
    this.annotations.delete(path);
    this.yamlTexts.delete(path);
    if (path === CONFIG_FILE) {
      this.config = emptyConfig();
      this.dropMisclassified();
    }
    this.invalidate();
  }

  /** The corpus-wide state, computed on first use after a change. */
  getState(): CorpusState {
    if (!this.state) {
      const t0 = Date.now();
      this.state = computeCorpusState(this.config, this.documents.values(), this.annotations.values(), this.stateCaches);
      const ms = Date.now() - t0;
      if (ms > 200) this.logger.info(`corpus state computed in ${ms} ms (${this.documents.size} documents)`);
    }
    return this.state;
  }

  getConfig(): CorpusConfig {
    return this.config;
  }

  getDocument(path: string): SourceDocument | undefined {
    return this.documents.get(path);
  }

  getAnnotationFile(path: string): AnnotationFile | undefined {
    return this.annotations.get(path);
  }

  /** Role of a path under the current configuration. */
  roleOf(path: string): FileRole {
    return classifyPath(path, this.config);
  }

  /** Called after every change of state (the server refreshes diagnostics, the status bar...). */
  onDidChange(listener: () => void): Disposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  dispose(): void {
    this.subscription?.dispose();
    this.listeners.clear();
  }

  private store(path: string, content: Uint8Array | string): void {
    const role = classifyPath(path, this.config);
    if (role === 'source') this.documents.set(path, analyzeDocument(path, content));
    else if (role === 'annotation') {
      const text = decodeText(content).text;
      this.yamlTexts.set(path, text);
      this.annotations.set(path, parseAnnotationFile(path, text));
    }
  }

  private parseConfig(text: string): CorpusConfig {
    this.yamlTexts.set(CONFIG_FILE, text);
    return parseCorpusConfig(text, CONFIG_FILE);
  }

  /** The current text of any corpus file the engine holds (documents, corpus.yaml, annotation files). */
  getText(path: string): string | undefined {
    return this.documents.get(path)?.text ?? this.yamlTexts.get(path);
  }

  private async reloadConfig(): Promise<void> {
    this.config = this.files.has(CONFIG_FILE) ? this.parseConfig(await this.readText(CONFIG_FILE)) : emptyConfig();
    this.dropMisclassified();
    for (const p of [...this.files].sort()) {
      const role = classifyPath(p, this.config);
      const known = this.documents.has(p) || this.annotations.has(p);
      if (!known && (role === 'source' || role === 'annotation')) {
        try {
          this.store(p, await this.workspace.readFile(p));
        } catch (e) {
          this.logger.warn(`cannot read ${p}: ${(e as Error).message}`);
        }
      }
    }
  }

  private dropMisclassified(): void {
    for (const p of [...this.documents.keys()]) if (classifyPath(p, this.config) !== 'source') this.documents.delete(p);
    for (const p of [...this.annotations.keys()]) if (classifyPath(p, this.config) !== 'annotation') this.annotations.delete(p);
  }

  private async readText(path: string): Promise<string> {
    return decodeText(await this.workspace.readFile(path)).text;
  }

  private invalidate(): void {
    this.state = undefined;
    for (const l of this.listeners) l();
  }
}

/** Builds an engine over a workspace (call `load()` before use). */
export function createEngine(options: EngineOptions): CorpusEngine {
  return new CorpusEngine(options);
}
