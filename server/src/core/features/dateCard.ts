/** The hover card of a date: value, weekday, how it was resolved, and what else in the corpus happened then. */
import type { CorpusState } from '../model/corpusState';
import type { SourceDocument } from '../model/document';
import type { DateMatch } from '../model/types';
import { weekdayOf } from '../recognize/dates';
import { datedEvents, type DatedEvent } from './eventDates';
import { docLabel } from './hover';
import type { LinkTarget } from './links';

const MAX_LIST = 5;

/** Markdown card for a date expression of `doc`. */
export function dateCard(state: CorpusState, doc: SourceDocument, date: DateMatch, links: LinkTarget): string {
  const lines: string[] = [];
  const weekday = weekdayOf(date.value);
  lines.push(`**${date.value}**${weekday ? ` · ${weekday}` : ''}`);
  lines.push(`“${md(date.text)}”: ${md(date.explanation)}`);
  if (date.kind === 'relative' && date.reference) lines.push(referenceLine(doc, date));

  const others: string[] = [];
  for (const d of state.documents) {
    if (d.path === doc.path) continue;
    const hit = d.dates.find((x) => x.value === date.value);
    const published = d.meta.published === date.value;
    if (hit || published) others.push(`- [${md(docLabel(d))}](${links.uriAt(d.path, hit ? hit.start : 0)})${published ? ' (published that day)' : ''}`);
  }
  if (others.length) {
    lines.push(`Also on ${date.value} in ${others.length} other document${others.length === 1 ? '' : 's'}:`);
    lines.push(...capped(others));
  }

  const quotations = quotationsOn(state, date.value);
  if (quotations.length) {
    lines.push(`Quotations made ${date.value.length === 10 ? 'on' : 'in'} ${date.value} (${quotations.length}):`);
    lines.push(...capped(quotations.map((q) => `- “${md(clip(q.label, 70))}”${q.detail ? ` — ${md(q.detail)}` : ''}, [${md(docLabel(state.documentByPath.get(q.path)))}](${links.uriAt(q.path, q.start)})`)));
  }
  return lines.join('  \n');
}

/** What a relative date was resolved against: the publication date (and where it came from) or a quoted source's own date. */
function referenceLine(doc: SourceDocument, date: DateMatch): string {
  if (date.referenceFrom) {
    const whose = doc.originalDate && doc.originalDate.start === date.referenceFrom.start ? 'the original text' : 'the quoted source';
    return `_resolved against ${date.reference}, the date of ${whose} (“${md(date.referenceFrom.text)}”), not the publication date_`;
  }
  const from = doc.publishedSource === 'dateline' && doc.publishedSpan ? ` inferred from “${md(doc.text.slice(doc.publishedSpan.start, doc.publishedSpan.end))}” near the top` : ' (front matter)';
  return `_resolved against ${date.reference}, the publication date${from}_`;
}

/** Quotations made on a day, or within a month or year for coarser values; none for weeks and seasons. */
function quotationsOn(state: CorpusState, value: string): DatedEvent[] {
  const { all, byDay } = datedEvents(state);
  if (value.length === 10) return (byDay.get(value) ?? []).filter((e) => e.kind === 'quotation');
  if (!/^\d{4}(?:-\d{2})?$/.test(value)) return [];
  return all.filter((e) => e.kind === 'quotation' && e.value.startsWith(value + '-'));
}

function capped(items: string[]): string[] {
  return items.length > MAX_LIST ? [...items.slice(0, MAX_LIST), `- … and ${items.length - MAX_LIST} more`] : items;
}

function clip(s: string, n: number): string {
  const one = s.replace(/\s+/g, ' ');
  return one.length > n ? one.slice(0, n - 1) + '…' : one;
}

/** Escapes Markdown control characters in user text. */
function md(s: string): string {
  return s.replace(/([\\`*_[\]<>|#])/g, '\\$1');
}
