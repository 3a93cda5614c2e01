/** Finds capitalised names in news text: titles split off, possessives cut, particles kept, acronym expansions noted. */
import type { ActorKind, NameMatch, Span } from '../model/types';
import { DEMONYMS, OF_HEADS, ORG_CUES_AFTER, ORG_CUES_BEFORE, ORG_PROPER, ORG_TRANSLATIONS, ORG_WORDS, PERSON_TITLES, PLACE_CUES_AFTER, PLACES, STOP_WORDS, TITLE_WORDS } from './lexicon';
import { computeNameKey, nameKey } from './nameKeys';

/** A title used on its own ("the Supreme Leader"), to be bound to the name it stood before elsewhere in the document. */
export interface TitleRef extends Span {
  text: string;
  key: string;
}

/** "Popular Mobilization Forces (PMF)": the long form's key and the acronym's key. `gloss` marks an editor's gloss whose
 * letters need not fit ("the Hashd [PMF]"): the two name one body, whichever is known. */
export interface AcronymPair {
  long: string;
  short: string;
  gloss?: true;
}

export interface NameScan {
  names: NameMatch[];
  titleRefs: TitleRef[];
  acronyms: AcronymPair[];
}

interface Token {
  start: number;
  end: number;
  word: Word;
  possessive: boolean;
  sentenceInitial: boolean;
  particle: boolean;
}

// A capitalised word (with al-/Abu- prefixes in any case, inner apostrophes, hyphen parts, a trailing apostrophe) or a dotted acronym.
// Group 1 is the prefix, so a capitalised hyphen part can be told from it ("Al-Kadhimi" against "Amir-Abdollahian").
// nextToken matches it by character codes while the text is ASCII, and asks the regex itself elsewhere.
const TOKEN = /(?:\p{Lu}\.){2,}|((?:[Aa]l|AL|[Ee]l|EL|Abu|ABU|Abd|ABD)[-‑])?\p{Lu}[\p{L}\p{M}]*(?:['’][\p{Ll}]+)*(?:-\p{L}[\p{L}\p{M}]*)*['’]?/gu;
const CAPITAL_HYPHEN_PART = /-\p{Lu}/u;
const ADJECTIVE_COMPOUND = /-(?:backed|led|based|linked|aligned|allied|funded|sponsored|controlled|owned|run|affiliated|style|era)$/;
const PARTICLE_GAP = /^ (al|el|bin|ibn|bint|abu|de|da|di|van|von|der|den|du|le|la|of) $/;
// Titles written with a dot are short ("Gen.", "Brig."): longer words before a full stop need no look-up.
const DOTTED_TITLE_MAX = Math.max(...[...TITLE_WORDS].filter((w) => w.endsWith('.')).map((w) => w.length - 1));

// Counts findNames calls, so that what a Word remembers of one text is not taken for another's.
let scan = 0;

/** Scans text[from, to) for name candidates. */
export function findNames(text: string, from = 0, to = text.length): NameScan {
  scan++;
  lowerWords = undefined;
  const out: NameScan = { names: [], titleRefs: [], acronyms: [] };
  const headline = new HeadlineSpans(text);
  let seq: Token[] = [];

  const flush = (): void => {
    if (seq.length) {
      emit(text, seq, headline, out);
      seq = [];
    }
  };

  let pos = from;
  for (let first = true; nextToken(text, pos, to, first); first = false) {
    const start = matchStart;
    let end = matchEnd;
    pos = end;
    if (start >= to || end > to) break;
    // Inside a word ("McDonald" is fine, "iPhone"-like or "x-Ray" are not names we chase).
    const before = start > 0 ? text.charCodeAt(start - 1) : 32;
    if (isWordChar(before)) continue;
    // "Iran-Iraq", "Shalamcheh-Basra", "African-American" are two names side by side; "Amir-Abdollahian" is one surname.
    const hyphen = matchHyphen;
    if (hyphen > 0) {
      const raw = text.slice(start, end);
      if (CAPITAL_HYPHEN_PART.test(raw.slice(hyphen)) && joinsPlaces(raw, matchPrefix)) pos = end = start + hyphen;
    }
    // Abbreviated titles keep their dot: "Gen.", "Brig.", "Dr."
    if (text.charCodeAt(end) === 46 && end - start <= DOTTED_TITLE_MAX && TITLE_WORDS.has(text.slice(start, end).toLowerCase() + '.')) end += 1;
    let possessive = false;
    const last = text.charCodeAt(end - 1);
    if (last === 115 && end - start > 2 && isApostrophe(text.charCodeAt(end - 2))) {
      possessive = true;
      end -= 2;
    } else if (isApostrophe(last) && !goesOnAfterApostrophe(text, end, seq, start)) {
      // A trailing apostrophe is part of the name only when the name goes on ("Shia' al-Sudani"), and never when it
      // closes a quotation that opened before the name ("At 'US' Forces").
      end -= 1;
    }
    if (end === start) continue;
    const token: Token = { start, end, word: wordAt(text, start, end), possessive, sentenceInitial: isSentenceInitial(text, start, from), particle: false };
    const prev = seq[seq.length - 1];
    if (prev && !prev.possessive) {
      const gap = start - prev.end;
      const g0 = text.charCodeAt(prev.end);
      if ((gap === 1 && (g0 === 32 || g0 === 0xa0)) || (gap === 2 && g0 === 46 && text.charCodeAt(prev.end + 1) === 32 && prev.end - prev.start === 1)) {
        seq.push(token);
        continue;
      }
      // "[U.S. President] Biden": an editor's bracketed title still stands before the name.
      if (g0 === 93 && gap >= 2 && onlySpaces(text, prev.end + 1, start) && prev.word.flags & TITLE && text.charCodeAt(seq[0].start - 1) === 91) {
        seq.push(token);
        continue;
      }
      const pg = gap >= 4 && gap <= 6 && g0 === 32 ? PARTICLE_GAP.exec(text.slice(prev.end, start)) : null;
      if (pg && (pg[1] !== 'of' || prev.word.flags & OF_HEAD)) {
        seq.push({ start: prev.end + 1, end: start - 1, word: wordAt(text, prev.end + 1, start - 1), possessive: false, sentenceInitial: false, particle: true }, token);
        continue;
      }
    }
    flush();
    seq.push(token);
  }
  flush();
  listPlaces(text, out.names);
  // (its words are slices that would keep a long text alive)
  lowerWords = undefined;
  return out;
}

function isApostrophe(c: number): boolean {
  return c === 39 || c === 0x2019;
}

function onlySpaces(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (text.charCodeAt(i) !== 32) return false;
  return true;
}

// The last TOKEN match found by nextToken: its span, the length of its al-/Abu- prefix (0 without one), and where its
// first hyphen after the prefix stands within it (-1 without one).
let matchStart = 0;
let matchEnd = 0;
let matchPrefix = 0;
let matchHyphen = -1;

// Where a match can start: a capital, or a character that is not ASCII (left to the regex). Found by the regex engine's
// search, which passes over lower-case text faster than a loop by character codes.
const CANDIDATE = /[A-Z\u0080-\uffff]/g;
// The first "l-" after the last scanned position, for "al-Sudani" and "el-Sisi" (-1: none left), so that each text is
// searched for it once.
let lowerPrefix = -1;

/** Finds the first TOKEN match at or after `pos` that starts before `to`; false when there is none. Calls come with
 * `pos` increasing within one text; `first` marks the first call for a text. */
function nextToken(text: string, pos: number, to: number, first: boolean): boolean {
  CANDIDATE.lastIndex = pos;
  const u = CANDIDATE.test(text) ? CANDIDATE.lastIndex - 1 : text.length;
  // A lower-case prefix before the capital.
  if (first || (lowerPrefix !== -1 && lowerPrefix < pos + 1)) lowerPrefix = text.indexOf('l-', pos + 1);
  while (lowerPrefix !== -1 && lowerPrefix - 1 < u && lowerPrefix - 1 < to) {
    const p = text.charCodeAt(lowerPrefix - 1);
    if (p === 97 || p === 101) {
      const x = text.charCodeAt(lowerPrefix + 2);
      if (x > 127) return regexToken(text, pos);
      if (x >= 65 && x <= 90) {
        const found = asciiBody(text, lowerPrefix - 1, lowerPrefix + 2);
        return found === undefined ? regexToken(text, pos) : found;
      }
    }
    lowerPrefix = text.indexOf('l-', lowerPrefix + 1);
  }
  if (u >= to) return false;
  const c = text.charCodeAt(u);
  const found = c > 127 ? undefined : asciiTokenAt(text, u, c);
  return found === undefined ? regexToken(text, pos) : found;
}

function regexToken(text: string, pos: number): boolean {
  TOKEN.lastIndex = pos;
  const m = TOKEN.exec(text);
  if (!m) return false;
  matchStart = m.index;
  matchEnd = m.index + m[0].length;
  matchPrefix = m[1] ? m[1].length : 0;
  matchHyphen = m[0].indexOf('-', matchPrefix);
  return true;
}

/** TOKEN at q, where an ASCII capital `c` stands. Undefined when a character it would have to class is not ASCII. */
function asciiTokenAt(text: string, q: number, c: number): boolean | undefined {
  // A dotted acronym: two or more capitals each followed by a dot.
  let k = q;
  for (;;) {
    const a = text.charCodeAt(k);
    if (a > 127) return undefined;
    if (!(a >= 65 && a <= 90)) break;
    const d = text.charCodeAt(k + 1);
    if (d > 127) return undefined;
    if (d !== 46) break;
    k += 2;
  }
  if (k - q >= 4) {
    matchStart = q;
    matchEnd = k;
    matchPrefix = 0;
    matchHyphen = -1;
    return true;
  }
  // A capitalised prefix: Al, AL, El, EL, Abu, ABU, Abd, ABD, then a hyphen and a capital.
  let prefix = 0;
  const c1 = text.charCodeAt(q + 1);
  if (c1 === 108 || c1 === 76) prefix = c === 65 || c === 69 ? 2 : 0;
  else if (c === 65) {
    const c2 = text.charCodeAt(q + 2);
    if ((c1 === 98 && (c2 === 117 || c2 === 100)) || (c1 === 66 && (c2 === 85 || c2 === 68))) prefix = 3;
  }
  if (prefix) {
    const h = text.charCodeAt(q + prefix);
    if (h > 127) return undefined;
    if (h === 45) {
      const u = text.charCodeAt(q + prefix + 1);
      if (u > 127) return undefined;
      if (u >= 65 && u <= 90) return asciiBody(text, q, q + prefix + 1);
    }
  }
  return asciiBody(text, q, q);
}

/** The rest of TOKEN's second branch from the capital at b (after a prefix starting at q, if b > q). */
function asciiBody(text: string, q: number, b: number): boolean | undefined {
  let j = asciiLetters(text, b + 1);
  if (j < 0) return undefined;
  // Inner apostrophes before lower-case letters: "Shi'ite", "O'Neil" stops at the capital.
  for (;;) {
    const a = text.charCodeAt(j);
    if (a > 127) return undefined;
    if (a !== 39) break;
    const l = text.charCodeAt(j + 1);
    if (l > 127) return undefined;
    if (!(l >= 97 && l <= 122)) break;
    j += 2;
    for (;;) {
      const x = text.charCodeAt(j);
      if (x > 127) return undefined;
      if (!(x >= 97 && x <= 122)) break;
      j++;
    }
  }
  let hyphen = -1;
  for (;;) {
    if (text.charCodeAt(j) !== 45) break;
    const l = text.charCodeAt(j + 1);
    if (l > 127) return undefined;
    if (!isAsciiLetter(l)) break;
    if (hyphen < 0) hyphen = j - q;
    j = asciiLetters(text, j + 2);
    if (j < 0) return undefined;
  }
  const a = text.charCodeAt(j);
  if (a > 127) return undefined;
  if (a === 39) j++;
  matchStart = q;
  matchEnd = j;
  matchPrefix = b - q;
  matchHyphen = hyphen;
  return true;
}

/** The end of a run of ASCII letters from i, or -1 when it runs into a character that is not ASCII. */
function asciiLetters(text: string, i: number): number {
  for (;;) {
    const x = text.charCodeAt(i);
    if (x > 127) return -1;
    if (!isAsciiLetter(x)) return i;
    i++;
  }
}

/**
 * Every name with the same fields in the same order, absent ones undefined: the resolver and the speaker finder read
 * hundreds of thousands of them, and names of one shape keep those reads monomorphic.
 */
function nameMatch(start: number, end: number, text: string, key: string, kind: ActorKind | undefined, title: string | undefined, weak: true | undefined, caps: true | undefined): NameMatch {
  return { start, end, text, key, kind, title, weak, caps };
}

function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** A distinct spelling and what the word lists say of it, worked out once however often it recurs. */
interface Word {
  text: string;
  lower: string;
  /** nameKey(text) */
  key: string;
  flags: number;
  /** Whether the text of scan `lowerScan` has the lower-case form as a word (usedInLowerCase). */
  lowerScan: number;
  lowerInText: boolean;
}

// Word flags: membership of the lower-case form in the word lists, and shapes of the spelling.
const TITLE = 1 << 0; // TITLE_WORDS
const STOP = 1 << 1; // STOP_WORDS
const DEMONYM = 1 << 2; // DEMONYMS
const PLACE = 1 << 3; // PLACES, the lower case
const PLACE_KEY = 1 << 4; // PLACES, the nameKey
const ORG = 1 << 5; // ORG_WORDS
const ORG_NAME = 1 << 6; // ORG_PROPER
const ORG_POSSESSIVE = 1 << 7; // ORG_WORDS, without a possessive 's
const PERSON = 1 << 8; // PERSON_TITLES
const OF_HEAD = 1 << 9; // OF_HEADS
const ADJECTIVE = 1 << 10; // ADJECTIVE_COMPOUND ("Iran-backed")
const DEPARTMENT = 1 << 11; // DEPARTMENTS
const TRANSLATED = 1 << 12; // ORG_TRANSLATIONS
const HONORIFIC = 1 << 13; // HONORIFICS
const AL_PREFIX = 1 << 14; // al-/el- in any case
const SIMPLE = 1 << 15; // ASCII letters only
const ALL_CAPS = 1 << 16; // isAllCaps
const ACRONYM_SHAPE = 1 << 17; // two to seven capitals, each maybe dotted
const SHORT_ACRONYM = 1 << 18; // five characters or fewer besides dots
const LOWER_WORD = 1 << 19; // the lower case is three or more of a-z

/** Portfolios in "Minister of …" titles. */
const DEPARTMENTS = new Set(['state', 'defense', 'defence', 'finance', 'interior', 'foreign', 'oil', 'justice', 'health', 'energy', 'commerce', 'trade', 'labor', 'labour', 'treasury', 'education', 'agriculture', 'transport', 'information', 'culture', 'intelligence', 'electricity', 'planning']);

// Every word list by lower-case word: one look-up tells all memberships.
const LIST_FLAGS = new Map<string, number>();
for (const [list, flag] of [
  [TITLE_WORDS, TITLE],
  [STOP_WORDS, STOP],
  [DEMONYMS, DEMONYM],
  [PLACES, PLACE],
  [ORG_WORDS, ORG],
  [ORG_PROPER, ORG_NAME],
  [PERSON_TITLES, PERSON],
  [OF_HEADS, OF_HEAD],
  [DEPARTMENTS, DEPARTMENT],
  [ORG_TRANSLATIONS.keys(), TRANSLATED],
] as const) {
  for (const w of list) LIST_FLAGS.set(w, (LIST_FLAGS.get(w) ?? 0) | flag);
}

function makeWord(text: string): Word {
  const lower = text.toLowerCase();
  const simple = isAsciiWord(text, 65);
  // nameKey's simple case: a plain word's key is its lower case.
  const key = simple ? lower : computeNameKey(text);
  const listed = LIST_FLAGS.get(lower) ?? 0;
  let flags = listed | (simple ? SIMPLE : 0);
  if ((key === lower ? listed : (LIST_FLAGS.get(key) ?? 0)) & PLACE) flags |= PLACE_KEY;
  // The organisation words are matched without a possessive 's.
  const n = lower.length;
  if (n >= 2 && lower.charCodeAt(n - 1) === 115 && isApostrophe(lower.charCodeAt(n - 2)) ? (LIST_FLAGS.get(lower.slice(0, -2)) ?? 0) & ORG : listed & ORG) flags |= ORG_POSSESSIVE;
  if (lower.includes('-') && ADJECTIVE_COMPOUND.test(lower)) flags |= ADJECTIVE;
  if (n <= 4 && HONORIFICS.test(lower)) flags |= HONORIFIC;
  // /^(?:al|el)[-‑]/i
  const c0 = text.charCodeAt(0) | 32;
  const c2 = text.charCodeAt(2);
  if ((c0 === 97 || c0 === 101) && (text.charCodeAt(1) | 32) === 108 && (c2 === 45 || c2 === 0x2011)) flags |= AL_PREFIX;
  if (isAllCaps(text)) flags |= ALL_CAPS;
  if (isAcronymShape(text)) flags |= ACRONYM_SHAPE;
  let dots = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 46) dots++;
  if (text.length - dots <= 5) flags |= SHORT_ACRONYM;
  if (n >= 3 && isAsciiWord(lower, 97)) flags |= LOWER_WORD;
  return { text, lower, key, flags, lowerScan: 0, lowerInText: false };
}

/** Only ASCII letters (from = 65) or only lower-case ones (from = 97), and at least one. */
function isAsciiWord(text: string, from: number): boolean {
  if (!text.length) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!((c >= from && c <= 90) || (c >= 97 && c <= 122))) return false;
  }
  return true;
}

/** /^(?:\p{Lu}\.?){2,7}$/u, by character codes when the text is ASCII. */
function isAcronymShape(text: string): boolean {
  let capitals = 0;
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c > 127) return /^(?:\p{Lu}\.?){2,7}$/u.test(text);
    if (!(c >= 65 && c <= 90)) return false;
    capitals++;
    i++;
    if (text.charCodeAt(i) === 46) i++;
  }
  return capitals >= 2 && capitals <= 7;
}

// Words by their spelling, hashed straight from the text so that a recurring word costs no new strings. Open
// addressing; emptied when half full (a cache: nothing depends on what it holds).
const WORD_SLOTS = 1 << 17;
const wordHashes = new Int32Array(WORD_SLOTS);
const wordSlots: (Word | undefined)[] = new Array<Word | undefined>(WORD_SLOTS).fill(undefined);
let wordCount = 0;

/** The Word spelt text[start, end). */
function wordAt(text: string, start: number, end: number): Word {
  let h = 0x811c9dc5 | 0;
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  const length = end - start;
  let slot = h & (WORD_SLOTS - 1);
  for (let w = wordSlots[slot]; w !== undefined; w = wordSlots[slot]) {
    if (wordHashes[slot] === h && w.text.length === length && spells(text, start, w.text)) return w;
    slot = (slot + 1) & (WORD_SLOTS - 1);
  }
  if (wordCount >= WORD_SLOTS >> 1) {
    wordSlots.fill(undefined);
    wordCount = 0;
    slot = h & (WORD_SLOTS - 1);
  }
  const word = makeWord(text.slice(start, end));
  wordSlots[slot] = word;
  wordHashes[slot] = h;
  wordCount++;
  return word;
}

/** text at `start` reads `word`. */
function spells(text: string, start: number, word: string): boolean {
  for (let i = 0; i < word.length; i++) if (text.charCodeAt(start + i) !== word.charCodeAt(i)) return false;
  return true;
}

/** True when one part of a capitalised hyphen compound (after its al- prefix) is a place or a demonym. */
function joinsPlaces(raw: string, from: number): boolean {
  return raw
    .slice(from)
    .split('-')
    .some((part) => {
      const key = nameKey(part);
      return PLACES.has(key) || DEMONYMS.has(key);
    });
}

/** The name goes on after a trailing apostrophe: "Shia' al-Sudani", "Shia' Sudani" unless a quote opened before the name. */
function goesOnAfterApostrophe(text: string, end: number, seq: Token[], start: number): boolean {
  const next = /^ +(?:([Aa]l[-‑])|\p{Lu})/u.exec(text.slice(end, end + 4));
  return !!next && (!!next[1] || !afterOpeningQuote(text, seqStart(seq, text, start)));
}

/** Where the run of names that a token at `start` would continue begins (the token itself when it starts one). */
function seqStart(seq: Token[], text: string, start: number): number {
  const prev = seq[seq.length - 1];
  return prev && !prev.possessive && text.slice(prev.end, start) === ' ' ? seq[0].start : start;
}

/** An opening single quote stands right before `start`, after a space, a line start or an opening bracket. */
function afterOpeningQuote(text: string, start: number): boolean {
  const q = text.charCodeAt(start - 1);
  if (q !== 39 && q !== 0x2018) return false;
  const b = start >= 2 ? text.charCodeAt(start - 2) : 32;
  return q === 0x2018 || b === 32 || b === 10 || b === 13 || b === 9 || b === 40 || b === 91 || b === 34 || b === 0x201c || b === 0xa0 || start < 2;
}

function emit(text: string, tokens: Token[], headline: HeadlineSpans, out: NameScan): void {
  // Split at stop words and at demonyms that describe rather than name; a segment's leading titles become its title.
  // Segments are runs tokens[segment, i), emitted as they close.
  let segment = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (!t.particle) {
      const flags = t.word.flags;
      const place = flags & DEMONYM ? placeNeedingAdjective(tokens, i) : 0;
      if (place) {
        // "Saudi Arabia", "Islamic Republic": the adjective is part of the place's name.
        i += place - 1;
        if (tokens[i].possessive) {
          emitRun(text, tokens, segment, i + 1, headline, out);
          segment = i + 1;
        }
        continue;
      }
      // "Foreign Minister", and "Foreign Affairs" in "Minister of Foreign Affairs"
      const next = tokens[i + 1];
      const titleWord = (flags & TITLE && !!next && next.word.flags & TITLE) || (t.word.lower === 'foreign' && next?.word.lower === 'affairs');
      if (flags & (STOP | ADJECTIVE) || (flags & DEMONYM && !titleWord && !demonymInName(tokens, i, segment))) {
        if (i > segment) emitRun(text, tokens, segment, i, headline, out);
        segment = i + 1;
        continue;
      }
    }
    if (t.possessive) {
      emitRun(text, tokens, segment, i + 1, headline, out);
      segment = i + 1;
    }
  }
  if (tokens.length > segment) emitRun(text, tokens, segment, tokens.length, headline, out);
}

function emitRun(text: string, tokens: Token[], from: number, to: number, headline: HeadlineSpans, out: NameScan): void {
  if (!emitShouted(text, tokens, from, to, headline, out)) emitPlain(text, tokens, from, to, headline, out);
}

/**
 * ALL-CAPS runs ("AL-SUDANI MET KHAMENEI", "KHAMENEI SPOKE") say nothing about where names begin and end: each run of two
 * or more capitalised words is passed on whole, marked `caps`, and the resolver keeps only the stretches that spell
 * names known elsewhere. The rest of the segment tokens[from, to) is emitted as usual. False when it holds no such run.
 */
function emitShouted(text: string, tokens: Token[], from: number, to: number, headline: HeadlineSpans, out: NameScan): boolean {
  let run = -1;
  let found = false;
  let rest = from;
  for (let i = from; i <= to; i++) {
    if (i < to && !tokens[i].particle && tokens[i].word.flags & ALL_CAPS) {
      if (run < 0) run = i;
      continue;
    }
    if (run >= 0 && i - run >= 2) {
      if (run > rest) emitPlain(text, tokens, rest, run, headline, out);
      const s = tokens[run].start;
      const e = tokens[i - 1].end;
      const surface = text.slice(s, e);
      out.names.push(nameMatch(s, e, surface, keyOf(text, tokens, run, i, surface), undefined, undefined, true, true));
      rest = i;
      found = true;
    }
    run = -1;
  }
  if (found && to > rest) emitPlain(text, tokens, rest, to, headline, out);
  return found;
}

function emitPlain(text: string, tokens: Token[], from: number, to: number, headline: HeadlineSpans, out: NameScan): void {
  // Title Case lines capitalise every word: keep each word on its own, as a weak candidate.
  if (headline.isHeadline(tokens[from].start)) {
    for (let i = from; i < to; i++) if (!tokens[i].particle) emitSegment(text, tokens, i, i + 1, true, out);
  } else emitSegment(text, tokens, from, to, false, out);
}

/** Two or more letters and no lower-case one ("KADHIMI", "AL-SUDANI", "IRGC"); dotted acronyms ("U.S.") are not words. */
function isAllCaps(text: string): boolean {
  if (text.length < 2) return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 97 && c <= 122) return false;
    if (c === 46) return false;
    if (c > 127 && text.charAt(i) !== text.charAt(i).toUpperCase()) return false;
  }
  return true;
}

/** nameKey of text.slice(tokens[from].start, tokens[to - 1].end), given as `surface`. Letters joined by single spaces
 * are nameKey's own simple case (the lower case), told from the tokens without a look-up. */
function keyOf(text: string, tokens: Token[], from: number, to: number, surface: string): string {
  if (to - from === 1) return tokens[from].word.key;
  for (let i = from; i < to; i++) {
    if (!(tokens[i].word.flags & SIMPLE)) return nameKey(surface);
    if (i > from && (tokens[i].start - tokens[i - 1].end !== 1 || text.charCodeAt(tokens[i - 1].end) !== 32)) return nameKey(surface);
  }
  return surface.toLowerCase();
}

/** Length of a known place name that starts with the demonym at tokens[i] and needs it ("Saudi Arabia"), else 0. "Iraqi Kurdistan" is Kurdistan: 0. */
function placeNeedingAdjective(tokens: Token[], i: number): number {
  let key = tokens[i].word.lower;
  let found = 0;
  for (let j = i + 1; j < tokens.length && j < i + 5; j++) {
    key += ' ' + tokens[j].word.key;
    if (PLACES.has(key)) found = j - i + 1;
    if (tokens[j].possessive) break;
  }
  if (!found) return 0;
  const rest = tokens
    .slice(i + 1, i + found)
    .map((t) => t.word.key)
    .join(' ');
  return PLACES.has(rest) ? 0 : found;
}

/** A demonym stays inside a name when the run ends in an organisation's generic head ("Islamic Revolution Guards Corps",
 * "Supreme National Security Council") or when it sits between a given name and an al- surname ("Mohammed Shia al-Sudani").
 * The current segment starts at tokens[segment]. */
function demonymInName(tokens: Token[], i: number, segment: number): boolean {
  const next = tokens[i + 1];
  const prev = i > segment ? tokens[i - 1] : undefined;
  if (prev && next && !(prev.word.flags & TITLE) && (next.particle || next.word.flags & AL_PREFIX)) return true;
  let last: Token | undefined;
  for (let j = i + 1; j < tokens.length; j++) {
    const t = tokens[j];
    if (t.particle) continue;
    if (t.word.flags & STOP || (t.word.flags & DEMONYM && j > i + 1)) break;
    last = t;
    if (t.possessive || t.word.flags & PERSON) break;
  }
  return !!last && !(last.word.flags & PERSON) && isGenericOrgHead(last);
}

function isGenericOrgHead(t: Token): boolean {
  return (t.word.flags & (ORG | ORG_NAME)) === ORG;
}

/** Some token of tokens[from, to) has one of `flags`. */
function anyHas(tokens: Token[], from: number, to: number, flags: number): boolean {
  for (let i = from; i < to; i++) if (tokens[i].word.flags & flags) return true;
  return false;
}

const ACRONYM_AFTER = /^ ?([([])((?:\p{Lu}\.?){2,8}s?)[)\]]/u;

/** Emits the segment tokens[from, to). */
function emitSegment(text: string, tokens: Token[], from: number, to: number, inHeadline: boolean, out: NameScan): void {
  while (from < to && tokens[from].particle) from++;
  while (from < to && tokens[to - 1].particle) to--;
  if (from === to) return;
  // Title words lead the segment up to tokens[t].
  let t = from;
  while (t < to && (tokens[t].word.flags & TITLE || (t > from && tokens[t].word.lower === 'affairs' && tokens[t - 1].word.lower === 'foreign')) && !(tokens[t].word.flags & PLACE)) {
    // "Mr. King": whatever follows an honorific is the name.
    if (tokens[t++].word.flags & HONORIFIC && t < to) break;
  }
  // "Supreme Leader" alone is a title reference; a lone "General" or "Special" is not a name either.
  if (t === to) {
    if (!inHeadline && (to - from >= 2 || tokens[from].word.flags & PERSON)) pushTitleRef(text, tokens, from, to, out.titleRefs);
    return;
  }
  const last = tokens[to - 1];
  // Keep an organisation's own head words ("Foreign Ministry", "Supreme National Security Council") inside the name.
  if (t > from && isGenericOrgHead(last) && (to - t === 1 || !anyHas(tokens, from, t, PERSON))) t = from;
  // "Secretary of State Antony Blinken", "Minister of Foreign Affairs Fuad Hussein": the department is part of the title.
  while (t > from && t + 2 < to && tokens[t].word.lower === 'of' && tokens[t + 1].word.flags & DEPARTMENT) {
    t += 2;
    if (t + 1 < to && tokens[t].word.lower === 'affairs') t++;
  }
  // "Prime Minister of Iraq": the title does not bind across "of".
  if (t > from && tokens[t].particle) {
    emitSegment(text, tokens, t, to, inHeadline, out);
    return;
  }
  // A title inside the run starts a new name: "IRGC Quds Force Commander Qassem Soleimani", "Republic of Iran Ayatollah Ali Khamenei".
  for (let i = t + 1; i < to - 1; i++) {
    if (!(tokens[i].word.flags & TITLE) || tokens[i].particle) continue;
    let j = i;
    while (j < to && tokens[j].word.flags & TITLE) j++;
    if (j >= to || (j === to - 1 && tokens[j].word.flags & ORG)) break;
    if (allHave(tokens, t, i, ORG)) break;
    emitSegment(text, tokens, from, i, inHeadline, out);
    emitSegment(text, tokens, i, to, inHeadline, out);
    return;
  }
  // Trailing titles name no one here: "the U.S. President said" is the place and a title reference.
  if (!inHeadline && to - t >= 2 && (last.word.flags & (TITLE | ORG)) === TITLE) {
    let k = to;
    while (k > t && tokens[k - 1].word.flags & TITLE) k--;
    if (k > t && anyHas(tokens, k, to, PERSON)) {
      emitSegment(text, tokens, from, k, inHeadline, out);
      pushTitleRef(text, tokens, k, to, out.titleRefs);
      return;
    }
  }
  // The title is tokens[from, t), the name tokens[first, to).
  let first = t;
  const titled = t > from;
  // "Explaining Tehran's", "Limits Iraq's": a sentence's first word before a place is not part of its name.
  if (!inHeadline && to - first === 2 && tokens[first].sentenceInitial && !titled && tokens[first + 1].word.flags & PLACE_KEY && !PLACES.has(nameKey(text.slice(tokens[first].start, tokens[first + 1].end)))) {
    emitSegment(text, tokens, first, first + 1, inHeadline, out);
    first++;
  }
  // "Speaker of the House Newt Gingrich": a body's generic head before a full name is not part of it.
  if (to - first >= 3 && isGenericOrgHead(tokens[first]) && !(tokens[first].word.flags & TRANSLATED) && !tokens[first + 1].particle && !anyHas(tokens, first + 1, to, ORG)) first++;
  const single = to - first === 1;
  // "Government", "News", "Units" alone are heads without a name; "the Times", "the Council" may stand for a body named
  // in the same text (weak: resolved per document, never an actor of its own).
  if (single && isGenericOrgHead(tokens[first]) && !titled) {
    if (inHeadline || !(wordBefore(text, tokens[first].start) & THE)) return;
    const t0 = tokens[first];
    out.names.push(nameMatch(t0.start, t0.end, t0.word.text, t0.word.key, 'organization', undefined, true, undefined));
    return;
  }
  const s = tokens[first].start;
  const e = tokens[to - 1].end;
  const surface = single ? tokens[first].word.text : text.slice(s, e);
  const key = keyOf(text, tokens, first, to, surface);
  if (key.length < 2) return;
  const title = titled ? text.slice(tokens[from].start, tokens[t - 1].end) : undefined;
  const kind = kindOf(text, tokens, first, to, key, title);
  // A lone capitalised word that the same text also writes in lower case ("Influence" in a subhead) is a common word.
  // An acronym is capitalised wherever it stands, so a sentence start says nothing about it.
  const weak = inHeadline || (single && !title && ((tokens[first].sentenceInitial && !isAcronym(text, tokens[first])) || (!kind && usedInLowerCase(text, tokens[first].word))));
  out.names.push(nameMatch(s, e, surface, key, kind || undefined, title || undefined, weak || undefined, undefined));
  // Only "(" or "[", after at most a space, can open an acronym.
  const c = text.charCodeAt(e) === 32 ? text.charCodeAt(e + 1) : text.charCodeAt(e);
  if (c !== 40 && c !== 91) return;
  const acr = ACRONYM_AFTER.exec(text.slice(e, e + 14));
  if (acr && !single && acronymFits(acr[2], tokens, first, to)) out.acronyms.push({ long: key, short: nameKey(acr[2]) });
  else if (acr && acr[1] === '[' && !inHeadline) out.acronyms.push({ long: key, short: nameKey(acr[2]), gloss: true });
}

/** Every token of tokens[from, to) has one of `flags`. */
function allHave(tokens: Token[], from: number, to: number, flags: number): boolean {
  for (let i = from; i < to; i++) if (!(tokens[i].word.flags & flags)) return false;
  return true;
}

/**
 * From this length on (in UTF-16 code units), a text's lower-case words are collected once (`lowerWords`) rather
 * than searched for once per capitalised word: a book-length document has thousands of those, and each search would
 * read all of it.
 */
const INDEX_LOWER_WORDS_FROM = 65_536;
/** The current scan's lower-case words, when its text is that long; made on first use, dropped when the scan ends. */
let lowerWords: Set<string> | undefined;

/** The words of a text (maximal runs of word characters) that are three or more of a-z: the spellings `usedInLowerCase` asks about. */
function lowerCaseWords(text: string): Set<string> {
  const words = new Set<string>();
  for (let i = 0; i < text.length; ) {
    if (!isWordChar(text.charCodeAt(i))) {
      i++;
      continue;
    }
    let j = i;
    let lowerOnly = true;
    for (let c = text.charCodeAt(j); j < text.length && isWordChar(c); c = text.charCodeAt(++j)) if (c < 97 || c > 122) lowerOnly = false;
    if (lowerOnly && j - i >= 3) words.add(text.slice(i, j));
    i = j;
  }
  return words;
}

function usedInLowerCase(text: string, word: Word): boolean {
  if (!(word.flags & LOWER_WORD)) return false;
  // A name recurs in its article: look each word up once per scan.
  if (word.lowerScan !== scan) {
    const lower = word.lower;
    let hit = false;
    if (text.length >= INDEX_LOWER_WORDS_FROM) hit = (lowerWords ??= lowerCaseWords(text)).has(lower);
    else {
      for (let i = text.indexOf(lower); i >= 0 && !hit; i = text.indexOf(lower, i + 1)) {
        hit = !isWordChar(text.charCodeAt(i - 1)) && !isWordChar(text.charCodeAt(i + lower.length));
      }
    }
    word.lowerScan = scan;
    word.lowerInText = hit;
  }
  return word.lowerInText;
}

function pushTitleRef(text: string, tokens: Token[], from: number, to: number, titleRefs: TitleRef[]): void {
  const s = tokens[from].start;
  const e = tokens[to - 1].end;
  const surface = text.slice(s, e);
  titleRefs.push({ start: s, end: e, text: surface, key: keyOf(text, tokens, from, to, surface) });
}

/** Kind from the name tokens[from, to) itself (gazetteer, organisation words, titles, particles), else from the words around it. */
function kindOf(text: string, tokens: Token[], from: number, to: number, key: string, title: string | undefined): ActorKind | undefined {
  const n = to - from;
  if (n === 1 ? tokens[from].word.flags & PLACE_KEY : PLACES.has(key)) return 'place';
  if (anyHas(tokens, from, to, ORG_POSSESSIVE) || (n > 1 && tokens[to - 1].word.flags & ORG)) return 'organization';
  if (n === 1 && isAcronym(text, tokens[from])) return 'organization';
  if (title && title.split(/\s+/).some((w) => PERSON_TITLES.has(w.toLowerCase()))) return 'person';
  if (n >= 2 && n <= 5) {
    for (let i = from; i < to; i++) if (tokens[i].particle && tokens[i].word.lower !== 'of') return 'person';
  }
  return contextKind(text, tokens[from], tokens[to - 1]);
}

/** "IRNA", "CENTCOM"; not a shouted lead-in ("KADHIMI ALSO met"). */
function isAcronym(text: string, token: Token): boolean {
  if (!(token.word.flags & ACRONYM_SHAPE)) return false;
  if (token.word.flags & SHORT_ACRONYM) return true;
  return !/\p{Lu}{2}/u.test(text.slice(token.end + 1, token.end + 3)) && !/\p{Lu}{2}$/u.test(text.slice(Math.max(0, token.start - 3), token.start - 1));
}

/** What the context list says of the lower-case word just before `s` (spaces and quotes between); 0 without one. */
function wordBefore(text: string, s: number): number {
  let i = s - 1;
  while (i >= 0 && s - i < 4 && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 39 || text.charCodeAt(i) === 34 || text.charCodeAt(i) === 0x2018 || text.charCodeAt(i) === 0x2019 || text.charCodeAt(i) === 0x201c)) i--;
  if (i === s - 1) return 0;
  let j = i;
  while (j >= 0 && ((text.charCodeAt(j) >= 97 && text.charCodeAt(j) <= 122) || (j < i && text.charCodeAt(j) >= 65 && text.charCodeAt(j) <= 90 && !isWordChar(text.charCodeAt(j - 1))))) j--;
  return j < i ? CONTEXT_WORDS.at(text, j + 1, i + 1) : 0;
}

/** What the context list says of the lower-case word just after `e` (a possessive 's and one space between); 0 without one. */
function wordAfter(text: string, e: number): number {
  let i = e;
  if ((text.charCodeAt(i) === 39 || text.charCodeAt(i) === 0x2019) && text.charCodeAt(i + 1) === 115) i += 2;
  if (text.charCodeAt(i) !== 32) return 0;
  i++;
  let j = i;
  while (j < text.length && text.charCodeAt(j) >= 97 && text.charCodeAt(j) <= 122) j++;
  return j > i ? CONTEXT_WORDS.at(text, i, j) : 0;
}

/** "news website Tabnak", "the Kayhan editorial", "former president Hassan Rouhani", "Al-Qaim border area", "base in 'Ail Al-Assad". */
function contextKind(text: string, first: Token, last: Token): ActorKind | undefined {
  const before = wordBefore(text, first.start);
  const after = wordAfter(text, last.end);
  if (before & CUE_BEFORE || after & CUE_AFTER) return 'organization';
  if (before & CUE_PERSON) return 'person';
  if (after & CUE_PLACE) return 'place';
  if (before & IN_NEAR && !last.possessive) return 'place';
  // People's names do not take an article: "the World Cup", "the Zionist Regime".
  if (before & THE && first !== last) return 'other';
  return undefined;
}

const HONORIFICS = /^(?:mr|mrs|ms|dr|sir)\.?$/;

const LIST_GAP = /^(?:, ?|, and |, or |-|–)$/;

/** Unknown names listed with places are places: "Gaza, Lebanon, Sanaa, Basra, Algeria, Karachi, Herat", "Shalamcheh-Basra". */
function listPlaces(text: string, names: NameMatch[]): void {
  const joins = (a: NameMatch, b: NameMatch) => b.start - a.end <= 6 && LIST_GAP.test(text.slice(a.end, b.start)) && !/^['’]s/.test(text.slice(b.end, b.end + 2));
  for (let pass = 0; pass < 2; pass++) {
    for (let k = 0; k < names.length; k++) {
      const i = pass === 0 ? k : names.length - 1 - k;
      const n = names[i];
      if (n.kind || n.weak || n.key.includes(' ')) continue;
      const prev = names[i - 1];
      const next = names[i + 1];
      if ((prev?.kind === 'place' && joins(prev, n)) || (next?.kind === 'place' && joins(n, next))) n.kind = 'place';
    }
  }
}

/** The acronym's letters are the initials of the long form tokens[from, to)'s capitalised words. */
function acronymFits(acronym: string, tokens: Token[], from: number, to: number): boolean {
  const letters = acronym.replace(/[.s]/g, '').toUpperCase();
  let initials = '';
  for (let i = from; i < to; i++) if (!tokens[i].particle) initials += tokens[i].word.text.replace(/^(?:al|el)[-‑]/i, '').charAt(0).toUpperCase();
  return initials === letters || initials.startsWith(letters) || (letters.length >= 2 && initials.includes(letters));
}

function isWordChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || (code > 127 && /[\p{L}\p{M}]/u.test(String.fromCharCode(code)));
}

/** True when only quotes, brackets or spaces separate the token from a sentence end, a line or table cell start, or the body start. */
function isSentenceInitial(text: string, start: number, from: number): boolean {
  for (let i = start - 1; i >= from; i--) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 34 || c === 39 || c === 0x201c || c === 0x2018 || c === 40 || c === 91 || c === 0x2014 || c === 45 || c === 0xa0) continue;
    return c === 10 || c === 13 || c === 46 || c === 33 || c === 63 || c === 58 || c === 0x2022 || c === 42 || c === 35 || c === 124;
  }
  return true;
}

/** Title Case stretches (headlines, subheads, table headings): capitalisation says nothing about names there. Judged
 * sentence by sentence, so a headline run into the body on one line ("…the conversation.Iraq at a Crossroads: …") is found. */
class HeadlineSpans {
  private lastStart = -1;
  private lastEnd = -1;
  private lastValue = false;
  private nextBar: number;
  // The line last looked up: its start, and its line break (or the text's end); -1 before the first.
  private lineStart = -1;
  private lineEnd = -1;

  constructor(private readonly text: string) {
    this.nextBar = text.indexOf('|');
  }

  isHeadline(offset: number): boolean {
    if (offset >= this.lastStart && offset < this.lastEnd) return this.lastValue;
    const text = this.text;
    let lineStart = this.lineStart;
    let lineEnd = this.lineEnd;
    if (lineEnd >= 0 && offset > lineEnd) {
      // Offsets come mostly in order: walk on from the last line by forward searches (much cheaper than lastIndexOf).
      lineStart = lineEnd + 1;
      lineEnd = text.indexOf('\n', lineStart);
      while (lineEnd !== -1 && lineEnd < offset) {
        lineStart = lineEnd + 1;
        lineEnd = text.indexOf('\n', lineStart);
      }
      if (lineEnd === -1) lineEnd = text.length;
    } else if (!(offset >= lineStart && offset <= lineEnd)) {
      lineStart = text.lastIndexOf('\n', offset - 1) + 1;
      lineEnd = text.indexOf('\n', offset);
      if (lineEnd === -1) lineEnd = text.length;
    }
    this.lineStart = lineStart;
    this.lineEnd = lineEnd;
    // The next table bar, found once and reused while the lines come in order.
    if (this.nextBar !== -1 && this.nextBar < lineStart) this.nextBar = text.indexOf('|', lineStart);
    if (lineEnd - lineStart <= 200 && (this.nextBar === -1 || this.nextBar >= lineEnd)) {
      // A short line without table bars (a headline, a subhead, a wrapped line of prose) is judged whole.
      this.lastStart = lineStart;
      this.lastEnd = lineEnd + 1;
      this.lastValue = titleCase(text, lineStart, lineEnd, 3);
      return this.lastValue;
    }
    // Only table bars and . ! ? can end a sentence inside a line: test the rest cheaply.
    let start = offset;
    for (; start > lineStart; start--) {
      const c = text.charCodeAt(start - 1);
      if ((c === 124 || c === 46 || c === 33 || c === 63) && this.boundaryBefore(start)) break;
    }
    let end = offset;
    for (; end < lineEnd; end++) {
      const c = text.charCodeAt(end);
      if ((c === 124 || c === 46 || c === 33 || c === 63) && this.boundaryBefore(end + 1)) break;
    }
    end = Math.min(end + 1, text.length);
    const cell = text.charCodeAt(start - 1) === 124 && text.charCodeAt(end - 1) === 124;
    this.lastStart = start;
    this.lastEnd = end;
    this.lastValue = end - start <= 400 && titleCase(text, start, end, cell ? 2 : 3);
    return this.lastValue;
  }

  /** True when a sentence starts at `i`: after a line break, a table bar, or a sentence end followed by a capital. */
  private boundaryBefore(i: number): boolean {
    const text = this.text;
    if (i <= 0 || i >= text.length) return true;
    const c = text.charCodeAt(i - 1);
    if (c === 10 || c === 13 || c === 124) return true;
    if (c !== 46 && c !== 33 && c !== 63) return false;
    let j = i;
    while (j < text.length && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 34 || text.charCodeAt(j) === 0x201c || text.charCodeAt(j) === 39)) j++;
    if (j >= text.length || !/\p{Lu}/u.test(text.charAt(j))) return false;
    if (c !== 46) return true;
    // "U.S. Presence", "Brig. Gen. Esmail": abbreviations do not end sentences.
    const word = /([\p{L}]+)$/u.exec(text.slice(Math.max(0, i - 12), i - 1))?.[1] ?? '';
    return word.length > 1 && /\p{Ll}/u.test(word) && !TITLE_WORDS.has(word.toLowerCase() + '.');
  }
}

const TITLE_CASE_MINOR = ['a', 'an', 'the', 'and', 'or', 'but', 'nor', 'for', 'of', 'on', 'in', 'at', 'to', 'by', 'with', 'from', 'as', 'vs', 'per', 'via', 'into', 'over', 'is', 'are', 'al', 'el', 'bin', 'ibn', 'de', 'van', 'von'];

const CALENDAR_WORDS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'january', 'february', 'march', 'april', 'june', 'july', 'august', 'september', 'october', 'november', 'december', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/**
 * A small word list with flags, looked up straight from the text (ASCII letters case folded, as toLowerCase would):
 * for the lists checked on every line and around every name, where making strings would cost more than the look-up.
 */
class SmallLexicon {
  private readonly mask: number;
  private readonly hashes: Int32Array;
  private readonly flags: Int32Array;
  private readonly words: (string | undefined)[];

  constructor(lists: [Iterable<string>, number][]) {
    const all = new Map<string, number>();
    for (const [list, flag] of lists) for (const w of list) all.set(w, (all.get(w) ?? 0) | flag);
    let size = 16;
    while (size < all.size * 4) size *= 2;
    this.mask = size - 1;
    this.hashes = new Int32Array(size);
    this.flags = new Int32Array(size);
    this.words = new Array<string | undefined>(size).fill(undefined);
    for (const [w, f] of all) {
      const h = hashOf(w, 0, w.length);
      let slot = this.find(w, 0, w.length, h);
      if (slot < 0) slot = ~slot;
      this.hashes[slot] = h;
      this.flags[slot] = f;
      this.words[slot] = w;
    }
  }

  /** Flags of text.slice(start, end).toLowerCase(), 0 when not listed. */
  at(text: string, start: number, end: number): number {
    const h = hashOf(text, start, end);
    if (h === NOT_ASCII) {
      const lower = text.slice(start, end).toLowerCase();
      const slot = this.find(lower, 0, lower.length, hashOf(lower, 0, lower.length));
      return slot < 0 ? 0 : this.flags[slot];
    }
    const slot = this.find(text, start, end, h);
    return slot < 0 ? 0 : this.flags[slot];
  }

  /** The slot listing text[start, end) (case folded), or ~ the free slot where it would go. */
  private find(text: string, start: number, end: number, h: number): number {
    let slot = h & this.mask;
    for (let w = this.words[slot]; w !== undefined; w = this.words[slot]) {
      if (this.hashes[slot] === h && w.length === end - start && foldedEquals(text, start, w)) return slot;
      slot = (slot + 1) & this.mask;
    }
    return ~slot;
  }
}

const NOT_ASCII = 0x7fffffff;

/** FNV-1a of text[start, end) with ASCII capitals folded; NOT_ASCII when a character is not ASCII. */
function hashOf(text: string, start: number, end: number): number {
  let h = 0x811c9dc5 | 0;
  for (let i = start; i < end; i++) {
    let c = text.charCodeAt(i);
    if (c > 127) return NOT_ASCII;
    if (c >= 65 && c <= 90) c |= 32;
    h = Math.imul(h ^ c, 0x01000193);
  }
  return h === NOT_ASCII ? 0 : h;
}

/** text at `start`, ASCII capitals folded, reads the lower-case `word`. */
function foldedEquals(text: string, start: number, word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    let c = text.charCodeAt(start + i);
    if (c >= 65 && c <= 90) c |= 32;
    if (c !== word.charCodeAt(i)) return false;
  }
  return true;
}

// Flags of the small lists.
const MINOR = 1 << 0;
const CALENDAR = 1 << 1;
const CUE_BEFORE = 1 << 2;
const CUE_AFTER = 1 << 3;
const CUE_PLACE = 1 << 4;
const CUE_PERSON = 1 << 5;
const IN_NEAR = 1 << 6;
const THE = 1 << 7;

const TITLE_CASE_WORDS = new SmallLexicon([
  [TITLE_CASE_MINOR, MINOR],
  [CALENDAR_WORDS, CALENDAR],
]);

const CONTEXT_WORDS = new SmallLexicon([
  [ORG_CUES_BEFORE, CUE_BEFORE],
  [ORG_CUES_AFTER, CUE_AFTER],
  [PLACE_CUES_AFTER, CUE_PLACE],
  [PERSON_TITLES, CUE_PERSON],
  [['in', 'near'], IN_NEAR],
  [['the'], THE],
]);

function titleCase(text: string, from: number, to: number, minUpper: number): boolean {
  // Most sentences show a lower-case word within a few words: scan word by word and stop there.
  let upper = 0;
  for (let i = from; i < to; ) {
    const c = text.charCodeAt(i);
    if (!isLetter(c)) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < to && (isLetter(text.charCodeAt(j)) || text.charCodeAt(j) === 39 || text.charCodeAt(j) === 0x2019 || text.charCodeAt(j) === 45)) j++;
    const isUpper = (c >= 65 && c <= 90) || (c > 127 && /\p{Lu}/u.test(text.charAt(i)));
    if (!isUpper) {
      // Short words may be Title Case's lower-case minor words ("of", al-); longer ones settle it at once.
      const alEl = (c === 97 || c === 101) && text.charCodeAt(i + 1) === 108 && (text.charCodeAt(i + 2) === 45 || text.charCodeAt(i + 2) === 0x2011);
      if (!alEl && !(j - i <= 5 && TITLE_CASE_WORDS.at(text, i, j) & MINOR)) return false;
    } else if (!(TITLE_CASE_WORDS.at(text, i, j) & (MINOR | CALENDAR))) {
      // Months and weekdays are capitalised in any sentence; they say nothing about Title Case.
      upper++;
    }
    i = j;
  }
  return upper >= minUpper;
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c > 127 && /[\p{L}\p{M}]/u.test(String.fromCharCode(c)));
}
