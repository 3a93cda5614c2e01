/**
 * Quoted and translated sources that carry their own date.
 *
 * A speech quoted at length, a translated editorial or a republished article speaks from its own day:
 * its "yesterday" is the day before it was given, not the day before the report. When the text says
 * when such a source was given, relative dates inside it are resolved against that day instead of the
 * publication date.
 *
 * A quotation's own date comes from, in this order:
 * - 'sentence': a day-precise date in the quotation's sentence outside quotation marks ("IRNA reported
 *   on November 29: '…'", "“…,” he said on Tuesday."), or in a lead-in paragraph ending with a colon;
 * - 'paragraph': the nearest such date in the six sentences before, within the paragraph, whose sentence speaks of saying,
 *   writing or meeting ("In their November 29, 2022 meeting, Khamenei … He said: “…”");
 * - 'source': the lead-in names a kind of source ("a translation of the Kayhan article:") and a
 *   sentence of the three paragraphs before dates that kind of source ("In a November 30, 2022
 *   article, … Kayhan stressed");
 * - 'source' also: a heading that quotes a source ("Regime Mouthpiece Kayhan: “…”") takes the date the next
 *   paragraph gives that source by name ("In a November 30, 2022 article, … Kayhan stressed");
 * - 'enclosing': a quotation inside one of those speaks from the same day unless it has its own.
 * A quotation whose lead-in times it some other way ("a few days after the cabinet was formed, saying: …",
 * "the recent opening of an office, to …", "In January he said: …") has no day the text gives: it is left
 * undated (`timeCue` says why) rather than given the day of its source or of the article's lead event. A
 * later quotation of the same paragraph, with no day of its own, shares that cue.
 * A candidate later than the day the surrounding text speaks from (the publication, or the enclosing
 * source) is a plan or a deadline, not the day something was said, and is skipped.
 *
 * A whole document speaks from its own day ('original') when a note in its first or last lines says it
 * was originally published, or translated, from a source of a given day.
 */
import type { DateMatch, QuoteMatch, Span } from '../model/types';
import { recognizeDates } from './dates';
import { partitionPoint, runningMaxEnd } from '../text/search';
import { isDayValue, isQuarterValue } from './dateValues';

export type SourceDateHow = 'sentence' | 'paragraph' | 'source' | 'enclosing' | 'original';

/** The own date of a quoted or translated source, and the date expression that gave it. */
export interface SourceDate extends Span {
  value: string;
  how: SourceDateHow;
  text: string;
}

/** Words that make a sentence about an utterance or an encounter, whose date is then the utterance's. */
const SPEECH_CUE = /\b(?:said|says|say|saying|told|tells|tell|stated|states|added|adds|met|meets|meeting|talks|speech|spoke|speaking|remarks|statement|interview|address|addressed|sermon|article|editorial|column|wrote|writes|written|reported|reports|tweeted|tweets|posted|announced|declared|stressed|urged|warned|quoted|visit|conference|broadcast)\b/i;
/** Kinds of source a lead-in can name ("the Kayhan article:"); the key is matched in an earlier sentence. */
const SOURCE_NOUNS: Record<string, RegExp> = {
  article: /\barticles?\b/i,
  editorial: /\beditorials?\b/i,
  column: /\bcolumns?\b/i,
  'op-ed': /\bop-eds?\b/i,
  speech: /\bspeech(?:es)?\b/i,
  sermon: /\bsermons?\b/i,
  address: /\baddress\b/i,
  interview: /\binterviews?\b/i,
  statement: /\bstatements?\b/i,
  letter: /\bletters?\b/i,
  report: /\breports?\b/i,
  broadcast: /\bbroadcasts?\b/i,
  transcript: /\btranscripts?\b/i,
  message: /\bmessages?\b/i,
  meeting: /\bmeetings?\b|\bmet\b/i,
};
const SOURCE_NOUN = /\b(article|editorial|column|op-ed|speech|sermon|address|interview|statement|letter|report|broadcast|transcript|message|meeting)s?\b/gi;
/** A note saying the whole text is another source's: "Originally published in Kayhan on …", "Translated from the Persian …". */
const ORIGINAL_NOTE = /^[\s([*_]*(?:(?:this|the) (?:article|piece|story|report|interview|editorial|speech|text)\b[^.\n]{0,60}?)?(?:(?:was )?(?:originally|first) (?:published|appeared|aired|broadcast|ran|posted)|translated (?:from|by)|(?:a |an )?(?:translation|english version) of)\b/i;
/** Words that time an utterance without a day: "a few days after", "shortly before", "recently", "in the past". */
const OWN_TIME_CUE = new RegExp(
  '\\b(?:recently|previously|in the past|' +
    '(?:a few|several|some|many|a couple of|two|three|four|five|six|seven|eight|nine|ten|\\d+) (?:days|weeks|months|years) (?:after|before|later|earlier|ago)|' +
    '(?:a|one) (?:day|week|month|year) (?:after|before|later|earlier|ago)|' +
    '(?:shortly|soon|just|right|immediately|long) (?:after|before)|' +
    'recent (?:opening|visit|meeting|talks|statements?|remarks|speech|interview|days|weeks|months|years))\\b',
  'i',
);
/** A heading's source: the last capitalised word of its lead-in ("Regime Mouthpiece Kayhan:" gives "Kayhan"). */
const HEADING_NAME = /([A-Z][\p{L}'’-]{2,})[^\p{L}]*$/u;
const HEADING_MAX = 80;
const NOTE_MAX = 300;
const PARAGRAPHS_BACK = 3;
const SENTENCES_BACK = 6;
const SHORT_LEAD = 60;

/** Where a quotation's own date comes from; `of(i)` answers for quotation i, remembering answers. */
export class SourceDates {
  // made on first use: most documents never ask
  private memo: Map<number, SourceDate | null> | undefined;
  private cues: Map<number, string> | undefined;
  private startOrder: { order: Int32Array; maxEnd: Int32Array } | undefined;

  constructor(
    private readonly text: string,
    private dates: readonly DateMatch[],
    private readonly quotes: readonly QuoteMatch[],
    /** The day the document's own text speaks from: its original date, else its publication date. */
    private readonly base: string | null,
  ) {}

  /** Swaps in re-resolved dates (dates inside a source change once that source is dated). */
  useDates(dates: readonly DateMatch[]): void {
    this.dates = dates;
  }

  /** The own date of statement quotation `i`, or null when the text gives none. */
  of(i: number): SourceDate | null {
    let found = this.memo?.get(i);
    if (found === undefined) {
      found = this.compute(i);
      (this.memo ??= new Map()).set(i, found);
    }
    return found;
  }

  /** The words that time statement quotation `i` without a day ("a few days after"), when they leave it undated; else null. */
  timeCue(i: number): string | null {
    this.of(i);
    return this.cues?.get(i) ?? null;
  }

  /** Index of the innermost statement quotation strictly containing quotation `i`, or -1. */
  enclosing(i: number): number {
    const q = this.quotes[i];
    const quotes = this.quotes;
    const { order, maxEnd } = this.byStart();
    let best = -1;
    // Only quotations starting at or before q can contain it; going back in start order, none can once the longest
    // reach of those left ends before q does.
    for (let j = partitionPoint(order.length, (x) => quotes[order[x]].outerStart <= q.outerStart) - 1; j >= 0 && maxEnd[j] >= q.outerEnd; j--) {
      const k = order[j];
      const o = quotes[k];
      if (k === i || o.kind !== 'statement' || o.outerEnd < q.outerEnd || (o.outerStart === q.outerStart && o.outerEnd === q.outerEnd)) continue;
      const length = o.outerEnd - o.outerStart;
      const bestLength = best < 0 ? 0 : quotes[best].outerEnd - quotes[best].outerStart;
      // the shortest, and of equally short ones the first
      if (best < 0 || length < bestLength || (length === bestLength && k < best)) best = k;
    }
    return best;
  }

  /** Quotation indices in order of their opening marks, and the furthest end among the first j+1 of them. */
  private byStart(): { order: Int32Array; maxEnd: Int32Array } {
    if (!this.startOrder) {
      const quotes = this.quotes;
      const order = Int32Array.from(quotes.keys()).sort((a, b) => quotes[a].outerStart - quotes[b].outerStart || a - b);
      const maxEnd = runningMaxEnd(order.length, (j) => quotes[order[j]].outerEnd);
      this.startOrder = { order, maxEnd };
    }
    return this.startOrder;
  }

  private compute(i: number): SourceDate | null {
    const q = this.quotes[i];
    if (q.kind !== 'statement') return null;
    const outer = this.enclosing(i);
    const outerDate = outer >= 0 ? this.of(outer) : null;
    const ceiling = outerDate?.value ?? this.base;
    const ok = (d: DateMatch) => isDayValue(d.value) && (!ceiling || d.value <= ceiling) && !this.insideOtherQuote(d, i);
    const text = this.text;

    // The lead-in: the sentence before the opening mark, or a paragraph ending with a colon just above.
    const lineStart = lastNewline(text, q.outerStart - 1) + 1;
    let leadStart: number;
    let leadEnd = q.outerStart;
    let paragraphStart = lineStart;
    if (isBlank(text, lineStart, q.outerStart)) {
      const prev = previousLine(text, lineStart);
      if (prev && text.charCodeAt(lastNonSpace(text, prev.start, prev.end)) === 58) {
        paragraphStart = prev.start;
        leadEnd = prev.end;
        leadStart = sentenceStart(text, lastNonSpace(text, prev.start, prev.end), prev.start);
      } else leadStart = q.outerStart;
    } else leadStart = sentenceStart(text, q.outerStart, lineStart);
    if (isBlank(text, leadStart, q.outerStart) && leadStart > lineStart) {
      // A short sentence just before works as a heading: "Clinton on Friday. “…”".
      const prevStart = sentenceStart(text, previousSentenceEnd(text, leadStart, lineStart), lineStart);
      if (leadStart - prevStart <= SHORT_LEAD) leadStart = prevStart;
    }
    const afterEnd = sentenceEnd(text, q.outerEnd);

    const before = this.datesIn(leadStart, leadEnd).filter(ok);
    if (before.length) return this.make(before[before.length - 1], 'sentence');
    const after = this.datesIn(q.outerEnd, afterEnd).filter(ok);
    if (after.length) return this.make(after[0], 'sentence');
    const cue = this.ownCue(leadStart, leadEnd, i, ceiling);
    if (cue) {
      (this.cues ??= new Map()).set(i, cue);
      return null;
    }

    // Paragraphs can be whole articles when a text has no line breaks: look a few sentences back only.
    let floor = leadStart;
    for (let n = 0; n < SENTENCES_BACK && floor > paragraphStart; n++) floor = sentenceStart(text, previousSentenceEnd(text, floor, paragraphStart), paragraphStart);
    const earlier = this.datesIn(floor, leadStart).filter((d) => ok(d) && SPEECH_CUE.test(withoutQuotations(sentenceAround(text, d, floor))));
    if (earlier.length) return this.make(earlier[earlier.length - 1], 'paragraph');
    // "… the recent opening of an office, to “…”. According to its head, “…”": the second shares the time of
    // a quotation in the sentence just before.
    const previous = leadStart > paragraphStart ? sentenceStart(text, previousSentenceEnd(text, leadStart, paragraphStart), paragraphStart) : leadStart;
    for (let k = i - 1; k >= 0; k--) {
      const o = this.quotes[k];
      if (o.outerEnd <= previous) break;
      if (o.kind !== 'statement' || o.outerEnd > q.outerStart) continue;
      const shared = this.timeCue(k);
      if (shared) {
        (this.cues ??= new Map()).set(i, shared);
        return null;
      }
      if (this.of(k)) break;
    }

    const lead = text.slice(leadStart, leadEnd) + ' ' + text.slice(q.outerEnd, afterEnd);
    for (const m of lead.matchAll(SOURCE_NOUN)) {
      const noun = SOURCE_NOUNS[m[1].toLowerCase()];
      let from = paragraphStart;
      for (let n = 0; n < PARAGRAPHS_BACK; n++) {
        const prev = previousLine(text, from);
        if (!prev) break;
        from = prev.start;
      }
      const back = this.datesIn(from, paragraphStart).filter((d) => ok(d) && noun.test(sentenceAround(text, d, from)));
      if (back.length) return this.make(back[back.length - 1], 'source');
    }
    const heading = leadStart === lineStart && leadEnd - leadStart <= HEADING_MAX ? this.headingDate(leadStart, leadEnd, q.outerEnd, ok) : null;
    if (heading) return this.make(heading, 'source');
    return outerDate ? { ...outerDate, how: 'enclosing' } : null;
  }

  /**
   * The time cue of a lead-in, outside its quotations: vague words, or a date coarser than a day before the
   * day the text speaks from ("In January, he said:"); later ones are plans or deadlines, as for days.
   */
  private ownCue(from: number, to: number, i: number, ceiling: string | null): string | null {
    const words = OWN_TIME_CUE.exec(withoutQuotations(this.text.slice(from, to)));
    if (words) return words[0];
    // A quarter before "said" is what the figures cover ("Fourth-quarter profit rose, the company said"), not when it was said.
    const coarse = this.datesIn(from, to).find((d) => !isDayValue(d.value) && !isQuarterValue(d.value) && (!ceiling || d.value < ceiling) && !this.insideOtherQuote(d, i));
    return coarse ? coarse.text : null;
  }

  /** For a heading "Source: “…”" closing its line: a day the next paragraph gives, in a sentence naming that source. */
  private headingDate(leadStart: number, leadEnd: number, quoteEnd: number, ok: (d: DateMatch) => boolean): DateMatch | null {
    const text = this.text;
    const lineEnd = text.indexOf('\n', quoteEnd);
    if (lineEnd < 0 || !isBlank(text, quoteEnd, lineEnd)) return null;
    const lead = text.slice(leadStart, leadEnd).trimEnd();
    if (!lead.endsWith(':')) return null;
    const name = HEADING_NAME.exec(lead.slice(0, -1));
    if (!name) return null;
    const next = nextLine(text, lineEnd + 1);
    if (!next) return null;
    const named = new RegExp(`\\b${name[1].replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`);
    const firstSentenceEnd = sentenceEnd(text, next.start);
    const found = this.datesIn(next.start, next.end).filter((d) => {
      if (d.start >= firstSentenceEnd || !ok(d)) return false;
      const sentence = withoutQuotations(sentenceAround(text, d, next.start));
      return named.test(sentence) && SPEECH_CUE.test(sentence);
    });
    return found[0] ?? null;
  }

  private make(d: DateMatch, how: SourceDateHow): SourceDate {
    return { value: d.value, how, start: d.start, end: d.end, text: d.text };
  }

  /** True when the date sits inside a quotation that does not contain quotation `i`: it is what someone said. */
  private insideOtherQuote(d: Span, i: number): boolean {
    const q = this.quotes[i];
    const quotes = this.quotes;
    const { order, maxEnd } = this.byStart();
    for (let j = partitionPoint(order.length, (x) => quotes[order[x]].outerStart <= d.start) - 1; j >= 0 && maxEnd[j] >= d.end; j--) {
      const o = quotes[order[j]];
      if (d.end <= o.outerEnd && !(o.outerStart <= q.outerStart && q.outerEnd <= o.outerEnd)) return true;
    }
    return false;
  }

  /** Dates lying within [from, to), in text order (binary search: dates are sorted by start). */
  private datesIn(from: number, to: number): DateMatch[] {
    const dates = this.dates;
    const lo = partitionPoint(dates.length, (k) => dates[k].start < from);
    const out: DateMatch[] = [];
    for (let k = lo; k < dates.length && dates[k].end <= to; k++) out.push(dates[k]);
    return out;
  }
}

/** The result of resolving dates inside dated sources. */
export interface SourceResolution {
  dates: DateMatch[];
  unresolved: Span[];
  /** The whole document's own date when a note gives one ('original'), else null. */
  original: SourceDate | null;
  sources: SourceDates;
}

/**
 * Re-resolves relative dates inside quotations (and whole documents) that carry their own date.
 * `dates` and `unresolved` are what recognizeDates found against `published`; only quotations holding
 * a relative or unresolved date are examined, so articles without such quotes cost one pass over their quotes.
 */
export function resolveSourceDates(text: string, body: number, published: string | null, dates: DateMatch[], quotes: readonly QuoteMatch[], unresolved: Span[]): SourceResolution {
  let current = dates;
  let pending = unresolved;
  const original = originalDate(text, body, current, published);
  if (original) {
    const again: Span[] = [];
    current = withSource(recognizeDates(text, original.value, body, text.length, again), original);
    pending = again;
  }
  const sources = new SourceDates(text, current, quotes, original?.value ?? published);
  if (!quotes.some((q) => q.kind === 'statement')) return { dates: current, unresolved: pending, original, sources };
  // Where relative dates start, sorted: most quotations hold none and are skipped after one binary search.
  const relative: number[] = [];
  for (const d of current) if (d.kind === 'relative') relative.push(d.start);
  for (const u of pending) relative.push(u.start);
  if (!relative.length) return { dates: current, unresolved: pending, original, sources };
  // two sorted runs, usually nothing in the second
  for (let k = 1; k < relative.length; k++) {
    if (relative[k - 1] > relative[k]) {
      relative.sort((a, b) => a - b);
      break;
    }
  }
  // Quotations in text order: an enclosing quotation is re-resolved before the ones inside it.
  const order = quotes.map((_, i) => i);
  if (!quotes.every((q, i) => i === 0 || quotes[i - 1].outerStart < q.outerStart)) order.sort((a, b) => quotes[a].outerStart - quotes[b].outerStart || quotes[b].outerEnd - quotes[a].outerEnd);
  // Checked once: replacing spans the way replaceWithin does keeps them so.
  let datesInOrder = disjointInOrder(current);
  let pendingInOrder = disjointInOrder(pending);
  for (const i of order) {
    const q = quotes[i];
    if (q.kind !== 'statement' || !anyWithin(relative, q.start, q.end)) continue;
    const own = sources.of(i);
    if (!own) continue;
    const again: Span[] = [];
    const inside = withSource(recognizeDates(text, own.value, q.start, q.end, again), own);
    // (a list stays in order as long as what comes into it is, and within the quotation)
    datesInOrder &&= fitsWithin(inside, q.start, q.end);
    pendingInOrder &&= fitsWithin(again, q.start, q.end);
    current = replaceWithin(current, q.start, q.end, inside, current === dates, datesInOrder);
    pending = replaceWithin(pending, q.start, q.end, again, pending === unresolved, pendingInOrder);
    sources.useDates(current);
  }
  return { dates: current, unresolved: pending, original, sources };
}

/**
 * `list` (sorted by start) with the spans overlapping [from, to) replaced by `inside` (found within it), as a stable
 * sort by start of the spans kept and the new ones would give. When both lists are in order and no spans overlap
 * (as recognized dates are: `inOrder` says so of `list` and `inside`), the replaced spans are one run, found by binary
 * search and swapped in place, which moves nothing else when as many come in as go out (the usual case: the same
 * expressions re-resolved): a transcript re-resolves thousands of quotations, and rebuilding the whole list for each
 * grew as their square. `shared` says `list` is the caller's, to be copied before it is changed.
 */
function replaceWithin<T extends Span>(list: T[], from: number, to: number, inside: T[], shared: boolean, inOrder: boolean): T[] {
  if (!inOrder) {
    return [...list.filter((d) => d.end <= from || d.start >= to), ...inside].sort((a, b) => a.start - b.start);
  }
  const lo = partitionPoint(list.length, (k) => list[k].end <= from);
  const hi = partitionPoint(list.length, (k) => list[k].start < to);
  // (a huge run is joined rather than spread into splice's arguments, which have a limit)
  if (inside.length > 10_000) return list.slice(0, lo).concat(inside, list.slice(Math.max(lo, hi)));
  const out = shared ? list.slice() : list;
  out.splice(lo, Math.max(0, hi - lo), ...inside);
  return out;
}

/** Spans in order (disjointInOrder) inside [from, to]. */
function fitsWithin(spans: readonly Span[], from: number, to: number): boolean {
  return disjointInOrder(spans) && (!spans.length || (spans[0].start >= from && spans[spans.length - 1].end <= to));
}

/** Spans sorted by start, each ending at or before the next one starts. */
function disjointInOrder(spans: readonly Span[]): boolean {
  for (let k = 1; k < spans.length; k++) if (spans[k - 1].end > spans[k].start || spans[k - 1].start >= spans[k].start) return false;
  return true;
}

/** True when a sorted list of offsets has one in [from, to). */
function anyWithin(sorted: number[], from: number, to: number): boolean {
  const lo = partitionPoint(sorted.length, (k) => sorted[k] < from);
  return lo < sorted.length && sorted[lo] < to;
}

/** Marks relative dates as resolved against a source's own date and words their explanation for it. */
function withSource(dates: DateMatch[], source: SourceDate): DateMatch[] {
  const noun = source.how === 'original' ? 'the original' : 'the quoted source';
  for (const d of dates) {
    if (d.kind !== 'relative' || !d.reference) continue;
    d.referenceFrom = { start: source.start, end: source.end, text: source.text };
    // The recognizer words explanations for a publication date; here the reference is the source's day.
    d.explanation = d.explanation
      .replace(/\bpublication day\b/g, `day of ${noun}`)
      .replace(/\bthe publication\b/g, `${noun}'s`)
      .replace(/\bpublication\b/g, noun);
  }
  return dates;
}

/** The whole document's own date, from a note in its first or last three lines ("Originally published … on May 3, 2021"). */
function originalDate(text: string, body: number, dates: readonly DateMatch[], published: string | null): SourceDate | null {
  const lines = edgeLines(text, body, 3);
  for (const line of lines) {
    // A note is a short line of its own; the pattern is anchored at its start, so this costs little.
    if (line.end - line.start > NOTE_MAX || !mayOpenNote(text, line.start, line.end)) continue;
    const m = ORIGINAL_NOTE.exec(text.slice(line.start, line.end));
    if (!m) continue;
    const d = dates.find((x) => x.start >= line.start && x.end <= line.end && x.kind === 'absolute' && isDayValue(x.value));
    if (d && d.value !== published) return { value: d.value, how: 'original', start: d.start, end: d.end, text: d.text };
  }
  return null;
}

/**
 * False when ORIGINAL_NOTE cannot match text[from, to): past its leading `[\s([*_]*` every alternative starts with
 * one of "aefotw" in either case. Lines that start otherwise (most) are spared a copy and the match.
 */
function mayOpenNote(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || (c >= 9 && c <= 13) || c === 40 || c === 91 || c === 42 || c === 95) continue;
    if (c >= 128) return true; // other whitespace: left to the pattern
    const l = c | 32;
    return l === 97 || l === 101 || l === 102 || l === 111 || l === 116 || l === 119;
  }
  return false;
}

/** The first and last `n` non-blank lines of the body. */
function edgeLines(text: string, body: number, n: number): Span[] {
  const out: Span[] = [];
  let pos = body;
  while (out.length < n && pos < text.length) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = text.length;
    if (!isBlank(text, pos, end)) out.push({ start: pos, end });
    pos = end + 1;
  }
  let end = text.length;
  for (let k = 0; k < n && end > body; ) {
    const start = Math.max(body, lastNewline(text, end - 1) + 1);
    if (!isBlank(text, start, end)) {
      if (!out.some((s) => s.start === start)) out.push({ start, end });
      k++;
    }
    end = start - 1;
  }
  return out;
}

/** text.lastIndexOf('\n', from), which for a short way back costs more than the search (a call into the runtime). */
function lastNewline(text: string, from: number): number {
  for (let i = Math.min(Math.max(from, 0), text.length - 1); i >= 0; i--) if (text.charCodeAt(i) === 10) return i;
  return -1;
}

function isBlank(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 13 && c !== 0xa0) return false;
  }
  return true;
}

function lastNonSpace(text: string, from: number, to: number): number {
  let i = to - 1;
  while (i > from && /\s/.test(text[i])) i--;
  return i;
}

/** The non-blank line before the line starting at `lineStart` (skipping blank lines), or null. */
function previousLine(text: string, lineStart: number): Span | null {
  let end = lineStart - 1;
  while (end > 0) {
    const start = lastNewline(text, end - 1) + 1;
    if (!isBlank(text, start, end)) return { start, end };
    end = start - 1;
  }
  return null;
}

/** The non-blank line at or after `from` (skipping blank lines), or null. */
function nextLine(text: string, from: number): Span | null {
  let start = from;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    if (!isBlank(text, start, end)) return { start, end };
    start = end + 1;
  }
  return null;
}

/** True at a sentence end: ".", "!" or "?" before a space, unless the period closes an initial ("U.S."). */
function endsSentence(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c !== 46 && c !== 33 && c !== 63) return false;
  const next = text.charCodeAt(i + 1);
  const closer = isCloser(next);
  const after = closer ? text.charCodeAt(i + 2) : next;
  if (!(after === 32 || after === 10 || after === 13 || after === 9 || Number.isNaN(after))) return false;
  if (c === 46) {
    const p = text.charCodeAt(i - 1);
    const pp = text.charCodeAt(i - 2);
    if (p >= 65 && p <= 90 && (pp === 46 || pp === 32 || Number.isNaN(pp))) return false;
  }
  return true;
}

function isCloser(c: number): boolean {
  return c === 34 || c === 0x201d || c === 39 || c === 0x2019;
}

/** Start of the sentence holding `pos`, not before `floor`. */
function sentenceStart(text: string, pos: number, floor: number): number {
  for (let i = pos - 1; i >= floor; i--) {
    if (text.charCodeAt(i) === 10) return i + 1;
    if (endsSentence(text, i)) return isCloser(text.charCodeAt(i + 1)) ? i + 2 : i + 1;
  }
  return floor;
}

/** An offset inside the sentence before the one starting at `start`: back over spaces, a closing quote and the final mark. */
function previousSentenceEnd(text: string, start: number, floor: number): number {
  let i = start;
  while (i > floor && /\s/.test(text[i - 1])) i--;
  if (i > floor && isCloser(text.charCodeAt(i - 1))) i--;
  if (i > floor && '.!?'.includes(text[i - 1])) i--;
  return i;
}

/** End of the sentence that continues at `pos` (its final mark included), within the line. */
function sentenceEnd(text: string, pos: number): number {
  for (let i = pos; i < text.length; i++) {
    if (text.charCodeAt(i) === 10) return i;
    if (endsSentence(text, i)) return isCloser(text.charCodeAt(i + 1)) ? i + 2 : i + 1;
  }
  return text.length;
}

/** The words of a sentence outside its quotations: what is quoted does not say when it was said. */
function withoutQuotations(sentence: string): string {
  return sentence.replace(/[“"]+[^“”"]*[”"]+|``[^']*''/g, ' ');
}

function sentenceAround(text: string, d: Span, floor: number): string {
  return text.slice(sentenceStart(text, d.start, floor), sentenceEnd(text, d.end));
}
