/** Go to definition (related quotations), references (an actor's mentions, a statement's other renderings), highlights. */
import type { CorpusState } from '../model/corpusState';
import { itemsAt } from './lookup';
import { relatedQuotes } from './hover';
import type { Location } from './links';

/** From a quotation: the quotations that carry the same statement (several, so editors show a peek list). From an actor mention: the actor's first mention in the corpus. */
export function definitionAt(state: CorpusState, path: string, offset: number): Location[] {
  const items = itemsAt(state, path, offset);
  if (items.quote && !items.mention) {
    return relatedQuotes(state, items.quote.id).map(({ quote }) => ({ path: quote.doc, start: quote.start, end: quote.end }));
  }
  if (items.mention) {
    const first = state.mentionsByActor.get(items.mention.actor)?.[0];
    if (first) return [{ path: first.doc, start: first.mention.start, end: first.mention.end }];
  }
  if (items.quote) return relatedQuotes(state, items.quote.id).map(({ quote }) => ({ path: quote.doc, start: quote.start, end: quote.end }));
  return [];
}

/** Every mention of the actor under the cursor, or every quotation of the same statement. */
export function referencesAt(state: CorpusState, path: string, offset: number, includeDeclaration = true): Location[] {
  const items = itemsAt(state, path, offset);
  if (items.mention) {
    return (state.mentionsByActor.get(items.mention.actor) ?? [])
      .filter((m) => includeDeclaration || !(m.doc === path && m.mention.start === items.mention!.start))
      .map((m) => ({ path: m.doc, start: m.mention.start, end: m.mention.end }));
  }
  if (items.quote) {
    const own = includeDeclaration ? [{ path: items.quote.doc, start: items.quote.start, end: items.quote.end }] : [];
    return [...own, ...relatedQuotes(state, items.quote.id).map(({ quote }) => ({ path: quote.doc, start: quote.start, end: quote.end }))];
  }
  return [];
}

/** Other mentions of the same actor in this document. */
export function highlightsAt(state: CorpusState, path: string, offset: number): Location[] {
  const items = itemsAt(state, path, offset);
  if (!items.mention) return [];
  return (state.mentions.get(path) ?? []).filter((m) => m.actor === items.mention!.actor).map((m) => ({ path, start: m.start, end: m.end }));
}
