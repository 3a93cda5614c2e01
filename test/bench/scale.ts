/**
 * How the analysis scales with what a corpus holds, beyond many short articles (`npm run bench`):
 * - one long document (Reuters stories run together into one file) against the same stories as separate files;
 * - a transcript: thousands of paragraphs, each with a speaker and three quotations in one sentence;
 * - reprints: the seed corpus copied into many outlets' folders, every quotation repeated word for word.
 * Each row is the time in this process (after a warm-up on a small case), so the shape of the growth shows: doubling
 * the input should about double the time. Usage: npm run bench:scale [-- --max N] (Reuters stories in the longest
 * document, 8000 by default). Cases whose data set is absent are skipped.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { createEngine } from '../../server/src/core/engine';
import { MemoryWorkspace } from '../../server/src/core/workspace';
import { analyzeDocument } from '../../server/src/core/model/document';
import { DATA, reutersStories } from './reuters';

const SEED = path.resolve(__dirname, '../../../../shared/corpus');

function seconds(ms: number): string {
  return (ms / 1000).toFixed(2).padStart(6);
}

/** Milliseconds to analyse the files one by one, and to compute the corpus-wide state over them. */
async function timeCorpus(files: Record<string, string>): Promise<{ documents: number; state: number; links: number }> {
  const engine = createEngine({ workspace: new MemoryWorkspace(files) });
  const t0 = performance.now();
  await engine.load();
  const t1 = performance.now();
  const state = engine.getState();
  const t2 = performance.now();
  return { documents: t1 - t0, state: t2 - t1, links: state.links.length };
}

function body(text: string): string {
  return text.replace(/^---\n[\s\S]*?\n---\n/, '');
}

async function longDocuments(max: number): Promise<void> {
  if (!existsSync(DATA)) {
    console.log(`long documents: ${DATA} not found, skipped`);
    return;
  }
  const stories = reutersStories(max);
  console.log('\none long document against the same stories as separate files (seconds)');
  console.log(' stories      MB | one: analysis   state | separate: analysis   state');
  const sizes: number[] = [];
  for (let n = max; n >= 500 && sizes.length < 5; n = Math.floor(n / 2)) sizes.unshift(n);
  for (const n of sizes) {
    const part = stories.slice(0, n);
    const long = '---\npublished: 1987-03-01\n---\n' + part.map((s) => body(s.text)).join('\n\n');
    const one = await timeCorpus({ 'long.txt': long });
    const separate = await timeCorpus(Object.fromEntries(part.map((s) => [`${s.dir}/${s.name}`, s.text])));
    // the size of the one document (the separate files add their front matter)
    const mb = long.length / 1e6;
    console.log(`${String(n).padStart(8)} ${mb.toFixed(1).padStart(7)} |     ${seconds(one.documents)}  ${seconds(one.state)} |          ${seconds(separate.documents)}  ${seconds(separate.state)}`);
  }
}

const SURNAMES = ['Rahimi', 'Karimi', 'Hosseini', 'Moradi', 'Jafari', 'Ahmadi', 'Rostami', 'Kazemi'];

/** A hearing transcript of our own: each paragraph has a speaker and three quotations in one sentence. */
function transcript(paragraphs: number): string {
  const out: string[] = ['---\npublished: 2022-11-30\n---\nHearing of the joint committee'];
  for (let i = 0; i < paragraphs; i++) {
    const who = `Minister Ali ${SURNAMES[i % SURNAMES.length]}`;
    out.push(`${who} said on Tuesday: “The talks on item ${i} went well,” and then “we expect progress by March,” before adding that “the committee will not give up on item ${i}.”`);
  }
  return out.join('\n\n');
}

function transcripts(): void {
  console.log('\na transcript: paragraphs with a speaker and three quotations each (seconds)');
  console.log('paragraphs      MB  quotations  analysis');
  for (let n = 1000; n <= 16000; n *= 2) {
    const text = transcript(n);
    const t0 = performance.now();
    const doc = analyzeDocument('transcript.txt', text);
    const t = performance.now() - t0;
    console.log(`${String(n).padStart(10)} ${(text.length / 1e6).toFixed(1).padStart(7)} ${String(doc.quotes.length).padStart(11)}  ${seconds(t)}`);
  }
}

async function reprints(): Promise<void> {
  if (!existsSync(SEED)) {
    console.log(`\nreprints: ${SEED} not found, skipped`);
    return;
  }
  const seed = readdirSync(SEED)
    .filter((f) => f.endsWith('.txt') || f.endsWith('.md'))
    .sort()
    .map((f) => [f, readFileSync(path.join(SEED, f), 'utf8')] as const);
  console.log('\nreprints: the seed corpus copied into many outlets’ folders (seconds)');
  console.log('  copies  documents  analysis   state   links');
  for (let copies = 1; copies <= 32; copies *= 2) {
    const files: Record<string, string> = {};
    for (let k = 0; k < copies; k++) for (const [name, text] of seed) files[`outlet-${k}/${name}`] = text;
    const r = await timeCorpus(files);
    console.log(`${String(copies).padStart(8)} ${String(copies * seed.length).padStart(10)}  ${seconds(r.documents)}  ${seconds(r.state)} ${String(r.links).padStart(7)}`);
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const at = args.indexOf('--max');
  const max = (at >= 0 && Math.floor(Number(args[at + 1]))) || 8000;
  // warm-up, so the first row does not carry the compilation of the analysis
  analyzeDocument('warm.txt', transcript(200));
  await longDocuments(max);
  transcripts();
  await reprints();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
