/** When a quotation was said, for weighing quote links and for hovers: the same day the timeline gives it (features/eventDates.ts). */
import type { SourceDocument } from '../model/document';
import { describeEventDate, quotationDate } from '../features/eventDates';

export interface StatementDate {
  /** TIMEX3 calendar value, day-precise in practice (YYYY-MM-DD). */
  value: string;
  /** How it was found, in words: "publication date", "dated by “on Tuesday” in its sentence", ... */
  how: string;
}

/** The date of quotation `index` of a document, or null when nothing dates it. */
export function statementDate(doc: SourceDocument, index: number): StatementDate | null {
  const e = quotationDate(doc, index);
  return e ? { value: e.value, how: describeEventDate(e) } : null;
}

const DAY_MS = 86_400_000;

/** The days (since 1970-01-01) a calendar value covers: one day, a month or a year; undefined for weeks, seasons and anything else. */
export function dayRange(value: string): [number, number] | undefined {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  if (!m) return undefined;
  const y = Number(m[1]);
  if (m[3]) {
    const d = Date.UTC(y, Number(m[2]) - 1, Number(m[3])) / DAY_MS;
    return [d, d];
  }
  if (m[2]) return [Date.UTC(y, Number(m[2]) - 1, 1) / DAY_MS, Date.UTC(y, Number(m[2]), 1) / DAY_MS - 1];
  return [Date.UTC(y, 0, 1) / DAY_MS, Date.UTC(y + 1, 0, 1) / DAY_MS - 1];
}
