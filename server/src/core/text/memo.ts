/** Remembered results of pure functions of a string. */

/**
 * `compute` with its results remembered: names and their tokens repeat across a corpus ("Iran" thousands of times),
 * so each spelling is worked out once. Emptied past 200,000 entries; callers must not mutate what it returns.
 */
export function memoized<T>(compute: (s: string) => T): (s: string) => T {
  const memo = new Map<string, T>();
  return (s) => {
    let hit = memo.get(s);
    if (hit === undefined) {
      hit = compute(s);
      if (memo.size > 200_000) memo.clear();
      memo.set(s, hit);
    }
    return hit;
  };
}
