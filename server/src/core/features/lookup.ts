/** What is under a cursor: an actor mention, a date, a quotation, a claim. */
import type { DateMatch } from '../model/types';
import type { Mention } from '../index/actors';
import type { CorpusState, ResolvedClaim, ResolvedQuote } from '../model/corpusState';

export interface ItemsAt {
  mention?: Mention;
  date?: DateMatch;
  /** The quotation whose marks or words contain the offset. */
  quote?: ResolvedQuote;
  claims: ResolvedClaim[];
}

/** Items at an offset of a document (a cursor at the end of a span counts as inside it). */
export function itemsAt(state: CorpusState, path: string, offset: number): ItemsAt {
  const doc = state.documentByPath.get(path);
  if (!doc) return { claims: [] };
  const mention = findSpan(state.mentions.get(path) ?? [], offset);
  const date = findSpan(doc.dates, offset);
  const quotes = state.quotes.get(path) ?? [];
  // The innermost quotation wins (a headline quote inside a longer one is rare, but nesting must not confuse).
  let quote: ResolvedQuote | undefined;
  for (const q of quotes) if (q.outerStart <= offset && offset <= q.outerEnd && (!quote || q.outerEnd - q.outerStart < quote.outerEnd - quote.outerStart)) quote = q;
  const claims = (state.claims.get(path) ?? []).filter((c) => c.anchor.status !== 'orphaned' && c.anchor.start <= offset && offset <= c.anchor.end);
  return { ...(mention ? { mention } : {}), ...(date ? { date } : {}), ...(quote ? { quote } : {}), claims };
}

/** Binary search over spans sorted by start. */
export function findSpan<T extends { start: number; end: number }>(spans: readonly T[], offset: number): T | undefined {
  let lo = 0;
  let hi = spans.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = spans[mid];
    if (offset < s.start) hi = mid - 1;
    else if (offset > s.end) lo = mid + 1;
    else return s;
  }
  return undefined;
}
