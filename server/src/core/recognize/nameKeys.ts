/** Normalised keys for names, so that spelling variants of one name compare equal. */

import { memoized } from '../text/memo';

const SIMPLE = /^[A-Za-z]+(?: [A-Za-z]+)*$/;

/** Lower-case, accent-free, apostrophe-free, hyphens as spaces, dots of acronyms removed: "Mohammed Shia' Al-Sudani" → "mohammed shia al sudani". */
export const nameKey = memoized(computeNameKey);

/** nameKey without its cache, for callers that keep the key themselves. */
export function computeNameKey(text: string): string {
  if (SIMPLE.test(text)) return text.toLowerCase();
  let s = text;
  if (/[^\x00-\x7f]/.test(s)) s = s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  return s
    .toLowerCase()
    .replace(/['’`‘ʼ]/g, '')
    .replace(/(\p{L})\.(?=\p{L}|$)/gu, '$1')
    .replace(/\.$/, '')
    .replace(/[-‑–]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Tokens of a key without the article-like particles that transliteration adds or drops ("al", "el"). */
export const coreTokens = memoized((key) => key.split(' ').filter((t) => t !== 'al' && t !== 'el' && t !== 'the' && t !== ''));

/** The core tokens of a key joined by spaces ("mohammed shia sudani"). */
export const coreKey = memoized((key) => coreTokens(key).join(' '));

/** A consonant skeleton of one token: first letter kept, vowels dropped, doubled letters collapsed ("mostafa" and "mustafa" → "mstf"). */
export const skeleton = memoized(computeSkeleton);

function computeSkeleton(token: string): string {
  let out = token.charAt(0);
  let last = out;
  for (let i = 1; i < token.length; i++) {
    const c = token.charAt(i);
    if ('aeiouy'.includes(c)) continue;
    if (c === last) continue;
    out += c;
    last = c;
  }
  if (out.length > 2 && out.endsWith('h')) out = out.slice(0, -1);
  return out;
}

/** Two tokens name the same thing when their skeletons agree and their spellings differ by at most two edits (Mohammed/Muhammad, Qassem/Qasem), or they are equal.
 * Short words leave less room: one edit at four letters (Shia/Shiaa, Qods/Quds), none below ("Net" is not "Note"). */
export function sameToken(a: string, b: string): boolean {
  if (a === b) return true;
  const shorter = Math.min(a.length, b.length);
  if (shorter < 4) return false;
  // index/actors.ts (alike) skips pairs whose skeletons differ on the strength of this line.
  if (skeleton(a) !== skeleton(b)) return false;
  return editDistanceAtMost(a, b, shorter === 4 ? 1 : 2);
}

/** Levenshtein distance bounded by `max` (early exit), for short tokens. */
export function editDistanceAtMost(a: string, b: string, max: number): boolean {
  if (Math.abs(a.length - b.length) > max) return false;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1));
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return false;
    prev = cur;
  }
  return prev[b.length] <= max;
}
