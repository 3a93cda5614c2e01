/** Claims for editors and exports: listing, suggestions for tagging, the annotation-file edits behind every claim command. */
import type { CorpusState, ResolvedClaim, ResolvedQuote } from '../model/corpusState';
import type { SourceDocument } from '../model/document';
import type { Span } from '../model/types';
import { annotationPathFor, STANCES, type Anchor, type Stance } from '../parse/annotations';
import { makeAnchor, type AnchorStatus } from '../anchor';
import { editAnnotationText, type AnnotationEdit, type ClaimChanges, type StoreOptions, type StoreResult } from '../annotations/store';
import { docLabel } from './hover';
import { isDayValue } from '../recognize/dateValues';

/** A claim as the editor and the exports show it. */
export interface ClaimView {
  id: string;
  /** Annotation file and source document, corpus-relative. */
  file: string;
  source: string;
  status: AnchorStatus;
  /** Where the claim is now (the old offsets when orphaned). */
  start: number;
  end: number;
  /** The text the claim was made on (the anchor's exact text) and the text there now. */
  exact: string;
  text: string;
  speaker: { id: string; name: string } | null;
  tags: { id: string; label: string; color: string }[];
  stance: Stance | null;
  date: string | null;
  note: string | null;
  score: number | null;
  document: string;
  outlet: string | null;
  published: string | null;
}

/** Colours for tags without their own, distinct on light and dark themes; a tag keeps its colour while the codebook order stays. */
export const TAG_PALETTE = ['#e6194b', '#3cb44b', '#4363d8', '#f58231', '#911eb4', '#42d4f4', '#f032e6', '#bfef45', '#469990', '#9a6324', '#800000', '#808000', '#000075', '#fabed4'];
export const UNTAGGED_COLOR = '#888888';

/** The colour of a tag: its own `color` in corpus.yaml if any, else one from the palette by codebook position. */
export function tagColor(state: CorpusState, id: string): string {
  const index = state.config.tags.findIndex((t) => t.id === id);
  if (index === -1) return UNTAGGED_COLOR;
  const own = (state.config.tags[index] as { color?: string }).color;
  return own ?? TAG_PALETTE[index % TAG_PALETTE.length];
}

/** Every claim of the corpus (or of one document), in document then text order. */
export function listClaims(state: CorpusState, source?: string): ClaimView[] {
  const out: ClaimView[] = [];
  const paths = source ? [source] : [...state.claims.keys()].sort();
  for (const path of paths) {
    const doc = state.documentByPath.get(path);
    for (const rc of state.claims.get(path) ?? []) out.push(claimView(state, rc, doc));
  }
  return out.sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : a.start - b.start || (a.id < b.id ? -1 : 1)));
}

function claimView(state: CorpusState, rc: ResolvedClaim, doc: SourceDocument | undefined): ClaimView {
  const { claim, anchor } = rc;
  const orphaned = anchor.status === 'orphaned';
  const actor = claim.speaker ? state.actorById.get(claim.speaker) : undefined;
  return {
    id: claim.id,
    file: rc.file,
    source: rc.source,
    status: anchor.status,
    start: anchor.start,
    end: anchor.end,
    exact: claim.anchor.exact,
    text: !orphaned && doc ? doc.text.slice(anchor.start, anchor.end) : claim.anchor.exact,
    speaker: claim.speaker ? { id: claim.speaker, name: actor?.name ?? claim.speaker } : null,
    tags: claim.tags.map((id) => ({ id, label: state.config.tags.find((t) => t.id === id)?.label ?? id, color: tagColor(state, id) })),
    stance: claim.stance ?? null,
    date: claim.date ?? null,
    note: claim.note ?? null,
    score: anchor.score ?? null,
    document: docLabel(doc),
    outlet: doc?.meta.outlet ?? null,
    published: doc?.meta.published ?? null,
  };
}

/** Finds a claim by id in a document's claims. */
export function findClaim(state: CorpusState, source: string, id: string): ResolvedClaim | undefined {
  return (state.claims.get(source) ?? []).find((c) => c.claim.id === id);
}

/** Corpus-relative path of the annotation file of a document. */
export function annotationFileOf(state: CorpusState, source: string): string {
  return annotationPathFor(source, state.config.settings.annotations);
}

export interface SpeakerSuggestion {
  id: string;
  name: string;
  /** Why it is offered: "speaker of the quotation", "12 mentions". */
  detail: string;
  /** True for the attributed speaker of the quotation (the default). */
  suggested: boolean;
}

export interface ClaimSuggestions {
  /** The span to tag: the selection, else the quotation under the cursor. */
  start: number;
  end: number;
  exact: string;
  from: 'selection' | 'quotation';
  /** Attributed speaker first (when there is one), then actors by number of mentions. */
  speakers: SpeakerSuggestion[];
  /** The speaker's words when they name no known actor ("a government spokesman"): offered as a new actor. */
  unknownSpeaker: string | null;
  tags: { id: string; label: string; description: string | null; color: string; uses: number }[];
  /** The quotation's own date when the text gives one, else the publication date. */
  date: string | null;
  dateDetail: string;
  stances: readonly Stance[];
  /** Claims already on that span. */
  existing: ClaimView[];
}

/** What the Tag Claim command offers for a selection (or, if empty, the quotation under the cursor); null when there is nothing to tag. */
export function claimSuggestions(state: CorpusState, source: string, selection: Span): ClaimSuggestions | null {
  const doc = state.documentByPath.get(source);
  if (!doc) return null;
  const quotes = state.quotes.get(source) ?? [];
  let span: Span;
  let from: ClaimSuggestions['from'];
  let quote: ResolvedQuote | undefined;
  const trimmed = trimSpan(doc.text, selection);
  if (trimmed.end > trimmed.start) {
    span = trimmed;
    from = 'selection';
    quote = quotes.filter((q) => q.start < span.end && span.start < q.end).sort((a, b) => overlap(b, span) - overlap(a, span))[0];
  } else {
    const at = selection.start;
    quote = quotes.filter((q) => q.outerStart <= at && at <= q.outerEnd).sort((a, b) => a.outerEnd - a.outerStart - (b.outerEnd - b.outerStart))[0];
    if (!quote) return null;
    span = { start: quote.start, end: quote.end };
    from = 'quotation';
  }

  const speakers: SpeakerSuggestion[] = [];
  const attributed = quote?.speaker?.actor ? state.actorById.get(quote.speaker.actor) : undefined;
  if (attributed) speakers.push({ id: attributed.id, name: attributed.name, detail: `speaker of the quotation (“${quote!.speaker!.text}”)`, suggested: true });
  const counts = state.actors.map((a) => ({ actor: a, n: state.mentionsByActor.get(a.id)?.length ?? 0 }));
  // People speak more often than places; within a kind, the most mentioned first.
  const kindRank = (k: string) => (k === 'person' ? 0 : k === 'organization' ? 1 : k === 'other' ? 2 : 3);
  counts.sort((a, b) => kindRank(a.actor.kind) - kindRank(b.actor.kind) || b.n - a.n || (a.actor.id < b.actor.id ? -1 : 1));
  for (const { actor, n } of counts) {
    if (actor.id === attributed?.id) continue;
    speakers.push({ id: actor.id, name: actor.name, detail: `${actor.kind} · ${n} mention${n === 1 ? '' : 's'}`, suggested: false });
  }

  const uses = new Map<string, number>();
  for (const list of state.claims.values()) for (const c of list) for (const t of c.claim.tags) uses.set(t, (uses.get(t) ?? 0) + 1);
  const tags = state.config.tags.map((t) => ({ id: t.id, label: t.label, description: t.description ?? null, color: tagColor(state, t.id), uses: uses.get(t.id) ?? 0 }));

  const quoteDate = quote ? statementDate(quote) : null;
  const existing = listClaims(state, source).filter((c) => c.status !== 'orphaned' && c.start < span.end && span.start < c.end);
  return {
    start: span.start,
    end: span.end,
    exact: doc.text.slice(span.start, span.end),
    from,
    speakers,
    unknownSpeaker: quote?.speaker && !attributed ? quote.speaker.text : null,
    tags,
    date: quoteDate?.value ?? doc.meta.published ?? null,
    dateDetail: quoteDate ? (quoteDate.how === 'original' ? 'date of the original source' : 'date the quotation was said') : doc.meta.published ? 'publication date' : 'no date known',
    stances: STANCES,
    existing,
  };
}

/** The day a quotation was said when the text dates it (the quotation's resolved date, see index/statementDates.ts). */
function statementDate(quote: ResolvedQuote): { value: string; how: string } | null {
  const date = (quote as { date?: { value: string; how: string } | null }).date;
  return date && isDayValue(date.value) && date.how !== 'published' ? date : null;
}

function trimSpan(text: string, span: Span): Span {
  let { start, end } = span;
  start = Math.max(0, Math.min(start, text.length));
  end = Math.max(start, Math.min(end, text.length));
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return { start, end };
}

function overlap(a: Span, b: Span): number {
  return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
}

export interface NewClaim {
  start: number;
  end: number;
  speaker?: string;
  tags?: string[];
  stance?: Stance;
  date?: string;
  note?: string;
}

/** A claim operation on one document: the store does the writing, this resolves spans to anchors against the current text. */
export type ClaimOperation =
  | ({ op: 'create' } & NewClaim)
  | { op: 'update'; id: string; changes: ClaimChanges }
  | { op: 'delete'; id: string }
  | { op: 'reanchor'; id: string; start: number; end: number }
  /** Writes the current positions of every moved or fuzzily found annotation of the document. */
  | { op: 'refreshAnchors' };

export interface ClaimEditResult {
  /** Annotation file to write, corpus-relative. */
  file: string;
  result: StoreResult;
}

/** Computes the new text of a document's annotation file for a claim operation; `current` is that file's text now (null when it does not exist). */
export function claimEdit(state: CorpusState, source: string, current: string | null, operation: ClaimOperation, options: StoreOptions = {}): ClaimEditResult {
  const file = annotationFileOf(state, source);
  const doc = state.documentByPath.get(source);
  const fail = (error: string): ClaimEditResult => ({ file, result: { ok: false, code: 'invalid-edit', error } });
  if (!doc) return fail(`'${source}' is not a document of this corpus`);
  const anchorFor = (start: number, end: number): Anchor | string => {
    const span = trimSpan(doc.text, { start, end });
    return span.end > span.start ? makeAnchor(doc.text, span.start, span.end) : 'the span to tag is empty';
  };
  let edits: AnnotationEdit[];
  switch (operation.op) {
    case 'create': {
      const anchor = anchorFor(operation.start, operation.end);
      if (typeof anchor === 'string') return fail(anchor);
      const { speaker, tags, stance, date, note } = operation;
      edits = [{ op: 'addClaim', claim: { anchor, tags: tags ?? [], ...(speaker ? { speaker } : {}), ...(stance ? { stance } : {}), ...(date ? { date } : {}), ...(note ? { note } : {}) } }];
      break;
    }
    case 'update':
      edits = [{ op: 'updateClaim', id: operation.id, changes: operation.changes }];
      break;
    case 'delete':
      edits = [{ op: 'deleteClaim', id: operation.id }];
      break;
    case 'reanchor': {
      const anchor = anchorFor(operation.start, operation.end);
      if (typeof anchor === 'string') return fail(anchor);
      edits = [{ op: 'updateClaim', id: operation.id, changes: { anchor } }];
      break;
    }
    case 'refreshAnchors':
      edits = refreshAnchorEdits(state, source);
      if (!edits.length) return { file, result: { ok: true, text: current ?? '', ids: [] } };
      break;
  }
  return { file, result: editAnnotationText(current, source, edits, options) };
}

/** Store edits that write the current position of every claim and link of a document that moved or was found by similarity; orphans stay as they are. */
export function refreshAnchorEdits(state: CorpusState, source: string): AnnotationEdit[] {
  const doc = state.documentByPath.get(source);
  if (!doc) return [];
  const edits: AnnotationEdit[] = [];
  for (const rc of state.claims.get(source) ?? []) {
    if (rc.anchor.status === 'moved' || rc.anchor.status === 'fuzzy') edits.push({ op: 'updateClaim', id: rc.claim.id, changes: { anchor: makeAnchor(doc.text, rc.anchor.start, rc.anchor.end) } });
  }
  return edits;
}

/** Claims whose anchors need writing back (moved or fuzzy), per document; used after a source document is saved. */
export function staleAnchors(state: CorpusState, source: string): number {
  return (state.claims.get(source) ?? []).filter((c) => c.anchor.status === 'moved' || c.anchor.status === 'fuzzy').length;
}
