/**
 * Exports of claims and quote links for other tools: W3C Web Annotation JSON-LD (https://www.w3.org/TR/annotation-model/)
 * and CSV, one row per claim, for spreadsheets and pandas.
 */
import type { CorpusState } from '../model/corpusState';
import { makeAnchor } from '../anchor';
import type { Anchor } from '../parse/annotations';
import { listClaims, type ClaimView } from './claims';

export const W3C_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
/** Our few extra terms (claim date, stance, link score, anchor status), kept apart from the W3C vocabulary. */
const EXTENSION_CONTEXT = {
  corroborate: 'urn:corroborate:vocab#',
  claimDate: { '@id': 'corroborate:claimDate' },
  stance: { '@id': 'corroborate:stance' },
  score: { '@id': 'corroborate:score' },
  linkKind: { '@id': 'corroborate:linkKind' },
  anchorStatus: { '@id': 'corroborate:anchorStatus' },
};

export interface W3cOptions {
  /** IRI the corpus paths are resolved against ("file:///home/me/corpus/" or "https://example.org/corpus/"); ends with '/'. */
  base: string;
}

type Selector = { type: 'TextQuoteSelector'; exact: string; prefix: string; suffix: string } | { type: 'TextPositionSelector'; start: number; end: number };

interface SpecificResource {
  type: 'SpecificResource';
  source: string;
  selector: Selector[];
}

/** An AnnotationCollection (one page) holding every claim and every quote link of the corpus. */
export function toW3cAnnotations(state: CorpusState, options: W3cOptions): Record<string, unknown> {
  const base = options.base.endsWith('/') ? options.base : options.base + '/';
  const items: Record<string, unknown>[] = [];
  for (const c of listClaims(state)) items.push(claimAnnotation(state, c, base));
  for (const l of state.links) {
    const a = state.quoteById.get(l.from);
    const b = state.quoteById.get(l.to);
    if (!a || !b) continue;
    items.push({
      '@context': W3C_CONTEXT,
      id: `${base}links#${l.from}--${l.to}`,
      type: 'Annotation',
      motivation: 'linking',
      body: resource(state, base, b.doc, b.start, b.end),
      target: resource(state, base, a.doc, a.start, a.end),
      score: Math.round(l.score * 1000) / 1000,
      linkKind: l.kind === 'manual' ? 'manual' : l.relation,
    });
  }
  return {
    '@context': [W3C_CONTEXT, EXTENSION_CONTEXT],
    id: `${base}annotations`,
    type: 'AnnotationCollection',
    label: 'Claims and quote links',
    total: items.length,
    first: { id: `${base}annotations#page1`, type: 'AnnotationPage', startIndex: 0, items },
  };
}

function claimAnnotation(state: CorpusState, c: ClaimView, base: string): Record<string, unknown> {
  const doc = state.documentByPath.get(c.source);
  const rc = state.claims.get(c.source)?.find((x) => x.claim.id === c.id);
  // Orphans keep the selector they were saved with: exported, never dropped.
  const anchor: Anchor = doc && c.status !== 'orphaned' ? makeAnchor(doc.text, c.start, c.end) : rc!.claim.anchor;
  const body: Record<string, unknown>[] = [];
  if (c.speaker) body.push({ type: 'TextualBody', purpose: 'identifying', id: `${base}actors#${encodeURIComponent(c.speaker.id)}`, value: c.speaker.name });
  for (const t of c.tags) body.push({ type: 'TextualBody', purpose: 'tagging', id: `${base}tags#${encodeURIComponent(t.id)}`, value: t.label });
  if (c.note) body.push({ type: 'TextualBody', purpose: 'commenting', value: c.note, format: 'text/plain' });
  return {
    // Each item names the W3C context so it stands alone when taken out; the extension terms come from the collection's.
    '@context': W3C_CONTEXT,
    id: `${base}${encodePath(c.file)}#${c.id}`,
    type: 'Annotation',
    motivation: 'classifying',
    ...(body.length ? { body } : {}),
    target: { type: 'SpecificResource', source: `${base}${encodePath(c.source)}`, selector: selectors(doc?.text, anchor, c.status !== 'orphaned') },
    ...(c.date ? { claimDate: c.date } : {}),
    ...(c.stance ? { stance: c.stance } : {}),
    anchorStatus: c.status,
  };
}

function resource(state: CorpusState, base: string, path: string, start: number, end: number): SpecificResource {
  const text = state.documentByPath.get(path)!.text;
  return { type: 'SpecificResource', source: `${base}${encodePath(path)}`, selector: selectors(text, makeAnchor(text, start, end), true) };
}

/**
 * The spec counts TextPositionSelector positions in characters (code points) of the document, where our offsets
 * are UTF-16 code units: convert, so positions stay right past emoji and other astral characters.
 */
function selectors(text: string | undefined, anchor: Anchor, current: boolean): Selector[] {
  const toChars = (offset: number) => (text && current ? codePoints(text, offset) : offset);
  return [
    { type: 'TextQuoteSelector', exact: anchor.exact, prefix: anchor.prefix, suffix: anchor.suffix },
    { type: 'TextPositionSelector', start: toChars(anchor.start), end: toChars(anchor.end) },
  ];
}

function codePoints(text: string, offset: number): number {
  let n = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    const c = text.charCodeAt(i);
    // The low half of a surrogate pair does not start a character.
    if (!(c >= 0xdc00 && c <= 0xdfff && i > 0 && text.charCodeAt(i - 1) >= 0xd800 && text.charCodeAt(i - 1) <= 0xdbff)) n++;
  }
  return n;
}

function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

export const CSV_COLUMNS = ['claim_id', 'document', 'outlet', 'published', 'speaker', 'speaker_name', 'tags', 'tag_labels', 'claim_date', 'stance', 'note', 'text', 'start', 'end', 'status'] as const;

/** One row per claim (RFC 4180: comma separated, CRLF, fields quoted when needed); several tags are joined with ';'. */
export function toClaimsCsv(state: CorpusState): string {
  const rows: string[][] = [[...CSV_COLUMNS]];
  for (const c of listClaims(state)) {
    rows.push([
      c.id,
      c.source,
      c.outlet ?? '',
      c.published ?? '',
      c.speaker?.id ?? '',
      c.speaker?.name ?? '',
      c.tags.map((t) => t.id).join(';'),
      c.tags.map((t) => t.label).join(';'),
      c.date ?? '',
      c.stance ?? '',
      c.note ?? '',
      c.text,
      String(c.start),
      String(c.end),
      c.status,
    ]);
  }
  return rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** Quotes a field when it holds a comma, a quote, a line break or edge spaces; quotes inside are doubled. */
export function csvField(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
