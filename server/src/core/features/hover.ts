/** Hover cards: actor, date, quotation and claim, as Markdown. */
import type { CorpusState, ResolvedQuote } from '../model/corpusState';
import type { Actor } from '../index/actors';
import type { SourceDocument } from '../model/document';
import type { Span } from '../model/types';
import { dateCard } from './dateCard';
import { itemsAt } from './lookup';
import { claimHoverCard } from './claimCard';
import { undatedReason } from './eventDates';
import type { LinkTarget } from './links';
import { isDayValue } from '../recognize/dateValues';

export interface HoverResult extends Span {
  markdown: string;
}

const MAX_LIST = 5;

/** The hover card for an offset of a document, or null. */
export function hoverAt(state: CorpusState, path: string, offset: number, links: LinkTarget): HoverResult | null {
  const items = itemsAt(state, path, offset);
  const doc = state.documentByPath.get(path);
  if (!doc) return null;
  const parts: string[] = [];
  let span: Span | undefined;
  if (items.mention) {
    const actor = state.actorById.get(items.mention.actor);
    if (actor) parts.push(actorCard(state, actor, doc.meta.published, links));
    span = items.mention;
  } else if (items.date) {
    parts.push(dateCard(state, doc, items.date, links));
    span = items.date;
  } else if (items.quote) {
    parts.push(quoteCard(state, items.quote, links));
    span = { start: items.quote.outerStart, end: items.quote.outerEnd };
  }
  for (const c of items.claims) {
    parts.push(claimHoverCard(state, c, links));
    span ??= c.anchor;
  }
  if (!parts.length || !span) return null;
  return { markdown: parts.join('\n\n---\n\n'), start: span.start, end: span.end };
}

/** Markdown card for an actor; `at` is the date whose role is shown. */
export function actorCard(state: CorpusState, actor: Actor, at: string | null, links: LinkTarget): string {
  const mentions = state.mentionsByActor.get(actor.id) ?? [];
  const docs = new Set(mentions.map((m) => m.doc));
  const lines: string[] = [];
  lines.push(`**${md(actor.name)}** · ${actor.kind}${actor.declared ? '' : ' · discovered'}`);
  const roles = at ? actor.roles.filter((r) => (!r.from || r.from <= at) && (!r.to || at <= r.to)) : [];
  if (roles.length) lines.push(`${roles.map((r) => `*${md(r.title)}*`).join(', ')} on ${at}${roles[0].from ? ` (since ${roles[0].from}${roles[0].to ? `, until ${roles[0].to}` : ''})` : ''}`);
  else if (actor.roles.length) lines.push(`Roles: ${actor.roles.map((r) => `${md(r.title)} (${r.from ?? '…'} – ${r.to ?? 'now'})`).join('; ')}`);
  // The spellings the corpus actually uses, most frequent first (declared aliases never seen are not news to the reader).
  const seen = new Map<string, number>();
  for (const { mention } of mentions) if (mention.via === 'name' && mention.text !== actor.name) seen.set(mention.text, (seen.get(mention.text) ?? 0) + 1);
  const forms = [...seen].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'en'));
  if (forms.length) lines.push(`Also: ${forms.slice(0, 8).map(([f, n]) => `${md(f)} (${n})`).join(', ')}${forms.length > 8 ? `, … (${forms.length - 8} more)` : ''}`);
  const perDoc = new Map<string, { n: number; first: number }>();
  for (const { doc, mention } of mentions) {
    const e = perDoc.get(doc);
    if (e) e.n++;
    else perDoc.set(doc, { n: 1, first: mention.start });
  }
  const top = [...perDoc].sort((a, b) => b[1].n - a[1].n || (a[0] < b[0] ? -1 : 1)).slice(0, MAX_LIST);
  lines.push(
    `${mentions.length} mention${mentions.length === 1 ? '' : 's'} in ${docs.size} document${docs.size === 1 ? '' : 's'}: ` +
      top.map(([doc, e]) => `[${md(docLabel(state.documentByPath.get(doc)))}](${links.uriAt(doc, e.first)}) (${e.n})`).join(', ') +
      (docs.size > MAX_LIST ? `, … (${docs.size - MAX_LIST} more)` : ''),
  );
  const quotes = quotesBy(state, actor.id);
  if (quotes.length) {
    lines.push(`Quotations (${quotes.length}):`);
    for (const q of quotes.slice(0, MAX_LIST)) lines.push(`- “${md(clip(q.text, 90))}” — [${md(docLabel(state.documentByPath.get(q.doc)))}](${links.uriAt(q.doc, q.start)})`);
  }
  const claims = [...state.claims.values()].flat().filter((c) => c.claim.speaker === actor.id);
  if (claims.length) lines.push(`Claims tagged: ${claims.length}`);
  if (actor.wikidata) lines.push(`[Wikidata ${actor.wikidata}](https://www.wikidata.org/wiki/${actor.wikidata})`);
  if (actor.note) lines.push(`_${md(actor.note)}_`);
  return lines.join('  \n');
}

/** Markdown card for a quotation: speaker, date and the same statement elsewhere. */
export function quoteCard(state: CorpusState, quote: ResolvedQuote, links: LinkTarget): string {
  const lines: string[] = [];
  const actor = quote.speaker?.actor ? state.actorById.get(quote.speaker.actor) : undefined;
  const who = quote.speaker ? (actor ? `**${md(actor.name)}**${actor.name !== quote.speaker.text ? ` (“${md(quote.speaker.text)}”)` : ''}` : `“${md(quote.speaker.text)}”`) : 'unattributed';
  lines.push(`${quote.kind === 'statement' ? 'Quotation' : 'Quoted term'} · ${who}`);
  lines.push(quote.date ? `Said ${isDayValue(quote.date.value) ? 'on' : 'in'} **${quote.date.value}** (${md(quote.date.how)})` : md(undatedText(state, quote)));
  const related = relatedQuotes(state, quote.id);
  const otherDocs = new Set(related.map((r) => r.quote.doc).filter((d) => d !== quote.doc));
  if (related.length) {
    const here = related.filter((r) => r.quote.doc === quote.doc).length;
    lines.push(`Same statement in ${otherDocs.size} other document${otherDocs.size === 1 ? '' : 's'}${here ? ` and ${here} more time${here === 1 ? '' : 's'} in this one` : ''}:`);
    for (const r of related.slice(0, MAX_LIST)) {
      const speaker = r.quote.speaker ? state.actorById.get(r.quote.speaker.actor ?? '')?.name ?? r.quote.speaker.text : null;
      lines.push(`- ${r.link.kind === 'manual' ? 'linked by hand' : `${r.link.relation} ${r.link.score.toFixed(2)}`} — [${md(docLabel(state.documentByPath.get(r.quote.doc)))}](${links.uriAt(r.quote.doc, r.quote.start)})${speaker ? ` · ${md(speaker)}` : ''}: “${md(clip(r.quote.text, 80))}”`);
    }
    if (related.length > MAX_LIST) lines.push(`- … and ${related.length - MAX_LIST} more (Find References lists them all)`);
  } else lines.push('Not found in other documents.');
  return lines.join('  \n');
}

/** Quotations linked to a quotation, best first. */
export function relatedQuotes(state: CorpusState, id: string): { quote: ResolvedQuote; link: import('../model/corpusState').QuoteLink }[] {
  return (state.linksByQuote.get(id) ?? [])
    .map((link) => ({ quote: state.quoteById.get(link.from === id ? link.to : link.from)!, link }))
    .filter((r) => r.quote)
    .sort((a, b) => (a.link.kind === 'manual' ? -1 : 0) - (b.link.kind === 'manual' ? -1 : 0) || b.link.score - a.link.score || (a.quote.doc < b.quote.doc ? -1 : 1));
}

/** Statements whose speaker resolved to the actor, in document order. */
export function quotesBy(state: CorpusState, actorId: string): ResolvedQuote[] {
  const out: ResolvedQuote[] = [];
  for (const d of state.documents) for (const q of state.quotes.get(d.path) ?? []) if (q.speaker?.actor === actorId && q.kind === 'statement') out.push(q);
  return out;
}

/** "Outlet, 2020-07-22" or the file name. */
export function docLabel(doc: SourceDocument | undefined): string {
  if (!doc) return '?';
  const name = doc.meta.outlet ?? doc.path.split('/').pop()!;
  return doc.meta.published ? `${name}, ${doc.meta.published}` : name;
}

function clip(s: string, n: number): string {
  const one = s.replace(/\s+/g, ' ');
  return one.length > n ? one.slice(0, n - 1) + '…' : one;
}

/** Escapes Markdown control characters in user text. */
function md(s: string): string {
  return s.replace(/([\\`*_[\]<>|#])/g, '\\$1');
}

/** Why a quotation of the corpus has no date. */
function undatedText(state: CorpusState, quote: ResolvedQuote): string {
  const doc = state.documentByPath.get(quote.doc);
  const index = state.quotes.get(quote.doc)?.indexOf(quote) ?? -1;
  return doc && index >= 0 ? undatedReason(doc, index) : 'Date unknown';
}
