/** Links quotations that carry the same statement: same words, a fragment, or another translation/paraphrase. Candidates come from an inverted index of rare features, never from all pairs. */
import { actorToken, featureTokens, surfaceKey } from './textFeatures';
import { partitionPoint } from '../text/search';

export type LinkRelation = 'same-words' | 'fragment' | 'paraphrase';

export interface LinkableQuote {
  id: string;
  doc: string;
  text: string;
  /** surfaceKey(text), when the caller has it already. */
  surface?: string;
  start: number;
  /** End of the words; quotations nested in one another (same document, overlapping spans) are one place, never a link. */
  end: number;
  /** Statements are scored; scare quotes and short terms are linked only on the same words from the same speaker. */
  statement: boolean;
  /** Actor id of the speaker, when it resolved to one. */
  speaker?: string;
  /** When the statement was made, as a range of days since 1970-01-01; unknown when absent. */
  days?: [number, number];
  /** Actor mentions inside the quotation, offsets relative to `text`; `name` is the actor's canonical name. */
  actors: { start: number; end: number; actor: string; name?: string }[];
}

export interface AutoLink {
  from: string;
  to: string;
  score: number;
  relation: LinkRelation;
}

/**
 * Scores two prepared quotations; the default is IDF-weighted overlap, and a model could implement the same interface.
 * A score may depend on the two quotations' words (text and actor mentions), their order and whether one known speaker
 * said both, nothing else: linking scores each such combination once (a wire story reprinted forty times repeats
 * every pair of its quotations 1,600 times).
 */
export interface QuoteScorer {
  score(a: PreparedQuote, b: PreparedQuote, idf: (feature: string) => number): { score: number; relation: LinkRelation } | null;
}

/** A part of a quotation (a sentence or a clause) with its own features. */
export interface QuoteUnit {
  features: Set<string>;
  weight: number;
  /** A clause of a sentence (between commas, semicolons, dashes), weaker evidence than a whole sentence. */
  clause: boolean;
}

export interface PreparedQuote {
  quote: LinkableQuote;
  surface: string;
  features: Set<string>;
  weight: number;
  /** Sentences of a quotation that has several (a fragment must sit inside one or two neighbouring ones). */
  sentences: QuoteUnit[];
  /** Sentences and clauses of a quotation that has several: a short rendering may match one of them. */
  units: QuoteUnit[];
}

export interface LinkOptions {
  threshold: number;
  scorer?: QuoteScorer;
  /** Features shared by more than this many quotations are not used to find candidates. */
  maxPostings?: number;
  /** Preparations kept from the last linking of the same corpus (an edit changes few quotations). */
  cache?: LinkCache;
}

/**
 * The quotations prepared by one linking, for the next: preparing (features, sentences, clauses) depends on a
 * quotation's words and the actors in them only, so the ones an edit left alone are taken as they were, with fresh
 * weights (those depend on the whole corpus). Holds what the last linking used, nothing older.
 */
export class LinkCache {
  private kept = new Map<string, PreparedQuote | null>();
  private next = new Map<string, PreparedQuote | null>();

  /** prepare(q), or a copy of a preparation of the same rendering (this linking's, or the last one's); `rendering`
   * is renderingKey(q). A new preparation is handed out as it is: only the ones given out before are copied. */
  prepare(q: LinkableQuote, rendering: string): PreparedQuote | null {
    let given = this.next.get(rendering);
    if (given === undefined) given = this.kept.get(rendering);
    const p = given === undefined ? prepare(q) : given && fresh(given, q);
    if (!this.next.has(rendering)) this.next.set(rendering, p);
    return p;
  }

  /** The linking is over: what it used is what the next one may take. */
  done(): void {
    this.kept = this.next;
    this.next = new Map();
  }
}

/** A prepared quotation for `q` with the features of `p` and weights back at their start (units shared with sentences stay shared). */
function fresh(p: PreparedQuote, q: LinkableQuote): PreparedQuote {
  const copies = new Map<QuoteUnit, QuoteUnit>();
  const copy = (u: QuoteUnit): QuoteUnit => {
    let c = copies.get(u);
    if (!c) copies.set(u, (c = { features: u.features, weight: DOUBLE_ZERO, clause: u.clause }));
    return c;
  };
  return { quote: q, surface: p.surface, features: p.features, weight: DOUBLE_ZERO, sentences: p.sentences.map(copy), units: p.units.map(copy) };
}

const MIN_FEATURES = 3;
/** Shared uncommon features that make a pair worth scoring. */
const MIN_CANDIDATE_HITS = 2;
/** Statements reported further apart than this (in days) are rarely the same statement. */
const FAR_APART_DAYS = 31;
/** Words repeated by more quotations than this are boilerplate or a stock phrase, unless one report was reprinted. */
const MAX_SAME_WORDS_GROUP = 12;
/** Repeats beyond MAX_SAME_WORDS_GROUP are linked as reprints (a wire story in many outlets) among those the same
 * known speaker said on known days within a month of each other, up to this many by one speaker. */
const MAX_REPRINT_GROUP = 200;

/** Finds automatic links among the quotations; each pair once, `from` < `to`. */
export function linkQuotes(quotes: readonly LinkableQuote[], options: LinkOptions): AutoLink[] {
  const prepared: PreparedQuote[] = [];
  // Quotations with the same words and the same actor mentions in them prepare alike: each such rendering gets a
  // number, so a pair of renderings is scored once however many reprints repeat it.
  const renderingIds = new Map<string, number>();
  const renderingOf: number[] = [];
  // Features as small integers for counting: document frequencies, postings and candidate hits are arrays, not maps.
  const featureIds = new Map<string, number>();
  const df: number[] = [];
  const idsOf: Int32Array[] = [];
  const terms: LinkableQuote[] = [];
  for (const q of quotes) {
    if (!q.statement) {
      terms.push(q);
      continue;
    }
    const rendering = renderingKey(q);
    const p = options.cache ? options.cache.prepare(q, rendering) : prepare(q);
    if (!p) continue;
    const ids = new Int32Array(p.features.size);
    let k = 0;
    for (const f of p.features) {
      let id = featureIds.get(f);
      if (id === undefined) {
        id = df.length;
        featureIds.set(f, id);
        df.push(0);
      }
      df[id]++;
      ids[k++] = id;
    }
    prepared.push(p);
    idsOf.push(ids);
    let r = renderingIds.get(rendering);
    if (r === undefined) renderingIds.set(rendering, (r = renderingIds.size));
    renderingOf.push(r);
  }
  const n = prepared.length;
  const idfById = df.map((d) => Math.log(1 + n / d));
  const idf = (f: string): number => {
    const id = featureIds.get(f);
    return id === undefined ? Math.log(1 + n) : idfById[id];
  };
  prepared.forEach((p, i) => {
    const ids = idsOf[i];
    for (let k = 0; k < ids.length; k++) p.weight += idfById[ids[k]];
    for (const u of p.units) for (const f of u.features) u.weight += idf(f);
  });

  const maxPostings = options.maxPostings ?? Math.max(100, Math.ceil(n * 0.01));
  // Every feature is indexed; a pair is scored only if it shares enough of the features that are not too common
  // (counted per pair in one pass over the postings, never over all pairs).
  const postings: number[][] = df.map(() => []);
  idsOf.forEach((ids, i) => {
    for (let k = 0; k < ids.length; k++) postings[ids[k]].push(i);
  });

  const scorer = options.scorer ?? weightedOverlap;
  const scored = new Map<number, { score: number; relation: LinkRelation } | null>();
  const renderings = renderingIds.size;
  const copies = new Int32Array(renderings);
  for (const r of renderingOf) copies[r]++;
  /** The scorer's result for a pair, once per (rendering, rendering, same speaker); remembered only where a side
   * repeats, so the memo holds what can be asked again. */
  const scoreOf = (i: number, j: number): { score: number; relation: LinkRelation } | null => {
    const a = prepared[i];
    const b = prepared[j];
    if (copies[renderingOf[i]] === 1 && copies[renderingOf[j]] === 1) return scorer.score(a, b, idf);
    const key = (renderingOf[i] * renderings + renderingOf[j]) * 2 + (sameSpeaker(a, b) ? 1 : 0);
    let result = scored.get(key);
    if (result === undefined) scored.set(key, (result = scorer.score(a, b, idf)));
    return result;
  };
  const links: AutoLink[] = [];
  const linked = new Set<string>();
  const add = (a: LinkableQuote, b: LinkableQuote, score: number, relation: LinkRelation) => {
    const [from, to] = a.id < b.id ? [a.id, b.id] : [b.id, a.id];
    if (linked.has(from + ' ' + to)) return;
    linked.add(from + ' ' + to);
    links.push({ from, to, score: Math.round(Math.min(1, score) * 1000) / 1000, relation });
  };
  const neighbours: { other: number; score: number }[][] = prepared.map(() => []);
  /** Pairs [fragment, quotation] where the fragment's words appear verbatim in the quotation. */
  const literal: [number, number][] = [];
  const hits = new Int32Array(n);
  const touched: number[] = [];
  for (let i = 0; i < n; i++) {
    const ids = idsOf[i];
    for (let f = 0; f < ids.length; f++) {
      const list = postings[ids[f]];
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
      // repeated words are found below, whatever their features
      if (samePlace(a.quote, b.quote) || a.surface === b.surface) continue;
      const result = scoreOf(i, j);
      if (!result) continue;
      const score = result.relation === 'same-words' ? result.score : adjustForContext(result.score, a.quote, b.quote);
      if (score < options.threshold) continue;
      add(a.quote, b.quote, score, result.relation);
      neighbours[i].push({ other: j, score });
      neighbours[j].push({ other: i, score });
      if (result.relation === 'fragment') {
        const [s, l] = a.features.size <= b.features.size ? [i, j] : [j, i];
        if (prepared[l].surface.includes(prepared[s].surface)) literal.push([s, l]);
      }
    }
    touched.length = 0;
  }
  // A verbatim fragment of a quotation ("preserve and strengthen the Hashd") carries the same statement as the other
  // renderings of that quotation, as far as its own words are in them: one step, not a closure.
  for (const [s, l] of literal) {
    const fragment = prepared[s];
    for (const { other, score } of neighbours[l]) {
      const rendering = prepared[other];
      if (other === s || samePlace(fragment.quote, rendering.quote)) continue;
      const key = fragment.quote.id < rendering.quote.id ? fragment.quote.id + ' ' + rendering.quote.id : rendering.quote.id + ' ' + fragment.quote.id;
      if (linked.has(key)) continue;
      const covered = overlap(fragment.features, rendering.features, idf).weight / fragment.weight;
      if (covered < 0.75) continue;
      const speakers = fragment.quote.speaker !== undefined && rendering.quote.speaker !== undefined && fragment.quote.speaker !== rendering.quote.speaker ? 0.6 : 1;
      const inferred = score * covered * speakers;
      if (inferred < options.threshold) continue;
      add(fragment.quote, rendering.quote, inferred, 'fragment');
    }
  }
  for (const [a, b] of sameWordPairs(prepared.map((p) => p.quote), false)) add(a, b, 1, 'same-words');
  for (const [a, b] of sameWordPairs(terms, true)) add(a, b, 1, 'same-words');
  links.sort((x, y) => (x.from < y.from ? -1 : x.from > y.from ? 1 : x.to < y.to ? -1 : x.to > y.to ? 1 : 0));
  options.cache?.done();
  return links;
}

export interface RankedQuote {
  id: string;
  score: number;
  relation: LinkRelation;
}

const rankingCache = new WeakMap<readonly LinkableQuote[], { prepared: Map<string, PreparedQuote>; idf: (f: string) => number }>();

/**
 * Every other quotation (statements and terms) scored against one, best first, for picking a link target by hand:
 * the scorer and the context adjustments of automatic linking, without a threshold; IDF-weighted Dice where a side
 * is too short for the scorer. Preparation is cached per list of quotations.
 */
export function rankSimilar(target: LinkableQuote, quotes: readonly LinkableQuote[], scorer: QuoteScorer = weightedOverlap): RankedQuote[] {
  let cached = rankingCache.get(quotes);
  if (!cached) {
    const prepared = new Map<string, PreparedQuote>();
    const df = new Map<string, number>();
    for (const q of quotes) {
      const p = prepare(q, 1);
      if (!p) continue;
      prepared.set(q.id, p);
      for (const f of p.features) df.set(f, (df.get(f) ?? 0) + 1);
    }
    const n = prepared.size;
    const idf = (f: string) => Math.log(1 + n / (df.get(f) ?? 1));
    for (const p of prepared.values()) {
      for (const f of p.features) p.weight += idf(f);
      for (const u of p.units) for (const f of u.features) u.weight += idf(f);
    }
    cached = { prepared, idf };
    rankingCache.set(quotes, cached);
  }
  const { prepared, idf } = cached;
  const a = prepared.get(target.id) ?? prepare(target, 1);
  const out: RankedQuote[] = [];
  for (const q of quotes) {
    if (q.id === target.id || samePlace(q, target)) continue;
    const b = prepared.get(q.id);
    let result: { score: number; relation: LinkRelation } | null = null;
    if (a && b) {
      if (a.surface === b.surface) result = { score: 1, relation: 'same-words' };
      else if (a.features.size >= MIN_FEATURES && b.features.size >= MIN_FEATURES) result = scorer.score(a, b, idf);
      if (!result) {
        const shared = overlap(a.features, b.features, idf).weight;
        result = { score: (2 * shared) / (a.weight + b.weight || 1), relation: 'paraphrase' };
      }
    }
    const score = !result ? 0 : result.relation === 'same-words' ? result.score : adjustForContext(result.score, target, q);
    out.push({ id: q.id, score: Math.round(score * 1000) / 1000, relation: result?.relation ?? 'paraphrase' });
  }
  return out.sort((x, y) => y.score - x.score || (x.id < y.id ? -1 : 1));
}

/**
 * The starting weight of quotations and units, which then add up IDF values (fractions). -0 is zero to every sum
 * (-0 + x is x, and every prepared quotation and unit adds at least one term), but unlike 0 it is not a small
 * integer: the field starts as a fraction, so the objects made before the first sum keep the shape of those after it
 * (a 0 would give them a small-integer field that the first fraction widens, leaving thousands of objects on an
 * outdated shape for optimised code to trip over).
 */
const DOUBLE_ZERO = -0;

/** Features of a statement, of each of its sentences, and of each clause of a sentence that has several. */
function prepare(q: LinkableQuote, minFeatures = MIN_FEATURES): PreparedQuote | null {
  const replacements = q.actors.map((a) => ({ start: a.start, end: a.end, token: a.name ? actorToken(a.name, a.actor) : '@' + a.actor }));
  const tokens = featureTokens(q.text, replacements);
  const features = new Set<string>();
  for (const t of tokens) features.add(t.feature);
  if (features.size < minFeatures) return null;
  const sentenceSpans = splitSpans(q.text, SENTENCE_END);
  // Tokens are in text order, so those of a span are one run of them.
  const firstAt = (at: number): number => partitionPoint(tokens.length, (k) => tokens[k].at < at);
  const unitOf = (s: number, e: number, clause = false): QuoteUnit => {
    const features = new Set<string>();
    for (let k = firstAt(s); k < tokens.length && tokens[k].at < e; k++) features.add(tokens[k].feature);
    return { features, weight: DOUBLE_ZERO, clause };
  };
  const sentences = sentenceSpans.map(([s, e]) => unitOf(s, e)).filter((u) => u.features.size > 0);
  const units: QuoteUnit[] = sentences.length > 1 ? sentences.filter((u) => u.features.size >= MIN_FEATURES) : [];
  for (const [s, e] of sentenceSpans) {
    const clauses = splitSpans(q.text.slice(s, e), CLAUSE_END);
    if (clauses.length < 2) continue;
    for (const [cs, ce] of clauses) {
      const u = unitOf(s + cs, s + ce, true);
      if (u.features.size >= MIN_FEATURES) units.push(u);
    }
  }
  return { quote: q, surface: q.surface ?? surfaceKey(q.text), features, weight: DOUBLE_ZERO, sentences: sentences.length > 1 ? sentences : [], units };
}

/** What `prepare` reads of a quotation: its words and the actor mentions in them (each string after its length,
 * so no text can make two keys meet). */
function renderingKey(q: LinkableQuote): string {
  const surface = q.surface ?? '';
  let key = `${q.surface === undefined ? -1 : surface.length}:${surface}${q.text.length}:${q.text}`;
  for (const a of q.actors) key += `|${a.start},${a.end},${a.actor.length}:${a.actor}${a.name === undefined ? -1 : a.name.length}:${a.name ?? ''}`;
  return key;
}

function sameSpeaker(a: PreparedQuote, b: PreparedQuote): boolean {
  return a.quote.speaker !== undefined && a.quote.speaker === b.quote.speaker;
}

/** Quotations nested in one another are the same place in the same document. */
function samePlace(a: LinkableQuote, b: LinkableQuote): boolean {
  return a.doc === b.doc && a.start < b.end && b.start < a.end;
}

/**
 * The context a model of the words alone cannot see: the same speaker makes a match likelier; two different known
 * speakers, or statements made more than a month apart, make it much less likely (a penalty, not a veto, since
 * speakers are sometimes misattributed and old statements are re-quoted).
 */
export function adjustForContext(score: number, a: LinkableQuote, b: LinkableQuote): number {
  let s = score;
  if (a.speaker !== undefined && b.speaker !== undefined) s = a.speaker === b.speaker ? s + 0.05 : s * 0.6;
  if (daysApart(a, b) > FAR_APART_DAYS) s *= 0.6;
  return Math.min(1, s);
}

/** Days between the statements' dates (0 when they overlap, or when either is unknown). */
export function daysApart(a: LinkableQuote, b: LinkableQuote): number {
  if (!a.days || !b.days) return 0;
  return Math.max(0, a.days[0] - b.days[1], b.days[0] - a.days[1]);
}

/**
 * Quotations with the same words, found by grouping rather than by features: statements anywhere (a verbatim
 * repeat is the same statement whenever it is reported); terms ("occupying forces") only in different documents,
 * from the same known speaker, at about the same time (a stock phrase is not a report of one remark).
 */
function sameWordPairs(list: LinkableQuote[], terms: boolean): [LinkableQuote, LinkableQuote][] {
  const groups = new Map<string, LinkableQuote[]>();
  for (const q of list) {
    if (terms && (q.speaker === undefined || featureTokens(q.text, []).length < 2)) continue;
    const key = (terms ? q.speaker + '\u0000' : '') + (q.surface ?? surfaceKey(q.text));
    const group = groups.get(key);
    if (group) group.push(q);
    else groups.set(key, [q]);
  }
  const pairs: [LinkableQuote, LinkableQuote][] = [];
  const pairsOf = (group: LinkableQuote[], reprints: boolean) => {
    for (let i = 0; i < group.length; i++) {
      for (let j = i + 1; j < group.length; j++) {
        const [a, b] = [group[i], group[j]];
        if (samePlace(a, b)) continue;
        if (terms && (a.doc === b.doc || daysApart(a, b) > FAR_APART_DAYS)) continue;
        if (reprints && (!a.days || !b.days || daysApart(a, b) > FAR_APART_DAYS)) continue;
        pairs.push([a, b]);
      }
    }
  };
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    if (group.length <= MAX_SAME_WORDS_GROUP) pairsOf(group, false);
    else if (!terms) {
      // reprints: by speaker (known ones only), each speaker's at most MAX_REPRINT_GROUP
      const bySpeaker = new Map<string, LinkableQuote[]>();
      for (const q of group) {
        if (q.speaker === undefined) continue;
        const same = bySpeaker.get(q.speaker);
        if (same) same.push(q);
        else bySpeaker.set(q.speaker, [q]);
      }
      for (const same of bySpeaker.values()) if (same.length <= MAX_REPRINT_GROUP) pairsOf(same, true);
    }
  }
  return pairs;
}

function overlap(small: Set<string>, other: Set<string>, idf: (f: string) => number): { weight: number; count: number } {
  let weight = 0;
  let count = 0;
  for (const f of small) {
    if (other.has(f)) {
      weight += idf(f);
      count++;
    }
  }
  return { weight, count };
}

/** Weight of the features of `small` found in `one` or in `other` (two neighbouring sentences). */
function overlapEither(small: Set<string>, one: Set<string>, other: Set<string> | undefined, idf: (f: string) => number): number {
  let weight = 0;
  for (const f of small) if (one.has(f) || other?.has(f)) weight += idf(f);
  return weight;
}

/**
 * IDF-weighted Dice for paraphrases; for fragments, containment of the shorter quotation in the longer one, or in
 * one or two neighbouring sentences of it (a long editorial contains every common word somewhere); exact surface
 * equality for same words.
 */
export const weightedOverlap: QuoteScorer = {
  score(a, b, idf) {
    if (a.surface === b.surface) return { score: 1, relation: 'same-words' };
    const [small, large] = a.features.size <= b.features.size ? [a, b] : [b, a];
    const whole = overlap(small.features, large.features, idf);
    if (whole.count < MIN_FEATURES) return null;
    const dice = (2 * whole.weight) / (a.weight + b.weight);
    const containment = whole.weight / small.weight;
    if (containment >= 0.85 && large.surface.includes(small.surface)) return { score: containment, relation: 'fragment' };
    let local = containment;
    if (large.sentences.length > 1) {
      let most = 0;
      for (let k = 0; k < large.sentences.length; k++) {
        const next = large.sentences[k + 1]?.features;
        most = Math.max(most, overlapEither(small.features, large.sentences[k].features, next, idf));
      }
      local = most / small.weight;
    }
    let best = dice;
    let relation: LinkRelation = 'paraphrase';
    // (three words are too thin for this: "specific", "trade", "problems" sit in many sentences)
    if (local >= 0.9 && dice < 0.75 && small.features.size >= 4) [best, relation] = [local * 0.9, 'fragment'];
    // A short rendering of one sentence or clause of a longer quotation: compare it with each.
    const same = sameSpeaker(a, b);
    for (const unit of large.units) {
      const u = overlap(small.features, unit.features, idf);
      // A unit match needs most of the shorter side's words, not three common ones.
      if (u.count < Math.max(MIN_FEATURES, Math.ceil(0.5 * Math.min(small.features.size, unit.features.size)))) continue;
      // A sentence, and a clause even more, shares a topic's words easily ("our major trading partners"): it must
      // hold most of the shorter quotation, less when the same person said both.
      const needed = unit.clause ? (same ? 0.5 : 0.75) : same ? 0.4 : 0.6;
      if (u.weight < small.weight * needed) continue;
      const d = (2 * u.weight) / (small.weight + unit.weight);
      if (d > best) [best, relation] = [d, 'fragment'];
    }
    // Part of the longer quotation in other words is another translation of that part, not a fragment of its text.
    if (relation === 'fragment' && !wordsOf(large.surface).includes(wordsOf(small.surface))) relation = 'paraphrase';
    return { score: Math.min(1, best), relation };
  },
};

/** A surface without apostrophes, so quotation marks nested in a quotation ('…') do not hide the same words. */
function wordsOf(surface: string): string {
  return surface.replace(/'/g, '').replace(/ {2,}/g, ' ');
}

const SENTENCE_END = /[.!?]+["'”’)\]]*\s+|\n+/g;
const CLAUSE_END = /[,;:]\s+|\s+[-–—]+\s+/g;

/** Spans of a text between separators (offsets), without empty ones. */
function splitSpans(text: string, separator: RegExp): [number, number][] {
  const spans: [number, number][] = [];
  let from = 0;
  separator.lastIndex = 0;
  for (let m = separator.exec(text); m; m = separator.exec(text)) {
    if (m.index > from) spans.push([from, m.index]);
    from = m.index + m[0].length;
  }
  if (from < text.length) spans.push([from, text.length]);
  return spans;
}
