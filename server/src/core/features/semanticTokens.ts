/** Semantic tokens: actors by kind, dates, quotations. Standard token types, so every theme colours them. */
import type { CorpusState } from '../model/corpusState';
import type { ActorKind } from '../model/types';

/** Token types in legend order (standard LSP names). */
export const TOKEN_TYPES = ['variable', 'class', 'namespace', 'type', 'number', 'string'] as const;
/** Modifiers in legend order. */
export const TOKEN_MODIFIERS = ['declaration', 'readonly'] as const;

const KIND_TOKEN: Record<ActorKind, number> = { person: 0, organization: 1, place: 2, other: 3 };
const DATE = 4;
const QUOTE = 5;

export interface TokenSpan {
  start: number;
  end: number;
  type: number;
  modifiers: number;
}

/** Non-overlapping token spans in text order; mentions and dates inside a quotation split it. */
export function semanticTokenSpans(state: CorpusState, path: string): TokenSpan[] {
  const doc = state.documentByPath.get(path);
  if (!doc) return [];
  const points: TokenSpan[] = [];
  for (const m of state.mentions.get(path) ?? []) points.push({ start: m.start, end: m.end, type: KIND_TOKEN[state.actorById.get(m.actor)?.kind ?? 'other'], modifiers: 0 });
  for (const d of doc.dates) points.push({ start: d.start, end: d.end, type: DATE, modifiers: 0 });
  points.sort((a, b) => a.start - b.start || b.end - a.end);
  const inner: TokenSpan[] = [];
  for (const p of points) if (!inner.length || p.start >= inner[inner.length - 1].end) inner.push(p);
  const out: TokenSpan[] = [];
  let i = 0;
  for (const q of state.quotes.get(path) ?? []) {
    if (q.kind !== 'statement') continue;
    while (i < inner.length && inner[i].end <= q.start) out.push(inner[i++]);
    let pos = q.start;
    while (i < inner.length && inner[i].start < q.end) {
      if (inner[i].start > pos) out.push({ start: pos, end: inner[i].start, type: QUOTE, modifiers: 0 });
      out.push(inner[i]);
      pos = Math.max(pos, inner[i].end);
      i++;
    }
    if (pos < q.end) out.push({ start: pos, end: q.end, type: QUOTE, modifiers: 0 });
  }
  while (i < inner.length) out.push(inner[i++]);
  return out.filter((t) => t.end > t.start).sort((a, b) => a.start - b.start);
}
