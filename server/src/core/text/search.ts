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
