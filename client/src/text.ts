/** Short texts for labels in views, quick picks and messages. */

/** One line of at most `n` characters, with an ellipsis when cut. */
export function clip(s: string, n = 100): string {
  const one = s.replace(/\s+/g, ' ');
  return one.length > n ? one.slice(0, n - 1) + '…' : one;
}

/** "1 mention", "3 mentions". */
export function count(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}
