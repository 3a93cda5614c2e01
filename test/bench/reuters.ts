/**
 * Speed benchmark: writes Reuters-21578 (stories with a body) into a temporary corpus of .txt files with
 * `published` front matter, runs the same analysis as `corroborate analyze --json`, and prints throughput.
 * Usage: npm run bench [-- --limit N] [-- --keep] [-- --runs N] [-- --corpus DIR]
 * Each measurement runs in a fresh Node process started with the node options the `corroborate` command starts with
 * (server/src/cli/nodeOptions.ts), as a user's run would. --runs N measures N such processes one after another
 * (timings vary from run to run on shared machines) and prints each one's phases, then the best and the median total.
 * --corpus reuses a corpus written with --keep.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createEngine } from '../../server/src/core/engine';
import { toAnalysisJson } from '../../server/src/core/features/analysis';
import { FileSystemWorkspace } from '../../server/src/cli/fsWorkspace';
import { createAnalysisPool, workerCount } from '../../server/src/cli/analysisPool';
import { engineNodeOptions, setsPoolSize } from '../../server/src/cli/nodeOptions';

export const DATA = path.resolve(__dirname, '../../../../shared/data/reuters-21578');
const MONTHS: Record<string, string> = { JAN: '01', FEB: '02', MAR: '03', APR: '04', MAY: '05', JUN: '06', JUL: '07', AUG: '08', SEP: '09', OCT: '10', NOV: '11', DEC: '12' };

function unescape(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').replace(/&#\d+;/g, '');
}

/** The command line of a bench over Reuters: its options, and the corpus to measure (given with --corpus, or
 * written now with --limit stories; `written` tells the caller to delete it); null when the data set is absent. */
export function benchCorpus(args: string[]): { option: (name: string) => string | undefined; root: string; written: boolean } | null {
  const option = (name: string): string | undefined => {
    const at = args.indexOf(name);
    return at >= 0 ? args[at + 1] : undefined;
  };
  const given = option('--corpus');
  if (given) return { option, root: given, written: false };
  if (!existsSync(DATA)) {
    console.log(`bench: ${DATA} not found; nothing to measure`);
    return null;
  }
  return { option, root: writeCorpus(Number(option('--limit') ?? Infinity)), written: true };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.includes('--measure')) return measure(args[args.indexOf('--corpus') + 1]);
  const bench = benchCorpus(args);
  if (!bench) return;
  try {
    repeat(bench.root, Number(bench.option('--runs') ?? 1));
  } finally {
    if (bench.written && !args.includes('--keep')) rmSync(bench.root, { recursive: true, force: true });
  }
}

/** Runs the measurement in `runs` fresh processes (this one's Node flags and the command's node options); one prints in full. */
function repeat(root: string, runs: number): void {
  // As the launcher does: a pool size given here is left alone.
  const node = [...process.execArgv, ...(setsPoolSize(process.execArgv) ? [] : engineNodeOptions())];
  console.log(`node options: ${node.join(' ') || '(none)'}`);
  const totals: number[] = [];
  const mainCpu: number[] = [];
  for (let r = 1; r <= runs; r++) {
    const out = execFileSync(process.execPath, [...node, __filename, '--corpus', root, '--measure'], { encoding: 'utf8' });
    if (runs === 1) {
      process.stdout.write(out);
      return;
    }
    const lines = out.split('\n').filter((l) => /^(?:read|corpus-wide|JSON|total|CPU over)/.test(l));
    console.log(`run ${r}: ${lines.map((l) => l.replace(/ \(.*?\)/g, '').replace(/^CPU over the whole analysis:/, 'CPU')).join(' | ')}`);
    totals.push(Number(/total: ([\d.]+) s/.exec(out)?.[1]));
    const main = /^CPU over the whole analysis: main thread ([\d.]+) s/m.exec(out);
    if (main) mainCpu.push(Number(main[1]));
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
  console.log(`best ${Math.min(...totals).toFixed(2)} s, median ${median(totals).toFixed(2)} s over ${runs} runs` + (mainCpu.length ? `; main thread CPU median ${median(mainCpu).toFixed(2)} s` : ''));
}

/** Reuters stories with a body, as the text of a .txt file with front matter: its folder (the source file's name) and name. */
export function reutersStories(limit = Infinity): { dir: string; name: string; text: string }[] {
  const out: { dir: string; name: string; text: string }[] = [];
  for (const file of readdirSync(DATA).filter((f) => f.endsWith('.json')).sort()) {
    const stories = JSON.parse(readFileSync(path.join(DATA, file), 'utf8')) as { body?: string; title?: string; date?: string; attrs?: { newid?: string } }[];
    for (const s of stories) {
      if (!s.body || out.length >= limit) continue;
      const m = /^(\d{1,2})-([A-Z]{3})-(\d{4})/.exec(s.date ?? '');
      const published = m ? `${m[3]}-${MONTHS[m[2]]}-${m[1].padStart(2, '0')}` : null;
      const title = unescape(s.title ?? '').replace(/"/g, "'");
      const text = `---\ntitle: "${title}"\noutlet: Reuters\n${published ? `published: ${published}\n` : ''}---\n${unescape(s.body)}\n`;
      out.push({ dir: file.replace('.json', ''), name: `${s.attrs?.newid ?? out.length}.txt`, text });
    }
  }
  return out;
}

/** Reuters stories with a body as .txt files with front matter, in a new temporary folder. */
export function writeCorpus(limit: number): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'corroborate-reuters-'));
  for (const story of reutersStories(limit)) {
    const dir = path.join(root, story.dir);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, story.name), story.text);
  }
  console.log(`corpus written to ${root}`);
  return root;
}

/**
 * CPU time (ms) each thread of this process has used so far: the main thread, and the rest (V8's helpers compiling hot
 * code and collecting garbage, libuv's pool). Read from /proc (Linux); null elsewhere. On a shared machine wall time
 * drifts from run to run; the CPU times tell whether a slow run did more work or only waited for a core.
 */
function threadCpu(): { main: number; helpers: number } | null {
  try {
    let main = 0;
    let helpers = 0;
    for (const task of readdirSync('/proc/self/task')) {
      const stat = readFileSync(`/proc/self/task/${task}/stat`, 'utf8');
      // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th, in clock ticks.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ms = (Number(fields[11]) + Number(fields[12])) * 10;
      if (Number(task) === process.pid) main += ms;
      else helpers += ms;
    }
    return { main, helpers };
  } catch {
    return null;
  }
}

/** "main thread 3.10 s, other threads 2.13 s": the CPU used between two readings of threadCpu, or null without them. */
function cpuBetween(a: ReturnType<typeof threadCpu>, b: ReturnType<typeof threadCpu>): string | null {
  if (!a || !b) return null;
  return `main thread ${((b.main - a.main) / 1000).toFixed(2)} s, other threads ${((b.helpers - a.helpers) / 1000).toFixed(2)} s`;
}

/** A phase's CPU, as the parenthesis after its wall time ('' without /proc). */
function phaseCpu(a: ReturnType<typeof threadCpu>, b: ReturnType<typeof threadCpu>): string {
  const cpu = cpuBetween(a, b);
  return cpu ? ` (CPU: ${cpu})` : '';
}

/** One cold analysis of the corpus, as `corroborate analyze --json` does it, with the time of each phase. */
async function measure(root: string): Promise<void> {
  let docs = 0;
  let bytes = 0;
  for (const dir of readdirSync(root)) {
    for (const f of readdirSync(path.join(root, dir))) {
      docs++;
      bytes += statSync(path.join(root, dir, f)).size;
    }
  }
  console.log(`corpus: ${docs} documents, ${(bytes / 1e6).toFixed(1)} MB`);
  const heapBefore = process.memoryUsage().rss;
  const c0 = threadCpu();
  const t0 = performance.now();
  const engine = createEngine({ workspace: new FileSystemWorkspace(root), analyzer: createAnalysisPool() });
  await engine.load();
  const t1 = performance.now();
  const c1 = threadCpu();
  const state = engine.getState();
  const t2 = performance.now();
  const c2 = threadCpu();
  const json = JSON.stringify(toAnalysisJson(state));
  const t3 = performance.now();
  const c3 = threadCpu();
  const total = (t3 - t0) / 1000;
  const peak = Math.max(process.resourceUsage().maxRSS * 1024, heapBefore);
  const count = (k: 'mentions' | 'dates' | 'quotes') => state.documents.reduce((n, d) => n + (k === 'mentions' ? state.mentions.get(d.path)?.length ?? 0 : k === 'dates' ? d.dates.length : d.quotes.length), 0);
  console.log(`found: ${state.actors.length} actors, ${count('mentions')} mentions, ${count('dates')} dates, ${count('quotes')} quotations, ${state.links.length} quote links`);
  console.log(`per-document analysis on ${workerCount() >= 2 ? `${workerCount()} worker threads` : 'the main thread'} (CORROBORATE_WORKERS=N or auto for worker threads)`);
  console.log(`read + per-document analysis: ${((t1 - t0) / 1000).toFixed(2)} s${phaseCpu(c0, c1)}`);
  console.log(`corpus-wide resolution (actors, links, annotations): ${((t2 - t1) / 1000).toFixed(2)} s${phaseCpu(c1, c2)}`);
  console.log(`JSON contract (${(json.length / 1e6).toFixed(1)} MB): ${((t3 - t2) / 1000).toFixed(2)} s${phaseCpu(c2, c3)}`);
  console.log(`total: ${total.toFixed(2)} s wall, ${(docs / total).toFixed(0)} documents/s, ${(bytes / 1e6 / total).toFixed(1)} MB/s, peak RSS ${(peak / 2 ** 20).toFixed(0)} MiB`);
  const cpu = cpuBetween(c0, c3);
  if (cpu) console.log(`CPU over the whole analysis: ${cpu}`);
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exitCode = 1;
  });
}
