/** The `analyze --json` contract: a stable, documented shape that outside tools read. */
import type { CorpusState } from '../model/corpusState';

export interface AnalysisJson {
  documents: {
    path: string;
    title: string | null;
    published: string | null;
    mentions: { actor: string; start: number; end: number; text: string }[];
    dates: { start: number; end: number; text: string; value: string }[];
    quotes: { id: string; start: number; end: number; text: string; speaker: null | { actor: string | null; start: number; end: number; text: string } }[];
  }[];
  actors: { id: string; name: string; kind: string; aliases: string[] }[];
  links: { from: string; to: string; score: number; kind: 'auto' | 'manual'; relation: 'same-words' | 'fragment' | 'paraphrase' | 'manual' }[];
}

/** Projects the corpus state onto the JSON contract (key order fixed, arrays sorted by offset or id). */
export function toAnalysisJson(state: CorpusState): AnalysisJson {
  return {
    documents: state.documents.map((d) => {
      // Offsets count in the file as stored: a byte order mark the editor hides is one code unit there.
      const o = d.bom ? 1 : 0;
      return {
        path: d.path,
        title: d.meta.title,
        published: d.meta.published,
        mentions: (state.mentions.get(d.path) ?? []).map((m) => ({ actor: m.actor, start: m.start + o, end: m.end + o, text: m.text })),
        dates: d.dates.map((x) => ({ start: x.start + o, end: x.end + o, text: x.text, value: x.value })),
        quotes: (state.quotes.get(d.path) ?? []).map((q) => ({
          id: q.id,
          start: q.start + o,
          end: q.end + o,
          text: q.text,
          speaker: q.speaker ? { actor: q.speaker.actor, start: q.speaker.start + o, end: q.speaker.end + o, text: q.speaker.text } : null,
        })),
      };
    }),
    actors: state.actors.map((a) => ({ id: a.id, name: a.name, kind: a.kind, aliases: a.aliases })),
    links: state.links.map((l) => ({ from: l.from, to: l.to, score: l.score, kind: l.kind, relation: l.relation })),
  };
}
