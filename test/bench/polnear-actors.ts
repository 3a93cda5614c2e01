/**
 * Do the people and bodies that PolNeAR's annotators marked as Sources resolve to actors? A second check of actor
 * discovery, on US campaign news rather than on the seed corpus.
 *
 *   npx tsc -b && node out/test/bench/polnear-actors.js     (VERBOSE=1 lists the named Sources left unresolved)
 *
 * All dev texts are analysed as one corpus (so names merge across articles, as in use). A Source is "named" when it
 * holds a capitalised word that is neither a function word nor a demonym, and that is not merely a sentence's first
 * word (one the texts also write in lower case): "Trump", "The New York Post", "Clinton's campaign"; not "he",
 * "officials", "A source", "Republicans", "Polls". It resolves when an actor mention overlaps it. When a
 * text has several annotators, the first annotation file (by annotator id) is used. brat offsets here count code
 * points; they are mapped to UTF-16 units. Skips when the data is absent.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createEngine } from '../../server/src/core/engine';
import { MemoryWorkspace } from '../../server/src/core/workspace';
import { DEMONYMS, STOP_WORDS } from '../../server/src/core/recognize/lexicon';
import { cpToUtf16 } from './polnear';

interface SourceSpan {
  text: string;
  frags: { start: number; end: number }[];
}

function readSources(file: string, text: string): SourceSpan[] {
  const conv = cpToUtf16(text);
  const out: SourceSpan[] = [];
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const [id, spec, surface] = line.split('\t');
    if (!id?.startsWith('T') || !spec?.startsWith('Source ')) continue;
    const frags = spec
      .slice('Source '.length)
      .split(';')
      .map((f) => f.trim().split(/\s+/).map(Number))
      .map(([a, b]) => ({ start: conv(a), end: conv(b) }));
    out.push({ text: surface ?? '', frags });
  }
  return out;
}

const PRONOUNS = new Set(['he', 'she', 'they', 'it', 'we', 'i', 'you', 'his', 'her', 'their', 'its', 'who', 'which']);

function isNamed(source: string, lowerCaseWords: Set<string>): boolean {
  let first = true;
  for (const w of source.match(/[\p{L}][\p{L}'’.-]*/gu) ?? []) {
    const lower = w.toLowerCase().replace(/['’]s$/, '');
    const common = first && lowerCaseWords.has(lower);
    first = false;
    if (!/^\p{Lu}/u.test(w) || common || STOP_WORDS.has(lower) || PRONOUNS.has(lower) || DEMONYMS.has(lower) || DEMONYMS.has(lower.replace(/s$/, ''))) continue;
    return true;
  }
  return false;
}

async function main(): Promise<void> {
  const dir = [process.env.POLNEAR_DEV, path.resolve(__dirname, '../../../../shared/data/polnear/dev'), path.resolve(process.cwd(), '../shared/data/polnear/dev')].find((d): d is string => !!d && fs.existsSync(d));
  if (!dir) {
    console.log('polnear-actors: ../shared/data/polnear/dev not found; skipped');
    return;
  }
  const annFiles = fs.readdirSync(path.join(dir, 'attributions')).filter((f) => f.endsWith('.ann')).sort();
  const files: Record<string, string> = {};
  const sources = new Map<string, SourceSpan[]>();
  for (const tf of fs.readdirSync(path.join(dir, 'text')).filter((f) => f.endsWith('.txt')).sort()) {
    const base = tf.replace(/\.txt$/, '');
    const ann = annFiles.find((f) => f.startsWith(base + '_') && /^_[0-9a-f]+\.ann$/.test(f.slice(base.length)));
    if (!ann) continue;
    const text = fs.readFileSync(path.join(dir, 'text', tf), 'utf8');
    files[tf] = text;
    sources.set(tf, readSources(path.join(dir, 'attributions', ann), text));
  }
  const lowerCaseWords = new Set<string>();
  for (const text of Object.values(files)) for (const w of text.match(/(?<![\p{L}])\p{Ll}+/gu) ?? []) lowerCaseWords.add(w);
  const engine = createEngine({ workspace: new MemoryWorkspace(files) });
  await engine.load();
  const state = engine.getState();

  let all = 0;
  let allResolved = 0;
  let named = 0;
  let namedResolved = 0;
  const kinds = new Map<string, number>();
  const unresolved: string[] = [];
  for (const [doc, list] of sources) {
    const mentions = state.mentions.get(doc) ?? [];
    for (const s of list) {
      all++;
      const hit = mentions.find((m) => s.frags.some((f) => m.start < f.end && f.start < m.end));
      if (hit) allResolved++;
      if (!isNamed(s.text, lowerCaseWords)) continue;
      named++;
      if (hit) {
        namedResolved++;
        const kind = state.actorById.get(hit.actor)?.kind ?? '?';
        kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
      } else unresolved.push(`${doc}: ${s.text}`);
    }
  }
  const pct = (a: number, b: number) => `${((100 * a) / Math.max(b, 1)).toFixed(1)}%`;
  console.log(`PolNeAR dev: ${sources.size} texts, ${all} Source spans, ${state.actors.length} actors`);
  console.log(`named Sources resolved to an actor: ${namedResolved}/${named} = ${pct(namedResolved, named)}  (by kind: ${[...kinds].map(([k, n]) => `${k} ${n}`).join(', ')})`);
  console.log(`all Sources (pronouns and "officials" included) overlapping an actor mention: ${allResolved}/${all} = ${pct(allResolved, all)}`);
  if (process.env.VERBOSE) for (const u of unresolved) console.log(`  unresolved: ${u}`);
}

void main();
