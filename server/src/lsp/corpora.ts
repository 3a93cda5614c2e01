/** The corpora of a workspace: every folder with a corpus.yaml is one; a folder without any is one itself (zero configuration). */
import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { createEngine, type CorpusEngine } from '../core/engine';
import type { Logger } from '../core/workspace';
import { BufferWorkspace, type OpenBuffers } from './bufferWorkspace';
import { createAnalysisPool } from '../cli/analysisPool';

export interface Corpus {
  root: string;
  engine: CorpusEngine;
  workspace: BufferWorkspace;
}

function realPath(p: string): string | undefined {
  try {
    return realpathSync(p);
  } catch {
    return undefined;
  }
}

const SKIP = new Set(['node_modules', '.git', 'out', 'dist']);

/** Folders holding a corpus.yaml, searched a few levels deep; the folder itself when there is none. */
export function findCorpusRoots(folder: string, depth = 4): string[] {
  const found: string[] = [];
  const walk = (dir: string, level: number) => {
    if (existsSync(path.join(dir, 'corpus.yaml'))) {
      found.push(dir);
      return;
    }
    if (level >= depth) return;
    let names: string[] = [];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const n of names) {
      if (SKIP.has(n) || n.startsWith('.')) continue;
      const p = path.join(dir, n);
      try {
        if (statSync(p).isDirectory()) walk(p, level + 1);
      } catch {
        /* unreadable: skip */
      }
    }
  };
  walk(folder, 0);
  return found.length ? found : [folder];
}

export class CorpusSet {
  readonly corpora: Corpus[] = [];

  constructor(
    private readonly buffers: OpenBuffers,
    private readonly logger: Logger,
  ) {}

  /** Sets the corpus roots (deepest first, so a nested corpus wins over its parent). */
  setRoots(roots: string[]): void {
    for (const c of this.corpora) c.engine.dispose();
    this.corpora.length = 0;
    for (const root of [...new Set(roots)].sort((a, b) => b.length - a.length)) {
      const workspace = new BufferWorkspace(root, this.buffers);
      this.corpora.push({ root, workspace, engine: createEngine({ workspace, logger: this.logger, analyzer: createAnalysisPool() }) });
    }
  }

  /** The corpus a file belongs to and its corpus-relative path, or undefined outside every corpus. */
  locate(fsPath: string): { corpus: Corpus; path: string } | undefined {
    const inside = (root: string, file: string) => {
      const rel = path.relative(root, file);
      return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : undefined;
    };
    for (const corpus of this.corpora) {
      const rel = inside(corpus.root, fsPath);
      if (rel) return { corpus, path: rel };
    }
    // Through a symbolic link: editors such as Neovim name a buffer by its resolved path, the workspace by the link.
    const real = realPath(fsPath) ?? realPath(path.dirname(fsPath));
    if (!real) return undefined;
    const file = real === realPath(path.dirname(fsPath)) ? path.join(real, path.basename(fsPath)) : real;
    for (const corpus of this.corpora) {
      const root = realPath(corpus.root);
      const rel = root && inside(root, file);
      if (rel) return { corpus, path: rel };
    }
    return undefined;
  }
}
