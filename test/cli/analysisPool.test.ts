/** The worker-thread pool gives exactly what one thread gives: same documents, actors, dates, quotations and links. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { createEngine } from '../../server/src/core/engine';
import { MemoryWorkspace } from '../../server/src/core/workspace';
import { toAnalysisJson } from '../../server/src/core/features/analysis';
import { createAnalysisPool } from '../../server/src/cli/analysisPool';

const SAMPLES = path.resolve(__dirname, '../../../samples');

/** The sample corpus repeated under many folders (with a changed publication year), enough to engage the pool. */
function bigCorpus(): Record<string, string> {
  const files: Record<string, string> = { 'corpus.yaml': readFileSync(path.join(SAMPLES, 'corpus.yaml'), 'utf8') };
  const articles = readdirSync(path.join(SAMPLES, 'articles'));
  for (let copy = 0; copy < 12; copy++) {
    for (const a of articles) {
      const text = readFileSync(path.join(SAMPLES, 'articles', a), 'utf8');
      files[`articles/copy-${copy}/${a}`] = copy % 2 ? text.replace(/published: (\d{4})/, (_, y) => `published: ${Number(y) + 1}`) : text;
    }
  }
  return files;
}

test('analysis on worker threads equals analysis in one thread', async () => {
  const files = bigCorpus();
  const pool = createAnalysisPool(2);
  assert.ok(pool, 'the worker script is built next to the pool');
  assert.ok(Object.keys(files).length > pool.minDocuments, 'enough documents to use the pool');
  const warnings: string[] = [];
  const logger = { info() {}, warn: (m: string) => warnings.push(m), error: (m: string) => warnings.push(m) };
  const threaded = createEngine({ workspace: new MemoryWorkspace(files), analyzer: pool, logger });
  const progress: number[] = [];
  await threaded.load((done) => progress.push(done));
  const single = createEngine({ workspace: new MemoryWorkspace(files) });
  await single.load();
  const a = toAnalysisJson(threaded.getState());
  const b = toAnalysisJson(single.getState());
  assert.ok(a.documents.length >= 80 && a.links.length > 0);
  assert.deepEqual(warnings, [], 'the workers did the analysis (no fallback to one thread)');
  assert.deepEqual(a, b);
  assert.equal(progress[progress.length - 1], Object.keys(files).length - 1, 'progress reaches every document');
  // Derived parts are rebuilt: line positions and quoted sources' dates answer as in one thread.
  const p = a.documents[0].path;
  const [x, y] = [threaded.getDocument(p)!, single.getDocument(p)!];
  assert.deepEqual(x.lines.positionAt(x.text.length - 1), y.lines.positionAt(y.text.length - 1));
  assert.deepEqual(x.quotes.map((_, i) => x.sources.of(i)), y.quotes.map((_, i) => y.sources.of(i)));
});
