/**
 * Quote links by hand and the views behind the quotation commands: link targets ranked by similarity, the
 * annotation-file edits of Link / Confirm / Unlink (written by the annotation store), code lens counts, and the text
 * Compare Quotes shows for each side.
 */
import type { CorpusState, ResolvedQuote } from '../model/corpusState';
import type { SourceDocument } from '../model/document';
import { makeAnchor } from '../anchor';
import { annotationPathFor } from '../parse/annotations';
import { editAnnotationText, type AnnotationEdit, type StoreOptions, type StoreResult } from '../annotations/store';
import { rankSimilar } from '../index/quoteLinks';
import { docLabel, relatedQuotes } from './hover';

/** A quotation as the quote commands show it. */
export interface QuoteSummary {
  id: string;
  path: string;
  start: number;
  end: number;
  text: string;
  kind: 'statement' | 'term';
  /** The speaker's actor name when known, else the words naming the speaker, else null. */
  speaker: string | null;
  /** When it was said (YYYY-MM-DD, YYYY-MM or YYYY), or null. */
  date: string | null;
  outlet: string | null;
  /** "Outlet, 2020-07-22" or the file name. */
  document: string;
}

/** How two quotations are linked now: automatically, confirmed by hand, rejected by hand, or not at all. */
export type LinkState = 'auto' | 'manual' | 'rejected' | null;

export interface LinkCandidate extends QuoteSummary {
  score: number;
  relation: string;
  link: LinkState;
}

export type LinkAction = 'link' | 'confirm' | 'unlink';

/** A new text for one annotation file. */
export interface AnnotationFileEdit {
  /** Corpus-relative path of the annotation file, and of the document it annotates. */
  file: string;
  source: string;
  /** The file's text before (null when it does not exist yet) and after. */
  before: string | null;
  after: string;
}

export type LinkEditResult = { ok: true; edits: AnnotationFileEdit[]; message: string } | { ok: false; error: string };

/** The summary of a quotation. */
export function quoteSummary(state: CorpusState, quote: ResolvedQuote): QuoteSummary {
  const doc = state.documentByPath.get(quote.doc);
  const actor = quote.speaker?.actor ? state.actorById.get(quote.speaker.actor) : undefined;
  return {
    id: quote.id,
    path: quote.doc,
    start: quote.start,
    end: quote.end,
    text: quote.text,
    kind: quote.kind,
    speaker: actor?.name ?? quote.speaker?.text ?? null,
    date: quote.date?.value ?? null,
    outlet: doc?.meta.outlet ?? null,
    document: docLabel(doc),
  };
}

/** How a pair of quotations is linked now. */
export function linkStateOf(state: CorpusState, a: string, b: string): LinkState {
  const [from, to] = a < b ? [a, b] : [b, a];
  const link = (state.linksByQuote.get(from) ?? []).find((l) => l.from === from && l.to === to);
  if (link) return link.kind;
  return state.manualLinks.some((r) => r.from === from && r.to === to && r.status === 'rejected') ? 'rejected' : null;
}

/** Quotations the one with `quoteId` could be linked to, most similar first (at most `limit`). */
export function linkCandidates(state: CorpusState, quoteId: string, limit = 200): LinkCandidate[] {
  const target = state.linkable.find((q) => q.id === quoteId);
  if (!target) return [];
  const out: LinkCandidate[] = [];
  for (const r of rankSimilar(target, state.linkable)) {
    if (out.length >= limit) break;
    const quote = state.quoteById.get(r.id);
    if (!quote) continue;
    out.push({ ...quoteSummary(state, quote), score: r.score, relation: r.relation, link: linkStateOf(state, quoteId, r.id) });
  }
  return out;
}

/**
 * The annotation edits for a manual link action between two quotations; `textOf` gives an annotation file's current
 * text (null when it does not exist). Link and Confirm leave a confirmed record (a rejected one is turned around);
 * Unlink leaves a rejected record, which suppresses the automatic link for good. Records of the pair in either
 * document's annotation file are updated rather than duplicated; a new record goes into the file of `fromId`'s
 * document.
 */
export function quoteLinkEdits(state: CorpusState, action: LinkAction, fromId: string, toId: string, textOf: (file: string) => string | null, options: StoreOptions = {}): LinkEditResult {
  const a = state.quoteById.get(fromId);
  const b = state.quoteById.get(toId);
  if (!a || !b) return { ok: false, error: `no quotation with id '${!a ? fromId : toId}'` };
  if (a.id === b.id) return { ok: false, error: 'a quotation cannot be linked to itself' };
  const [lo, hi] = a.id < b.id ? [a.id, b.id] : [b.id, a.id];
  const records = state.manualLinks.filter((r) => r.from === lo && r.to === hi);
  const status = action === 'unlink' ? 'rejected' : 'confirmed';
  const now = linkStateOf(state, a.id, b.id);
  const label = `“${clip(a.text)}” and “${clip(b.text)}” (${docLabel(state.documentByPath.get(b.doc))})`;
  if (action === 'confirm' && now === null) return { ok: false, error: `${label} are not linked: use Link Quotes to link them` };
  if (action === 'unlink' && now === null) return { ok: false, error: `${label} are not linked` };
  if ((action !== 'unlink' && now === 'manual') || (action === 'unlink' && now === 'rejected')) {
    return { ok: true, edits: [], message: `${label} are already ${action === 'unlink' ? 'unlinked' : 'linked by hand'}` };
  }

  // Edits per annotation file, applied in one store call each.
  const byFile = new Map<string, { source: string; edits: AnnotationEdit[] }>();
  const editsFor = (file: string, source: string) => {
    let entry = byFile.get(file);
    if (!entry) byFile.set(file, (entry = { source, edits: [] }));
    return entry.edits;
  };
  const stale = records.filter((r) => r.status !== status);
  if (records.length) for (const r of stale) editsFor(r.file, r.source).push({ op: 'setLinkStatus', id: r.id, status });
  else {
    const docA = state.documentByPath.get(a.doc)!;
    const docB = state.documentByPath.get(b.doc)!;
    editsFor(annotationPathFor(a.doc, state.config.settings.annotations), a.doc).push({
      op: 'addLink',
      link: { anchor: anchorOf(docA, a), target: { source: b.doc, anchor: anchorOf(docB, b) }, status },
    });
  }
  const edits: AnnotationFileEdit[] = [];
  for (const [file, { source, edits: list }] of byFile) {
    const before = textOf(file);
    const result: StoreResult = editAnnotationText(before, source, list, options);
    if (!result.ok) return { ok: false, error: `${file}: ${result.error}` };
    edits.push({ file, source, before, after: result.text });
  }
  const verb = action === 'unlink' ? 'unlinked (the automatic link stays suppressed)' : action === 'confirm' ? 'confirmed' : 'linked';
  return { ok: true, edits, message: `${label} ${verb}` };
}

export interface QuoteLens {
  quoteId: string;
  start: number;
  end: number;
  title: string;
}

/** One lens per linked quotation of a document: "2 other reports", "1 other report · 1 in this article". */
export function quoteLenses(state: CorpusState, path: string): QuoteLens[] {
  const out: QuoteLens[] = [];
  for (const q of state.quotes.get(path) ?? []) {
    const related = relatedQuotes(state, q.id);
    if (!related.length) continue;
    const elsewhere = related.filter((r) => r.quote.doc !== path).length;
    const here = related.length - elsewhere;
    const parts: string[] = [];
    if (elsewhere) parts.push(`${elsewhere} other report${elsewhere === 1 ? '' : 's'}`);
    if (here) parts.push(elsewhere ? `${here} in this article` : `${here} other rendering${here === 1 ? '' : 's'} in this article`);
    out.push({ quoteId: q.id, start: q.start, end: q.end, title: parts.join(' · ') });
  }
  return out;
}

/** What Compare Quotes shows for one side: outlet, date and speaker, then the words one sentence per line (so the diff lines up sentences). */
export function comparisonText(state: CorpusState, quoteId: string): string | null {
  const quote = state.quoteById.get(quoteId);
  if (!quote) return null;
  const s = quoteSummary(state, quote);
  const header = [
    `Outlet:  ${s.outlet ?? quote.doc.split('/').pop()}`,
    `Date:    ${s.date ?? 'unknown'}${quote.date ? ` (${quote.date.how})` : ''}`,
    `Speaker: ${s.speaker ?? 'unattributed'}`,
    `File:    ${quote.doc}`,
  ];
  const words = quote.text
    .replace(/\s+/g, ' ')
    .trim()
    .split(/(?<=[.!?;])\s+/)
    .join('\n');
  return `${header.join('\n')}\n\n${words}\n`;
}

function anchorOf(doc: SourceDocument, quote: ResolvedQuote) {
  return makeAnchor(doc.text, quote.start, quote.end);
}

function clip(s: string, n = 40): string {
  const one = s.replace(/\s+/g, ' ');
  return one.length > n ? one.slice(0, n - 1) + '…' : one;
}
