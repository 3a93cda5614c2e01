/** The shapes of TIMEX3 values the date recogniser writes, in one place for everything that tells them apart. */

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const QUARTER = /^\d{4}-Q[1-4]$/;
const CALENDAR = /^\d{4}(?:-\d{2}(?:-\d{2})?|-W\d{2}|-Q[1-4]|-(?:SP|SU|FA|WI))?$/;

/** A single day: 2022-11-29. */
export function isDayValue(value: string): boolean {
  return DAY.test(value);
}

/** A quarter: 1989-Q3. */
export function isQuarterValue(value: string): boolean {
  return QUARTER.test(value);
}

/** A calendar value shown as a date: a day, month, year, ISO week, quarter or season (not PRESENT_REF, a decade or a weekend). */
export function isCalendarValue(value: string): boolean {
  return CALENDAR.test(value);
}
