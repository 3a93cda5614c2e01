/** The server's workspace: open editor buffers win over the files on disk. */
import * as path from 'node:path';
import { FileSystemWorkspace } from '../cli/fsWorkspace';
import type { CorpusWorkspace, Disposable, FileChange } from '../core/workspace';

export interface OpenBuffers {
  /** Text of an open buffer for an absolute path, if open. */
  textOf(fsPath: string): string | undefined;
}

export class BufferWorkspace implements CorpusWorkspace {
  private readonly disk: FileSystemWorkspace;
  private readonly listeners = new Set<(changes: FileChange[]) => void>();

  constructor(
    readonly root: string,
    private readonly buffers: OpenBuffers,
  ) {
    this.disk = new FileSystemWorkspace(root);
  }

  listFiles(): Promise<string[]> {
    return this.disk.listFiles();
  }

  async readFile(rel: string): Promise<Uint8Array | string> {
    return this.buffers.textOf(path.join(this.root, ...rel.split('/'))) ?? this.disk.readFile(rel);
  }

  onDidChangeFiles(listener: (changes: FileChange[]) => void): Disposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Tells the engine that files changed (an edit, a save by another program, a rename). */
  fire(changes: FileChange[]): void {
    if (changes.length) for (const l of this.listeners) l(changes);
  }
}
