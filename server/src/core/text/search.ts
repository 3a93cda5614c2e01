import { rememberedPer } from './memo';

/**
 * Binary search over a sorted sequence: the first index in [0, length) where `before(i)` is false, or `length`.
 * `before` must hold on a prefix of the indices and fail on the rest (e.g. `i => items[i].start < offset`).
 */
export function partitionPoint(length: number, before: (i: number) => boolean): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (before(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * For spans sorted by start, the furthest end among the first k+1 for each k: going back from a position, no earlier
 * span can reach it once this value is at or before it.
 */
export function runningMaxEnd(length: number, endOf: (i: number) => number): Int32Array {
  const out = new Int32Array(length);
  let reach = -1;
  for (let k = 0; k < length; k++) out[k] = reach = Math.max(reach, endOf(k));
  return out;
}

/** runningMaxEnd of a list, made once per list (see rememberedPer); one of these per kind of end, since the list is the key. */
export function runningMaxEndOf<T>(endOf: (item: T) => number): (list: readonly T[]) => Int32Array {
  return rememberedPer((list: readonly T[]) => runningMaxEnd(list.length, (k) => endOf(list[k])));
}
