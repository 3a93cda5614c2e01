/**
 * Hover latency on a large corpus, as the language server answers it: the corpus is loaded once, then hovers on
 * mentions, dates and quotations of random documents are timed (the corpus-wide state already computed), and then the
 * first hover after an edit (one document re-analysed, the corpus-wide state recomputed before the hover can answer).
 * Usage: npm run bench:hover [-- --corpus DIR] [-- --limit N] [-- --hovers N] [-- --edits N]
 * Without --corpus it writes Reuters-21578 as `npm run bench` does (N stories, all by default).
 */
import { rmSync } from 'node:fs';
import * as path from 'node:path';
import { createEngine } from '../../server/src/core/engine';
import { FileSystemWorkspace } from '../../server/src/cli/fsWorkspace';
import { hoverAt } from '../../server/src/core/features/hover';
import { plainLinks } from '../../server/src/core/features/links';
import { benchCorpus } from './reuters';

/** A deterministic pseudo-random sequence (the same hovers on every run). */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

function ms(x: number): string {
  return x < 10 ? x.toFixed(2) : x.toFixed(0);
}

async function main(): Promise<void> {
  const bench = benchCorpus(process.argv.slice(2));
  if (!bench) return;
  try {
    await measure(bench.root, Number(bench.option('--hovers') ?? 2000), Number(bench.option('--edits') ?? 5));
  } finally {
    if (bench.written) rmSync(bench.root, { recursive: true, force: true });
  }
}

async function measure(root: string, hovers: number, edits: number): Promise<void> {
  const workspace = new FileSystemWorkspace(root);
  const engine = createEngine({ workspace });
  let t = performance.now();
  await engine.load();
  const loaded = performance.now() - t;
  t = performance.now();
  let state = engine.getState();
  const computed = performance.now() - t;
  console.log(`corpus: ${state.documents.length} documents in ${path.basename(root)}; load ${(loaded / 1000).toFixed(2)} s, corpus-wide state ${(computed / 1000).toFixed(2)} s`);

  // Hover targets: a mention, a date or a quotation of a random document, in turn.
  const next = random(42);
  const docs = state.documents.filter((d) => (state.mentions.get(d.path)?.length ?? 0) > 0);
  const times: number[] = [];
  let answered = 0;
  for (let i = 0; i < hovers; i++) {
    const doc = docs[Math.floor(next() * docs.length)];
    const spans = i % 3 === 0 ? state.mentions.get(doc.path)! : i % 3 === 1 ? doc.dates : doc.quotes;
    const span = spans.length ? spans[Math.floor(next() * spans.length)] : state.mentions.get(doc.path)![0];
    const at = Math.floor((span.start + span.end) / 2);
    const h0 = performance.now();
    const result = hoverAt(state, doc.path, at, plainLinks);
    times.push(performance.now() - h0);
    if (result) answered++;
  }
  times.sort((a, b) => a - b);
  console.log(`hover (state ready): ${hovers} hovers, ${answered} with a card; median ${ms(percentile(times, 0.5))} ms, p95 ${ms(percentile(times, 0.95))} ms, max ${ms(times[times.length - 1])} ms`);

  // An edit: a sentence appended to a document, as a keystroke burst in an open buffer would; then the next hover.
  const after: number[] = [];
  for (let e = 0; e < edits; e++) {
    const doc = docs[Math.floor(next() * docs.length)];
    const mention = state.mentions.get(doc.path)![0];
    const e0 = performance.now();
    engine.setText(doc.path, doc.text + `\nAn added line ${e}.\n`);
    state = engine.getState();
    hoverAt(state, doc.path, mention.start, plainLinks);
    after.push(performance.now() - e0);
  }
  after.sort((a, b) => a - b);
  console.log(`first hover after an edit (document re-analysed, corpus-wide state recomputed): median ${ms(percentile(after, 0.5))} ms over ${edits} edits, max ${ms(after[after.length - 1])} ms`);
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
