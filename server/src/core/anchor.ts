/** Standoff anchors: creating them from a span and finding them again after the text changed. */
import type { Anchor } from './parse/annotations';

export const CONTEXT_LENGTH = 32;

/** Similarity (0..1) a changed passage needs to keep its annotation; below it the annotation is orphaned. */
export const FUZZY_THRESHOLD = 0.8;

/** exact: unchanged at its offsets; moved: same text elsewhere; fuzzy: changed text, found by similarity; orphaned: not found. */
export type AnchorStatus = 'exact' | 'moved' | 'fuzzy' | 'orphaned';

export interface ResolvedAnchor {
  status: AnchorStatus;
  start: number;
  end: number;
  /** For fuzzy matches: similarity of the text found to the anchor's exact text. */
  score?: number;
}

export interface ResolveOptions {
  /** Minimum similarity for a fuzzy match (default FUZZY_THRESHOLD); 1 turns fuzzy matching off. */
  threshold?: number;
}

/** An anchor (exact text, 32 characters of context each side, offsets) for text[start, end). */
export function makeAnchor(text: string, start: number, end: number): Anchor {
  return {
    exact: text.slice(start, end),
    prefix: text.slice(Math.max(0, start - CONTEXT_LENGTH), start),
    suffix: text.slice(end, end + CONTEXT_LENGTH),
    start,
    end,
  };
}

/**
 * Finds an anchor in the current text, trusting context over bare words (the same sentence may be quoted from two
 * speakers): at its offsets if the text there is unchanged; else an occurrence of its exact text whose prefix or
 * suffix still fits; else the changed passage between its intact prefix and suffix (fuzzy) if similar enough; else
 * the one occurrence of its exact text; else the most similar passage (fuzzy) if it reaches the threshold. When
 * several occurrences fit equally and no context tells them apart, or nothing fits, it is orphaned (at its old
 * offsets), never moved to a guess.
 */
export function resolveAnchor(text: string, anchor: Anchor, options: ResolveOptions = {}): ResolvedAnchor {
  if (text.slice(anchor.start, anchor.end) === anchor.exact) return { status: 'exact', start: anchor.start, end: anchor.end };
  const threshold = options.threshold ?? FUZZY_THRESHOLD;
  const occurrences = exactOccurrences(text, anchor);
  const best = occurrences[0];
  const fullContext = anchor.prefix.length + anchor.suffix.length;
  const moved = (at: number): ResolvedAnchor => ({ status: 'moved', start: at, end: at + anchor.exact.length });
  // The words with all their context: the passage itself, moved (of two identical passages, the nearer).
  if (best && best.context === fullContext) return moved(best.start);
  // The prefix and suffix both intact around a changed passage outweigh the same words elsewhere with less context.
  const between = threshold < 1 ? betweenContext(text, anchor) : undefined;
  const strong = best && best.context >= Math.min(STRONG_CONTEXT, fullContext);
  if (between && between.score >= threshold) {
    // Text typed at the boundary ("…, v|We will…"): the words themselves are intact inside, with context on one side.
    if (strong && best.start >= between.start && best.start + anchor.exact.length <= between.end) return moved(best.start);
    return { status: 'fuzzy', start: between.start, end: between.end, score: between.score };
  }
  // Enough context (8 characters, less at the document's edges) still tells the place.
  if (strong) return moved(best.start);
  // Without it, only a sole occurrence is more than a guess (a space or a full stop agree anywhere).
  if (occurrences.length === 1) return moved(best.start);
  if (occurrences.length > 1) return { status: 'orphaned', start: anchor.start, end: anchor.end };
  const searched = threshold < 1 ? approximateSearch(text, anchor) : undefined;
  if (searched && searched.score >= threshold) return { status: 'fuzzy', start: searched.start, end: searched.end, score: searched.score };
  return { status: 'orphaned', start: anchor.start, end: anchor.end };
}

const STRONG_CONTEXT = 8;

/** Every occurrence of the anchor's exact text with the context that still agrees there, best first (nearest on ties). */
function exactOccurrences(text: string, anchor: Anchor): { start: number; context: number }[] {
  const found: { start: number; context: number }[] = [];
  if (!anchor.exact) return found;
  for (let i = text.indexOf(anchor.exact); i !== -1 && found.length < 1000; i = text.indexOf(anchor.exact, i + 1)) {
    found.push({ start: i, context: contextScore(text, i, i + anchor.exact.length, anchor) });
  }
  return found.sort((a, b) => b.context - a.context || Math.abs(a.start - anchor.start) - Math.abs(b.start - anchor.start));
}

/** Characters of prefix and suffix that still agree around a candidate position. */
function contextScore(text: string, start: number, end: number, anchor: Anchor): number {
  let score = 0;
  for (let k = 1; k <= anchor.prefix.length && start - k >= 0; k++) {
    if (text.charCodeAt(start - k) !== anchor.prefix.charCodeAt(anchor.prefix.length - k)) break;
    score++;
  }
  for (let k = 0; k < anchor.suffix.length && end + k < text.length; k++) {
    if (text.charCodeAt(end + k) !== anchor.suffix.charCodeAt(k)) break;
    score++;
  }
  return score;
}

interface FuzzyMatch {
  start: number;
  end: number;
  score: number;
}

/**
 * When the text changed only inside the annotation, its prefix and suffix still stand on either side: the passage
 * between them is the annotation's new text. Context shorter than CONTEXT_LENGTH means the annotation touched the
 * start or end of the document, so it must still do so.
 */
function betweenContext(text: string, anchor: Anchor): FuzzyMatch | undefined {
  const { prefix, suffix } = anchor;
  if (prefix.length < 8 && !(prefix.length < CONTEXT_LENGTH && text.startsWith(prefix))) return undefined;
  if (suffix.length < 8 && !(suffix.length < CONTEXT_LENGTH && text.endsWith(suffix))) return undefined;
  const starts: number[] = [];
  if (prefix.length < CONTEXT_LENGTH) {
    if (text.startsWith(prefix)) starts.push(prefix.length);
  }
  else for (let i = text.indexOf(prefix); i !== -1 && starts.length < 50; i = text.indexOf(prefix, i + 1)) starts.push(i + prefix.length);
  const ends: number[] = [];
  if (suffix.length < CONTEXT_LENGTH) {
    if (text.endsWith(suffix)) ends.push(text.length - suffix.length);
  }
  else for (let i = text.indexOf(suffix); i !== -1 && ends.length < 50; i = text.indexOf(suffix, i + 1)) ends.push(i);
  const maxLength = 2 * anchor.exact.length + CONTEXT_LENGTH;
  let best: FuzzyMatch | undefined;
  for (const s of starts) {
    for (const e of ends) {
      if (e < s || e - s > maxLength) continue;
      const score = similarity(anchor.exact, text.slice(s, e));
      if (!best || score > best.score || (score === best.score && Math.abs(s - anchor.start) < Math.abs(best.start - anchor.start))) best = { start: s, end: e, score };
    }
  }
  return best;
}

/** Past this many DP cells the search is limited to a window around the old offsets (keeps long documents fast). */
const MAX_CELLS = 4_000_000;

/**
 * Approximate substring search (Sellers): the substring of the text with the fewest edits from the exact text.
 * Ties go to the candidate nearest the old offsets; the boundaries then snap to the context where it still fits.
 */
function approximateSearch(text: string, anchor: Anchor): FuzzyMatch | undefined {
  const pattern = anchor.exact;
  const m = pattern.length;
  if (m === 0 || text.length === 0) return undefined;
  let lo = 0;
  let hi = text.length;
  if (text.length * m > MAX_CELLS) {
    const reach = Math.max(m * 2, Math.floor(MAX_CELLS / m / 2));
    lo = Math.max(0, anchor.start - reach);
    hi = Math.min(text.length, anchor.end + reach);
  }
  // col[i]: fewest edits turning pattern[0, i) into some substring of the text ending at j.
  let col = new Uint32Array(m + 1);
  for (let i = 0; i <= m; i++) col[i] = i;
  let next = new Uint32Array(m + 1);
  let bestCost = col[m];
  let bestEnd = lo;
  for (let j = lo; j < hi; j++) {
    const c = text.charCodeAt(j);
    next[0] = 0;
    for (let i = 1; i <= m; i++) {
      const sub = col[i - 1] + (pattern.charCodeAt(i - 1) === c ? 0 : 1);
      const del = col[i] + 1;
      const ins = next[i - 1] + 1;
      next[i] = sub < del ? (sub < ins ? sub : ins) : del < ins ? del : ins;
    }
    [col, next] = [next, col];
    const cost = col[m];
    if (cost < bestCost || (cost === bestCost && Math.abs(j + 1 - anchor.end) < Math.abs(bestEnd - anchor.end))) {
      bestCost = cost;
      bestEnd = j + 1;
    }
  }
  if (bestCost >= m) return undefined;
  const start = bestStart(text, pattern, bestEnd, Math.max(lo, bestEnd - m - bestCost));
  let match = { start, end: bestEnd };
  match = snapToContext(text, anchor, match, bestCost);
  match = clipToContext(text, anchor, match);
  return { ...match, score: similarity(pattern, text.slice(match.start, match.end)) };
}

/** A match never runs into the annotation's own context: where its suffix (or prefix) stands inside the match, the annotation ends (or starts). */
function clipToContext(text: string, anchor: Anchor, match: { start: number; end: number }): { start: number; end: number } {
  let { start, end } = match;
  const suf = anchor.suffix.slice(0, 16);
  if (suf.length >= 8) {
    const k = text.indexOf(suf, start + 1);
    if (k !== -1 && k < end) end = k;
  }
  const pre = anchor.prefix.slice(-16);
  if (pre.length >= 8) {
    const k = text.lastIndexOf(pre, end - pre.length - 1);
    if (k !== -1 && k >= start && k + pre.length < end) start = k + pre.length;
  }
  return { start, end };
}

/**
 * Where the best match ending at `end` starts: one DP over the text read backwards from `end` gives the edit
 * distance of the whole pattern to text[s, end) for every s; the fewest edits win, the longest span on ties.
 */
function bestStart(text: string, pattern: string, end: number, from: number): number {
  const m = pattern.length;
  let row = new Uint32Array(m + 1);
  for (let i = 0; i <= m; i++) row[i] = i;
  let next = new Uint32Array(m + 1);
  let best = end;
  let bestCost = row[m];
  for (let k = 1; end - k >= from; k++) {
    const c = text.charCodeAt(end - k);
    next[0] = k;
    for (let i = 1; i <= m; i++) {
      const sub = row[i - 1] + (pattern.charCodeAt(m - i) === c ? 0 : 1);
      const skip = row[i] + 1;
      const ins = next[i - 1] + 1;
      next[i] = sub < skip ? (sub < ins ? sub : ins) : skip < ins ? skip : ins;
    }
    [row, next] = [next, row];
    if (row[m] <= bestCost) [best, bestCost] = [end - k, row[m]];
  }
  return best;
}

/** Moves a boundary by a few characters when that makes the context fit exactly, so a fuzzy match starts and ends where the annotation did. */
function snapToContext(text: string, anchor: Anchor, match: { start: number; end: number }, slack: number): { start: number; end: number } {
  const reach = Math.min(slack + 2, 16);
  let { start, end } = match;
  const pre = anchor.prefix.slice(-8);
  if (pre) {
    for (let d = 0; d <= reach; d++) {
      const hit = [start - d, start + d].find((s) => s >= pre.length && s <= end && text.startsWith(pre, s - pre.length));
      if (hit !== undefined) {
        start = hit;
        break;
      }
    }
  }
  const suf = anchor.suffix.slice(0, 8);
  if (suf) {
    for (let d = 0; d <= reach; d++) {
      const hit = [end + d, end - d].find((e) => e >= start && e + suf.length <= text.length && text.startsWith(suf, e));
      if (hit !== undefined) {
        end = hit;
        break;
      }
    }
  }
  return { start, end };
}

/** 1 minus the edit distance over the longer length: 1 for equal strings, 0 for nothing in common. */
export function similarity(a: string, b: string): number {
  const longest = Math.max(a.length, b.length);
  return longest === 0 ? 1 : 1 - editDistance(a, b) / longest;
}

/** Levenshtein distance over UTF-16 code units, in one row of memory. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length < b.length) [a, b] = [b, a];
  const row = new Uint32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) row[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = row[0];
    row[0] = i;
    const c = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const up = row[j];
      row[j] = Math.min(up + 1, row[j - 1] + 1, diag + (b.charCodeAt(j - 1) === c ? 0 : 1));
      diag = up;
    }
  }
  return row[b.length];
}
