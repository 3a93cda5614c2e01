/** What the engine needs from its host: list files, read one, hear about changes. The CLI passes the file system, the server open buffers over disk, tests an in-memory corpus. */

export type FileChangeType = 'created' | 'changed' | 'deleted';

export interface FileChange {
  /** Corpus-relative path, forward slashes. */
  path: string;
  type: FileChangeType;
}

export interface Disposable {
  dispose(): void;
}

export interface CorpusWorkspace {
  /** Every file below the corpus root, as corpus-relative paths with forward slashes. */
  listFiles(): Promise<string[]>;
  /** A file's current content (an open editor buffer wins over the disk). */
  readFile(path: string): Promise<Uint8Array | string>;
  /** Change notifications; the engine re-reads what changed. */
  onDidChangeFiles?(listener: (changes: FileChange[]) => void): Disposable;
}

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

/** A workspace held in memory, for tests and for hosts that already have the texts. */
export class MemoryWorkspace implements CorpusWorkspace {
  private readonly files = new Map<string, Uint8Array | string>();
  private readonly listeners = new Set<(changes: FileChange[]) => void>();

  constructor(files: Record<string, Uint8Array | string> = {}) {
    for (const [path, content] of Object.entries(files)) this.files.set(path, content);
  }

  async listFiles(): Promise<string[]> {
    return [...this.files.keys()].sort();
  }

  async readFile(path: string): Promise<Uint8Array | string> {
    const content = this.files.get(path);
    if (content === undefined) throw new Error(`no such file: ${path}`);
    return content;
  }

  /** Writes a file and tells listeners, as a file watcher would. */
  write(path: string, content: Uint8Array | string): void {
    const type: FileChangeType = this.files.has(path) ? 'changed' : 'created';
    this.files.set(path, content);
    this.fire([{ path, type }]);
  }

  delete(path: string): void {
    if (this.files.delete(path)) this.fire([{ path, type: 'deleted' }]);
  }

  onDidChangeFiles(listener: (changes: FileChange[]) => void): Disposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  private fire(changes: FileChange[]): void {
    for (const l of this.listeners) l(changes);
  }
}
