/** Outline of a document and corpus-wide symbol search. */
import type { CorpusState } from '../model/corpusState';
import type { Location } from './links';

export type SymbolKind = 'document' | 'quotation' | 'claim' | 'actor' | 'front-matter';

export interface OutlineSymbol {
  name: string;
  detail: string;
  kind: SymbolKind;
  start: number;
  end: number;
  /** Where the editor puts the cursor when the symbol is chosen. */
  selectionStart: number;
  selectionEnd: number;
  children: OutlineSymbol[];
}

/** Title at the top, then quotations (with speakers) and claims in text order. */
export function documentSymbols(state: CorpusState, path: string): OutlineSymbol[] {
  const doc = state.documentByPath.get(path);
  if (!doc) return [];
  const out: OutlineSymbol[] = [];
  if (doc.frontMatter.block) {
    const b = doc.frontMatter.block;
    out.push({ name: 'Front matter', detail: [doc.meta.outlet, doc.meta.published].filter(Boolean).join(', '), kind: 'front-matter', start: b.start, end: b.end, selectionStart: b.start, selectionEnd: Math.min(b.end, b.start + 3), children: [] });
  }
  if (doc.meta.title && doc.titleSpan) {
    out.push({ name: doc.meta.title, detail: 'title', kind: 'document', start: doc.titleSpan.start, end: doc.titleSpan.end, selectionStart: doc.titleSpan.start, selectionEnd: doc.titleSpan.end, children: [] });
  }
  const items: OutlineSymbol[] = [];
  for (const q of state.quotes.get(path) ?? []) {
    const speaker = q.speaker ? (q.speaker.actor ? state.actorById.get(q.speaker.actor)?.name : undefined) ?? q.speaker.text : 'unattributed';
    items.push({ name: `“${clip(q.text, 60)}”`, detail: q.kind === 'statement' ? speaker : 'term', kind: 'quotation', start: q.outerStart, end: q.outerEnd, selectionStart: q.start, selectionEnd: q.end, children: [] });
  }
  for (const c of state.claims.get(path) ?? []) {
    if (c.anchor.status === 'orphaned') continue;
    const speaker = c.claim.speaker ? state.actorById.get(c.claim.speaker)?.name ?? c.claim.speaker : '';
    items.push({ name: `Claim: ${clip(c.claim.anchor.exact, 50)}`, detail: [speaker, c.claim.tags.join(', ')].filter(Boolean).join(' · '), kind: 'claim', start: c.anchor.start, end: c.anchor.end, selectionStart: c.anchor.start, selectionEnd: c.anchor.end, children: [] });
  }
  items.sort((a, b) => a.start - b.start || (a.kind < b.kind ? -1 : 1));
  return [...out, ...items];
}

export interface WorkspaceSymbolResult extends Location {
  name: string;
  kind: SymbolKind;
  container: string;
}

/** Actors by name or alias and statements by their words; every query word must match (case-insensitive, prefix of a word). */
export function workspaceSymbols(state: CorpusState, query: string, limit = 200): WorkspaceSymbolResult[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const matches = (text: string) => {
    const lower = text.toLowerCase();
    return words.every((w) => lower.includes(w));
  };
  const out: WorkspaceSymbolResult[] = [];
  for (const a of state.actors) {
    if (words.length && ![a.name, ...a.aliases, a.id].some(matches)) continue;
    const first = state.mentionsByActor.get(a.id)?.[0];
    if (!first) continue;
    out.push({ name: a.name, kind: 'actor', container: a.kind, path: first.doc, start: first.mention.start, end: first.mention.end });
    if (out.length >= limit) return out;
  }
  if (!words.length) return out;
  for (const d of state.documents) {
    for (const q of state.quotes.get(d.path) ?? []) {
      if (q.kind !== 'statement' || !matches(q.text)) continue;
      out.push({ name: `“${clip(q.text, 70)}”`, kind: 'quotation', container: d.meta.outlet ?? d.path, path: d.path, start: q.start, end: q.end });
      if (out.length >= limit) return out;
    }
  }
  return out;
}

function clip(s: string, n: number): string {
  const one = s.replace(/\s+/g, ' ');
  return one.length > n ? one.slice(0, n - 1) + '…' : one;
}
