/**
 * Per-document analysis on worker threads, for the hosts that run on Node (CLI, language server). Documents are
 * independent, so a corpus is cut into chunks handed to the workers as each finishes its last one; the results come
 * back as plain data in the original order. The core itself stays single-threaded and host-neutral.
 *
 * Off unless CORROBORATE_WORKERS asks for it: measured on Reuters-21578 on a 2-core machine, two workers took 5.4 s
 * against 3.3 s in one thread. Bringing the results back costs the main thread 1.5 s of deserialisation (55 MB of
 * structured clone), and even with nothing sent back two workers were no faster than one thread there (two analyses
 * run side by side each take half as long again: the two vCPUs share one core's caches and memory bandwidth, and the
 * garbage collector's helper threads already use the second one). Measured again after the per-document stages got
 * faster: 3.6 s with two workers against 2.9 s in one thread. It may pay on machines with more cores; the bench
 * prints which mode ran.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { availableCores } from './nodeOptions';
import type { BatchAnalyzer, BatchItem } from '../core/engine';
import type { DocumentData } from '../core/model/document';

/** Below this many documents threads cost more than they save. */
const MIN_DOCUMENTS = 64;
/** A chunk: enough work to amortise a message, small enough to keep both cores busy to the end. */
const CHUNK_DOCUMENTS = 96;
const CHUNK_CHARS = 384 * 1024;

export interface ChunkRequest {
  id: number;
  items: BatchItem[];
}

export interface ChunkReply {
  id: number;
  docs?: DocumentData[];
  error?: string;
}

/** How many workers: CORROBORATE_WORKERS (a number, or `auto` for one per core, at most 8); unset, 0 or 1 means none. */
export function workerCount(): number {
  const env = process.env.CORROBORATE_WORKERS;
  if (env === 'auto') return Math.min(8, availableCores());
  return env ? Math.max(0, Math.floor(Number(env)) || 0) : 0;
}

/** A batch analyzer on worker threads, or undefined when threads would not help (one core) or the worker script is missing. */
export function createAnalysisPool(size = workerCount()): BatchAnalyzer | undefined {
  const script = path.join(__dirname, 'analysisWorker.js');
  if (size < 2 || !existsSync(script)) return undefined;
  return {
    minDocuments: MIN_DOCUMENTS,
    analyze: (items, onProgress) => runChunks(script, size, chunk(items), items.length, onProgress),
  };
}

function chunk(items: readonly BatchItem[]): { start: number; items: BatchItem[] }[] {
  const out: { start: number; items: BatchItem[] }[] = [];
  let current: BatchItem[] = [];
  let chars = 0;
  let start = 0;
  items.forEach((item, i) => {
    current.push(item);
    chars += item.content.length;
    if (current.length >= CHUNK_DOCUMENTS || chars >= CHUNK_CHARS) {
      out.push({ start, items: current });
      [current, chars, start] = [[], 0, i + 1];
    }
  });
  if (current.length) out.push({ start, items: current });
  return out;
}

async function runChunks(script: string, size: number, chunks: { start: number; items: BatchItem[] }[], total: number, onProgress?: (done: number) => void): Promise<DocumentData[]> {
  const results = new Array<DocumentData>(total);
  const workers = Array.from({ length: Math.min(size, chunks.length) }, () => new Worker(script));
  let next = 0;
  let done = 0;
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const send = () => {
              if (next >= chunks.length) return resolve();
              const id = next++;
              worker.postMessage({ id, items: chunks[id].items } satisfies ChunkRequest);
            };
            worker.on('message', (reply: ChunkReply) => {
              if (reply.error !== undefined || !reply.docs) return reject(new Error(`analysis worker: ${reply.error ?? 'no result'}`));
              const { start } = chunks[reply.id];
              reply.docs.forEach((d, k) => (results[start + k] = d));
              done += reply.docs.length;
              onProgress?.(done);
              send();
            });
            worker.on('error', reject);
            worker.on('exit', (code) => (next < chunks.length || code !== 0 ? reject(new Error(`analysis worker exited with code ${code}`)) : undefined));
            send();
          }),
      ),
    );
    return results;
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
