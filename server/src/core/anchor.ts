/** Standoff anchors: creating them from a span and finding them again after the text changed. */
import type { Anchor } from './parse/annotations';

export const CONTEXT_LENGTH = 32;

export type AnchorStatus = 'exact' | 'moved' | 'orphaned';

export interface ResolvedAnchor {
  status: AnchorStatus;
  start: number;
  end: number;
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

/** Finds an anchor in the current text: at its offsets if the text there is unchanged, else the occurrence of its exact text whose context fits best (nearest on ties). */
export function resolveAnchor(text: string, anchor: Anchor): ResolvedAnchor {
  if (text.slice(anchor.start, anchor.end) === anchor.exact) return { status: 'exact', start: anchor.start, end: anchor.end };
  let best = -1;
  let bestScore = -1;
  for (let i = text.indexOf(anchor.exact); i !== -1; i = text.indexOf(anchor.exact, i + 1)) {
    const score = contextScore(text, i, i + anchor.exact.length, anchor) * 1e7 - Math.abs(i - anchor.start);
    if (score > bestScore) [best, bestScore] = [i, score];
  }
  if (best === -1) return { status: 'orphaned', start: anchor.start, end: anchor.end };
  return { status: 'moved', start: best, end: best + anchor.exact.length };
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
