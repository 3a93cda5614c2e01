/** Calendar arithmetic shared by the front matter reader and the date recogniser. */

/** Days in `month` (1-12) of `year` in the proleptic Gregorian calendar. */
export function monthLength(year: number, month: number): number {
  if (month !== 2) return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
}
