/** The data behind an Actors view: actors with their counts, and one actor's mentions grouped by document. */
import type { CorpusState } from '../model/corpusState';
import type { Mention } from '../index/actors';
import type { ActorKind } from '../model/types';
import { docLabel } from './hover';

export interface ActorCount {
  id: string;
  name: string;
  kind: ActorKind;
  declared: boolean;
  aliases: string[];
  mentions: number;
  documents: number;
}

export interface DocumentMentions {
  path: string;
  label: string;
  mentions: (Mention & { preview: string })[];
}

/** Every actor with its mention and document counts, most mentioned first (then by name). */
export function actorCounts(state: CorpusState): ActorCount[] {
  const out: ActorCount[] = state.actors.map((a) => {
    const list = state.mentionsByActor.get(a.id) ?? [];
    return { id: a.id, name: a.name, kind: a.kind, declared: a.declared, aliases: a.aliases, mentions: list.length, documents: new Set(list.map((m) => m.doc)).size };
  });
  return out.sort((a, b) => b.mentions - a.mentions || a.name.localeCompare(b.name, 'en'));
}

/** The documents that mention an actor, most mentions first, each with its mentions in text order and a line of context. */
export function mentionsByDocument(state: CorpusState, actorId: string): DocumentMentions[] {
  const byDoc = new Map<string, DocumentMentions>();
  for (const { doc, mention } of state.mentionsByActor.get(actorId) ?? []) {
    const d = state.documentByPath.get(doc);
    if (!d) continue;
    let entry = byDoc.get(doc);
    if (!entry) byDoc.set(doc, (entry = { path: doc, label: docLabel(d), mentions: [] }));
    entry.mentions.push({ ...mention, preview: contextLine(d.text, mention.start, mention.end) });
  }
  return [...byDoc.values()].sort((a, b) => b.mentions.length - a.mentions.length || (a.path < b.path ? -1 : 1));
}

/** Up to 50 characters either side of a span, on its line, spaces collapsed. */
export function contextLine(text: string, start: number, end: number): string {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  let lineEnd = text.indexOf('\n', end);
  if (lineEnd === -1) lineEnd = text.length;
  const from = Math.max(lineStart, start - 50);
  const to = Math.min(lineEnd, end + 50);
  return (from > lineStart ? '…' : '') + text.slice(from, to).replace(/\s+/g, ' ').trim() + (to < lineEnd ? '…' : '');
}
