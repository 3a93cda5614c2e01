/** Links quotations that carry the same statement: same words, a fragment, or another translation/paraphrase. Candidates come from an inverted index of rare features, never from all pairs. */
import { contentFeatures, surfaceKey } from './textFeatures';

export type LinkRelation = 'same-words' | 'fragment' | 'paraphrase';

export interface LinkableQuote {
  id: string;
  doc: string;
  text: string;
  start: number;
  /** Only statements are linked automatically; scare quotes and short terms are not. */
  statement: boolean;
  speaker?: string;
  /** Actor mentions inside the quotation, offsets relative to `text`. */
  actors: { start: number; end: number; actor: string }[];
}

export interface AutoLink {
  from: string;
  to: string;
  score: number;
  relation: LinkRelation;
}

/** Scores two prepared quotations; the default is IDF-weighted overlap, and a model could implement the same interface. */
export interface QuoteScorer {
  score(a: PreparedQuote, b: PreparedQuote, idf: (feature: string) => number): { score: number; relation: LinkRelation } | null;
}

export interface PreparedQuote {
  quote: LinkableQuote;
  surface: string;
  features: Set<string>;
  weight: number;
  /** Sentences of a quotation that has several: a short rendering may match one of them. */
  units: { features: Set<string>; weight: number }[];
}

export interface LinkOptions {
  threshold: number;
  scorer?: QuoteScorer;
  /** Features shared by more than this many quotations are not used to find candidates. */
  maxPostings?: number;
}

const MIN_FEATURES = 3;
/** Shared uncommon features that make a pair worth scoring. */
const MIN_CANDIDATE_HITS = 2;

/** Finds automatic links among the quotations; each pair once, `from` < `to`. */
export function linkQuotes(quotes: readonly LinkableQuote[], options: LinkOptions): AutoLink[] {
  const prepared: PreparedQuote[] = [];
  const df = new Map<string, number>();
  for (const q of quotes) {
    if (!q.statement) continue;
    const replacements = q.actors.map((a) => ({ start: a.start, end: a.end, token: '@' + a.actor }));
    const features = new Set(contentFeatures(q.text, replacements));
    if (features.size < MIN_FEATURES) continue;
    const units = sentenceSpans(q.text)
      .map(([s, e]) => new Set(contentFeatures(q.text.slice(s, e), replacements.filter((r) => r.start >= s && r.end <= e).map((r) => ({ ...r, start: r.start - s, end: r.end - s })))))
      .filter((f) => f.size >= MIN_FEATURES)
      .map((f) => ({ features: f, weight: 0 }));
    prepared.push({ quote: q, surface: surfaceKey(q.text), features, weight: 0, units: units.length > 1 ? units : [] });
    for (const f of features) df.set(f, (df.get(f) ?? 0) + 1);
  }
  const n = prepared.length;
  const idfCache = new Map<string, number>();
  const idf = (f: string): number => {
    let v = idfCache.get(f);
    if (v === undefined) {
      v = Math.log(1 + n / (df.get(f) ?? 1));
      idfCache.set(f, v);
    }
    return v;
  };
  for (const p of prepared) {
    for (const f of p.features) p.weight += idf(f);
    for (const u of p.units) for (const f of u.features) u.weight += idf(f);
  }

  const maxPostings = options.maxPostings ?? Math.max(100, Math.ceil(n * 0.01));
  // Every feature is indexed; a pair is scored only if it shares enough of the features that are not too common
  // (counted per pair in one pass over the postings, never over all pairs).
  const postings = new Map<string, number[]>();
  prepared.forEach((p, i) => {
    for (const f of p.features) {
      const list = postings.get(f);
      if (list) list.push(i);
      else postings.set(f, [i]);
    }
  });

  const scorer = options.scorer ?? weightedOverlap;
  const links: AutoLink[] = [];
  const hits = new Int32Array(n);
  const touched: number[] = [];
  for (let i = 0; i < n; i++) {
    for (const f of prepared[i].features) {
      const list = postings.get(f)!;
      if (list.length > maxPostings) continue;
      // Postings are in index order: only partners after i, so each pair is seen once.
      for (let k = list.length - 1; k >= 0 && list[k] > i; k--) {
        const j = list[k];
        if (hits[j]++ === 0) touched.push(j);
      }
    }
    for (const j of touched) {
      const count = hits[j];
      hits[j] = 0;
      if (count < MIN_CANDIDATE_HITS) continue;
      const a = prepared[i];
      const b = prepared[j];
      if (a.quote.doc === b.quote.doc && a.quote.start === b.quote.start) continue;
      const result = scorer.score(a, b, idf);
      if (!result || result.score < options.threshold) continue;
      const [from, to] = a.quote.id < b.quote.id ? [a.quote.id, b.quote.id] : [b.quote.id, a.quote.id];
      links.push({ from, to, score: Math.round(result.score * 1000) / 1000, relation: result.relation });
    }
    touched.length = 0;
  }
  links.sort((x, y) => (x.from < y.from ? -1 : x.from > y.from ? 1 : x.to < y.to ? -1 : x.to > y.to ? 1 : 0));
  return links;
}

/** IDF-weighted Dice for paraphrases, containment for fragments, exact surface equality for same words; a shared speaker nudges the score. */
export const weightedOverlap: QuoteScorer = {
  score(a, b, idf) {
    if (a.surface === b.surface) return { score: 1, relation: 'same-words' };
    const [small, large] = a.features.size <= b.features.size ? [a, b] : [b, a];
    let shared = 0;
    let count = 0;
    for (const f of small.features) {
      if (large.features.has(f)) {
        shared += idf(f);
        count++;
      }
    }
    if (count < MIN_FEATURES) return null;
    const dice = (2 * shared) / (a.weight + b.weight);
    const containment = shared / small.weight;
    const sameSpeaker = a.quote.speaker !== undefined && a.quote.speaker === b.quote.speaker ? 0.05 : 0;
    if (containment >= 0.85 && large.surface.includes(small.surface)) return { score: Math.min(1, containment), relation: 'fragment' };
    if (containment >= 0.9 && small.features.size >= 4 && dice < 0.75) return { score: Math.min(1, containment * 0.9 + sameSpeaker), relation: 'fragment' };
    // A short rendering of one sentence of a longer quotation: compare it with each sentence.
    let best = dice;
    for (const unit of large.units) {
      let s = 0;
      let n = 0;
      for (const f of small.features) {
        if (unit.features.has(f)) {
          s += idf(f);
          n++;
        }
      }
      // A sentence match needs most of the shorter side's words, not three common ones.
      if (n < Math.max(MIN_FEATURES, Math.ceil(0.5 * Math.min(small.features.size, unit.features.size)))) continue;
      best = Math.max(best, (2 * s) / (small.weight + unit.weight));
    }
    return { score: Math.min(1, best + sameSpeaker), relation: best > dice ? 'fragment' : 'paraphrase' };
  },
};

/** Sentence and paragraph spans of a text (offsets), for matching parts of long quotations. */
function sentenceSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  const re = /[^.!?\n]+(?:[.!?]+|\n+|$)/g;
  for (let m = re.exec(text); m && m[0].length; m = re.exec(text)) spans.push([m.index, m.index + m[0].length]);
  return spans;
}
