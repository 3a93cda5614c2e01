/**
 * Scores the date recognizer against the TimeBank and AQUAINT TimeML corpora (TBAQ-cleaned).
 *
 * Gold: every TIMEX3 of type DATE inside <TEXT>, except the document creation time, which becomes
 * the reference date. A prediction matches a gold expression when their spans overlap (one-to-one,
 * in text order); "value F1" also requires the same TIMEX3 value.
 *
 *   node out/test/bench/timebank.js [--errors] [--sources] [--data DIR]
 *
 * `--sources` also applies the engine's quoted-source rule (recognize/sourceDates.ts).
 *
 * Skips (exit 0) when the data folder is absent.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { recognizeDates } from '../../server/src/core/recognize/dates';
import { detectQuotes } from '../../server/src/core/recognize/quotes';
import { resolveSourceDates } from '../../server/src/core/recognize/sourceDates';
import type { DateMatch, Span } from '../../server/src/core/model/types';

interface Gold {
  start: number;
  end: number;
  value: string;
  type: string;
}

interface Doc {
  name: string;
  corpus: string;
  reference: string;
  text: string;
  bodyStart: number;
  bodyEnd: number;
  gold: Gold[];
  /** Non-DATE timexes (TIME, DURATION, SET), to explain false positives. */
  other: Gold[];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function attribute(tag: string, name: string): string {
  const m = new RegExp(`\\b${name}="([^"]*)"`).exec(tag);
  return m ? m[1] : '';
}

/** Strips the markup of one .tml file, keeping gold TIMEX3 offsets in the plain text. */
function parseTml(name: string, corpus: string, xml: string): Doc | null {
  const parts: string[] = [];
  let length = 0;
  let reference = '';
  let bodyStart = -1;
  let bodyEnd = -1;
  const gold: Gold[] = [];
  const other: Gold[] = [];
  const open: { tag: string; start: number }[] = [];
  const token = /<[^>]*>|&([a-z]+|#\d+);|[^<&]+|&/g;
  let m: RegExpExecArray | null;
  while ((m = token.exec(xml)) !== null) {
    const t = m[0];
    if (t.startsWith('<')) {
      if (t.startsWith('<TIMEX3')) open.push({ tag: t, start: length });
      else if (t.startsWith('</TIMEX3')) {
        const o = open.pop();
        if (!o) continue;
        const item = { start: o.start, end: length, value: attribute(o.tag, 'value'), type: attribute(o.tag, 'type') };
        if (attribute(o.tag, 'functionInDocument') === 'CREATION_TIME') reference = item.value.slice(0, 10);
        else if (item.type === 'DATE') gold.push(item);
        else other.push(item);
      } else if (t === '<TEXT>') bodyStart = length;
      else if (t === '</TEXT>') bodyEnd = length;
      continue;
    }
    let piece = t;
    if (m[1] !== undefined) piece = m[1].startsWith('#') ? String.fromCharCode(+m[1].slice(1)) : ENTITIES[m[1]] ?? t;
    parts.push(piece);
    length += piece.length;
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(reference) || bodyStart < 0 || bodyEnd < 0) return null;
  return { name, corpus, reference, text: parts.join(''), bodyStart, bodyEnd, gold, other };
}

/** Canonical TIMEX3 value for comparison: "2000-W7" and "2000-W07" are the same week, "199X" and "199" the same decade. */
function canonical(value: string): string {
  return value.toUpperCase().replace(/-W(\d)(?!\d)/, '-W0$1').replace(/^(\d{3})X$/, '$1');
}

interface Tally {
  gold: number;
  predicted: number;
  spanHits: number;
  valueHits: number;
}

/** With `--sources`, relative dates inside quotations with their own date are resolved against it, as the engine does. */
function predict(doc: Doc, sources: boolean): DateMatch[] {
  const unresolved: Span[] = [];
  const found = recognizeDates(doc.text, doc.reference, doc.bodyStart, doc.bodyEnd, unresolved);
  if (!sources) return found;
  const quotes = detectQuotes(doc.text.slice(0, doc.bodyEnd), doc.bodyStart);
  return resolveSourceDates(doc.text.slice(0, doc.bodyEnd), doc.bodyStart, doc.reference, found, quotes, unresolved).dates;
}

function score(doc: Doc, errors: string[] | null, sources = false): Tally {
  const predicted = predict(doc, sources);
  const used = new Uint8Array(predicted.length);
  let spanHits = 0;
  let valueHits = 0;
  const show = (s: number, e: number) => JSON.stringify(doc.text.slice(s, e));
  for (const g of doc.gold) {
    let hit = -1;
    for (let i = 0; i < predicted.length; i++) {
      const p = predicted[i];
      if (!used[i] && p.start < g.end && g.start < p.end) { hit = i; break; }
    }
    if (hit < 0) {
      errors?.push(`${doc.name}\tMISS\t${show(g.start, g.end)}\t${g.value}\t…${show(Math.max(0, g.start - 50), g.start)}`);
      continue;
    }
    used[hit] = 1;
    spanHits++;
    if (canonical(predicted[hit].value) === canonical(g.value)) valueHits++;
    else errors?.push(`${doc.name}\tVALUE\t${show(g.start, g.end)}\tgold=${g.value}\tours=${predicted[hit].value} ${show(predicted[hit].start, predicted[hit].end)} ref=${doc.reference}`);
  }
  if (errors) {
    predicted.forEach((p, i) => {
      if (used[i]) return;
      const o = doc.other.find((g) => p.start < g.end && g.start < p.end);
      errors.push(`${doc.name}\tFALSE\t${show(p.start, p.end)}\t${p.value}${o ? `\t(gold ${o.type} ${o.value})` : ''}\t…${show(Math.max(0, p.start - 50), p.start)}`);
    });
  }
  return { gold: doc.gold.length, predicted: predicted.length, spanHits, valueHits };
}

function ratio(a: number, b: number): number {
  return b === 0 ? 0 : a / b;
}

function row(label: string, t: Tally): string {
  const p = ratio(t.spanHits, t.predicted);
  const r = ratio(t.spanHits, t.gold);
  const vp = ratio(t.valueHits, t.predicted);
  const vr = ratio(t.valueHits, t.gold);
  const vf = ratio(2 * vp * vr, vp + vr);
  const cells = [
    label.padEnd(9), String(t.gold).padStart(5), String(t.predicted).padStart(5),
    p.toFixed(3), r.toFixed(3), ratio(2 * p * r, p + r).toFixed(3), ratio(t.valueHits, t.spanHits).toFixed(3),
    vp.toFixed(3), vr.toFixed(3), vf.toFixed(3),
  ];
  return `| ${cells.join(' | ')} |`;
}

function findDataDir(argv: string[]): string | null {
  const flag = argv.indexOf('--data');
  const candidates = [
    flag >= 0 ? argv[flag + 1] : undefined,
    process.env.TIMEBANK_DIR,
    path.resolve(process.cwd(), '../shared/data/timebank'),
    path.resolve(__dirname, '../../../../shared/data/timebank'),
  ];
  for (const c of candidates) if (c && fs.existsSync(path.join(c, 'TimeBank'))) return c;
  return null;
}

function main(): void {
  const argv = process.argv.slice(2);
  const dir = findDataDir(argv);
  if (!dir) {
    console.log('timebank bench: data folder ../shared/data/timebank not found, skipping.');
    return;
  }
  const errors = argv.includes('--errors') ? ([] as string[]) : null;
  const docs: Doc[] = [];
  for (const corpus of ['TimeBank', 'AQUAINT']) {
    const folder = path.join(dir, corpus);
    if (!fs.existsSync(folder)) continue;
    for (const file of fs.readdirSync(folder).filter((f) => f.endsWith('.tml')).sort()) {
      const doc = parseTml(file, corpus, fs.readFileSync(path.join(folder, file), 'utf8'));
      if (doc) docs.push(doc);
      else console.warn(`timebank bench: no DCT or <TEXT> in ${corpus}/${file}, skipped`);
    }
  }
  const totals = new Map<string, Tally>();
  const all: Tally = { gold: 0, predicted: 0, spanHits: 0, valueHits: 0 };
  for (const doc of docs) {
    const t = score(doc, errors, argv.includes('--sources'));
    const c = totals.get(doc.corpus) ?? { gold: 0, predicted: 0, spanHits: 0, valueHits: 0 };
    for (const k of ['gold', 'predicted', 'spanHits', 'valueHits'] as const) {
      c[k] += t[k];
      all[k] += t[k];
    }
    totals.set(doc.corpus, c);
  }
  if (errors) console.log(errors.join('\n'));

  // Throughput: the same texts, scanned repeatedly, as a rough MB/s figure.
  const bodies = docs.map((d) => d.text);
  const chars = bodies.reduce((n, t) => n + t.length, 0);
  let rounds = 0;
  const began = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < 1e9 || rounds < 3) {
    for (let i = 0; i < docs.length; i++) recognizeDates(bodies[i], docs[i].reference);
    rounds++;
    elapsed = Number(process.hrtime.bigint() - began);
  }
  const mbPerSecond = (chars * rounds) / 1e6 / (elapsed / 1e9);

  console.log(`TimeBank/AQUAINT DATE expressions (${docs.length} documents; span match = overlap)\n`);
  console.log('| corpus    |  gold |  pred | P     | R     | F1    | val.acc | val.P | val.R | val.F1 |');
  console.log('|-----------|-------|-------|-------|-------|-------|---------|-------|-------|--------|');
  for (const [name, t] of totals) console.log(row(name, t));
  console.log(row('all', all));
  console.log(`\nthroughput: ${mbPerSecond.toFixed(1)} MB/s (${(chars / 1e6).toFixed(2)} M chars x ${rounds} rounds)`);
}

main();
