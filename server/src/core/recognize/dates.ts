/**
 * Date expressions in news text, resolved to TIMEX3 values ("2022-11-29", "2022-11", "2022",
 * "2022-W47", "2020-SP", "1989-Q3", "199", "PRESENT_REF").
 *
 * One global "anchor" regex finds the head word of every candidate (a month, a weekday, a year,
 * "yesterday", "week", "ago", ...). Each hit is then widened by reading a few words before it
 * (modifiers such as "last", "early", "in") and sticky regexes after it (day, year). Only hits pay
 * for string work, so the scan stays linear and allocation-free between candidates.
 *
 * Resolution rules that go beyond "past-oriented" were measured on TimeBank/AQUAINT
 * (test/bench/timebank.ts); each says so where it is applied.
 */
import type { DateMatch, Span } from '../model/types';
import { monthLength } from '../text/calendar';
import { isDayValue } from './dateValues';

// ---------------------------------------------------------------------------------------------
// Calendar arithmetic on day numbers (days since 1970-01-01, proleptic Gregorian, UTC).

const MS_PER_DAY = 86_400_000;
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function dayNumber(year: number, month: number, day: number): number {
  return Math.round(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

/** 0 = Sunday ... 6 = Saturday. */
function weekdayIndex(dayNo: number): number {
  return (((dayNo + 4) % 7) + 7) % 7;
}

/** 0 = Monday ... 6 = Sunday, for ISO weeks. */
function mondayIndex(dayNo: number): number {
  return (weekdayIndex(dayNo) + 6) % 7;
}

/** Days of month 1-12 of a year. */
function daysInMonth(year: number, month: number): number {
  // As Date.UTC, which this replaces for speed: it reads years 0-99 as 1900-1999.
  return monthLength(year >= 0 && year <= 99 ? 1900 + year : year, month);
}

/** Year, month (1-12) and day of a day number: the proleptic Gregorian calendar in integer arithmetic, without a Date. */
function civil(dayNo: number): [number, number, number] {
  const z = dayNo + 719_468; // days since 0000-03-01
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (month <= 2 ? 1 : 0), month, doy - Math.floor((153 * mp + 2) / 5) + 1];
}

function pad(n: number, width: number): string {
  const s = String(n);
  return s.length >= width ? s : '0000'.slice(0, width - s.length) + s;
}

function formatDay(dayNo: number): string {
  const [year, month, day] = civil(dayNo);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** Accepts month overflow (0 or 13) so callers can step months freely. */
function formatMonth(year: number, month: number): string {
  const index = year * 12 + (month - 1);
  return `${pad(Math.floor(index / 12), 4)}-${pad((index % 12) + 1, 2)}`;
}

/** ISO 8601 week ("2022-W47"): a week belongs to the year holding its Thursday. */
function formatIsoWeek(dayNo: number): string {
  const thursday = dayNo - mondayIndex(dayNo) + 3;
  const year = civil(thursday)[0];
  const week = Math.floor((thursday - dayNumber(year, 1, 1)) / 7) + 1;
  return `${pad(year, 4)}-W${pad(week, 2)}`;
}

interface Reference {
  iso: string;
  year: number;
  month: number;
  dayNo: number;
}

/** The last reference parsed: documents of a corpus in date order share it, and so do the passes over one document. */
let lastReference: { value: string | null; ref: Reference | null } = { value: null, ref: null };

function parseReference(value: string | null): Reference | null {
  if (value === lastReference.value) return lastReference.ref;
  const m = value ? /^(\d{4})-(\d{2})-(\d{2})/.exec(value) : null;
  let ref: Reference | null = null;
  if (m) {
    const year = +m[1], month = +m[2], day = +m[3];
    if (!(month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month))) ref = { iso: `${m[1]}-${m[2]}-${m[3]}`, year, month, dayNo: dayNumber(year, month, day) };
  }
  lastReference = { value, ref };
  return ref;
}

/** Weekday name of a YYYY-MM-DD value (UTC), e.g. "Tuesday". */
export function weekdayOf(value: string): string | null {
  const ref = isDayValue(value) ? parseReference(value) : null;
  return ref ? WEEKDAYS[weekdayIndex(ref.dayNo)] : null;
}

// ---------------------------------------------------------------------------------------------
// Vocabulary.

const MONTH_NAMES = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];
/**
 * Full names first, then abbreviations ("Sept" before "Sep"), so the alternation takes the longest. Full names
 * may be lowercase ("beyond september"; handleMonth asks those for more context), except "may": the verb is
 * everywhere. A character class per name costs the scan nothing; separate lowercase alternatives cost a tenth.
 */
const MONTH_WORD =
  MONTH_NAMES.map((n) => (n === 'May' ? n : `[${n[0]}${n[0].toLowerCase()}]${n.slice(1)}`)).join('|') +
  '|Jan\\.?|Feb\\.?|Mar\\.?|Apr\\.?|Jun\\.?|Jul\\.?|Aug\\.?|Sept\\.?|Sep\\.?|Oct\\.?|Nov\\.?|Dec\\.?';
const MONTH_BY_PREFIX: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12,
};
const WEEKDAY_BY_PREFIX: Record<string, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };

const SEASON_CODE = new Map(Object.entries({ spring: 'SP', summer: 'SU', fall: 'FA', autumn: 'FA', winter: 'WI' }));

// The lookups by words the anchor matched go through Maps and numbers: indexing an object by a fresh
// string interns it first, which costs more than the rest of the lookup.

/** The first three letters of an anchor word, lower-cased, as a number (c | 32 lower-cases ASCII letters). */
function prefixCode(word: string): number {
  return ((word.charCodeAt(0) | 32) << 16) | ((word.charCodeAt(1) | 32) << 8) | (word.charCodeAt(2) | 32);
}

const MONTH_BY_CODE = new Map(Object.entries(MONTH_BY_PREFIX).map(([k, v]) => [prefixCode(k), v]));
const WEEKDAY_BY_CODE = new Map(Object.entries(WEEKDAY_BY_PREFIX).map(([k, v]) => [prefixCode(k), v]));

/** Month number of a month word the anchor matched ("Sept.", "january"). */
function monthOf(word: string): number {
  return MONTH_BY_CODE.get(prefixCode(word)) as number;
}
const SEASON_NAMES: Record<string, string> = { SP: 'spring', SU: 'summer', FA: 'fall', WI: 'winter' };
/** Season of each month, and the order of seasons within a season-year that starts in spring. */
const SEASON_OF_MONTH = ['WI', 'WI', 'SP', 'SP', 'SP', 'SU', 'SU', 'SU', 'FA', 'FA', 'FA', 'WI'];
const SEASON_RANK: Record<string, number> = { SP: 0, SU: 1, FA: 2, WI: 3 };

const QUARTER_ORDINALS: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4, '1st': 1, '2nd': 2, '3rd': 3, '4th': 4 };
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
/** Broadcast transcripts spell years out: "nineteen ninety-six", captured as (tens)(units). */
const SPOKEN_19XX = `[Nn]ineteen[\\s-]+(${TENS.join('|')})(?:-(${UNITS.join('|')}))?(?![A-Za-z-])`;

function spokenYear(tens: string, units: string | undefined): number {
  return 1900 + 10 * (TENS.indexOf(tens.toLowerCase()) + 2) + (units ? UNITS.indexOf(units.toLowerCase()) + 1 : 0);
}

/** The year captured by a regex ending in `(\d{4})|SPOKEN_19XX`, whose digit group is `g`. */
function capturedYear(m: RegExpExecArray, g: number): number {
  return m[g] !== undefined ? +m[g] : spokenYear(m[g + 1], m[g + 2]);
}

/** Words before a four-digit number that make it read as a year. */
const YEAR_CUES = new Set([
  'in', 'since', 'by', 'of', 'until', 'till', 'from', 'during', 'early', 'late', 'mid', 'through',
  'before', 'after', 'beyond', 'fiscal', 'between', 'around', 'circa', 'throughout', 'spring', 'summer',
  'autumn', 'winter', 'year', 'post', 'pre',
  // determiners of an attributive year: "the 1996 Olympics", "its 1988 results", "for 1989"
  'the', 'a', 'an', 'its', 'his', 'her', 'their', 'our', 'my', 'your', 'this', 'that', 'for', 'into', 'due', 'both',
]);

/** Words after which a four-digit number is a label or a count, not a year. */
const NUMBER_LABELS = new Set([
  'no', 'nos', 'number', 'flight', 'resolution', 'article', 'route', 'room', 'page', 'pages', 'section', 'chapter',
  'model', 'version', 'item', 'issue', 'vol', 'volume', 'unit', 'bill', 'code', 'highway', 'interstate', 'lot',
  'box', 'suite', 'gate', 'bus', 'train', 'rule', 'about', 'approximately', 'nearly', 'some', 'than', 'least',
  'almost', 'roughly', 'only', 'just', 'over', 'under', 'total', 'exactly',
]);

/** Words before a lowercase "may" or "march" that make it a month rather than a verb ("until may 5"). */
const MONTH_PREPOSITIONS = new Set([
  'in', 'since', 'by', 'of', 'until', 'till', 'from', 'during', 'through', 'before', 'after', 'beyond', 'on',
  'between', 'throughout', 'around', 'early', 'late', 'mid',
]);

/** Words before a four-digit number under 1900 that make it a year ("in 1898", "since 1865"). */
const OLD_YEAR_CUES = new Set(['in', 'since', 'from', 'until', 'till', 'by', 'during', 'before', 'after', 'circa', 'early', 'late', 'mid', 'around', 'of', 'the']);

/** Words before "to" that make a following number a year ("dating to 1994", "back to 1990"). */
const TO_YEAR_LEADS = new Set(['dating', 'dates', 'dated', 'back', 'up', 'date']);

/** Words before a bare month name that make it read as a month ("in March", "since May"). */
const MONTH_CUES = new Set([
  'in', 'since', 'by', 'of', 'until', 'till', 'from', 'during', 'through', 'before', 'after', 'beyond',
  'between', 'throughout', 'around', 'early', 'late', 'mid', 'last', 'this', 'next', 'coming', 'upcoming',
]);
/** Cue words that are part of the expression ("early March", "last May"). */
const MONTH_MODIFIERS = new Set(['early', 'late', 'mid', 'last', 'this', 'next', 'coming', 'upcoming']);

/** Words that make a weekday the name of a particular day ("Good Friday", "Super Tuesday"). */
const NAMED_WEEKDAY_PREFIXES = new Set(['good', 'black', 'super', 'ash', 'bloody', 'palm', 'easter', 'cyber', 'holy', 'maundy', 'whit']);

/** Connectors that let a date continue a previous one ("in 2018 and 2019", "May or June"). */
const CHAIN_WORDS = new Set(['and', 'or', 'to', 'through', 'until', 'till', 'nor']);

// ---------------------------------------------------------------------------------------------
// Regular expressions, compiled once.

const G_MONTH = 1;
const G_WEEKDAY = 2;
const G_ISO = 3; // year, month, day
const G_DAY_FIRST = 6;
const G_SLASHED = 7; // a, b, year
const G_YEAR = 10;
const G_DECADE = 11;
const G_DEICTIC = 12;
const G_UNIT = 13;
const G_HOLIDAY = 14;
const G_SPOKEN = 15; // tens, units
const G_VAGUE = 17;

// Every alternative starts with a letter or digit, so a word boundary with no currency sign before it is where one
// can start ("$1990" is money, and "file_2019" names no year): a check the regex engine makes fast, where a lookbehind
// alone is tried at every position.
const ANCHOR = new RegExp(
  '\\b(?<![$£€])(?:' +
    `(${MONTH_WORD})(?![A-Za-z])` +
    '|(Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day(?![A-Za-z])' +
    '|((?:1\\d|20)\\d\\d)-([01]\\d)-([0-3]\\d)(?![\\d-])' +
    `|(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?(?=(?:${MONTH_WORD})(?![A-Za-z]))` +
    '|(\\d{1,2})/(\\d{1,2})/((?:1\\d|20)\\d\\d)(?![\\d/])' +
    '|((?:18|19|20)\\d\\d)(s)?(?![A-Za-z0-9%])(?![.,]\\d)' +
    '|([Tt]oday|[Yy]esterday|[Tt]omorrow|[Nn]ow|[Cc]urrently)(?![A-Za-z])' +
    '|(week|weekend|month|year|quarter|period|[Ss]pring|[Ss]ummer|[Ff]all|[Aa]utumn|[Ww]inter|century|ago|earlier)(?![A-Za-z])' +
    "|(Thanksgiving(?: Day)?|Christmas(?: Day| Eve)?|New Year[’']s (?:Day|Eve)|Halloween|Valentine[’']s Day)(?![A-Za-z])" +
    `|${SPOKEN_19XX}` +
    '|([Rr]ecently|[Rr]ecent\\s+(?:days|weeks|years)(?:\\s+and\\s+months)?|future|past)(?![A-Za-z])' +
    ')',
  'g',
);

const MONTH_AT = new RegExp(`(?:${MONTH_WORD})(?![A-Za-z])`, 'y');
/** After a month name: " 29", " 29th", " 29, 2022" (not a time "21:30" or a decimal). */
const DAY_YEAR_AFTER = /\s+(\d{1,2})(?:st|nd|rd|th)?(?!\d|:\d|\.\d)(?:(?:,\s*|\s+)((?:1\d|20)\d\d)(?![\d,.]\d|\d))?/y;
/** After a month name: " 2022", ", 2022", " of 2022", " nineteen ninety-six". */
const MONTH_YEAR_AFTER = new RegExp(`,?\\s+(?:of\\s+)?(?:((?:18|19|20)\\d\\d)(?![\\d,.]\\d|\\d)|${SPOKEN_19XX})`, 'y');
/** After "29 November": " 2022" or ", 2022". */
const YEAR_AFTER_DAY_MONTH = /,?\s+((?:1\d|20)\d\d)(?![\d,.]\d|\d)/y;
/** After a season, quarter or holiday: " 2019", " of 2019". */
const OF_YEAR = new RegExp(`,?\\s+(?:of\\s+)?(?:((?:19|20)\\d\\d)(?![\\d,.]\\d|\\d)|${SPOKEN_19XX})`, 'y');
/** After a month name or a quarter: " last year", " of this year". */
const RELATIVE_YEAR_AFTER = /,?\s+(?:of\s+)?(last|this|next)\s+year(?![A-Za-z-])/y;
/** After a weekday: where a date like ", July 21" or " 21 July" begins. */
const WEEKDAY_DATE_GAP = /,?\s+(?:the\s+)?(?=\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?[A-Z]|[A-Z])/y;
const DAY_NUMBER_AT = /(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?/y;
/** Newspapers and shows named after a weekday ("the Sunday Times"). */
const WEEKDAY_TITLE_AFTER = /\s+(?:Times|Telegraph|Express|Mirror|Post|Herald|Tribune|Mail|Independent|Observer|Star|Night Live|Morning Herald)\b/y;
const PART_OF_DAY = /\s+(?:morning|afternoon|evening|night)(?![A-Za-z])/y;
/** "the 1988 third quarter" */
const QUARTER_AFTER_YEAR = /\s+(?:fiscal\s+)?(first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+quarter(?![A-Za-z])/y;
/** "this year's third quarter" */
const QUARTER_AFTER_YEARS = /[’']s\s+(?:fiscal\s+)?(first|second|third|fourth)[\s-]+quarter(?![A-Za-z])/y;
/** "the year two thousand", "the year nineteen ninety" */
const SPOKEN_YEAR_AFTER_YEAR = new RegExp(`\\s+(?:two thousand(?:\\s+and\\s+(${UNITS.join('|')}))?(?![A-Za-z-])|${SPOKEN_19XX})`, 'y');
/** A count noun after a number: "2000 troops" is not a year. */
const COUNT_NOUN_AFTER = new RegExp(
  '\\s+(?:more\\s+|new\\s+|other\\s+)?(?:people|persons|troops|soldiers|men|women|children|residents|refugees|workers|' +
    'employees|jobs|members|students|police|policemen|officers|votes|voters|dollars|euros|pounds|yuan|rubles|rupees|riyals|' +
    'dinars|shares|tons|tonnes|barrels|miles|kilometers|kilometres|km|meters|metres|feet|acres|hectares|units|cars|vehicles|' +
    'homes|houses|cases|deaths|dead|prisoners|detainees|fighters|militants|rebels|protesters|demonstrators|families|' +
    'pilgrims|tourists|visitors|patients|delegates|copies|words|points|hours|minutes|seconds|days|weeks|months|years|rounds|' +
    'missiles|rockets|shells|bombs|planes|aircraft|tanks|ships|times|percent|calories|villages|sites|civilians|casualties|' +
    'injured|killed)(?![A-Za-z])',
  'y',
);
/** Words in the clause before a date that point to the future ("will meet", "payable", "scheduled for"). */
const FUTURE_CUE = /\b(?:will|'ll|shall|would|scheduled|expected|expects|payable|effective|due|planned|plans|set (?:to|for)|is to|are to|to be|going to|supposed to|next)\b/i;
/** Between a relative date and an editor's gloss: "yesterday [November 29, 2022]". */
const GLOSS_OPEN = /^\s*\[\s*(?:i\.\s?e\.,?\s*)?$/;
const GLOSS_CLOSE = /\s*\]/y;
/** After a year: the short second year of a range, "(2003–04)", "1998-99". */
const SHORT_RANGE_AFTER = /[-–](\d\d)(?![\d\w])/y;
/** After a year: a noun it qualifies as a period ("1990 revenue", "the 1996 campaign"). */
const PERIOD_NOUN_AFTER =
  /\s+(?:fiscal\s+|calendar\s+|first\s+|second\s+)?(?:revenues?|sales|earnings|profits?|results|budgets?|campaigns?|elections?|seasons?|levels?|figures|estimates?|forecasts?|net|income|loss(?:es)?|output|production|deficits?|spending|targets?|dividends?|performance|totals?|half|quarter|census|Olympics|elections?|harvest|crop)(?![A-Za-z])/y;
/** After a number after "to": punctuation that ends its phrase ("dating to 1994.", "from 1989 to 1990,"). */
const PHRASE_END_AFTER = /\s*(?:[.,;:)\]!?]|$)/y;
/** After "year": the hyphenated comparisons of earnings reports, "year-earlier", "year-ago". */
const YEAR_AGO_ADJECTIVE = /-(?:ago|earlier)(?![A-Za-z])/y;
/** After "year-ago": the noun it compares ("the year-earlier quarter", "the year-ago period"). */
const COMPARED_PERIOD_AFTER = /\s+(quarter|period)(?![A-Za-z-])/y;
/** After "year-ago": an ordinal quarter, which handleQuarter reads ("the year-ago third quarter"). */
const ORDINAL_QUARTER_AFTER = /\s+(?:fiscal\s+)?(?:first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+quarter/y;
/** After "year": its end, "year-end", "year end", "year's end". */
const YEAR_END_AFTER = /(?:-|\s+|[’']s\s+)end(?![A-Za-z-])/y;
/** After "the quarter": "a year ago", which shifts it back a year. */
const A_YEAR_AGO_AFTER = /\s+a\s+year\s+(?:ago|earlier)(?![A-Za-z])/y;
/** After "the period": words that make it some other span ("the period of grace", "the period when"). */
const OTHER_PERIOD_AFTER = /\s+(?:of|from|between|when|in which|during|since|before|after|that|covered|under)\b/y;
/** After "in the past": a count or unit, which makes it a duration ("the past three years"). */
const DURATION_AFTER_PAST = /\s+(?:\d|few|several|couple|many|number|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred|decades?|years?|months?|weeks?|days?|hours?|quarters?|centur|summers?|winters?|springs?|autumns?|falls?|sessions?|seasons?|generations?|nights?|weekends?|elections?)/y;
/** How far back (characters) a quarter still frames "the quarter", "a year earlier": about a paragraph or two of an earnings report. */
const QUARTER_CONTEXT = 1200;

// ---------------------------------------------------------------------------------------------
// Scanning context and word helpers.

interface Scan {
  text: string;
  from: number;
  to: number;
  ref: Reference | null;
  /** End of the last accepted match: words before it are not ours to claim. */
  floor: number;
  /** The last quarter mentioned ("third-quarter profit"), which "the quarter" and "a year earlier" refer to. */
  quarter: { year: number; q: number; end: number } | null;
  /** The last year mentioned, which "that year" and "the following year" refer to, and where its mention ends. */
  year: number | null;
  yearEnd: number;
}

/** A candidate before it becomes a DateMatch. `value` is '' for a relative one without reference. */
interface Found {
  start: number;
  end: number;
  value: string;
  relative: boolean;
  explanation: string;
  /** A date shifted from the discourse ("a year earlier"): it does not become the quarter or year referred to next. */
  shifted?: boolean;
  /** A second date read with this one ("04" of "2003–04"). */
  next?: Found;
}

interface Word {
  word: string;
  start: number;
}

function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 39 || c === 0x2019;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9 || c === 0xa0;
}

/**
 * Start offset of the word ending just before `pos`, or -1. Skips spaces, one hyphen directly
 * before `pos` ("mid-March") and an abbreviation's period ("No. 2020").
 */
function wordStartBefore(s: Scan, pos: number): number {
  let i = pos;
  while (i > s.floor && isSpace(s.text.charCodeAt(i - 1))) i--;
  if (i > s.floor && (s.text.charCodeAt(i - 1) === 46 || (i === pos && s.text.charCodeAt(i - 1) === 45))) i--;
  const end = i;
  while (i > s.floor && isWordChar(s.text.charCodeAt(i - 1))) i--;
  return i < end ? i : -1;
}

function lowerWordAt(s: Scan, start: number): string {
  let i = start;
  while (i < s.text.length && isWordChar(s.text.charCodeAt(i))) i++;
  return s.text.slice(start, i).toLowerCase();
}

/** Up to `n` words before `pos`, nearest first, lowercased. */
function wordsBefore(s: Scan, pos: number, n: number): Word[] {
  const out: Word[] = [];
  let at = pos;
  while (out.length < n) {
    const start = wordStartBefore(s, at);
    if (start < 0) break;
    out.push({ word: lowerWordAt(s, start), start });
    at = start;
  }
  return out;
}

/** Runs a sticky regex at `pos`; a match running past the scan range does not count. */
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

/** True when `word` (a connector) directly follows the previous accepted date. */
function chainedToPrevious(s: Scan, word: Word | undefined): boolean {
  if (!word || !CHAIN_WORDS.has(word.word) || s.floor <= s.from || word.start - s.floor > 3) return false;
  for (let i = s.floor; i < word.start; i++) {
    const c = s.text.charCodeAt(i);
    if (!isSpace(c) && c !== 44) return false;
  }
  return true;
}

/** True when the previous accepted date ends at most three spaces, commas or dashes before `pos`. */
function adjacentToPrevious(s: Scan, pos: number): boolean {
  if (s.floor <= s.from || pos - s.floor > 3) return false;
  for (let i = s.floor; i < pos; i++) {
    const c = s.text.charCodeAt(i);
    if (!isSpace(c) && c !== 44 && c !== 45 && c !== 0x2013 && c !== 47) return false;
  }
  return true;
}

/** True when only spaces and quotes separate `pos` from a sentence end or a line start. */
function isSentenceStart(s: Scan, pos: number): boolean {
  for (let i = pos; i > s.from; i--) {
    const c = s.text.charCodeAt(i - 1);
    if (c === 32 || c === 9 || c === 34 || c === 39 || c === 96 || c === 0x201c || c === 0x2018) continue;
    return c === 10 || c === 46 || c === 33 || c === 63;
  }
  return true;
}

/** Widens a match start over "early", "late", "mid-" just before it. */
function withPeriodModifier(s: Scan, start: number): number {
  const w = wordStartBefore(s, start);
  if (w < 0) return start;
  const word = lowerWordAt(s, w);
  return word === 'early' || word === 'late' || word === 'mid' ? w : start;
}

function unresolved(start: number, end: number): Found {
  return { start, end, value: '', relative: true, explanation: '' };
}

// ---------------------------------------------------------------------------------------------
// Resolution against the reference date.

/**
 * Year of a month/day given without one. Past-oriented, except that dates up to two months after
 * the reference stay in its year: on TimeBank, 45-90 days is where accuracy peaks (60 chosen).
 * With a future cue, the next such date on or after the reference.
 */
function yearForMonthDay(ref: Reference, month: number, day: number, future: boolean): { year: number; why: string } {
  const sameYear = dayNumber(ref.year, month, day);
  if (future && sameYear < ref.dayNo && ref.dayNo - sameYear > 180) return { year: ref.year + 1, why: 'next such date after publication' };
  if (!future && sameYear - ref.dayNo > 60) return { year: ref.year - 1, why: 'the year before publication, as it would fall well after it' };
  return { year: ref.year, why: 'year of publication' };
}

type Orientation = 'past' | 'last' | 'this' | 'future';

function yearForMonth(ref: Reference, month: number, orientation: Orientation): number {
  switch (orientation) {
    case 'this': return ref.year;
    case 'last': return month < ref.month ? ref.year : ref.year - 1;
    case 'future': return month >= ref.month ? ref.year : ref.year + 1;
    default:
      // The month right after publication is nearly always the coming one ("expected in December").
      if ((month - ref.month + 12) % 12 === 1) return month > ref.month ? ref.year : ref.year + 1;
      return month <= ref.month ? ref.year : ref.year - 1;
  }
}

/** Season value; winter runs December to February and takes the year it starts in. */
function seasonValue(ref: Reference, code: string, modifier: 'last' | 'this' | 'next'): { value: string; why: string } {
  const refSeason = SEASON_OF_MONTH[ref.month - 1];
  const seasonYear = ref.month <= 2 ? ref.year - 1 : ref.year;
  const r = SEASON_RANK[code];
  const refRank = SEASON_RANK[refSeason];
  const name = SEASON_NAMES[code];
  if (modifier === 'last') {
    return { value: `${pad(r < refRank ? seasonYear : seasonYear - 1, 4)}-${code}`, why: `most recent ${name} before publication` };
  }
  if (modifier === 'next') {
    return { value: `${pad(r > refRank ? seasonYear : seasonYear + 1, 4)}-${code}`, why: `first ${name} after publication` };
  }
  return { value: `${pad(code === 'WI' ? seasonYear : ref.year, 4)}-${code}`, why: `${name} of the publication year` };
}

// ---------------------------------------------------------------------------------------------
// Handlers, one per kind of head word. Each returns null to reject the candidate.

/** A month and day, with or without a year. `weekday` >= 0 when a weekday name came first. */
function monthDay(s: Scan, start: number, end: number, month: number, day: number, year: number | null, weekday: number): Found | null {
  if (day < 1 || day > daysInMonth(year ?? 2000, month)) return null;
  if (year !== null) {
    if (day > daysInMonth(year, month)) return null;
    const dayNo = dayNumber(year, month, day);
    return { start, end, value: formatDay(dayNo), relative: false, explanation: 'full date' + weekdayConflict(dayNo, weekday) };
  }
  const ref = s.ref;
  if (!ref) return unresolved(start, end);
  if (weekday >= 0) {
    // "Tuesday July 21": the year near publication in which the weekday agrees, else the year last mentioned.
    const years = [ref.year, ref.year - 1, ref.year + 1];
    if (s.year !== null && !years.includes(s.year)) years.push(s.year);
    for (const y of years) {
      if (day <= daysInMonth(y, month) && weekdayIndex(dayNumber(y, month, day)) === weekday) {
        const why = y === s.year && Math.abs(y - ref.year) > 1 ? `${y}, the year last mentioned, in which it is a ${WEEKDAYS[weekday]}` : `the year near publication in which it is a ${WEEKDAYS[weekday]}`;
        return { start, end, value: formatDay(dayNumber(y, month, day)), relative: true, explanation: why };
      }
    }
  }
  const { year: y, why } = yearForMonthDay(ref, month, day, futureBefore(s, start));
  if (day > daysInMonth(y, month)) return null;
  const dayNo = dayNumber(y, month, day);
  return { start, end, value: formatDay(dayNo), relative: true, explanation: `${why} (${ref.iso})${weekdayConflict(dayNo, weekday)}` };
}

/** Says so when the text names a weekday the date does not fall on: the date stands, the conflict is shown. */
function weekdayConflict(dayNo: number, weekday: number): string {
  if (weekday < 0 || weekdayIndex(dayNo) === weekday) return '';
  return `; the text calls it a ${WEEKDAYS[weekday]}, but ${formatDay(dayNo)} is a ${WEEKDAYS[weekdayIndex(dayNo)]}`;
}

/** A lowercase "may" or "march" is a verb unless a preposition comes first ("until may 5"). */
function verbLikeMonth(s: Scan, start: number, word: string): boolean {
  if (word !== 'may' && word !== 'march') return false;
  const w = wordStartBefore(s, start);
  return w < 0 || !MONTH_PREPOSITIONS.has(lowerWordAt(s, w));
}

function handleMonth(s: Scan, start: number, word: string, weekday: number): Found | null {
  const month = monthOf(word);
  const afterMonth = start + word.length;
  const lower = word.charCodeAt(0) >= 97;
  if (lower && verbLikeMonth(s, start, word)) return null;

  const dy = stickyAt(DAY_YEAR_AFTER, s, afterMonth);
  if (dy) {
    const found = monthDay(s, start, DAY_YEAR_AFTER.lastIndex, month, +dy[1], dy[2] ? +dy[2] : null, weekday);
    if (found) return found;
  }
  const y = stickyAt(MONTH_YEAR_AFTER, s, afterMonth);
  if (y) {
    return {
      start: withPeriodModifier(s, start), end: MONTH_YEAR_AFTER.lastIndex,
      value: formatMonth(capturedYear(y, 1), month), relative: false, explanation: 'month and year',
    };
  }
  // Abbreviations need a day or a year ("Jan Egeland"); so does a month after a weekday.
  if (!(lower || MONTH_NAMES.includes(word)) || weekday >= 0) return null;
  const ry = stickyAt(RELATIVE_YEAR_AFTER, s, afterMonth);
  if (ry) {
    const end = RELATIVE_YEAR_AFTER.lastIndex;
    if (!s.ref) return unresolved(start, end);
    const shift = ry[1] === 'last' ? -1 : ry[1] === 'next' ? 1 : 0;
    return {
      start: withPeriodModifier(s, start), end, value: formatMonth(s.ref.year + shift, month),
      relative: true, explanation: `${ry[1]} year's ${word} (publication ${s.ref.iso})`,
    };
  }
  return bareMonth(s, start, afterMonth, month, word);
}

/** "in March", "since May", "early last April": a month name with a cue but no day or year. */
function bareMonth(s: Scan, start: number, end: number, month: number, word: string): Found | null {
  // A first name ("April Glaspie", "June Carter") is followed by a capitalised word.
  const next = s.text.charCodeAt(end + 1);
  if (s.text.charCodeAt(end) === 32 && next >= 65 && next <= 90) return null;
  const before = wordsBefore(s, start, 3);
  let cue = false;
  let orientation: Orientation = 'past';
  let modified = false;
  let spanStart = start;
  for (let k = 0; k < before.length; k++) {
    const w = before[k].word;
    if (!MONTH_CUES.has(w) && !(k === 0 && chainedToPrevious(s, before[k]))) break;
    cue = true;
    if (!MONTH_MODIFIERS.has(w)) {
      // A preposition ends the phrase; "by", "until" look ahead unless a modifier already decided.
      if (!modified && (w === 'by' || w === 'until' || w === 'till' || w === 'beyond')) orientation = 'future';
      break;
    }
    spanStart = before[k].start;
    if (modified) continue;
    if (w === 'last') orientation = 'last';
    else if (w === 'next' || w === 'coming' || w === 'upcoming') orientation = 'future';
    else if (w === 'this') orientation = 'this';
    modified = orientation !== 'past';
  }
  if (!cue) return null;
  const ref = s.ref;
  if (!ref) return unresolved(spanStart, end);
  if (orientation === 'past' && futureBefore(s, spanStart)) orientation = 'future';
  const why =
    orientation === 'future' ? `next ${word} from publication on ${ref.iso}`
      : orientation === 'this' ? `${word} of the publication year`
        : orientation === 'last' ? `most recent ${word} before publication on ${ref.iso}`
          : `most recent ${word} up to publication on ${ref.iso}`;
  return { start: spanStart, end, value: formatMonth(yearForMonth(ref, month, orientation), month), relative: true, explanation: why };
}

/** "29 November 2022", "the 29th of November": `at` is where the month word starts. */
function handleDayFirst(s: Scan, start: number, day: number, at: number, weekday: number): Found | null {
  const m = stickyAt(MONTH_AT, s, at);
  if (!m) return null;
  // "the top 10 may change": a lowercase "may" after a number needs a preposition before the number.
  if (m[0].charCodeAt(0) >= 97 && verbLikeMonth(s, start, m[0])) return null;
  let end = at + m[0].length;
  let year: number | null = null;
  const y = stickyAt(YEAR_AFTER_DAY_MONTH, s, end);
  if (y) {
    year = +y[1];
    end = YEAR_AFTER_DAY_MONTH.lastIndex;
  }
  return monthDay(s, start, end, monthOf(m[0]), day, year, weekday);
}

function handleWeekday(s: Scan, start: number, stem: string): Found | null {
  const weekday = WEEKDAY_BY_CODE.get(prefixCode(stem)) as number;
  const afterWeekday = start + stem.length + 3;
  // "Tuesday, July 21, 2020", "Tuesday July 21", "Tuesday, 21 July 2020".
  if (stickyAt(WEEKDAY_DATE_GAP, s, afterWeekday)) {
    const at = WEEKDAY_DATE_GAP.lastIndex;
    const month = stickyAt(MONTH_AT, s, at);
    const dayFirst = month ? null : stickyAt(DAY_NUMBER_AT, s, at);
    const found = month ? handleMonth(s, at, month[0], weekday)
      : dayFirst ? handleDayFirst(s, at, +dayFirst[1], DAY_NUMBER_AT.lastIndex, weekday) : null;
    if (found && found.value.length !== 7) return { ...found, start };
  }
  if (stickyAt(WEEKDAY_TITLE_AFTER, s, afterWeekday)) return null;
  const end = stickyAt(PART_OF_DAY, s, afterWeekday) ? PART_OF_DAY.lastIndex : afterWeekday;

  const before = wordsBefore(s, start, 2);
  const w1 = before[0]?.word ?? '';
  const w2 = before[1]?.word ?? '';
  // "every Monday" repeats; "Good Friday", "Bloody Sunday" name a particular day.
  if (w1 === 'every' || w1 === 'each' || NAMED_WEEKDAY_PREFIXES.has(w1)) return null;
  let mode: 'bare' | 'last' | 'next' | 'this' = 'bare';
  let spanStart = start;
  if (w1 === 'last' || (w1 === 'past' && w2 === 'this')) mode = 'last';
  else if (w1 === 'next' || w1 === 'coming' || w1 === 'upcoming') mode = 'next';
  else if (w1 === 'this') mode = 'this';
  if (mode !== 'bare') spanStart = (w1 === 'past' || w1 === 'coming') && (w2 === 'this' || w2 === 'the') ? before[1].start : before[0].start;
  const ref = s.ref;
  if (!ref) return unresolved(spanStart, end);

  const back = (weekdayIndex(ref.dayNo) - weekday + 7) % 7;
  const ahead = (7 - back) % 7;
  const name = WEEKDAYS[weekday];
  const pastWhy = `${name} before publication on ${ref.iso}`;
  const nextWhy = `${name} after publication on ${ref.iso}`;
  let dayNo: number;
  let why: string;
  if (mode === 'last') [dayNo, why] = [ref.dayNo - (back || 7), pastWhy];
  else if (mode === 'next') [dayNo, why] = [ref.dayNo + (ahead || 7), nextWhy];
  else if (mode === 'this') [dayNo, why] = [ref.dayNo - mondayIndex(ref.dayNo) + ((weekday + 6) % 7), `${name} of the publication week (${ref.iso})`];
  // Newswire names the dateline's own day by weekday ("said Tuesday"): on TimeBank a bare weekday
  // equal to the reference's is that very day in all 132 cases, never the week before.
  else if (back === 0) [dayNo, why] = [ref.dayNo, `publication day, ${ref.iso}`];
  // It names tomorrow by weekday too ("will meet Wednesday"): the weekday right after the
  // reference is upcoming about three times in four on TimeBank (11 of 14).
  else if (ahead === 1) [dayNo, why] = [ref.dayNo + 1, nextWhy];
  else [dayNo, why] = [ref.dayNo - back, pastWhy];
  return { start: spanStart, end, value: formatDay(dayNo), relative: true, explanation: why };
}

function handleYear(s: Scan, start: number, yearText: string, decade: boolean): Found | null {
  const end = start + yearText.length + (decade ? 1 : 0);
  const prevChar = s.text.charCodeAt(start - 1);
  if (prevChar === 46 || prevChar === 44 || prevChar === 35) return null; // ".2000", ",2000", "#2000"
  const before = wordsBefore(s, start, 2);
  const w1 = before[0]?.word ?? '';
  if (NUMBER_LABELS.has(w1) || stickyAt(COUNT_NOUN_AFTER, s, end)) return null;
  // Before 1900, numbers are more often counts: only a preposition makes one a year ("in 1898").
  if (yearText < '1900' && !OLD_YEAR_CUES.has(w1) && !chainedToPrevious(s, before[0])) return null;
  let cue =
    YEAR_CUES.has(w1) || w1.endsWith("'s") || w1.endsWith('’s') || chainedToPrevious(s, before[0]) ||
    // "(2003", a year opening a sentence, "1994, 1995", the second year of a range "1998-2003".
    prevChar === 40 || isSentenceStart(s, start) || (before.length === 0 && adjacentToPrevious(s, start)) ||
    // "dating to 1994", "up to 1990.", and a year qualifying a period noun: "1990 revenue", "his 1996 campaign".
    (w1 === 'to' && (TO_YEAR_LEADS.has(before[1]?.word ?? '') || stickyAt(PHRASE_END_AFTER, s, end) !== null)) ||
    (!decade && stickyAt(PERIOD_NOUN_AFTER, s, end) !== null);
  if (w1 === 'of' && s.text.charCodeAt(end) === 32) {
    // "a total of 2000 people": after "of", a year ends its phrase.
    const c = s.text.charCodeAt(end + 1);
    if (c >= 97 && c <= 122) cue = false;
  }
  if (!cue) return null;
  const modifier = w1 === 'early' || w1 === 'late' || w1 === 'mid' || w1 === 'fiscal';
  if (decade) {
    if (+yearText % 10 !== 0) return null;
    const spanStart = modifier || w1 === 'the' ? before[0].start : start;
    return { start: spanStart, end, value: yearText.slice(0, 3), relative: false, explanation: `the decade ${yearText}s` };
  }
  const q = stickyAt(QUARTER_AFTER_YEAR, s, end);
  if (q) {
    const n = QUARTER_ORDINALS[q[1].toLowerCase()];
    const spanStart = w1 === 'the' ? before[0].start : start;
    return { start: spanStart, end: QUARTER_AFTER_YEAR.lastIndex, value: `${yearText}-Q${n}`, relative: false, explanation: `quarter ${n} of ${yearText}` };
  }
  const found: Found = { start: modifier ? before[0].start : start, end, value: yearText, relative: false, explanation: 'year' };
  const range = stickyAt(SHORT_RANGE_AFTER, s, end);
  if (range) {
    // "(2003–04)": the second year shares the century of the first.
    const second = Math.floor(+yearText / 100) * 100 + +range[1];
    if (second > +yearText && second - +yearText < 10) {
      found.next = { start: end + 1, end: SHORT_RANGE_AFTER.lastIndex, value: String(second), relative: false, explanation: `year, the end of the range ${yearText}–${range[1]}` };
    }
  }
  return found;
}

function handleDeictic(s: Scan, start: number, word: string): Found | null {
  const w = word.toLowerCase();
  const end = start + word.length;
  const ref = s.ref;
  // "now" is the present, not a calendar date: nothing to report when it cannot be resolved.
  if (!ref) return w === 'now' || w === 'currently' ? null : unresolved(start, end);
  switch (w) {
    case 'now':
    case 'currently':
      // TimeML marks these PRESENT_REF; emitting them gains 2 points of value F1 on TimeBank.
      return { start, end, value: 'PRESENT_REF', relative: true, explanation: `the present, as of publication on ${ref.iso}` };
    case 'today': {
      const prev = wordStartBefore(s, start);
      if (prev >= 0 && s.text.startsWith('USA', prev)) return null; // the newspaper
      return { start, end, value: ref.iso, relative: true, explanation: 'publication day' };
    }
    case 'yesterday':
      return { start, end, value: formatDay(ref.dayNo - 1), relative: true, explanation: `day before publication on ${ref.iso}` };
    default:
      return { start, end, value: formatDay(ref.dayNo + 1), relative: true, explanation: `day after publication on ${ref.iso}` };
  }
}

/** "last week", "earlier this year", "this spring", "over the weekend", "the spring of 2019". */
function handleUnit(s: Scan, start: number, unit: string): Found | null {
  const u = unit.toLowerCase();
  const end = start + unit.length;
  if (u === 'ago' || u === 'earlier') return handleAgo(s, start, end, u);
  if (u === 'quarter') return handleQuarter(s, start, end);
  if (u === 'period') return handlePeriod(s, start, end);
  if (u === 'century') return handleCentury(s, start, end);
  if (u === 'year') {
    const spoken = stickyAt(SPOKEN_YEAR_AFTER_YEAR, s, end);
    if (spoken) {
      const year = spoken[2] ? spokenYear(spoken[2], spoken[3]) : 2000 + (spoken[1] ? UNITS.indexOf(spoken[1]) + 1 : 0);
      const the = wordStartBefore(s, start);
      const spanStart = the >= 0 && lowerWordAt(s, the) === 'the' ? the : start;
      return { start: spanStart, end: SPOKEN_YEAR_AFTER_YEAR.lastIndex, value: String(year), relative: false, explanation: 'year, spoken form' };
    }
  }
  const season = SEASON_CODE.get(u);
  const before = wordsBefore(s, start, u === 'year' ? 4 : 3);
  const [w1, w2, w3] = [before[0]?.word ?? '', before[1]?.word ?? '', before[2]?.word ?? ''];
  if (u === 'year' && s.text.charCodeAt(end) !== 32 && s.text.charCodeAt(end) !== 10) {
    // "year-earlier", "year-ago"; before an ordinal quarter, handleQuarter reads the phrase at "quarter".
    if (stickyAt(YEAR_AGO_ADJECTIVE, s, end)) return yearAgoAdjective(s, start, YEAR_AGO_ADJECTIVE.lastIndex, before) ?? null;
  }
  if (u === 'year') {
    const f = yearEnd(s, start, end, before) ?? yearOfDiscourse(s, start, end, before);
    if (f) return f;
  }
  // "the last week", "the past year", "the next month" measure a span of time: durations.
  if ((w1 === 'last' || w1 === 'next' || w1 === 'past') && w2 === 'the') return null;

  let modifier: 'last' | 'this' | 'next' | 'the' | '' = '';
  let spanStart = start;
  if (w1 === 'last' || w1 === 'this' || w1 === 'next' || w1 === 'coming' || (w1 === 'past' && w2 === 'this') || (w1 === 'current' && !season)) {
    modifier = w1 === 'last' || w1 === 'past' ? 'last' : w1 === 'next' || w1 === 'coming' ? 'next' : 'this';
    spanStart = before[0].start;
    const widen = w2 === 'earlier' || w2 === 'later' || w2 === 'early' || w2 === 'late' ||
      ((w1 === 'coming' || w1 === 'current') && w2 === 'the') || (w1 === 'past' && w2 === 'this');
    if (widen) spanStart = before[1].start;
  } else if (season && w1 === 'the') {
    // "in the spring", "during the early summer"; "the fall" alone is too often a collapse.
    const prep = w2 === 'early' || w2 === 'late' ? w3 : w2;
    if (['in', 'during', 'since', 'until', 'by', 'over', 'through', 'of', 'into'].includes(prep) || w2 === 'early' || w2 === 'late') {
      modifier = 'the';
      spanStart = w2 === 'early' || w2 === 'late' ? before[1].start : before[0].start;
    }
  } else if (u === 'weekend' && w1 === 'the' && ['over', 'during', 'on', 'at', 'for'].includes(w2)) {
    modifier = 'the';
    spanStart = before[0].start;
  }

  if (season) {
    const y = stickyAt(OF_YEAR, s, end);
    if (y && (modifier === '' || modifier === 'the')) {
      const year = capturedYear(y, 1);
      if (w1 === 'the') spanStart = Math.min(spanStart, before[0].start);
      return { start: spanStart, end: OF_YEAR.lastIndex, value: `${year}-${season}`, relative: false, explanation: `${SEASON_NAMES[season]} of ${year}` };
    }
    if (!modifier || (modifier === 'the' && u === 'fall')) return null;
    if (!s.ref) return unresolved(spanStart, end);
    const { value, why } = seasonValue(s.ref, season, modifier === 'the' ? 'this' : modifier);
    return { start: spanStart, end, value, relative: true, explanation: why };
  }
  if (!modifier || (modifier === 'the' && u !== 'weekend')) return null;
  if (s.text.charCodeAt(end) === 45) return null; // "year-end", "year-earlier"
  const step = modifier === 'last' ? -1 : modifier === 'next' ? 1 : 0;
  const quarter = u === 'year' ? stickyAt(QUARTER_AFTER_YEARS, s, end) : null;
  if (quarter) {
    const qEnd = QUARTER_AFTER_YEARS.lastIndex;
    const n = QUARTER_ORDINALS[quarter[1].toLowerCase()];
    if (!s.ref) return unresolved(spanStart, qEnd);
    return { start: spanStart, end: qEnd, value: `${s.ref.year + step}-Q${n}`, relative: true, explanation: `quarter ${n} of ${modifier} year (publication ${s.ref.iso})` };
  }
  const ref = s.ref;
  if (!ref) return unresolved(spanStart, end);
  const label = `${step < 0 ? 'before' : step > 0 ? 'after' : 'of'} publication (${ref.iso})`;
  switch (u) {
    case 'week':
      return { start: spanStart, end, value: formatIsoWeek(ref.dayNo + 7 * step), relative: true, explanation: `week ${label}` };
    case 'weekend': {
      // A weekend is named by its ISO week; "over the weekend" on a weekday is the one just past.
      let saturday = ref.dayNo - mondayIndex(ref.dayNo) + 5 + 7 * step;
      if (modifier === 'the' && mondayIndex(ref.dayNo) < 5 && !futureBefore(s, spanStart)) saturday -= 7;
      return { start: spanStart, end, value: `${formatIsoWeek(saturday)}-WE`, relative: true, explanation: `weekend ${modifier === 'the' ? `nearest publication (${ref.iso})` : label}` };
    }
    case 'month':
      return { start: spanStart, end, value: formatMonth(ref.year, ref.month + step), relative: true, explanation: `month ${label}` };
    default:
      return { start: spanStart, end, value: pad(ref.year + step, 4), relative: true, explanation: `year ${label}` };
  }
}

/**
 * "two years ago", "a week ago", "10 days ago"; vague counts ("a few", "several") are left out.
 * "a year earlier" too, which newswire uses like "a year ago"; other counts before "earlier" count from
 * some event of the story, not from publication. After a quarter, "a year ago/earlier" is that quarter a year back.
 */
function handleAgo(s: Scan, start: number, end: number, word: 'ago' | 'earlier'): Found | null {
  const before = wordsBefore(s, start, 2);
  if (before.length < 2) return null;
  const plural = before[0].word.endsWith('s');
  const unit = plural ? before[0].word.slice(0, -1) : before[0].word;
  const count = /^\d{1,3}$/.test(before[1].word) ? +before[1].word : COUNT_WORDS[before[1].word];
  if (!count || !['day', 'week', 'month', 'year', 'decade'].includes(unit)) return null;
  if (plural === (count === 1)) return null; // "a days ago", "two year ago"
  if (word === 'earlier' && (unit !== 'year' || count !== 1)) return null;
  const spanStart = before[1].start;
  const ref = s.ref;
  if (!ref) return unresolved(spanStart, end);
  const quarter = unit === 'year' && count === 1 ? quarterInContext(s, spanStart) : null;
  if (quarter) {
    // Earnings reports compare a quarter with the same quarter a year back (TimeBank: 1988-Q3 for "a year ago").
    return { start: spanStart, end, value: `${quarter.year - 1}-Q${quarter.q}`, relative: true, shifted: true, explanation: `quarter ${quarter.q} of ${quarter.year - 1}, a year before the quarter just mentioned` };
  }
  const why = `${count} ${unit}${count === 1 ? '' : 's'} before publication on ${ref.iso}`;
  const value =
    unit === 'day' ? formatDay(ref.dayNo - count)
      : unit === 'week' ? formatIsoWeek(ref.dayNo - 7 * count)
        : unit === 'month' ? formatMonth(ref.year, ref.month - count)
          : pad(ref.year - (unit === 'decade' ? 10 : 1) * count, 4);
  return { start: spanStart, end, value, relative: true, explanation: why };
}

/** "the third quarter", "third-quarter", "fiscal first quarter of 1990", "the latest quarter". */
function handleQuarter(s: Scan, start: number, end: number): Found | null {
  const before = wordsBefore(s, start, 4);
  let k = 0;
  let q = QUARTER_ORDINALS[before[0]?.word ?? ''];
  let latest = false;
  if (!q && (before[0]?.word === 'the' || before[0]?.word === 'that')) return quarterOfDiscourse(s, before[0].start, end);
  if (!q) {
    // "the latest/most recent quarter" is the last full one; "the current quarter" the reference's.
    const w = before[0]?.word;
    if (w !== 'latest' && w !== 'current' && !(w === 'recent' && before[1]?.word === 'most')) return null;
    latest = w !== 'current';
    if (w === 'recent') k = 1;
  }
  let spanStart = before[k].start;
  if (before[k + 1]?.word === 'fiscal') spanStart = before[++k].start;
  const w = before[k + 1]?.word ?? '';
  let yearShift: number | null = null;
  if (w === 'the') spanStart = before[k + 1].start;
  else if (w === 'ago' || w === 'earlier') {
    // "the year-ago third quarter"
    if (before[k + 2]?.word !== 'year') return null;
    yearShift = -1;
    spanStart = before[k + 2].start;
  }
  if (!q && w !== 'the') return null;

  let explicitYear: number | null = null;
  let stop = end;
  const y = stickyAt(OF_YEAR, s, end);
  if (y) {
    explicitYear = capturedYear(y, 1);
    stop = OF_YEAR.lastIndex;
  } else {
    const r = stickyAt(RELATIVE_YEAR_AFTER, s, end);
    if (r) {
      yearShift = r[1] === 'last' ? -1 : r[1] === 'next' ? 1 : 0;
      stop = RELATIVE_YEAR_AFTER.lastIndex;
    }
  }
  if (explicitYear !== null && q) {
    return { start: spanStart, end: stop, value: `${explicitYear}-Q${q}`, relative: false, explanation: `quarter ${q} of ${explicitYear}` };
  }
  const ref = s.ref;
  if (!ref) return unresolved(spanStart, stop);
  const refQuarter = Math.floor((ref.month - 1) / 3) + 1;
  let year = ref.year;
  let why: string;
  if (!q) {
    q = latest ? (refQuarter === 1 ? 4 : refQuarter - 1) : refQuarter;
    if (latest && refQuarter === 1) year--;
    why = latest ? `last full quarter before publication on ${ref.iso}` : `quarter of publication on ${ref.iso}`;
  } else if (yearShift !== null) {
    year += yearShift;
    why = `quarter ${q} of the year ${yearShift < 0 ? 'before' : yearShift > 0 ? 'after' : 'of'} publication`;
  } else {
    if (q > refQuarter) year--;
    why = `most recent quarter ${q} up to publication on ${ref.iso}`;
  }
  return { start: spanStart, end: stop, value: `${year}-Q${q}`, relative: true, explanation: why };
}

/**
 * "the quarter", "that quarter", "the quarter a year ago": the quarter an earnings report just named.
 * Without one nearby it is left out (TimeML writes an unknown quarter, "1989-QX").
 */
function quarterOfDiscourse(s: Scan, start: number, end: number): Found | null {
  const c = s.text.charCodeAt(end);
  if (c === 45) return null; // "a quarter-point cut"
  const quarter = quarterInContext(s, start);
  if (!quarter || !s.ref) return null;
  if (stickyAt(A_YEAR_AGO_AFTER, s, end)) {
    return { start, end: A_YEAR_AGO_AFTER.lastIndex, value: `${quarter.year - 1}-Q${quarter.q}`, relative: true, shifted: true, explanation: `quarter ${quarter.q} of ${quarter.year - 1}, a year before the quarter just mentioned` };
  }
  if (stickyAt(OTHER_PERIOD_AFTER, s, end)) return null; // "the quarter of a point"
  return { start, end, value: `${quarter.year}-Q${quarter.q}`, relative: true, explanation: `the quarter just mentioned (quarter ${quarter.q} of ${quarter.year})` };
}

/** "the period", "the latest period": in an earnings report, the quarter it just named. */
function handlePeriod(s: Scan, start: number, end: number): Found | null {
  const before = wordsBefore(s, start, 2);
  const w1 = before[0]?.word ?? '';
  if (w1 === 'latest' && before[1]?.word === 'the') {
    const quarter = quarterInContext(s, start);
    if (!quarter || !s.ref) return null;
    return { start: before[1].start, end, value: `${quarter.year}-Q${quarter.q}`, relative: true, explanation: `the quarter just mentioned (quarter ${quarter.q} of ${quarter.year})` };
  }
  if (w1 !== 'the' && w1 !== 'that') return null;
  return quarterOfDiscourse(s, before[0].start, end);
}

/**
 * "year-earlier", "the year-ago quarter": the same period a year back, in earnings reports the quarter just
 * named. Null when "year-ago" leads an ordinal quarter, which handleQuarter reads.
 */
function yearAgoAdjective(s: Scan, start: number, end: number, before: Word[]): Found | null {
  if (stickyAt(ORDINAL_QUARTER_AFTER, s, end)) return null;
  const ref = s.ref;
  const noun = stickyAt(COMPARED_PERIOD_AFTER, s, end);
  let spanStart = start;
  let stop = end;
  if (noun) {
    stop = COMPARED_PERIOD_AFTER.lastIndex;
    let k = 0;
    if (before[k]?.word === 'comparable' || before[k]?.word === 'corresponding' || before[k]?.word === 'same') k++;
    if (before[k]?.word === 'the' || before[k]?.word === 'a') spanStart = before[k].start;
    else if (k > 0) spanStart = before[0].start;
  }
  if (!ref) return unresolved(spanStart, stop);
  const quarter = quarterInContext(s, start);
  if (quarter) {
    return { start: spanStart, end: stop, value: `${quarter.year - 1}-Q${quarter.q}`, relative: true, shifted: true, explanation: `quarter ${quarter.q} of ${quarter.year - 1}, a year before the quarter just mentioned` };
  }
  if (noun && noun[1] === 'quarter') {
    // No quarter named: the last full quarter before publication, a year back.
    const refQuarter = Math.floor((ref.month - 1) / 3) + 1;
    const q = refQuarter === 1 ? 4 : refQuarter - 1;
    const year = (refQuarter === 1 ? ref.year - 1 : ref.year) - 1;
    return { start: spanStart, end: stop, value: `${year}-Q${q}`, relative: true, shifted: true, explanation: `a year before the last full quarter before publication on ${ref.iso}` };
  }
  return { start: spanStart, end: stop, value: pad(ref.year - 1, 4), relative: true, shifted: true, explanation: `year before publication (${ref.iso})` };
}

/** "by year-end", "at the year's end", "the end of the year": the end of the publication year, named by its year. */
function yearEnd(s: Scan, start: number, end: number, before: Word[]): Found | null {
  let spanStart = start;
  let stop = end;
  const k = before[0]?.word === 'the' ? 1 : 0;
  if (stickyAt(YEAR_END_AFTER, s, end)) {
    const prep = before[k]?.word ?? '';
    if (!['by', 'at', 'before', 'until', 'till', 'after', 'around', 'toward', 'towards', 'through', 'near', 'since', 'of', 'for'].includes(prep)) return null;
    if (k) spanStart = before[0].start;
    stop = YEAR_END_AFTER.lastIndex;
  } else if (before[0]?.word === 'the' && before[1]?.word === 'of' && before[2]?.word === 'end' && before[3]?.word === 'the') {
    spanStart = before[3].start;
  } else return null;
  if (!s.ref) return unresolved(spanStart, stop);
  return { start: spanStart, end: stop, value: pad(s.ref.year, 4), relative: true, explanation: `end of the publication year (${s.ref.iso})` };
}

/**
 * Years named by the discourse: "for the year", "in the fiscal year", "the current fiscal year" (the publication
 * year, in news), and "that year", "later that year", "the following year" (the year last mentioned).
 */
function yearOfDiscourse(s: Scan, start: number, end: number, before: Word[]): Found | null {
  const w = (k: number) => before[k]?.word ?? '';
  if (s.text.charCodeAt(end) === 45) return null; // "that year-end bonus"
  if (w(0) === 'that' || (w(0) === 'following' && w(1) === 'the')) {
    if (s.year === null) return null;
    const next = w(0) === 'following';
    let spanStart = before[next ? 1 : 0].start;
    if (!next && (w(1) === 'later' || w(1) === 'earlier')) spanStart = before[1].start;
    const year = s.year + (next ? 1 : 0);
    return { start: spanStart, end, value: pad(year, 4), relative: true, explanation: next ? `the year after ${s.year}, the year last mentioned` : `${s.year}, the year last mentioned` };
  }
  let k = 0;
  let qualified = false;
  if (w(k) === 'full' || w(k) === 'fiscal' || w(k) === 'calendar') qualified = w(k++) === 'full';
  if (w(k) === 'current') qualified = !!++k;
  if (w(k) !== 'the') return null;
  const prep = w(k + 1);
  // Plain "for the year", "in the fiscal year" are as often the length of a year (TimeBank marks about
  // half of them P1Y): only the full or current year, part of the year and "earlier in the year" count.
  const ok = (qualified && prep !== 'of') ||
    (prep === 'of' && ['months', 'rest', 'end', 'half', 'part', 'start', 'beginning', 'remainder', 'balance'].includes(w(k + 2))) ||
    (prep === 'in' && (w(k + 2) === 'earlier' || w(k + 2) === 'later'));
  if (!ok) return null;
  if (!qualified && stickyAt(OTHER_PERIOD_AFTER, s, end)) return null; // "the rest of the year since"
  const spanStart = before[k].start;
  if (s.year !== null && w(k - 1) !== 'current' && inSentence(s, s.yearEnd, spanStart)) {
    // "In 1986 it earned $2 a share for the full year": the year its sentence names.
    return { start: spanStart, end, value: pad(s.year, 4), relative: true, explanation: `${s.year}, the year its sentence names` };
  }
  const ref = s.ref;
  if (!ref) return unresolved(spanStart, end);
  return { start: spanStart, end, value: pad(ref.year, 4), relative: true, explanation: `year of publication (${ref.iso})` };
}

/** Vague references, typed apart for TimeML and never shown as days: "recently", "in recent years", "in the future", "in the past". */
function handleVague(s: Scan, start: number, word: string): Found | null {
  const ref = s.ref;
  if (!ref) return null;
  const end = start + word.length;
  const w = word.toLowerCase();
  const why = `vague, as of publication on ${ref.iso}`;
  if (w === 'recently' || w.startsWith('recent')) {
    const before = wordsBefore(s, start, 1);
    const spanStart = before[0]?.word === 'more' || before[0]?.word === 'until' ? before[0].start : start;
    return { start: spanStart, end, value: 'PAST_REF', relative: true, explanation: `the recent past, ${why}` };
  }
  const before = wordsBefore(s, start, 3);
  const k = w === 'future' && ['near', 'distant', 'foreseeable', 'immediate'].includes(before[0]?.word ?? '') ? 1 : 0;
  if (before[k]?.word !== 'the') return null;
  const prep = before[k + 1]?.word ?? '';
  if (w === 'future') {
    if (!['in', 'into', 'for', 'about', 'near', 'toward', 'towards', 'of'].includes(prep)) return null;
    return { start: before[k].start, end, value: 'FUTURE_REF', relative: true, explanation: `the future, ${why}` };
  }
  if (prep !== 'in' || stickyAt(DURATION_AFTER_PAST, s, end)) return null;
  return { start: before[k].start, end, value: 'PAST_REF', relative: true, explanation: `the past, ${why}` };
}

/** "the 19th century" is "18" in TIMEX3; "this century" needs the reference. */
function handleCentury(s: Scan, start: number, end: number): Found | null {
  const before = wordsBefore(s, start, 2);
  const w1 = before[0]?.word ?? '';
  if (w1 === 'this') {
    return s.ref
      ? { start: before[0].start, end, value: pad(Math.floor(s.ref.year / 100), 2), relative: true, explanation: `century of publication (${s.ref.iso})` }
      : unresolved(before[0].start, end);
  }
  let n = CENTURY_ORDINALS[w1] ?? (/^(\d{1,2})(?:st|nd|rd|th)$/.exec(w1) ? parseInt(w1, 10) : 0);
  // "twenty-first" reads back as "first", then "twenty" across the hyphen.
  if (w1 === 'first' && before[1]?.word === 'twenty') n = 21;
  if (!n || n > 21) return null;
  const spanStart = before[1]?.word === 'the' || before[1]?.word === 'twenty' ? before[1].start : before[0].start;
  return { start: spanStart, end, value: pad(n - 1, 2), relative: false, explanation: `century ${n}` };
}

/** Fixed and computed holidays (United States conventions for Thanksgiving). */
function holidayDay(name: string, year: number): number {
  if (name.startsWith('thanksgiving')) {
    const first = dayNumber(year, 11, 1);
    return first + ((4 - weekdayIndex(first) + 7) % 7) + 21; // fourth Thursday of November
  }
  if (name.startsWith('christmas')) return dayNumber(year, 12, name.endsWith('eve') ? 24 : 25);
  if (name.startsWith('new year')) return name.endsWith('eve') ? dayNumber(year, 12, 31) : dayNumber(year, 1, 1);
  if (name.startsWith('halloween')) return dayNumber(year, 10, 31);
  return dayNumber(year, 2, 14);
}

function handleHoliday(s: Scan, start: number, word: string): Found | null {
  const name = word.toLowerCase();
  const y = stickyAt(OF_YEAR, s, start + word.length);
  if (y) {
    const year = capturedYear(y, 1);
    return { start, end: OF_YEAR.lastIndex, value: formatDay(holidayDay(name, year)), relative: false, explanation: `${word} ${year}` };
  }
  const end = start + word.length;
  const before = wordsBefore(s, start, 1);
  const w1 = before[0]?.word ?? '';
  const spanStart = w1 === 'last' || w1 === 'next' || w1 === 'this' ? before[0].start : start;
  const ref = s.ref;
  if (!ref) return unresolved(spanStart, end);
  let dayNo = holidayDay(name, ref.year);
  if (w1 === 'last' || (w1 !== 'this' && w1 !== 'next' && !futureBefore(s, spanStart) && dayNo - ref.dayNo > 60)) {
    if (dayNo >= ref.dayNo) dayNo = holidayDay(name, ref.year - 1);
    return { start: spanStart, end, value: formatDay(dayNo), relative: true, explanation: `most recent ${word} before publication on ${ref.iso}` };
  }
  if (w1 === 'next' || (w1 !== 'this' && futureBefore(s, spanStart))) {
    if (dayNo < ref.dayNo) dayNo = holidayDay(name, ref.year + 1);
    return { start: spanStart, end, value: formatDay(dayNo), relative: true, explanation: `next ${word} after publication on ${ref.iso}` };
  }
  return { start: spanStart, end, value: formatDay(dayNo), relative: true, explanation: `${word} of the publication year` };
}

/** 11/29/2022 or 29/11/2022: only when the order is unambiguous. */
function handleSlashed(start: number, m: RegExpExecArray): Found | null {
  const a = +m[G_SLASHED], b = +m[G_SLASHED + 1], year = +m[G_SLASHED + 2];
  const [month, day] = a <= 12 && (b > 12 || a === b) ? [a, b] : b <= 12 && a > 12 ? [b, a] : [0, 0];
  if (month < 1 || day < 1 || day > daysInMonth(year, month)) return null;
  return { start, end: start + m[0].length, value: formatDay(dayNumber(year, month, day)), relative: false, explanation: 'full date' };
}

function handleAnchor(s: Scan, m: RegExpExecArray): Found | null {
  const at = m.index;
  if (m[G_MONTH] !== undefined) return handleMonth(s, at, m[G_MONTH], -1);
  if (m[G_WEEKDAY] !== undefined) return handleWeekday(s, at, m[G_WEEKDAY]);
  if (m[G_ISO] !== undefined) {
    const year = +m[G_ISO], month = +m[G_ISO + 1], day = +m[G_ISO + 2];
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
    return { start: at, end: at + 10, value: m[0], relative: false, explanation: 'full date' };
  }
  if (m[G_DAY_FIRST] !== undefined) return handleDayFirst(s, at, +m[G_DAY_FIRST], at + m[0].length, -1);
  if (m[G_SLASHED] !== undefined) return handleSlashed(at, m);
  if (m[G_YEAR] !== undefined) return handleYear(s, at, m[G_YEAR], m[G_DECADE] !== undefined);
  if (m[G_DEICTIC] !== undefined) return handleDeictic(s, at, m[G_DEICTIC]);
  if (m[G_UNIT] !== undefined) return handleUnit(s, at, m[G_UNIT]);
  if (m[G_HOLIDAY] !== undefined) return handleHoliday(s, at, m[G_HOLIDAY]);
  if (m[G_VAGUE] !== undefined) return handleVague(s, at, m[G_VAGUE]);
  return { start: at, end: at + m[0].length, value: String(spokenYear(m[G_SPOKEN], m[G_SPOKEN + 1])), relative: false, explanation: 'year, spoken form' };
}

// ---------------------------------------------------------------------------------------------
// Public API.

/**
 * Finds date expressions in text[from, to) and resolves them to TIMEX3 values against `reference` (YYYY-MM-DD publication date, or null).
 * Relative expressions that need a reference and have none are left out; pass `unresolved` to collect their spans.
 */
export function recognizeDates(text: string, reference: string | null, from = 0, to = text.length, unresolved?: Span[]): DateMatch[] {
  const lo = Math.max(0, Math.min(from, text.length));
  const hi = Math.max(lo, Math.min(to, text.length));
  const scan: Scan = { text, from: lo, to: hi, ref: parseReference(reference), floor: lo, quarter: null, year: null, yearEnd: -1 };
  const found: Found[] = [];
  const re = ANCHOR;
  re.lastIndex = lo;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null && m.index < hi) {
    const f = handleAnchor(scan, m);
    if (!f || f.end > hi) {
      re.lastIndex = m.index + Math.max(1, m[0].length);
      continue;
    }
    f.start = Math.max(f.start, scan.floor);
    re.lastIndex = scan.floor = f.end;
    found.push(f);
    noteDiscourse(scan, f);
    if (f.next && f.next.end <= hi) {
      found.push(f.next);
      re.lastIndex = scan.floor = f.next.end;
      noteDiscourse(scan, f.next);
    }
  }
  applyGlosses(text, found);

  const out: DateMatch[] = [];
  for (const f of found) {
    // A relative expression without a reference date cannot be resolved: leave it out.
    if (f.value === '') {
      unresolved?.push({ start: f.start, end: f.end });
      continue;
    }
    const match: DateMatch = {
      start: f.start, end: f.end, text: text.slice(f.start, f.end), value: f.value,
      kind: f.relative ? 'relative' : 'absolute', explanation: f.explanation,
    };
    if (f.relative && scan.ref) match.reference = scan.ref.iso;
    out.push(match);
  }
  return out;
}

/** Remembers the quarter and the year a match names, for the references that follow ("the quarter", "that year"). */
function noteDiscourse(s: Scan, f: Found): void {
  if (f.shifted || f.value.length < 4) return;
  const c = f.value.charCodeAt(0);
  if (c < 48 || c > 57) return;
  const year = +f.value.slice(0, 4);
  if (Number.isNaN(year)) return;
  s.year = year;
  s.yearEnd = f.end;
  if (f.value.length === 7 && f.value.charCodeAt(5) === 81) s.quarter = { year, q: +f.value[6], end: f.end };
}

/** True when text[from, to) holds no sentence end: a mention at `from` is in the sentence of `to`. */
function inSentence(s: Scan, from: number, to: number): boolean {
  if (from < 0 || from > to) return false;
  for (let i = from; i < to; i++) {
    const c = s.text.charCodeAt(i);
    if ((c === 46 || c === 33 || c === 63 || c === 59) && isSpace(s.text.charCodeAt(i + 1))) return false;
    if (c === 10 && s.text.charCodeAt(i + 1) === 10) return false;
  }
  return true;
}

/** The quarter mentioned shortly before `pos`, or null. */
function quarterInContext(s: Scan, pos: number): { year: number; q: number } | null {
  return s.quarter && pos - s.quarter.end <= QUARTER_CONTEXT ? s.quarter : null;
}

/**
 * Translations and quoted reports often gloss a relative date: "yesterday [November 29, 2022]".
 * The gloss says what the writer meant better than the publication date can.
 */
function applyGlosses(text: string, found: Found[]): void {
  for (let i = 0; i + 1 < found.length; i++) {
    const rel = found[i];
    const gloss = found[i + 1];
    if (!rel.relative || gloss.value === '' || gloss.value === rel.value) continue;
    if (rel.value !== '' && (rel.value.length !== gloss.value.length || !/^\d/.test(rel.value))) continue;
    if (!GLOSS_OPEN.test(text.slice(rel.end, gloss.start))) continue;
    GLOSS_CLOSE.lastIndex = gloss.end;
    if (!GLOSS_CLOSE.test(text)) continue;
    rel.value = gloss.value;
    rel.relative = gloss.relative;
    rel.explanation = `editor's gloss [${text.slice(gloss.start, gloss.end)}]`;
  }
}

/** Infers a publication date from a dateline or the first full date near the top of an article body (first ~600 chars from `bodyStart`). Returns null if none. */
export function inferPublicationDate(text: string, bodyStart: number): { value: string; start: number; end: number } | null {
  const start = Math.max(0, Math.min(bodyStart, text.length));
  const full = recognizeDates(text, null, start, Math.min(text.length, start + 600)).filter((d) => d.value.length === 10);
  // A dateline opens a line; prefer it over a date in running text.
  const opensLine = (pos: number) => {
    let i = pos;
    while (i > start && (text.charCodeAt(i - 1) === 32 || text.charCodeAt(i - 1) === 9)) i--;
    return i === start || text.charCodeAt(i - 1) === 10;
  };
  const pick = full.find((d) => opensLine(d.start)) ?? full[0];
  return pick ? { value: pick.value, start: pick.start, end: pick.end } : null;
}
