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
  /** Rarest features per quotation used to find candidates. */
  probeFeatures?: number;
}

const MIN_FEATURES = 3;

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

  const maxPostings = options.maxPostings ?? Math.max(64, Math.ceil(n * 0.005));
  const probe = options.probeFeatures ?? 5;
  // Every feature is indexed; each quotation probes with its rarest ones (prefix filtering).
  const postings = new Map<string, number[]>();
  prepared.forEach((p, i) => {
    for (const f of p.features) {
      const list = postings.get(f);
      if (list) list.push(i);
      else postings.set(f, [i]);
    }
  });
  const probes: string[][] = prepared.map((p) => [...p.features].sort((a, b) => (df.get(a)! - df.get(b)!) || (a < b ? -1 : 1)).slice(0, probe));

  const scorer = options.scorer ?? weightedOverlap;
  const links: AutoLink[] = [];
  const seen = new Set<number>();
  const linked = new Set<number>();
  for (let i = 0; i < n; i++) {
    seen.clear();
    for (const f of probes[i]) {
      const list = postings.get(f)!;
      if (list.length > maxPostings) continue;
      for (const j of list) {
        if (j === i || seen.has(j)) continue;
        seen.add(j);
        const pair = i < j ? i * n + j : j * n + i;
        if (linked.has(pair)) continue;
        const a = prepared[Math.min(i, j)];
        const b = prepared[Math.max(i, j)];
        if (!sharesAtLeast(a.features, b.features, MIN_FEATURES)) continue;
        if (a.quote.doc === b.quote.doc && a.quote.start === b.quote.start) continue;
        const result = scorer.score(a, b, idf);
        if (!result || result.score < options.threshold) continue;
        linked.add(pair);
        const [from, to] = a.quote.id < b.quote.id ? [a.quote.id, b.quote.id] : [b.quote.id, a.quote.id];
        links.push({ from, to, score: Math.round(result.score * 1000) / 1000, relation: result.relation });
      }
    }
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
      for (const f of small.features) if (unit.features.has(f)) s += idf(f);
      best = Math.max(best, (2 * s) / (small.weight + unit.weight));
    }
    return { score: Math.min(1, best + sameSpeaker), relation: best > dice ? 'fragment' : 'paraphrase' };
  },
};

function sharesAtLeast(a: Set<string>, b: Set<string>, k: number): boolean {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let n = 0;
  for (const f of small) if (large.has(f) && ++n >= k) return true;
  return false;
}

/** Sentence and paragraph spans of a text (offsets), for matching parts of long quotations. */
function sentenceSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  const re = /[^.!?\n]+(?:[.!?]+|\n+|$)/g;
  for (let m = re.exec(text); m && m[0].length; m = re.exec(text)) spans.push([m.index, m.index + m[0].length]);
  return spans;
}
