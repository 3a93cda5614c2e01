/** Remembered results of pure functions: of a string, or of an object that does not change once made. */

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

/**
 * `compute` of an object, remembered for as long as the object lives (a WeakMap): for objects that do not change once
 * made, such as an analysed document or one document's list of names. `compute` may return null or undefined.
 */
export function rememberedPer<K extends object, V>(compute: (key: K) => V): (key: K) => V {
  const memo = new WeakMap<K, V>();
  return (key) => {
    let value = memo.get(key);
    if (value === undefined && !memo.has(key)) memo.set(key, (value = compute(key)));
    return value as V;
  };
}
