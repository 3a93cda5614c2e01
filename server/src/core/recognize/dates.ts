/**
 * Date expressions in news text, resolved to TIMEX3 values.
 *
 * One global "anchor" regex finds the head word of every candidate (a month, a weekday, a year,
 * "yesterday", "week", "ago", ...). Each hit is then widened by looking at a few words before it
 * (modifiers such as "last", "early", "in") and a sticky regex after it (day and year). Only hits
 * pay for string work, so the scan stays linear and allocation-free between candidates.
 */
import type { DateMatch } from '../model/types';

// ---------------------------------------------------------------------------------------------
// Calendar arithmetic on day numbers (days since 1970-01-01, proleptic Gregorian, UTC).

const MS_PER_DAY = 86_400_000;
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const SEASONS = ['WI', 'WI', 'SP', 'SP', 'SP', 'SU', 'SU', 'SU', 'FA', 'FA', 'FA', 'WI'];

function dayNumber(year: number, month: number, day: number): number {
  return Math.round(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

/** 0 = Sunday ... 6 = Saturday. */
function weekdayIndex(dayNo: number): number {
  return (((dayNo + 4) % 7) + 7) % 7;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function pad(n: number, width: number): string {
  const s = String(n);
  return s.length >= width ? s : '0000'.slice(0, width - s.length) + s;
}

function formatDay(dayNo: number): string {
  const d = new Date(dayNo * MS_PER_DAY);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
}

function formatMonth(year: number, month: number): string {
  // Normalise month overflow so callers can pass month - 1 or month + 1 freely.
  const index = year * 12 + (month - 1);
  return `${pad(Math.floor(index / 12), 4)}-${pad((index % 12) + 1, 2)}`;
}

/** ISO 8601 week ("2022-W47") of a day: the week belongs to the year holding its Thursday. */
function formatIsoWeek(dayNo: number): string {
  const mondayBased = (weekdayIndex(dayNo) + 6) % 7;
  const thursday = dayNo - mondayBased + 3;
  const year = new Date(thursday * MS_PER_DAY).getUTCFullYear();
  const week = Math.floor((thursday - dayNumber(year, 1, 1)) / 7) + 1;
  return `${pad(year, 4)}-W${pad(week, 2)}`;
}

interface Reference {
  iso: string;
  year: number;
  month: number;
  day: number;
  dayNo: number;
}

function parseReference(value: string | null): Reference | null {
  if (!value) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!m) return null;
  const year = +m[1], month = +m[2], day = +m[3];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return { iso: `${m[1]}-${m[2]}-${m[3]}`, year, month, day, dayNo: dayNumber(year, month, day) };
}

/** Weekday name of a YYYY-MM-DD value (UTC), e.g. "Tuesday". */
export function weekdayOf(value: string): string | null {
  const ref = parseReference(value);
  return ref && /^\d{4}-\d{2}-\d{2}$/.test(value) ? WEEKDAYS[weekdayIndex(ref.dayNo)] : null;
}

// ---------------------------------------------------------------------------------------------
// Vocabulary.

const MONTH_NAMES = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];
/** Full names first, then abbreviations ("Sept" before "Sep") so the alternation takes the longest. */
const MONTH_WORD =
  MONTH_NAMES.join('|') + '|Jan\\.?|Feb\\.?|Mar\\.?|Apr\\.?|Jun\\.?|Jul\\.?|Aug\\.?|Sept\\.?|Sep\\.?|Oct\\.?|Nov\\.?|Dec\\.?';

const MONTH_BY_PREFIX: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};

const WEEKDAY_BY_PREFIX: Record<string, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };

const SEASON_CODES: Record<string, string> = { spring: 'SP', summer: 'SU', fall: 'FA', autumn: 'FA', winter: 'WI' };
const SEASON_NAMES: Record<string, string> = { SP: 'spring', SU: 'summer', FA: 'fall', WI: 'winter' };

const ORDINALS: Record<string, number> = {
  first: 1, second: 2, third: 3, fourth: 4, '1st': 1, '2nd': 2, '3rd': 3, '4th': 4,
};

const COUNT_WORDS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50,
};

const CENTURY_ORDINALS: Record<string, number> = {
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9,
  tenth: 10, eleventh: 11, twelfth: 12, thirteenth: 13, fourteenth: 14, fifteenth: 15, sixteenth: 16,
  seventeenth: 17, eighteenth: 18, nineteenth: 19, twentieth: 20,
};

const TENS = ['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const UNITS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const TENS_WORD = TENS.join('|');
const UNITS_WORD = UNITS.join('|');
/** "nineteen ninety-six", captured as (tens)(units). */
const SPOKEN_19XX = `[Nn]ineteen[\\s-]+(${TENS_WORD})(?:-(${UNITS_WORD}))?(?![A-Za-z-])`;

/** The year captured by a regex ending in (digits)|SPOKEN_19XX, starting at group `g`. */
function capturedYear(m: RegExpExecArray, g: number): number {
  if (m[g] !== undefined) return +m[g];
  return 1900 + 10 * (TENS.indexOf(m[g + 1].toLowerCase()) + 2) + (m[g + 2] ? UNITS.indexOf(m[g + 2].toLowerCase()) + 1 : 0);
}

/** Words before a year that make a bare four-digit number read as a year. */
const YEAR_CUES = new Set([
  'in', 'since', 'by', 'of', 'until', 'till', 'from', 'during', 'early', 'late', 'mid', 'through',
  'before', 'after', 'fiscal', 'between', 'around', 'circa', 'throughout', 'spring', 'summer',
  'autumn', 'winter', 'year', 'the', 'post', 'pre',
]);

/** Determiners before an attributive year ("the 1996 Olympics", "its 1988 results"). */
const DETERMINERS = new Set(['the', 'a', 'an', 'its', 'his', 'her', 'their', 'our', 'my', 'your', 'this', 'that', 'for', 'into', 'due', 'both']);

/** Words after which a four-digit number is a label or a count, not a year. */
const NUMBER_LABELS = new Set([
  'no', 'nos', 'number', 'flight', 'resolution', 'article', 'route', 'room', 'page', 'pages', 'section', 'chapter',
  'model', 'version', 'item', 'issue', 'vol', 'volume', 'unit', 'bill', 'code', 'highway', 'interstate', 'lot',
  'box', 'suite', 'gate', 'bus', 'train', 'rule', 'about', 'approximately', 'nearly', 'some', 'than', 'least',
  'almost', 'roughly', 'only', 'just', 'over', 'under', 'total', 'exactly',
]);

/** A count noun after the number: "2000 troops" is not a year. */
const COUNT_NOUN_AFTER = new RegExp(
  '\\s+(?:more\\s+|new\\s+|other\\s+)?(?:people|persons|troops|soldiers|men|women|children|residents|refugees|workers|employees|jobs|' +
    'members|students|police|policemen|officers|votes|voters|dollars|euros|pounds|yuan|rubles|rupees|riyals|dinars|shares|' +
    'tons|tonnes|barrels|miles|kilometers|kilometres|km|meters|metres|feet|acres|hectares|units|cars|vehicles|homes|houses|' +
    'cases|deaths|dead|prisoners|detainees|fighters|militants|rebels|protesters|demonstrators|families|pilgrims|tourists|' +
    'visitors|patients|delegates|copies|words|points|hours|minutes|seconds|days|weeks|months|years|rounds|missiles|rockets|' +
    'shells|bombs|planes|aircraft|tanks|ships|times|percent|calories|villages|sites|civilians|casualties|injured|killed)(?![A-Za-z])',
  'y',
);

/** Words before a bare month name that make it read as a month ("in March", "since May"). */
const MONTH_CUES = new Set([
  'in', 'since', 'by', 'of', 'until', 'till', 'from', 'during', 'through', 'before', 'after',
  'between', 'throughout', 'early', 'late', 'mid', 'last', 'this', 'next', 'coming', 'upcoming',
  'around',
]);

/** Cue words that also modify the span ("early March", "last May"). */
const MONTH_MODIFIERS = new Set(['early', 'late', 'mid', 'last', 'this', 'next', 'coming', 'upcoming']);

/** Prepositions and connectors that may sit between a head and a previous date ("2018 and 2019"). */
const CHAIN_WORDS = new Set(['and', 'or', 'to', 'through', 'until', 'till', 'nor']);

// ---------------------------------------------------------------------------------------------
// The anchor regex: one alternative per kind of head word.

const G_MONTH = 1;
const G_WEEKDAY = 2;
const G_ISO_Y = 3;
const G_DAY_FIRST = 6;
const G_SLASH_A = 7;
const G_YEAR = 10;
const G_DECADE = 11;
const G_DEICTIC = 12;
const G_UNIT = 13;
const G_HOLIDAY = 14;
const G_SPOKEN_TENS = 15;

const ANCHOR = new RegExp(
  '(?<![A-Za-z0-9$£€])(?:' +
    `(${MONTH_WORD})(?![A-Za-z])` +
    '|(Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day(?![A-Za-z])' +
    '|((?:1\\d|20)\\d\\d)-([01]\\d)-([0-3]\\d)(?![\\d-])' +
    `|(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?(?=(?:${MONTH_WORD})(?![A-Za-z]))` +
    '|(\\d{1,2})/(\\d{1,2})/((?:1\\d|20)\\d\\d)(?![\\d/])' +
    '|((?:19|20)\\d\\d)(s)?(?![A-Za-z0-9%])(?![.,]\\d)' +
    '|([Tt]oday|[Yy]esterday|[Tt]omorrow|[Nn]ow|[Cc]urrently)(?![A-Za-z])' +
    '|(week|weekend|month|year|quarter|[Ss]pring|[Ss]ummer|[Ff]all|[Aa]utumn|[Ww]inter|century|ago)(?![A-Za-z])' +
    "|(Thanksgiving(?: Day)?|Christmas(?: Day| Eve)?|New Year[’']s (?:Day|Eve)|Halloween|Valentine[’']s Day)(?![A-Za-z])" +
    `|${SPOKEN_19XX}` +
    ')',
  'g',
);

const MONTH_AT = new RegExp(`(?:${MONTH_WORD})(?![A-Za-z])`, 'y');
/** After a month name: " 29", " 29th", " 29, 2022", " 29 2022". */
const DAY_YEAR_AFTER = /\s+(\d{1,2})(?:st|nd|rd|th)?(?!\d|:\d)(?!\.\d)(?:(?:,\s*|\s+)((?:1\d|20)\d\d)(?![\d,.]\d|\d))?/y;
/** After a month name: " 2022", ", 2022", " of 2022". */
const YEAR_AFTER = new RegExp(`,?\\s+(?:of\\s+)?(?:((?:18|19|20)\\d\\d)(?![\\d,.]\\d|\\d)|${SPOKEN_19XX})`, 'y');
/** After "29 November": " 2022" or ", 2022". */
const YEAR_AFTER_DAY_MONTH = /,?\s+((?:1\d|20)\d\d)(?![\d,.]\d|\d)/y;
/** After a weekday: ", July 21" / " 21 July" (the date itself is parsed by the month helpers). */
const WEEKDAY_DATE_GAP = /,?\s+(?:the\s+)?(?=\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?[A-Z]|[A-Z])/y;
const DAY_NUMBER_AT = /(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?/y;
const PART_OF_DAY = /\s+(morning|afternoon|evening|night)(?![A-Za-z])/y;
const OF_YEAR = new RegExp(`,?\\s+(?:of\\s+)?(?:((?:19|20)\\d\\d)(?![\\d,.]\\d|\\d)|${SPOKEN_19XX})`, 'y');
const OF_RELATIVE_YEAR = /\s+of\s+(this|last|next)\s+year(?![A-Za-z])/y;
const QUARTER_AFTER_YEAR = /\s+(?:fiscal\s+)?(first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+quarter(?![A-Za-z])/y;
const SPOKEN_YEAR_AFTER = new RegExp(
  `\\s+(?:two thousand(?:\\s+and\\s+(${UNITS_WORD}))?|nineteen[\\s-]+(${TENS_WORD})(?:-(${UNITS_WORD}))?)(?![A-Za-z-])`,
  'y',
);
const YEAR_QUARTER_AFTER = /[’']s\s+(?:fiscal\s+)?(first|second|third|fourth)[\s-]+quarter(?![A-Za-z])/y;
const FUTURE_CUE = /\b(?:will|'ll|shall|would|scheduled|expected|expects|payable|effective|due|planned|plans|set (?:to|for)|is to|are to|to be|going to|supposed to|next)\b/i;
/** After a month name: " last year", " this year", " next year". */
const RELATIVE_YEAR_AFTER = /,?\s+(last|this|next)\s+year(?![A-Za-z-])/y;

// ---------------------------------------------------------------------------------------------
// Scanning context.

interface Scan {
  text: string;
  from: number;
  to: number;
  ref: Reference | null;
  /** End of the last accepted match: words before it are not ours to claim. */
  floor: number;
}

interface Found {
  start: number;
  end: number;
  value: string;
  relative: boolean;
  explanation: string;
}

function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 39 || c === 0x2019;
}

/** Start offset of the word that ends just before `pos` (skipping spaces and one hyphen), or -1. */
function wordStartBefore(s: Scan, pos: number): number {
  let i = pos;
  while (i > s.floor && (s.text.charCodeAt(i - 1) === 32 || s.text.charCodeAt(i - 1) === 10 || s.text.charCodeAt(i - 1) === 13 || s.text.charCodeAt(i - 1) === 9)) i--;
  if (i === pos && i > s.floor && s.text.charCodeAt(i - 1) === 45) i--;
  const end = i;
  while (i > s.floor && isWordChar(s.text.charCodeAt(i - 1))) i--;
  return i < end ? i : -1;
}

/** End offset of the word starting `start` (for a start returned by wordStartBefore). */
function wordEndAfter(s: Scan, start: number): number {
  let i = start;
  while (i < s.text.length && isWordChar(s.text.charCodeAt(i))) i++;
  return i;
}

function lower(s: Scan, start: number): string {
  return s.text.slice(start, wordEndAfter(s, start)).toLowerCase();
}

/** Up to `n` words before `pos`, nearest first, as lowercase strings with their start offsets. */
function wordsBefore(s: Scan, pos: number, n: number): { word: string; start: number }[] {
  const out: { word: string; start: number }[] = [];
  let at = pos;
  while (out.length < n) {
    const start = wordStartBefore(s, at);
    if (start < 0) break;
    out.push({ word: lower(s, start), start });
    at = start;
  }
  return out;
}

function stickyAt(re: RegExp, s: Scan, pos: number): RegExpExecArray | null {
  re.lastIndex = pos;
  const m = re.exec(s.text);
  return m && re.lastIndex <= s.to ? m : null;
}

/** True when the clause before `pos` speaks of the future ("will meet Friday", "payable Dec. 1"). */
function futureBefore(s: Scan, pos: number): boolean {
  let lo = pos;
  const limit = Math.max(s.from, pos - 60);
  while (lo > limit) {
    const c = s.text.charCodeAt(lo - 1);
    if (c === 46 || c === 33 || c === 63 || c === 59 || c === 10) break;
    lo--;
  }
  return FUTURE_CUE.test(s.text.slice(lo, pos));
}

/** True when the previous accepted date ends just before `wordStart`, joined by a connector. */
function chainedToPrevious(s: Scan, wordStart: number, word: string): boolean {
  if (!CHAIN_WORDS.has(word) || s.floor <= s.from) return false;
  const between = s.text.slice(s.floor, wordStart);
  return /^[\s,]*$/.test(between) && wordStart - s.floor <= 3;
}

// ---------------------------------------------------------------------------------------------
// Resolution helpers.

const enum Orientation {
  Past,
  Future,
  Nearest,
}

function monthNumber(word: string): number {
  return MONTH_BY_PREFIX[word.slice(0, 3).toLowerCase()] ?? 0;
}

/** Year for a month/day without one: past-oriented, but dates up to ~2 months ahead stay in the reference year. */
function yearForMonthDay(ref: Reference, month: number, day: number, future: boolean): { year: number; why: string } {
  const same = dayNumber(ref.year, month, day);
  if (future) {
    if (same >= ref.dayNo) return { year: ref.year, why: 'next such date after publication' };
    if (ref.dayNo - same > 180) return { year: ref.year + 1, why: 'next such date after publication' };
    return { year: ref.year, why: 'year of publication' };
  }
  if (same - ref.dayNo > 60) return { year: ref.year - 1, why: 'would be after publication, so the year before' };
  return { year: ref.year, why: 'year of publication' };
}

function yearForMonth(ref: Reference, month: number, orientation: Orientation, strictlyPast: boolean): number {
  if (orientation === Orientation.Future) return month > ref.month || (!strictlyPast && month === ref.month) ? ref.year : ref.year + 1;
  if (orientation === Orientation.Nearest) return ref.year;
  if (strictlyPast) return month < ref.month ? ref.year : ref.year - 1;
  // The month right after publication is usually the coming one ("expected in December").
  if ((month - ref.month + 12) % 12 === 1) return month > ref.month ? ref.year : ref.year + 1;
  return month <= ref.month ? ref.year : ref.year - 1;
}

function seasonValue(ref: Reference, code: string, modifier: string): { value: string; why: string } {
  const refSeason = SEASONS[ref.month - 1];
  // Winter runs December to February and is labelled with the year it starts in.
  const refSeasonYear = refSeason === 'WI' && ref.month <= 2 ? ref.year - 1 : ref.year;
  const order = ['WI', 'SP', 'SU', 'FA'];
  const rank = (c: string) => (c === 'WI' ? 3 : order.indexOf(c) - 1); // SP=0, SU=1, FA=2, WI=3 within a season-year
  const refRank = rank(refSeason);
  const r = rank(code);
  let year: number;
  let why: string;
  if (modifier === 'last') {
    year = r < refRank ? refSeasonYear : refSeasonYear - 1;
    why = `most recent ${SEASON_NAMES[code]} before publication`;
  } else if (modifier === 'next') {
    year = r > refRank ? refSeasonYear : refSeasonYear + 1;
    why = `first ${SEASON_NAMES[code]} after publication`;
  } else {
    year = refSeason === 'WI' && code === 'WI' ? refSeasonYear : ref.year;
    why = `${SEASON_NAMES[code]} of the publication year`;
  }
  return { value: `${pad(year, 4)}-${code}`, why };
}

// ---------------------------------------------------------------------------------------------
// Handlers, one per kind of head. Each returns null to reject the candidate.

/** Month/day (+ year) with the month word at [mStart, mEnd), day already known or parsed after. */
function monthDate(s: Scan, start: number, month: number, day: number, year: number | null, end: number, weekday: number): Found | null {
  if (day < 1 || day > 31) return null;
  if (year !== null) {
    if (day > daysInMonth(year, month)) return null;
    return { start, end, value: formatDay(dayNumber(year, month, day)), relative: false, explanation: 'full date' };
  }
  if (day > daysInMonth(2000, month)) return null;
  const ref = s.ref;
  if (!ref) return { start, end, value: '', relative: true, explanation: '' };
  if (weekday >= 0) {
    // "Tuesday July 21": pick the year near publication where the weekday agrees.
    for (const y of [ref.year, ref.year - 1, ref.year + 1]) {
      if (day <= daysInMonth(y, month) && weekdayIndex(dayNumber(y, month, day)) === weekday) {
        return { start, end, value: formatDay(dayNumber(y, month, day)), relative: true, explanation: `the ${WEEKDAYS[weekday]} nearest publication` };
      }
    }
  }
  const { year: y, why } = yearForMonthDay(ref, month, day, futureBefore(s, start));
  if (day > daysInMonth(y, month)) return null;
  return { start, end, value: formatDay(dayNumber(y, month, day)), relative: true, explanation: `${why} (${ref.year})` };
}

/** Widens a match start over "early", "late", "mid-" just before it. */
function partOfPeriodStart(s: Scan, start: number): number {
  const w = wordStartBefore(s, start);
  if (w < 0) return start;
  const word = lower(s, w);
  return word === 'early' || word === 'late' || word === 'mid' ? w : start;
}

function handleMonth(s: Scan, start: number, word: string, weekday: number): Found | null {
  const month = monthNumber(word);
  const afterMonth = start + word.length;
  const full = MONTH_NAMES.includes(word);

  const dy = stickyAt(DAY_YEAR_AFTER, s, afterMonth);
  if (dy) {
    const year = dy[2] ? +dy[2] : null;
    const found = monthDate(s, start, month, +dy[1], year, DAY_YEAR_AFTER.lastIndex, weekday);
    if (found) return found;
  }
  const y = stickyAt(YEAR_AFTER, s, afterMonth);
  if (y) {
    return {
      start: partOfPeriodStart(s, start), end: YEAR_AFTER.lastIndex,
      value: formatMonth(capturedYear(y, 1), month), relative: false, explanation: 'month and year',
    };
  }
  if (!full || weekday >= 0) return null;
  const ry = stickyAt(RELATIVE_YEAR_AFTER, s, afterMonth);
  if (ry) {
    const end = RELATIVE_YEAR_AFTER.lastIndex;
    if (!s.ref) return { start, end, value: '', relative: true, explanation: '' };
    const shift = ry[1] === 'last' ? -1 : ry[1] === 'next' ? 1 : 0;
    return {
      start: partOfPeriodStart(s, start), end, value: formatMonth(s.ref.year + shift, month),
      relative: true, explanation: `month of the year ${shift < 0 ? 'before' : shift > 0 ? 'after' : 'of'} publication`,
    };
  }
  // A bare month name: needs a cue before it, and must not be a first name ("April Glaspie").
  const next = s.text.charCodeAt(afterMonth + 1);
  if (s.text.charCodeAt(afterMonth) === 32 && next >= 65 && next <= 90) return null;
  const before = wordsBefore(s, start, 3);
  let cue = false;
  let modified = false;
  let orientation = Orientation.Past;
  let strictlyPast = false;
  let spanStart = start;
  for (let k = 0; k < before.length; k++) {
    const w = before[k].word;
    if (!MONTH_CUES.has(w) && !(k === 0 && chainedToPrevious(s, before[k].start, w))) break;
    cue = true;
    if (!MONTH_MODIFIERS.has(w)) {
      // A preposition ends the phrase; "by"/"until" look ahead unless a modifier already decided.
      if (!modified && (w === 'by' || w === 'until' || w === 'till')) orientation = Orientation.Future;
      break;
    }
    spanStart = before[k].start;
    if (w === 'last') { modified = true; strictlyPast = true; }
    else if (w === 'next' || w === 'coming' || w === 'upcoming') { modified = true; orientation = Orientation.Future; }
    else if (w === 'this' && !modified) { modified = true; orientation = Orientation.Nearest; }
  }
  if (!cue) return null;
  if (!s.ref) return { start: spanStart, end: afterMonth, value: '', relative: true, explanation: '' };
  if (!modified && orientation === Orientation.Past && futureBefore(s, spanStart)) orientation = Orientation.Future;
  const year = yearForMonth(s.ref, month, orientation, strictlyPast);
  const why =
    orientation === Orientation.Future ? 'next such month from publication'
      : orientation === Orientation.Nearest ? 'month of publication year'
        : strictlyPast ? 'most recent such month before publication' : 'most recent such month (publication or before)';
  return { start: spanStart, end: afterMonth, value: formatMonth(year, month), relative: true, explanation: why };
}

function handleWeekday(s: Scan, start: number, stem: string): Found | null {
  const weekday = WEEKDAY_BY_PREFIX[stem.slice(0, 3).toLowerCase()];
  const afterWeekday = start + stem.length + 3;
  // "Tuesday, July 21, 2020" / "Tuesday July 21" / "Tuesday, 21 July 2020".
  const gap = stickyAt(WEEKDAY_DATE_GAP, s, afterWeekday);
  if (gap) {
    const at = WEEKDAY_DATE_GAP.lastIndex;
    const month = stickyAt(MONTH_AT, s, at);
    if (month) {
      const found = handleMonth(s, at, month[0], weekday);
      if (found && found.value.length !== 7) return { ...found, start };
    } else {
      const dayFirst = stickyAt(DAY_NUMBER_AT, s, at);
      if (dayFirst) {
        const found = handleDayFirst(s, at, +dayFirst[1], DAY_NUMBER_AT.lastIndex, weekday);
        if (found) return { ...found, start };
      }
    }
  }
  let end = afterWeekday;
  const part = stickyAt(PART_OF_DAY, s, end);
  if (part) end = PART_OF_DAY.lastIndex;

  const before = wordsBefore(s, start, 2);
  const w1 = before[0]?.word ?? '';
  const w2 = before[1]?.word ?? '';
  let spanStart = start;
  let mode: 'past' | 'last' | 'next' | 'this' = 'past';
  if (w1 === 'last' || (w1 === 'past' && w2 === 'this')) mode = 'last';
  else if (w1 === 'next' || w1 === 'coming' || w1 === 'upcoming') mode = 'next';
  else if (w1 === 'this') mode = 'this';
  if (mode !== 'past') spanStart = w1 === 'coming' && (w2 === 'this' || w2 === 'the') ? before[1].start : before[0].start;
  if (w1 === 'past' && w2 === 'this') spanStart = before[1].start;
  const ref = s.ref;
  if (!ref) return { start: spanStart, end, value: '', relative: true, explanation: '' };
  const refWeekday = weekdayIndex(ref.dayNo);
  const back = (refWeekday - weekday + 7) % 7;
  const ahead = (weekday - refWeekday + 7) % 7;
  const name = WEEKDAYS[weekday];
  let dayNo: number;
  let why: string;
  if (mode === 'last') {
    dayNo = ref.dayNo - (back === 0 ? 7 : back);
    why = `${name} before publication on ${ref.iso}`;
  } else if (mode === 'next') {
    dayNo = ref.dayNo + (ahead === 0 ? 7 : ahead);
    why = `${name} after publication on ${ref.iso}`;
  } else if (mode === 'this') {
    // Same Monday-to-Sunday week as the reference.
    dayNo = ref.dayNo - ((refWeekday + 6) % 7) + ((weekday + 6) % 7);
    why = `${name} of the publication week (${ref.iso})`;
  } else if (back === 0) {
    // Newswire writes "said Tuesday" for the day of the dateline itself.
    dayNo = ref.dayNo;
    why = `publication day, ${ref.iso}`;
  } else if (ahead === 1) {
    // Newswire names the next day by weekday too ("will meet Wednesday"); measured on TimeBank,
    // the weekday right after the reference is upcoming about three times in four.
    dayNo = ref.dayNo + 1;
    why = `${name} after publication on ${ref.iso}`;
  } else {
    dayNo = ref.dayNo - back;
    why = `${name} before publication on ${ref.iso}`;
  }
  return { start: spanStart, end, value: formatDay(dayNo), relative: true, explanation: why };
}

/** "29 November 2022", "the 29th of November": `at` is where the month word starts. */
function handleDayFirst(s: Scan, start: number, day: number, at: number, weekday: number): Found | null {
  const m = stickyAt(MONTH_AT, s, at);
  if (!m) return null;
  let end = at + m[0].length;
  const y = stickyAt(YEAR_AFTER_DAY_MONTH, s, end);
  let year: number | null = null;
  if (y) {
    year = +y[1];
    end = YEAR_AFTER_DAY_MONTH.lastIndex;
  }
  return monthDate(s, start, monthNumber(m[0]), day, year, end, weekday);
}

function handleYear(s: Scan, start: number, yearText: string, decade: string | undefined): Found | null {
  const year = +yearText;
  const end = start + 4 + (decade === 's' ? 1 : 0);
  const prevChar = s.text.charCodeAt(start - 1);
  if (prevChar === 46 || prevChar === 44 || prevChar === 35) return null; // ".2000", ",2000", "#2000"
  const before = wordsBefore(s, start, 2);
  const w1 = before[0]?.word ?? '';
  if (NUMBER_LABELS.has(w1)) return null;
  COUNT_NOUN_AFTER.lastIndex = end;
  if (COUNT_NOUN_AFTER.test(s.text)) return null;
  let cue =
    YEAR_CUES.has(w1) || DETERMINERS.has(w1) || w1.endsWith("'s") || w1.endsWith('’s') ||
    chainedToPrevious(s, before[0]?.start ?? -1, w1) ||
    // "(2003", a year opening a sentence, and the second year of a range such as "1998-2003".
    prevChar === 40 || before.length === 0 || isSentenceStart(s, start) ||
    ((prevChar === 45 || prevChar === 0x2013) && s.floor === start - 1 && s.floor > s.from);
  if (w1 === 'of') {
    // "a total of 2000 people": after "of", a year has to end its phrase.
    const next = s.text.charCodeAt(end);
    const next2 = s.text.charCodeAt(end + 1);
    if (next === 32 && next2 >= 97 && next2 <= 122) cue = false;
  }
  if (!cue) return null;
  let spanStart = start;
  if (w1 === 'early' || w1 === 'late' || w1 === 'mid' || w1 === 'fiscal' || w1 === 'the') spanStart = before[0].start;
  if (decade !== 's') {
    // "the 1988 third quarter"
    const q = stickyAt(QUARTER_AFTER_YEAR, s, end);
    if (q) {
      return {
        start: spanStart, end: QUARTER_AFTER_YEAR.lastIndex, value: `${yearText}-Q${ORDINALS[q[1].toLowerCase()]}`,
        relative: false, explanation: `quarter ${ORDINALS[q[1].toLowerCase()]} of ${yearText}`,
      };
    }
  }
  if (w1 === 'the' && decade !== 's') spanStart = start;
  if (decade === 's') {
    if (year % 10 !== 0) return null;
    return { start: spanStart, end, value: yearText.slice(0, 3), relative: false, explanation: `the decade ${yearText}s` };
  }
  return { start: spanStart, end, value: yearText, relative: false, explanation: 'year' };
}

/** True when only spaces and quotes separate `pos` from a sentence end or line start. */
function isSentenceStart(s: Scan, pos: number): boolean {
  let i = pos;
  while (i > s.from) {
    const c = s.text.charCodeAt(i - 1);
    if (c === 32 || c === 34 || c === 0x201c || c === 39 || c === 0x2018 || c === 96) { i--; continue; }
    if (c === 10) return true;
    return c === 46 || c === 33 || c === 63;
    return false;
  }
  return true;
}

function handleDeictic(s: Scan, start: number, word: string): Found | null {
  const w = word.toLowerCase();
  const end = start + word.length;
  const ref = s.ref;
  if (!ref) return { start, end, value: '', relative: true, explanation: '' };
  if (w === 'now' || w === 'currently') {
    return { start, end, value: 'PRESENT_REF', relative: true, explanation: `the present, as of publication on ${ref.iso}` };
  }
  if (w === 'today') return { start, end, value: ref.iso, relative: true, explanation: 'publication day' };
  if (w === 'yesterday') return { start, end, value: formatDay(ref.dayNo - 1), relative: true, explanation: `day before publication on ${ref.iso}` };
  return { start, end, value: formatDay(ref.dayNo + 1), relative: true, explanation: `day after publication on ${ref.iso}` };
}

/** "last week", "earlier this year", "this spring", "the third quarter", "two years ago", ... */
function handleUnit(s: Scan, start: number, unit: string): Found | null {
  const u = unit.toLowerCase();
  const end = start + unit.length;
  if (u === 'ago') return handleAgo(s, start, end);
  if (u === 'quarter') return handleQuarter(s, start, end);
  if (u === 'century') return handleCentury(s, start, end);
  const season = SEASON_CODES[u];
  if (u === 'year') {
    const spoken = stickyAt(SPOKEN_YEAR_AFTER, s, end);
    if (spoken) {
      const year = spoken[2] ? 1900 + 10 * (TENS.indexOf(spoken[2]) + 2) + (spoken[3] ? UNITS.indexOf(spoken[3]) + 1 : 0)
        : 2000 + (spoken[1] ? UNITS.indexOf(spoken[1]) + 1 : 0);
      const the = wordStartBefore(s, start);
      const spanStart = the >= 0 && lower(s, the) === 'the' ? the : start;
      return { start: spanStart, end: SPOKEN_YEAR_AFTER.lastIndex, value: String(year), relative: false, explanation: 'year, spoken form' };
    }
  }
  const before = wordsBefore(s, start, 3);
  const w1 = before[0]?.word ?? '';
  const w2 = before[1]?.word ?? '';
  const w3 = before[2]?.word ?? '';
  let modifier = '';
  let spanStart = start;
  // "the last week", "the next month": durations, not dates.
  if ((w1 === 'last' || w1 === 'next' || w1 === 'past') && w2 === 'the') return null;
  if (w1 === 'last' || w1 === 'this' || w1 === 'next' || w1 === 'coming' || (w1 === 'current' && !season)) {
    modifier = w1 === 'coming' ? 'next' : w1 === 'current' ? 'this' : w1;
    if (w1 === 'current' && w2 === 'the') before[0] = before[1];
    spanStart = before[0].start;
    if (w1 === 'coming' && (w2 === 'this' || w2 === 'the')) spanStart = before[1].start;
    else if (w2 === 'earlier' || w2 === 'later' || w2 === 'early' || w2 === 'late') spanStart = before[1].start;
  } else if (w1 === 'past' && w2 === 'this') {
    modifier = 'last';
    spanStart = before[1].start;
  } else if (season && w1 === 'the' && (w2 === 'in' || w2 === 'during' || w2 === 'since' || w2 === 'until' || w2 === 'by' || w2 === 'over' || w2 === 'through' || w2 === 'of')) {
    modifier = 'the';
    spanStart = before[0].start;
    if (w3 === 'early' || w3 === 'late') spanStart = before[2].start;
  } else if (season && w1 === 'the' && (w2 === 'early' || w2 === 'late')) {
    modifier = 'the';
    spanStart = before[0].start;
  }
  if (season) {
    // "spring 2019", "the spring of 2019": an explicit year wins.
    const y = stickyAt(OF_YEAR, s, end);
    if (y && (modifier === '' || modifier === 'the')) {
      if (modifier === '' && w1 === 'the') spanStart = before[0].start;
      return {
        start: spanStart, end: OF_YEAR.lastIndex, value: `${capturedYear(y, 1)}-${season}`,
        relative: false, explanation: `${SEASON_NAMES[season]} of ${capturedYear(y, 1)}`,
      };
    }
    if (!modifier) return null;
    if (modifier === 'the' && u === 'fall') return null; // "the fall of Mosul"
    if (!s.ref) return { start: spanStart, end, value: '', relative: true, explanation: '' };
    const { value, why } = seasonValue(s.ref, season, modifier === 'the' ? 'this' : modifier);
    return { start: spanStart, end, value, relative: true, explanation: why };
  }
  if (u === 'weekend' && w1 === 'the' && (w2 === 'over' || w2 === 'during' || w2 === 'on' || w2 === 'at' || w2 === 'this' || w2 === 'for')) {
    modifier = 'the';
    spanStart = before[0].start;
  }
  if (!modifier || (modifier === 'the' && u !== 'weekend')) return null;
  if (s.text.charCodeAt(end) === 45) return null; // "year-end", "year-earlier"
  if (u === 'year') {
    const q = stickyAt(YEAR_QUARTER_AFTER, s, end);
    if (q) {
      if (!s.ref) return { start: spanStart, end: YEAR_QUARTER_AFTER.lastIndex, value: '', relative: true, explanation: '' };
      const year = s.ref.year + (modifier === 'last' ? -1 : modifier === 'next' ? 1 : 0);
      return {
        start: spanStart, end: YEAR_QUARTER_AFTER.lastIndex, value: `${year}-Q${ORDINALS[q[1].toLowerCase()]}`,
        relative: true, explanation: `quarter of ${modifier} year`,
      };
    }
  }
  const ref = s.ref;
  if (!ref) return { start: spanStart, end, value: '', relative: true, explanation: '' };
  const step = modifier === 'last' ? -1 : modifier === 'next' ? 1 : 0;
  const label = modifier === 'last' ? 'before publication' : modifier === 'next' ? 'after publication' : 'of publication';
  switch (u) {
    case 'week':
      return { start: spanStart, end, value: formatIsoWeek(ref.dayNo + 7 * step), relative: true, explanation: `week ${label} (${ref.iso})` };
    case 'weekend': {
      // Weekends are named by the ISO week (Monday to Sunday) holding them.
      const refWeekday = weekdayIndex(ref.dayNo);
      const thisSaturday = ref.dayNo - ((refWeekday + 6) % 7) + 5;
      let saturday = thisSaturday + 7 * step;
      if (modifier === 'the' && refWeekday !== 0 && refWeekday !== 6 && !futureBefore(s, spanStart)) saturday -= 7;
      return { start: spanStart, end, value: `${formatIsoWeek(saturday)}-WE`, relative: true, explanation: `weekend ${label} (${ref.iso})` };
    }
    case 'month':
      return { start: spanStart, end, value: formatMonth(ref.year, ref.month + step), relative: true, explanation: `month ${label} (${ref.iso})` };
    default:
      return { start: spanStart, end, value: pad(ref.year + step, 4), relative: true, explanation: `year ${label} (${ref.iso})` };
  }
}

/** Fixed-date and computed holidays: the date in a given year. */
function holidayDay(name: string, year: number): number {
  if (name.startsWith('thanksgiving')) {
    // Fourth Thursday of November (United States).
    const first = dayNumber(year, 11, 1);
    return first + ((4 - weekdayIndex(first) + 7) % 7) + 21;
  }
  if (name.startsWith('christmas')) return dayNumber(year, 12, name.endsWith('eve') ? 24 : 25);
  if (name.startsWith('new year')) return name.endsWith('eve') ? dayNumber(year, 12, 31) : dayNumber(year, 1, 1);
  if (name.startsWith('halloween')) return dayNumber(year, 10, 31);
  return dayNumber(year, 2, 14);
}

function handleHoliday(s: Scan, start: number, word: string): Found | null {
  const name = word.toLowerCase().replace('’', "'");
  let end = start + word.length;
  const y = stickyAt(OF_YEAR, s, end);
  if (y) {
    end = OF_YEAR.lastIndex;
    const year = capturedYear(y, 1);
    return { start, end, value: formatDay(holidayDay(name, year)), relative: false, explanation: `${word} ${year}` };
  }
  const before = wordsBefore(s, start, 1);
  const w1 = before[0]?.word ?? '';
  const spanStart = w1 === 'last' || w1 === 'next' || w1 === 'this' ? before[0].start : start;
  const ref = s.ref;
  if (!ref) return { start: spanStart, end, value: '', relative: true, explanation: '' };
  let dayNo = holidayDay(name, ref.year);
  let why = `${word} of the publication year`;
  if (w1 === 'last') {
    if (dayNo >= ref.dayNo) dayNo = holidayDay(name, ref.year - 1);
    why = `most recent ${word} before publication on ${ref.iso}`;
  } else if (w1 === 'next' || (w1 !== 'this' && futureBefore(s, spanStart) && dayNo < ref.dayNo)) {
    if (dayNo <= ref.dayNo) dayNo = holidayDay(name, ref.year + 1);
    why = `next ${word} after publication on ${ref.iso}`;
  } else if (w1 !== 'this' && dayNo - ref.dayNo > 60) {
    dayNo = holidayDay(name, ref.year - 1);
    why = `most recent ${word} before publication on ${ref.iso}`;
  }
  return { start: spanStart, end, value: formatDay(dayNo), relative: true, explanation: why };
}

function handleAgo(s: Scan, start: number, end: number): Found | null {
  const before = wordsBefore(s, start, 2);
  if (before.length < 2) return null;
  const unit = before[0].word.replace(/s$/, '');
  const countWord = before[1].word;
  const count = /^\d{1,3}$/.test(countWord) ? +countWord : COUNT_WORDS[countWord];
  if (!count || !(unit === 'day' || unit === 'week' || unit === 'month' || unit === 'year' || unit === 'decade')) return null;
  if ((count === 1) !== (before[0].word === unit) && countWord !== '1') return null; // "a days ago"
  const spanStart = before[1].start;
  const ref = s.ref;
  if (!ref) return { start: spanStart, end, value: '', relative: true, explanation: '' };
  const why = `${count} ${unit}${count === 1 ? '' : 's'} before publication on ${ref.iso}`;
  switch (unit) {
    case 'day': return { start: spanStart, end, value: formatDay(ref.dayNo - count), relative: true, explanation: why };
    case 'week': return { start: spanStart, end, value: formatIsoWeek(ref.dayNo - 7 * count), relative: true, explanation: why };
    case 'month': return { start: spanStart, end, value: formatMonth(ref.year, ref.month - count), relative: true, explanation: why };
    case 'year': return { start: spanStart, end, value: pad(ref.year - count, 4), relative: true, explanation: why };
    default: return { start: spanStart, end, value: pad(ref.year - 10 * count, 4), relative: true, explanation: why };
  }
}

function handleQuarter(s: Scan, start: number, end: number): Found | null {
  const before = wordsBefore(s, start, 4);
  let k = 0;
  let q = ORDINALS[before[0]?.word ?? ''];
  let latest = false;
  if (!q) {
    const w = before[0]?.word;
    if (w !== 'latest' && w !== 'current' && !(w === 'recent' && before[1]?.word === 'most')) return null;
    latest = w !== 'current';
    if (w === 'recent') k = 1;
  }
  let spanStart = before[k].start;
  let w = before[k + 1]?.word ?? '';
  if (w === 'fiscal') {
    spanStart = before[k + 1].start;
    k++;
    w = before[k + 1]?.word ?? '';
  }
  let yearShift: number | null = null;
  if (w === 'the') spanStart = before[k + 1].start;
  else if (w === "year's" || w === 'year’s') {
    const m = before[k + 2]?.word;
    if (m === 'this' || m === 'last' || m === 'next') {
      yearShift = m === 'last' ? -1 : m === 'next' ? 1 : 0;
      spanStart = before[k + 2].start;
    }
  }
  if (!q && !latest && !(w === 'the' || w === 'this')) return null;
  let explicitYear: number | null = null;
  let stop = end;
  const y = stickyAt(OF_YEAR, s, end);
  if (y) {
    explicitYear = capturedYear(y, 1);
    stop = OF_YEAR.lastIndex;
  } else {
    const r = stickyAt(OF_RELATIVE_YEAR, s, end);
    if (r) {
      yearShift = r[1] === 'last' ? -1 : r[1] === 'next' ? 1 : 0;
      stop = OF_RELATIVE_YEAR.lastIndex;
    }
  }
  if (explicitYear !== null && q) {
    return { start: spanStart, end: stop, value: `${explicitYear}-Q${q}`, relative: false, explanation: `quarter ${q} of ${explicitYear}` };
  }
  const ref = s.ref;
  if (!ref) return { start: spanStart, end: stop, value: '', relative: true, explanation: '' };
  const refQuarter = Math.floor((ref.month - 1) / 3) + 1;
  let year = ref.year;
  let why: string;
  if (!q) {
    q = refQuarter;
    if (latest) {
      q = refQuarter === 1 ? 4 : refQuarter - 1;
      if (refQuarter === 1) year--;
      why = `last full quarter before publication on ${ref.iso}`;
    } else {
      why = `quarter of publication on ${ref.iso}`;
    }
  } else if (yearShift !== null) {
    year += yearShift;
    why = `quarter ${q} of the year ${yearShift < 0 ? 'before' : yearShift > 0 ? 'after' : 'of'} publication`;
  } else {
    if (q > refQuarter) year--;
    why = `most recent quarter ${q} (publication ${ref.iso})`;
  }
  return { start: spanStart, end: stop, value: `${year}-Q${q}`, relative: true, explanation: why };
}

function handleCentury(s: Scan, start: number, end: number): Found | null {
  const before = wordsBefore(s, start, 2);
  const w1 = before[0]?.word ?? '';
  let n = CENTURY_ORDINALS[w1];
  if (!n) {
    const m = /^(\d{1,2})(?:st|nd|rd|th)$/.exec(w1);
    if (m) n = +m[1];
  }
  if (w1 === 'this' && s.ref) {
    return { start: before[0].start, end, value: pad(Math.floor(s.ref.year / 100), 2), relative: true, explanation: 'century of publication' };
  }
  if (!n || n > 21) return null;
  // "twenty-first" reads back as "first" after the hyphen: re-check the word before it.
  if (w1 === 'first' && before[1]?.word === 'twenty' && s.text.charCodeAt(before[0].start - 1) === 45) n = 21;
  const spanStart = before[1]?.word === 'the' || before[1]?.word === 'twenty' ? before[1].start : before[0].start;
  return { start: spanStart, end, value: pad(n - 1, 2), relative: false, explanation: `century ${n}` };
}

// ---------------------------------------------------------------------------------------------
// Public API.

/** Finds date expressions in text[from, to) and resolves them to TIMEX3 values against `reference` (YYYY-MM-DD publication date, or null). */
export function recognizeDates(text: string, reference: string | null, from = 0, to = text.length): DateMatch[] {
  const lo = Math.max(0, Math.min(from, text.length));
  const hi = Math.max(lo, Math.min(to, text.length));
  const scan: Scan = { text, from: lo, to: hi, ref: parseReference(reference), floor: lo };
  const out: DateMatch[] = [];
  const re = ANCHOR;
  re.lastIndex = lo;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const at = m.index;
    if (at >= hi) break;
    let found: Found | null = null;
    if (m[G_MONTH] !== undefined) found = handleMonth(scan, at, m[G_MONTH], -1);
    else if (m[G_WEEKDAY] !== undefined) found = handleWeekday(scan, at, m[G_WEEKDAY]);
    else if (m[G_ISO_Y] !== undefined) {
      const y = +m[G_ISO_Y], mo = +m[G_ISO_Y + 1], d = +m[G_ISO_Y + 2];
      if (mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo)) {
        found = { start: at, end: at + 10, value: m[0], relative: false, explanation: 'full date' };
      }
    } else if (m[G_DAY_FIRST] !== undefined) found = handleDayFirst(scan, at, +m[G_DAY_FIRST], at + m[0].length, -1);
    else if (m[G_SLASH_A] !== undefined) found = handleSlashed(at, m);
    else if (m[G_YEAR] !== undefined) found = handleYear(scan, at, m[G_YEAR], m[G_DECADE]);
    else if (m[G_DEICTIC] !== undefined) found = handleDeictic(scan, at, m[G_DEICTIC]);
    else if (m[G_UNIT] !== undefined) found = handleUnit(scan, at, m[G_UNIT]);
    else if (m[G_HOLIDAY] !== undefined) found = handleHoliday(scan, at, m[G_HOLIDAY]);
    else if (m[G_SPOKEN_TENS] !== undefined) {
      found = { start: at, end: at + m[0].length, value: String(capturedYear(m, G_SPOKEN_TENS - 1)), relative: false, explanation: 'year, spoken form' };
    }

    if (!found || found.end > hi) {
      // Resume just after the head word so a longer reading starting inside it is not lost.
      re.lastIndex = at + Math.max(1, m[0].length);
      continue;
    }
    const start = Math.max(found.start, scan.floor);
    re.lastIndex = found.end;
    scan.floor = found.end;
    // Relative expressions cannot be resolved without a reference date: leave them out.
    if (found.relative && !scan.ref) continue;
    const match: DateMatch = {
      start, end: found.end, text: text.slice(start, found.end), value: found.value,
      kind: found.relative ? 'relative' : 'absolute', explanation: found.explanation,
    };
    if (found.relative && scan.ref) match.reference = scan.ref.iso;
    out.push(match);
  }
  return out;
}

function handleSlashed(at: number, m: RegExpExecArray): Found | null {
  const a = +m[G_SLASH_A], b = +m[G_SLASH_A + 1], year = +m[G_SLASH_A + 2];
  // Only unambiguous forms: 11/29/2022 (month first) or 29/11/2022 (day first).
  let month: number, day: number;
  if (a <= 12 && b > 12) { month = a; day = b; }
  else if (b <= 12 && a > 12) { month = b; day = a; }
  else if (a === b && a <= 12) { month = a; day = b; }
  else return null;
  if (day > daysInMonth(year, month)) return null;
  return { start: at, end: at + m[0].length, value: formatDay(dayNumber(year, month, day)), relative: false, explanation: 'full date' };
}

/** Infers a publication date from a dateline or the first full date near the top of an article body (first ~600 chars from `bodyStart`). Returns null if none. */
export function inferPublicationDate(text: string, bodyStart: number): { value: string; start: number; end: number } | null {
  const limit = Math.min(text.length, bodyStart + 600);
  const full = recognizeDates(text, null, bodyStart, limit).filter((d) => d.value.length === 10);
  if (full.length === 0) return null;
  // A dateline opens a line; prefer it over a date mentioned in running text.
  const lineStart = (pos: number) => {
    let i = pos;
    while (i > bodyStart && (text.charCodeAt(i - 1) === 32 || text.charCodeAt(i - 1) === 9)) i--;
    return i === bodyStart || text.charCodeAt(i - 1) === 10;
  };
  const pick = full.find((d) => lineStart(d.start)) ?? full[0];
  return { value: pick.value, start: pick.start, end: pick.end };
}
