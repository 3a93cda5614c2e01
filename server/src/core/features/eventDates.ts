/**
 * When things happened, for the timeline and the date hovers: documents by publication date, quotations and
 * claims by the day they were made.
 *
 * A quotation is dated, in this order, by
 * 1. the own date the text gives its source (recognize/sourceDates.ts: a day-precise date in its sentence,
 *    earlier in its paragraph next to a verb of saying or meeting, in the lead-in naming its source, or the
 *    date of a quotation carrying it);
 * 2. the lead event of the article: the first day-precise date of the body, outside quotations and
 *    datelines, in the week up to publication ("met … in Tehran on Tuesday"), since a report's quotations
 *    come from the event it reports unless the text says otherwise;
 * 3. the publication date (the statement was made by then).
 * A quotation whose lead-in times it without a day ("a few days after …, saying:") gets neither 2 nor 3: it stays
 * undated. A quoted term takes the date of the statement quotation it sits in, else 2 or 3.
 * A claim is dated by its own `date`, else like the quotation it sits in, else like a quotation at its place.
 * Only day-precise dates count: a quotation "made in January" does not belong to one day of the timeline.
 */
import type { CorpusState, ResolvedClaim } from '../model/corpusState';
import type { SourceDocument } from '../model/document';
import type { DateMatch, Span } from '../model/types';
import type { SourceDateHow } from '../recognize/sourceDates';
import { isDayValue } from '../recognize/dateValues';

export type EventDateHow = SourceDateHow | 'lead' | 'publication' | 'annotation' | 'published';

/** A day and how it was found. */
export interface EventDate {
  value: string;
  how: EventDateHow;
  /** The date expression that gave it, when one did. */
  from?: Span & { text: string };
}

export interface DatedEvent extends EventDate {
  kind: 'document' | 'quotation' | 'claim';
  /** Corpus-relative path and the span to open. */
  path: string;
  start: number;
  end: number;
  /** The document title, the quotation's words, the claim's tags and words. */
  label: string;
  /** Speaker (quotation, claim) or outlet (document). */
  detail: string;
  /** Id of the quotation or claim. */
  id?: string;
}

const LEAD_WINDOW_DAYS = 7;

/** The day a statement quotation of a document was made (`index` into doc.quotes), or null when nothing dates it. */
export function quotationDate(doc: SourceDocument, index: number): EventDate | null {
  const own = doc.sources.of(index);
  if (own) return { value: own.value, how: own.how, from: { start: own.start, end: own.end, text: own.text } };
  if (doc.sources.timeCue(index)) return null;
  if (doc.quotes[index]?.kind !== 'statement') {
    // "the 'fierce revenge' …" inside a translated editorial is the editorial's words, of its day.
    const outer = doc.sources.enclosing(index);
    const carried = outer >= 0 ? quotationDate(doc, outer) : null;
    if (carried) return carried.how === 'lead' || carried.how === 'publication' ? carried : { ...carried, how: 'enclosing' };
  }
  return fallbackDate(doc);
}

/** Why a quotation has no date, in words, for hovers. */
export function undatedReason(doc: SourceDocument, index: number): string {
  const cue = doc.sources.timeCue(index);
  if (cue) return `Date unknown: the text times it only as “${cue}”`;
  return doc.meta.published ? 'Date unknown' : 'Date unknown (the document has no publication date)';
}

/** The lead event's date, else the publication date: what dates a statement the text says nothing more about. */
function fallbackDate(doc: SourceDocument): EventDate | null {
  const lead = leadDate(doc);
  if (lead) return { value: lead.value, how: 'lead', from: { start: lead.start, end: lead.end, text: lead.text } };
  const published = doc.originalDate?.value ?? doc.meta.published;
  return published ? { value: published, how: 'publication' } : null;
}

const leadCache = new WeakMap<SourceDocument, DateMatch | null>();

/** The date of the event an article leads with: the first day-precise date of its body outside quotations and datelines, in the week up to publication. */
export function leadDate(doc: SourceDocument): DateMatch | null {
  let found = leadCache.get(doc);
  if (found !== undefined) return found;
  found = null;
  const published = doc.originalDate?.value ?? doc.meta.published;
  if (published) {
    const latest = dayNumber(published);
    for (const d of doc.dates) {
      if (d.start < doc.frontMatter.bodyStart || !isDayValue(d.value)) continue;
      const n = dayNumber(d.value);
      if (n > latest || n < latest - LEAD_WINDOW_DAYS) continue;
      if (doc.publishedSpan && d.start === doc.publishedSpan.start) continue;
      if (opensLine(doc.text, d.start) || doc.quotes.some((q) => q.outerStart <= d.start && d.end <= q.outerEnd)) continue;
      found = d;
      break;
    }
  }
  leadCache.set(doc, found);
  return found;
}

const eventCache = new WeakMap<CorpusState, { all: DatedEvent[]; byDay: Map<string, DatedEvent[]> }>();

/** Every dated document, quotation and claim of the corpus, by day then path then place; computed once per state. */
export function datedEvents(state: CorpusState): { all: DatedEvent[]; byDay: Map<string, DatedEvent[]> } {
  let cached = eventCache.get(state);
  if (cached) return cached;
  const all: DatedEvent[] = [];
  for (const doc of state.documents) {
    const published = doc.meta.published;
    if (published) {
      const at = doc.titleSpan ?? { start: doc.frontMatter.bodyStart, end: doc.frontMatter.bodyStart };
      all.push({ kind: 'document', value: published, how: 'published', path: doc.path, start: at.start, end: at.end, label: doc.meta.title ?? doc.path, detail: doc.meta.outlet ?? '' });
    }
    const quotes = state.quotes.get(doc.path) ?? [];
    quotes.forEach((q, i) => {
      if (q.kind !== 'statement') return;
      const date = quotationDate(doc, i);
      if (!date || !isDayValue(date.value)) return;
      const speaker = q.speaker ? (q.speaker.actor ? state.actorById.get(q.speaker.actor)?.name : undefined) ?? q.speaker.text : '';
      all.push({ kind: 'quotation', ...date, path: doc.path, start: q.start, end: q.end, label: q.text, detail: speaker, id: q.id });
    });
    for (const c of state.claims.get(doc.path) ?? []) {
      if (c.anchor.status === 'orphaned') continue;
      const date = claimDate(state, doc, c);
      if (!date) continue;
      const speaker = c.claim.speaker ? state.actorById.get(c.claim.speaker)?.name ?? c.claim.speaker : '';
      const tags = c.claim.tags.map((t) => state.config.tags.find((x) => x.id === t)?.label ?? t);
      all.push({ kind: 'claim', ...date, path: doc.path, start: c.anchor.start, end: c.anchor.end, label: c.claim.anchor.exact, detail: [speaker, tags.join(', ')].filter(Boolean).join(' · '), id: c.claim.id });
    }
  }
  const rank = { document: 0, quotation: 1, claim: 2 };
  all.sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : a.path < b.path ? -1 : a.path > b.path ? 1 : rank[a.kind] - rank[b.kind] || a.start - b.start));
  const byDay = new Map<string, DatedEvent[]>();
  for (const e of all) {
    const list = byDay.get(e.value);
    if (list) list.push(e);
    else byDay.set(e.value, [e]);
  }
  cached = { all, byDay };
  eventCache.set(state, cached);
  return cached;
}

/** A claim's day: its own `date`, else that of the quotation it sits in, else the lead event's or the publication's. */
export function claimDate(state: CorpusState, doc: SourceDocument, c: ResolvedClaim): EventDate | null {
  if (c.claim.date && isDayValue(c.claim.date)) return { value: c.claim.date, how: 'annotation' };
  const index = doc.quotes.findIndex((q) => q.kind === 'statement' && q.outerStart <= c.anchor.start && c.anchor.end <= q.outerEnd);
  const date = index >= 0 ? quotationDate(doc, index) : fallbackDate(doc);
  return date && isDayValue(date.value) ? date : null;
}

/** How an event was dated, in words: "dated by “on Tuesday” in its sentence". */
export function describeEventDate(e: EventDate): string {
  const by = e.from ? `“${e.from.text}”` : '';
  switch (e.how) {
    case 'published': return 'publication date';
    case 'sentence': return `dated by ${by} in its sentence`;
    case 'paragraph': return `dated by ${by} earlier in its paragraph`;
    case 'source': return `date of its source, ${by}`;
    case 'enclosing': return `date of the quotation that carries it, ${by}`;
    case 'original': return `date of the original text, ${by}`;
    case 'lead': return `date of the event the article reports, ${by}`;
    case 'annotation': return 'date given in its annotation';
    default: return `made by publication on ${e.value}`;
  }
}

function dayNumber(value: string): number {
  return Math.round(Date.UTC(+value.slice(0, 4), +value.slice(5, 7) - 1, +value.slice(8, 10)) / 86_400_000);
}

/** True when only spaces separate `pos` from the start of its line (datelines, captions, headers). */
function opensLine(text: string, pos: number): boolean {
  for (let i = pos - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c === 10) return true;
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}
