/** Remembered results of pure functions of a string. */

/**
 * `compute` with its results remembered: names, their tokens and words repeat across a corpus ("Iran" thousands of
 * times), so each is worked out once. Emptied past `limit` entries; callers must not mutate what it returns.
 */
export function memoized<T>(compute: (s: string) => T, limit = 200_000): (s: string) => T {
  const memo = new Map<string, T>();
  return (s) => {
    let hit = memo.get(s);
    if (hit === undefined) {
      hit = compute(s);
      if (memo.size > limit) memo.clear();
      memo.set(s, hit);
    }
    return hit;
  };
}
