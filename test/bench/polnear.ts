/**
 * Quotation detection and speaker attribution measured on PolNeAR (dev), plus the seed corpus and speed.
 *
 *   npx tsc -b && node out/test/bench/polnear.js            (or bundle it with esbuild, see the README of the task)
 *   VERBOSE=1 … prints the misses and the wrong speakers.
 *
 * Gold quotations. A PolNeAR Content span is a "quoted content" when it opens with a quotation mark: its first
 * non-space character is an opening mark (“ „ « `` '' ‘ or a straight " or ' followed by a non-space), or the
 * nearest non-space character before it is such a mark (annotators sometimes leave the mark outside). Contents that
 * only contain marks further in ("…that the military is “depleted”") are partial quotes inside indirect speech; their
 * recall is reported apart ("embedded"). Length = words in the content's first fragment.
 *   recall    = quoted contents overlapped by any detected quotation (statement or term)
 *   precision = detected statements of ≥ 4 words that overlap any gold Content span (quoted or not)
 * Speaker accuracy, over quoted contents that have a Source and that a detected quotation overlaps (the one with the
 * largest overlap): correct when our speaker span overlaps the gold Source span, or has the same head word (the last
 * capitalised word, else the last word, possessive removed) — the same entity mentioned elsewhere, which is what a
 * "continued" or pronoun-resolved speaker points to. The data has no coreference, so when the gold Source is a pronoun
 * we use as its antecedent the nearest earlier gold Source that is not a pronoun and contains a proper name (a proxy,
 * reported separately); a relative "who"/"which" Source is compared with the words just before it.
 * When a text has several annotators, the first annotation file (sorted by annotator id) is used.
 * Offsets: brat offsets in this data are code points; they are mapped to UTF-16 units before comparing.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { attributeSpeakers, detectQuotes } from '../../server/src/core/recognize/quotes';
import type { NameMatch, QuoteMatch, SpeakerMatch } from '../../server/src/core/model/types';

const DATA =
  [process.env.CORROBORATE_DATA, path.resolve(__dirname, '../../../../shared/data'), path.resolve(process.cwd(), '../shared/data')].find(
    (d): d is string => !!d && fs.existsSync(d),
  ) ?? path.resolve(process.cwd(), '../shared/data');
const PN = path.join(DATA, 'polnear');
const CORPUS = path.resolve(DATA, '../corpus');
const VERBOSE = !!process.env.VERBOSE;

// ------------------------------------------------------------------------------------------------
// A light name finder for the benchmark only (the engine passes the actor recognizer's names).
// ------------------------------------------------------------------------------------------------

const TITLE_WORDS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'gov', 'sen', 'rep', 'gen', 'lt', 'col', 'sgt', 'capt', 'brig', 'prof', 'rev', 'president',
  'vice', 'prime', 'minister', 'supreme', 'leader', 'ayatollah', 'secretary', 'senator', 'governor', 'mayor', 'chairman',
  'speaker', 'foreign', 'general', 'commander', 'chief', 'justice', 'judge', 'sheikh', 'king', 'queen', 'prince',
  'former', 'sir', 'lord', 'pope', 'imam', 'hajj', 'congressman', 'congresswoman', 'ambassador', 'director', 'attorney',
  'presidential', 'nominee', 'candidate', 'republican', 'democratic', 'democrat', 'gop', 'iraqi', 'iranian', 'u.s.',
  'american', 'executive', 'deputy', 'spokesman', 'spokeswoman', 'adviser', 'advisor', 'house', 'senate', 'majority',
  'minority', 'whip', 'state', 'defense', 'interior', 'national', 'security', 'campaign', 'manager', 'chairwoman',
]);
const NOT_NAMES = new Set([
  'the', 'a', 'an', 'but', 'and', 'or', 'in', 'on', 'at', 'for', 'with', 'by', 'from', 'as', 'after', 'before', 'during',
  'while', 'when', 'if', 'although', 'though', 'because', 'however', 'meanwhile', 'this', 'that', 'these', 'those', 'his',
  'her', 'their', 'its', 'our', 'my', 'your', 'it', 'he', 'she', 'they', 'we', 'i', 'you', 'there', 'here', 'what', 'who',
  'why', 'how', 'where', 'which', 'according', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday',
  'sunday', 'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november',
  'december', 'so', 'then', 'now', 'yet', 'still', 'also', 'asked', 'to', 'of', 'not', 'no', 'yes', 'some', 'many', 'all',
  'one', 'two', 'said', 'says', 'like', 'just', 'even', 'do', 'does', 'did', 'is', 'was', 'are', 'were', 'will', 'would',
  'can', 'could', 'should', 'after', 'over', 'up', 'out', 'under', 'about', 'into', 'than', 'since', 'until', 'unless',
  'tells', 'told', 'says', 'threatens', 'vows', 'warns', 'urges',
]);
const ORG_WORDS = new Set(['party', 'campaign', 'news', 'times', 'post', 'committee', 'department', 'university', 'ministry', 'council', 'corps', 'force', 'forces', 'agency', 'network', 'group', 'institute', 'foundation', 'association', 'union', 'court', 'house', 'senate', 'congress', 'cnn', 'fbi', 'cia', 'nbc', 'abc', 'cbs', 'msnbc', 'fox', 'reuters', 'irna', 'kayhan', 'tasnim', 'fars']);
const PLACES = new Set(['iran', 'iraq', 'u.s.', 'us', 'america', 'united', 'states', 'tehran', 'baghdad', 'washington', 'syria', 'israel', 'russia', 'china', 'kurdistan', 'lebanon', 'gaza', 'new', 'york', 'florida', 'ohio', 'texas', 'california', 'pennsylvania', 'virginia', 'carolina', 'north', 'south', 'michigan', 'iowa', 'nevada', 'colorado', 'arizona', 'georgia', 'charlotte', 'europe', 'mexico', 'saudi', 'arabia', 'ukraine', 'afghanistan', 'yemen', 'turkey', 'qatar', 'kuwait', 'jordan', 'egypt', 'britain', 'uk', 'france', 'germany']);

export function liteNames(text: string, from = 0): NameMatch[] {
  const out: NameMatch[] = [];
  const re = /[\p{L}\p{N}][\p{L}\p{N}]*(?:['’.\-&][\p{L}\p{N}]+)*\.?/gu;
  re.lastIndex = from;
  type W = { s: number; e: number; w: string; cap: boolean; sentStart: boolean };
  const words: W[] = [];
  let m: RegExpExecArray | null;
  let lastEnd = from;
  while ((m = re.exec(text))) {
    let w = m[0];
    let e = m.index + w.length;
    if (w.endsWith('.') && !/^(?:[A-Z]\.|(?:[A-Za-z]\.)+[A-Za-z]\.|Mr\.|Mrs\.|Ms\.|Dr\.|Gov\.|Sen\.|Rep\.|Gen\.|Lt\.|Col\.|Sgt\.|Capt\.|Brig\.|Jr\.|Sr\.|St\.)$/.test(w)) {
      w = w.slice(0, -1);
      e--;
    }
    const between = text.slice(lastEnd, m.index);
    const sentStart = words.length === 0 || /[.!?]["”’')\]]*\s+$|\n\s*$|["“‘:]\s*$/.test(between);
    words.push({ s: m.index, e, w, cap: /^\p{Lu}/u.test(w), sentStart });
    lastEnd = e;
  }
  let i = 0;
  while (i < words.length) {
    const w = words[i];
    const cap = w.cap || /^(?:al|el|abu|abd|bin|ibn)-\p{Lu}/u.test(w.w) || (/^(al|el|bin|ibn|de|van|von)-?$/i.test(w.w) && i + 1 < words.length && words[i + 1].cap);
    if (!cap || NOT_NAMES.has(w.w.toLowerCase())) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < words.length) {
      const n = words[j + 1];
      const gap = text.slice(words[j].e, n.s);
      if (!/^[ \u00a0]$/.test(gap) && !(gap === '' && false)) break;
      if (/['’]s$/.test(words[j].w)) break;
      if (!(n.cap || /^(?:al|el|abu|abd|bin|ibn)-\p{Lu}/u.test(n.w) || (/^(al|el|bin|ibn|de|van|von)$/i.test(n.w) && j + 2 < words.length && words[j + 2].cap))) break;
      if (NOT_NAMES.has(n.w.toLowerCase()) && !n.cap) break;
      if (['tells', 'says', 'said', 'threatens', 'vows', 'warns', 'urges', 'to', 'of', 'and'].includes(n.w.toLowerCase())) break;
      j++;
    }
    let a = i;
    let title = '';
    while (a < j && TITLE_WORDS.has(words[a].w.toLowerCase().replace(/['’]s$/, ''))) {
      title += (title ? ' ' : '') + words[a].w;
      a++;
    }
    let end = words[j].e;
    let last = words[j].w;
    if (/['’]s$/.test(last)) end -= 2;
    // a lone sentence-initial capitalised word that is common is probably not a name
    const single = a === j;
    if (!(single && words[a].sentStart && /^[A-Z][a-z]+$/.test(words[a].w) && words[a].w.length < 3)) {
      const s = words[a].s;
      if (end > s) {
        const nt = text.slice(s, end);
        const lw = nt.toLowerCase().split(/\s+/);
        const kind = lw.some((x) => ORG_WORDS.has(x)) ? 'organization' : lw.every((x) => PLACES.has(x)) ? 'place' : undefined;
        out.push({ start: s, end, text: nt, key: nt.toLowerCase(), kind, title: title || undefined });
      }
    }
    i = j + 1;
  }
  return out;
}

// ------------------------------------------------------------------------------------------------
// Gold
// ------------------------------------------------------------------------------------------------

interface Frag {
  start: number;
  end: number;
}
interface Ent {
  id: string;
  type: string;
  frags: Frag[];
  text: string;
}
interface Attr {
  content?: Ent;
  source?: Ent;
  cue?: Ent;
}

/** Maps brat's code-point offsets to UTF-16 offsets in `text`. */
export function cpToUtf16(text: string): (cp: number) => number {
  if (!/[\uD800-\uDFFF]/.test(text)) return (cp) => cp;
  const map: number[] = [];
  let u = 0;
  for (const ch of text) {
    map.push(u);
    u += ch.length;
  }
  map.push(u);
  return (cp) => map[Math.min(cp, map.length - 1)];
}

function readAnn(file: string, text: string): { ents: Ent[]; attrs: Attr[] } {
  const conv = cpToUtf16(text);
  const ents = new Map<string, Ent>();
  const attrs: Attr[] = [];
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const events: Record<string, string>[] = [];
  for (const line of lines) {
    const parts = line.split('\t');
    if (parts.length < 2) continue;
    if (parts[0].startsWith('T')) {
      const sp = parts[1].indexOf(' ');
      const type = parts[1].slice(0, sp);
      const frags = parts[1]
        .slice(sp + 1)
        .split(';')
        .map((f) => f.trim().split(/\s+/).map(Number))
        .map(([a, b]) => ({ start: conv(a), end: conv(b) }));
      ents.set(parts[0], { id: parts[0], type, frags, text: parts[2] ?? '' });
    } else if (parts[0].startsWith('E')) {
      const rec: Record<string, string> = {};
      for (const kv of parts[1].trim().split(/\s+/)) {
        const [k, v] = kv.split(':');
        rec[k] = v;
      }
      events.push(rec);
    }
  }
  for (const e of events) {
    attrs.push({ content: ents.get(e.Content), source: ents.get(e.Source), cue: ents.get(e.Cue) });
  }
  return { ents: [...ents.values()], attrs };
}


function opensWithMark(text: string, s: number): boolean {
  let i = s;
  while (i < text.length && /\s/.test(text[i])) i++;
  const rest = text.slice(i, i + 3);
  if (/^(?:“|„|«|``|‘)/.test(rest)) return true;
  if (/^(?:''|")\S/.test(rest) || /^'\S/.test(rest)) return true;
  // the mark just before the span
  let j = s - 1;
  while (j >= 0 && (text[j] === ' ' || text[j] === '\t')) j--;
  if (j < 0) return false;
  const c = text[j];
  const p = j > 0 ? text[j - 1] : '\n';
  if (c === '“' || c === '‘' || c === '„' || c === '«') return true;
  if ((c === '"' || c === "'") && /[\s(\[—–:]/.test(p)) return true;
  return false;
}

function words(s: string): number {
  return (s.match(/[\p{L}\p{N}]+(?:['’\-][\p{L}\p{N}]+)*/gu) ?? []).length;
}

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

function overlapLen(a: { start: number; end: number }, b: { start: number; end: number }): number {
  return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
}

const PRONOUN_SOURCES = new Set(['he', 'she', 'they', 'it', 'i', 'we', 'you', 'his', 'her', 'him', 'them', 'me', 'us']);
const RELATIVE_SOURCES = new Set(['who', 'which', 'that']);

/** Head word of a speaker phrase: its last capitalised word before any apposition, else its last word. */
function head(s: string): string {
  const core = s.split(/,|\(| -- | — | who | which | at | from /)[0];
  const ws = core.match(/[\p{L}\p{N}]+(?:['’\-][\p{L}\p{N}]+)*/gu) ?? [];
  const clean = ws.map((w) => w.replace(/['’]s$/, ''));
  for (let i = clean.length - 1; i >= 0; i--) if (/^\p{Lu}/u.test(clean[i]) && !/^(The|A|An)$/.test(clean[i])) return clean[i].toLowerCase();
  return (clean[clean.length - 1] ?? '').toLowerCase();
}

/** Does a Source phrase contain a proper name (a capitalised word besides a leading determiner)? */
function hasProperName(s: string): boolean {
  const core = s.split(/,|\(| -- | — | who | which /)[0].replace(/^\s*(The|A|An|This|That)\s+/, '');
  return /(^|\s)\p{Lu}/u.test(core);
}

/** The plain baseline: a regular expression pairing double quotes within a line. */
function baselineQuotes(text: string): { start: number; end: number; words: number }[] {
  const out: { start: number; end: number; words: number }[] = [];
  const re = /["“”]([^"“”\n]+)["“”]/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) out.push({ start: m.index + 1, end: m.index + 1 + m[1].length, words: words(m[1]) });
  return out;
}

// ------------------------------------------------------------------------------------------------

function ratio(a: number, b: number): string {
  return b ? (a / b).toFixed(3) : '  -  ';
}

function evaluatePolnear(split = process.env.SPLIT ?? 'dev'): void {
  const dir = path.join(PN, split);
  if (!fs.existsSync(path.join(dir, 'text'))) {
    console.log(`PolNeAR not found under ${dir}: skipped.`);
    return;
  }
  const annFiles = fs.readdirSync(path.join(dir, 'attributions')).filter((f) => f.endsWith('.ann')).sort();
  const texts = fs.readdirSync(path.join(dir, 'text')).filter((f) => f.endsWith('.txt')).sort();
  const c = {
    gold4: 0, gold4hit: 0, goldAll: 0, goldAllHit: 0, emb: 0, embHit: 0,
    det4: 0, det4ok: 0, detAll: 0, detAllOk: 0,
    base4: 0, base4ok: 0, baseAll: 0, baseAllOk: 0, baseGold4hit: 0, baseGoldAllHit: 0, baseEmbHit: 0,
    spN: 0, spOk: 0, spNamedN: 0, spNamedOk: 0, spPronN: 0, spPronOk: 0, spNull: 0, spPronMention: 0, spPronResolved: 0,
    goldD4: 0, goldD4hit: 0, baseGoldD4hit: 0,
    spMarkN: 0, spMarkOk: 0,
  };
  const misses: string[] = [];
  const falsePos: string[] = [];
  const wrongSp: string[] = [];
  for (const tf of texts) {
    const base = tf.replace(/\.txt$/, '');
    const ann = annFiles.find((f) => f.startsWith(base + '_') && /^_[0-9a-f]+\.ann$/.test(f.slice(base.length)));
    if (!ann) continue;
    const text = fs.readFileSync(path.join(dir, 'text', tf), 'utf8');
    const { ents, attrs } = readAnn(path.join(dir, 'attributions', ann), text);
    const contents = ents.filter((e) => e.type === 'Content');
    const quotes = detectQuotes(text);
    const names = liteNames(text);
    const speakers = attributeSpeakers(text, quotes, names);
    const bq = baselineQuotes(text);
    const snippet = (a: number, b: number) => JSON.stringify(text.slice(Math.max(0, a - 60), Math.min(text.length, b + 60)));

    // gold quoted contents
    const sources = ents.filter((e) => e.type === 'Source').sort((a, b) => a.frags[0].start - b.frags[0].start);
    for (const at of attrs) {
      const ct = at.content;
      if (!ct) continue;
      const f0 = ct.frags[0];
      const quoted = opensWithMark(text, f0.start);
      const t0 = text.slice(f0.start, f0.end);
      const hitBy = (qs: { start: number; end: number }[]) => ct.frags.some((f) => qs.some((q) => overlaps(q, f)));
      if (!quoted) {
        if (/[“”"]|''/.test(text.slice(f0.start, ct.frags[ct.frags.length - 1].end))) {
          c.emb++;
          if (hitBy(quotes)) c.embHit++;
          if (hitBy(bq)) c.baseEmbHit++;
        }
        continue;
      }
      const n = words(t0);
      const hit = hitBy(quotes);
      c.goldAll++;
      if (hit) c.goldAllHit++;
      if (hitBy(bq)) c.baseGoldAllHit++;
      if (n >= 4) {
        c.gold4++;
        if (hit) c.gold4hit++;
        else misses.push(`${base}: ${snippet(f0.start, f0.end)}`);
        if (hitBy(bq)) c.baseGold4hit++;
        if (/^\s*["“„«]/.test(text.slice(f0.start, f0.start + 3)) || /["“„«]\s*$/.test(text.slice(Math.max(0, f0.start - 3), f0.start))) {
          c.goldD4++;
          if (hit) c.goldD4hit++;
          if (hitBy(bq)) c.baseGoldD4hit++;
        }
      }
      // speaker
      if (!at.source || !hit) continue;
      let best: QuoteMatch | null = null;
      let bestSp: SpeakerMatch | null = null;
      let bestLen = 0;
      quotes.forEach((q, i) => {
        const len = ct.frags.reduce((s, f) => s + overlapLen(q, f), 0);
        if (len > bestLen) {
          bestLen = len;
          best = q;
          bestSp = speakers[i];
        }
      });
      if (!best) continue;
      const src = at.source;
      const srcText = src.frags.map((f) => text.slice(f.start, f.end)).join(' ');
      const isPron = PRONOUN_SOURCES.has(srcText.trim().toLowerCase());
      let ok = false;
      let mentionOk = false;
      let resolvedOk = false;
      const sp = bestSp as SpeakerMatch | null;
      let proxy = '';
      if (sp) {
        const mention = sp.mention;
        if (mention && src.frags.some((f) => overlaps(f, mention))) mentionOk = ok = true;
        if (src.frags.some((f) => overlaps(f, sp))) ok = true;
        else if (!isPron && head(srcText) === head(sp.text)) ok = true;
        else if (RELATIVE_SOURCES.has(srcText.trim().toLowerCase())) {
          // "Stevie Wonder, who joked …": the antecedent is the phrase just before the relative pronoun
          const before = text.slice(Math.max(0, src.frags[0].start - 60), src.frags[0].start);
          proxy = before.trim();
          if (overlaps({ start: src.frags[0].start - 60, end: src.frags[0].start }, sp) || head(before) === head(sp.text)) ok = true;
        } else if (isPron) {
          const prev = sources.filter((s) => s.frags[0].start < src.frags[0].start && !PRONOUN_SOURCES.has(s.text.trim().toLowerCase()) && hasProperName(s.text));
          const ante = prev[prev.length - 1];
          proxy = ante ? ante.text : '';
          if (ante && head(ante.text) === head(sp.text)) resolvedOk = ok = true;
        }
      } else c.spNull++;
      c.spN++;
      if (ok) c.spOk++;
      if (isPron) {
        c.spPronN++;
        if (ok) c.spPronOk++;
        if (mentionOk) c.spPronMention++;
        if (resolvedOk) c.spPronResolved++;
      } else {
        c.spNamedN++;
        if (ok) c.spNamedOk++;
      }
      if (!resolvedOk && isPron) wrongSp.push(`  (pronoun ${mentionOk ? 'found' : 'missed'}, resolution differs from proxy)`);
      if (!ok || (isPron && !resolvedOk)) wrongSp.push(`${base}: gold=${JSON.stringify(srcText)}${proxy ? ` (~${JSON.stringify(proxy)})` : ''} ours=${sp ? JSON.stringify(sp.text) + '/' + sp.via : 'null'} :: ${snippet((best as QuoteMatch).outerStart, (best as QuoteMatch).outerStart)}`);
    }
    // precision
    const inAnyContent = (q: { start: number; end: number }) => contents.some((ct) => ct.frags.some((f) => overlaps(f, q)));
    for (const q of quotes) {
      const ok = inAnyContent(q);
      c.detAll++;
      if (ok) c.detAllOk++;
      if (q.kind === 'statement' && words(q.text) >= 4) {
        c.det4++;
        if (ok) c.det4ok++;
        else falsePos.push(`${base}: ${JSON.stringify(q.text.slice(0, 150))} closed=${q.closed} :: ${snippet(q.outerStart, q.outerStart)}`);
      }
    }
    for (const q of bq) {
      const ok = inAnyContent(q);
      c.baseAll++;
      if (ok) c.baseAllOk++;
      if (q.words >= 4) {
        c.base4++;
        if (ok) c.base4ok++;
      }
    }
  }
  console.log(`PolNeAR ${split} (${texts.length} articles): quotation detection`);
  console.log('                              ours     baseline (regex over double quotes)');
  console.log(`recall, quoted ≥4 words      ${ratio(c.gold4hit, c.gold4)}    ${ratio(c.baseGold4hit, c.gold4)}     (n=${c.gold4})`);
  console.log(`recall, double marks only ≥4  ${ratio(c.goldD4hit, c.goldD4)}    ${ratio(c.baseGoldD4hit, c.goldD4)}     (n=${c.goldD4}; without '' and single-quoted contents)`);
  console.log(`recall, quoted, all lengths  ${ratio(c.goldAllHit, c.goldAll)}    ${ratio(c.baseGoldAllHit, c.goldAll)}     (n=${c.goldAll})`);
  console.log(`recall, embedded partial     ${ratio(c.embHit, c.emb)}    ${ratio(c.baseEmbHit, c.emb)}     (n=${c.emb})`);
  console.log(`precision, ≥4 words          ${ratio(c.det4ok, c.det4)}    ${ratio(c.base4ok, c.base4)}     (n=${c.det4} vs ${c.base4}; ours: statements only)`);
  console.log(`precision, all detected      ${ratio(c.detAllOk, c.detAll)}    ${ratio(c.baseAllOk, c.baseAll)}     (n=${c.detAll} vs ${c.baseAll})`);
  console.log('speaker accuracy (quoted contents with a Source, detected)');
  console.log(`  all                        ${ratio(c.spOk, c.spN)}     (n=${c.spN}, no speaker: ${c.spNull})`);
  console.log(`  named/nominal sources      ${ratio(c.spNamedOk, c.spNamedN)}     (n=${c.spNamedN})`);
  console.log(`  pronoun sources            ${ratio(c.spPronOk, c.spPronN)}     (n=${c.spPronN}; pronoun found or antecedent = proxy)`);
  console.log(`    pronoun found            ${ratio(c.spPronMention, c.spPronN)}`);
  console.log(`    resolved = proxy antecedent ${ratio(c.spPronResolved, c.spPronN)}  (nearest earlier named gold Source; a rough proxy)`);
  if (VERBOSE) {
    console.log('\n--- missed quoted contents (≥4 words)');
    for (const m of misses) console.log(m);
    console.log('\n--- statements (≥4 words) outside any Content');
    for (const m of falsePos) console.log(m);
    console.log('\n--- wrong speakers');
    for (const m of wrongSp) console.log(m);
  }
}

function seedCorpus(): void {
  if (!fs.existsSync(CORPUS)) {
    console.log(`\nSeed corpus not found at ${CORPUS}: skipped.`);
    return;
  }
  const files = fs.readdirSync(CORPUS).filter((f) => f.endsWith('.txt')).sort();
  console.log('\nSeed corpus');
  for (const f of files) {
    const text = fs.readFileSync(path.join(CORPUS, f), 'utf8');
    const quotes = detectQuotes(text);
    const sp = attributeSpeakers(text, quotes, liteNames(text));
    const st = quotes.filter((q) => q.kind === 'statement').length;
    const attributed = sp.filter((s) => s).length;
    console.log(`  ${f}: ${quotes.length} quotations (${st} statements), ${attributed} with a speaker`);
    if (VERBOSE || process.env.SEED) {
      quotes.forEach((q, i) => {
        const s = sp[i];
        const t = q.text.length > 110 ? q.text.slice(0, 60) + ' … ' + q.text.slice(-40) : q.text;
        console.log(`    [${q.kind[0]}${q.closed ? '' : ' unclosed'}${q.paragraphs > 1 ? ' ¶' + q.paragraphs : ''}] ${JSON.stringify(t)}  <- ${s ? `${s.text} (${s.via})` : '-'}`);
      });
    }
  }
}

function timeRun(texts: string[], names: NameMatch[][]): { detect: number; attr: number; quotes: number } {
  let t0 = process.hrtime.bigint();
  const all: QuoteMatch[][] = [];
  let n = 0;
  for (const t of texts) {
    const q = detectQuotes(t);
    n += q.length;
    all.push(q);
  }
  const detect = Number(process.hrtime.bigint() - t0) / 1e9;
  t0 = process.hrtime.bigint();
  for (let i = 0; i < texts.length; i++) attributeSpeakers(texts[i], all[i], names[i]);
  const attr = Number(process.hrtime.bigint() - t0) / 1e9;
  return { detect, attr, quotes: n };
}

function speedOn(label: string, texts: string[]): void {
  if (!texts.length) return;
  let chars = 0;
  for (const t of texts) chars += t.length;
  const names = texts.map((t) => liteNames(t));
  const mb = chars / 1e6;
  const cold = timeRun(texts, names);
  const warm = timeRun(texts, names);
  const f = (r: { detect: number; attr: number }) =>
    `detect ${(r.detect * 1000).toFixed(0)} ms (${(mb / r.detect).toFixed(0)} MB/s), attribute ${(r.attr * 1000).toFixed(0)} ms (${(mb / r.attr).toFixed(0)} MB/s), both ${(mb / (r.detect + r.attr)).toFixed(0)} MB/s`;
  console.log(`  ${label}: ${texts.length} documents, ${mb.toFixed(1)} M characters, ${warm.quotes} quotations`);
  console.log(`    first pass  ${f(cold)}`);
  console.log(`    second pass ${f(warm)}`);
}

function speed(): void {
  console.log('\nSpeed (names from the light finder are computed beforehand and not timed)');
  const reuters = path.join(DATA, 'reuters-21578');
  const rt: string[] = [];
  if (fs.existsSync(reuters)) {
    for (const f of fs.readdirSync(reuters).filter((x) => x.endsWith('.json')).sort()) {
      const arr = JSON.parse(fs.readFileSync(path.join(reuters, f), 'utf8')) as { body?: string; title?: string }[];
      for (const d of arr) if (d.body) rt.push((d.title ? d.title + '\n\n' : '') + d.body);
    }
  }
  speedOn('Reuters-21578 newswire', rt);
  const pnText = path.join(PN, 'train', 'text');
  const pn: string[] = [];
  if (fs.existsSync(pnText)) for (const f of fs.readdirSync(pnText).sort()) pn.push(fs.readFileSync(path.join(pnText, f), 'utf8'));
  speedOn('PolNeAR train (quote-dense)', pn);
  if (!rt.length && !pn.length) console.log('  no data, skipped.');
}

if (require.main === module && !process.env.POLNEAR_LIB) main();
function main(): void {
if (!fs.existsSync(PN) && !fs.existsSync(CORPUS)) {
  console.log('No data folder found (../shared/data): PolNeAR benchmark skipped.');
  process.exit(0);
}
if (!process.env.NO_EVAL) {
  evaluatePolnear();
  seedCorpus();
}
if (!process.env.NO_SPEED) speed();
}
