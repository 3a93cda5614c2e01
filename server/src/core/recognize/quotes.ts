/**
 * Quotation detection and speaker attribution.
 *
 * Detection is a single left-to-right pass over the text that classifies every quotation mark by its
 * typography and by what surrounds it (whitespace, punctuation, letters), then pairs marks paragraph by
 * paragraph. Single quotes are only paired inside a known scope (inside a double quotation, or in the
 * stretch of a paragraph outside any double quotation) so that apostrophes (Iran's, don't, Shia', the
 * '90s, leaders') never open or close anything.
 *
 * Attribution looks at the sentence around each quotation: a cue right after the closing mark
 * ("…," Khamenei said), before the opening mark (Khamenei said: "…", according to X, X: '…'),
 * a participial clause (…, stating "…") or a pronoun resolved to the closest fitting earlier speaker.
 * SpeakerMatch.via tells which: 'said' (a speech verb on either side), 'according-to', 'colon', 'headline',
 * 'dash' ("…" ― Name), 'statement-by' (a statement by X, X's remarks), 'participle' (the subject of the
 * sentence of "…, stating"), 'pronoun' (span = the antecedent, mention = the pronoun), 'continued' (the
 * speaker of the previous quotation, in the same or the next paragraph, with no other cue between) and
 * 'previous-sentence' (a quotation opening a sentence with no cue, after a sentence naming its speaker).
 *
 * Everything is linear in the size of the text: windows around quotes are bounded.
 * Pure TypeScript, no Node built-ins.
 */
import type { NameMatch, QuoteMatch, SpeakerMatch, Span } from '../model/types';
import { PLACES } from './lexicon';
import { nameKey } from './nameKeys';
import { partitionPoint, runningMaxEndOf } from '../text/search';

// ---------------------------------------------------------------------------------------------
// Character classes
// ---------------------------------------------------------------------------------------------

const LETTER_CACHE = new Uint8Array(65536); // 0 unknown, 1 letter, 2 not a letter
const LETTER_RE = /\p{L}/u;

function isLetter(c: number): boolean {
  if (c < 128) return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  if (c < 0xaa || c > 0xffff) return false;
  let v = LETTER_CACHE[c];
  if (v === 0) {
    v = LETTER_RE.test(String.fromCharCode(c)) ? 1 : 2;
    LETTER_CACHE[c] = v;
  }
  return v === 1;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isAlnum(c: number): boolean {
  return isDigit(c) || isLetter(c);
}

function isUpperAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c >= 65 && c <= 90) return true;
  if (c < 128) return false;
  if (!isLetter(c)) return false;
  const ch = text[i];
  return ch.toLowerCase() !== ch && ch.toUpperCase() === ch;
}

function isLowerAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c >= 97 && c <= 122) return true;
  if (c < 128) return false;
  if (!isLetter(c)) return false;
  const ch = text[i];
  return ch.toUpperCase() !== ch && ch.toLowerCase() === ch;
}

function isSpace(c: number): boolean {
  return (
    c === 32 || c === 9 || c === 10 || c === 13 || c === 11 || c === 12 || c === 0xa0 ||
    (c >= 0x2000 && c <= 0x200b) || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

function isHSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 0xa0 || (c >= 0x2000 && c <= 0x200b) || c === 0x202f || c === 0x3000;
}

/** Characters that can come right before an opening mark (besides whitespace). */
function isOpenContext(c: number): boolean {
  switch (c) {
    case 40: // (
    case 91: // [
    case 123: // {
    case 60: // <
    case 62: // > (block quote)
    case 0x2014: // —
    case 0x2013: // –
    case 45: // -
    case 47: // /
    case 58: // :
    case 59: // ;
    case 42: // *
    case 95: // _
    case 124: // |
      return true;
    default:
      return isQuoteChar(c);
  }
}

/** Characters that can come right after a closing mark (besides whitespace). */
function isCloseContext(c: number): boolean {
  switch (c) {
    case 46: // .
    case 44: // ,
    case 59: // ;
    case 58: // :
    case 33: // !
    case 63: // ?
    case 41: // )
    case 93: // ]
    case 125: // }
    case 62: // >
    case 60: // < (markup)
    case 91: // [ (footnote)
    case 0x2014:
    case 0x2013:
    case 45:
    case 47:
    case 0x2026: // …
    case 42:
    case 95:
    case 124:
      return true;
    default:
      return isQuoteChar(c);
  }
}

const QUOTE_CHAR_RE = /["'`\u00ab\u00bb\u2018-\u201f\u2039\u203a]/g;

function isQuoteChar(c: number): boolean {
  return (
    c === 34 || c === 39 || c === 96 || c === 0xab || c === 0xbb ||
    (c >= 0x2018 && c <= 0x201f) || c === 0x2039 || c === 0x203a
  );
}

// ---------------------------------------------------------------------------------------------
// Marks
// ---------------------------------------------------------------------------------------------

/** Flanking: 'L' can only open, 'R' can only close, 'A' ambiguous (both or neither). */
type Flank = 'L' | 'R' | 'A';

interface Mark {
  pos: number;
  len: number;
  /** +1 typographically opening, -1 closing, 0 straight. */
  typo: number;
  flank: Flank;
  /** Whitespace on both sides (a stray mark). */
  stray: boolean;
  /** Typographic family: 0 straight ", 1 curly, 2 doubled apostrophes or backticks, 3 guillemets and others. */
  style: number;
}

function markStyle(text: string, pos: number): number {
  const c = text.charCodeAt(pos);
  if (c === 34) return 0;
  if (c === 0x201c || c === 0x201d) return 1;
  if (c === 39 || c === 96) return 2;
  return 3;
}

/** Reads the mark starting at i, if any. Returns [len, double, typo] packed, or null. */
function readMark(text: string, i: number, end: number): { len: number; double: boolean; typo: number } | null {
  const c = text.charCodeAt(i);
  const n = i + 1 < end ? text.charCodeAt(i + 1) : -1;
  switch (c) {
    case 34:
      return { len: 1, double: true, typo: 0 };
    case 0x201c:
    case 0x201e:
    case 0x201f:
    case 0xab:
      return { len: 1, double: true, typo: 1 };
    case 0x201d:
    case 0xbb:
      return { len: 1, double: true, typo: -1 };
    case 39:
      if (n === 39) return { len: 2, double: true, typo: 0 };
      return { len: 1, double: false, typo: 0 };
    case 96:
      if (n === 96) return { len: 2, double: true, typo: 1 };
      return { len: 1, double: false, typo: 1 };
    case 0x2018:
      if (n === 0x2018) return { len: 2, double: true, typo: 1 };
      return { len: 1, double: false, typo: 1 };
    case 0x2019:
      if (n === 0x2019) return { len: 2, double: true, typo: -1 };
      return { len: 1, double: false, typo: -1 };
    case 0x201a:
    case 0x201b:
    case 0x2039:
      return { len: 1, double: false, typo: 1 };
    case 0x203a:
      return { len: 1, double: false, typo: -1 };
    default:
      return null;
  }
}

function flankOf(text: string, pos: number, len: number, from: number, to: number): { flank: Flank; stray: boolean } {
  const p = pos > from ? text.charCodeAt(pos - 1) : -1;
  const n = pos + len < to ? text.charCodeAt(pos + len) : -1;
  const pWs = p < 0 || isSpace(p);
  const nWs = n < 0 || isSpace(n);
  const canOpen = !nWs && (pWs || isOpenContext(p));
  const canClose = !pWs && (nWs || isCloseContext(n));
  if (canOpen && !canClose) return { flank: 'L', stray: false };
  if (canClose && !canOpen) return { flank: 'R', stray: false };
  return { flank: 'A', stray: pWs && nWs };
}

/** Decides what a double mark does, given whether a quotation is currently open. */
function decideDouble(m: Mark, isOpen: boolean): 'open' | 'close' {
  if (m.typo > 0) return m.flank === 'R' && isOpen ? 'close' : 'open';
  if (m.typo < 0) return m.flank === 'L' && !isOpen ? 'open' : 'close';
  if (m.flank === 'L') return 'open';
  if (m.flank === 'R') return 'close';
  return isOpen ? 'close' : 'open';
}

// ---------------------------------------------------------------------------------------------
// Paragraphs
// ---------------------------------------------------------------------------------------------

interface Paragraphs {
  /** First non-space character of the paragraph (after a block-quote prefix). */
  start: number[];
  /** Just after the last non-space character. */
  end: number[];
  /** Block-quote group id, or -1. */
  bq: number[];
}

/**
 * The lines of the region last scanned: start, end (its newline or the region end), first character after the
 * leading horizontal space, and just after the last non-space character (not before that first one). Kept in
 * module scratch arrays so that detection reads each line once for both of its passes and allocates nothing.
 */
const lines = { n: 0, start: new Int32Array(1024), end: new Int32Array(1024), a: new Int32Array(1024), b: new Int32Array(1024) };

function scanLines(text: string, from: number, to: number): void {
  let n = 0;
  let i = from;
  while (i < to) {
    let e = text.indexOf('\n', i);
    if (e < 0 || e > to) e = to;
    let a = i;
    while (a < e && isHSpace(text.charCodeAt(a))) a++;
    let b = e;
    while (b > a && isSpace(text.charCodeAt(b - 1))) b--;
    if (n === lines.start.length) {
      for (const k of ['start', 'end', 'a', 'b'] as const) {
        const grown = new Int32Array(2 * n);
        grown.set(lines[k]);
        lines[k] = grown;
      }
    }
    lines.start[n] = i;
    lines.end[n] = e;
    lines.a[n] = a;
    lines.b[n] = b;
    n++;
    i = e + 1;
  }
  lines.n = n;
}

/** True when single newlines inside the region are line wraps rather than paragraph breaks. */
function detectHardWrap(text: string, from: number, to: number): boolean {
  scanLines(text, from, to);
  return hardWrapOfLines(text);
}

/** detectHardWrap over the lines last scanned. */
function hardWrapOfLines(text: string): boolean {
  let transitions = 0;
  let continuations = 0;
  let prevLast = -1; // char code of last non-space char of previous non-empty line, -1 if previous line empty
  for (let k = 0; k < lines.n; k++) {
    const a = lines.a[k];
    const b = lines.b[k];
    if (a < b) {
      if (prevLast >= 0) {
        transitions++;
        if ((isAlnum(prevLast) || prevLast === 44) && isLowerAt(text, a)) continuations++;
      }
      prevLast = text.charCodeAt(b - 1);
    } else {
      prevLast = -1;
    }
  }
  return continuations >= 3 && continuations * 4 >= transitions;
}

/** Paragraphs of the lines last scanned. */
function splitParagraphs(text: string, hardWrapped: boolean): Paragraphs {
  const out: Paragraphs = { start: [], end: [], bq: [] };
  let curStart = -1;
  let curEnd = -1;
  let curBq = -1;
  let group = -1;
  let prevLineBq = false;
  const flush = () => {
    if (curStart >= 0) {
      out.start.push(curStart);
      out.end.push(curEnd);
      out.bq.push(curBq);
    }
    curStart = -1;
    curEnd = -1;
    curBq = -1;
  };
  for (let k = 0; k < lines.n; k++) {
    const i = lines.start[k];
    const e = lines.end[k];
    let a = lines.a[k];
    let b = lines.b[k];
    const indent = a - i;
    let isBq = false;
    if (a < e && text.charCodeAt(a) === 62 /* > */ && indent <= 3) {
      isBq = true;
      a++;
      while (a < e && isHSpace(text.charCodeAt(a))) a++;
      // the trailing space was trimmed down to the old start; nothing but space is left from the new one on
      if (b < a) b = a;
    }
    if (a >= b) {
      // blank line (or an empty block-quote line, which breaks paragraphs but not the group)
      flush();
      if (!isBq) group = -1;
      prevLineBq = isBq;
    } else {
      if (isBq && !prevLineBq) group = out.start.length + 1_000_000; // new unique group id
      if (!isBq) group = -1;
      const newPara =
        curStart < 0 ||
        isBq !== (curBq >= 0) ||
        !hardWrapped ||
        indent >= 2 ||
        text.charCodeAt(i) === 9;
      if (newPara) {
        flush();
        curStart = a;
        curBq = isBq ? group : -1;
      }
      curEnd = b;
      prevLineBq = isBq;
    }
  }
  flush();
  return out;
}

// ---------------------------------------------------------------------------------------------
// Detection
// ---------------------------------------------------------------------------------------------

/** Abbreviations that end with a period without ending a sentence. */
const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'gov', 'sen', 'rep', 'reps', 'sens', 'gen', 'lt', 'col', 'sgt', 'capt', 'cmdr', 'adm', 'maj',
  'st', 'jr', 'sr', 'inc', 'corp', 'co', 'ltd', 'vs', 'no', 'nos', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug',
  'sep', 'sept', 'oct', 'nov', 'dec', 'brig', 'prof', 'rev', 'pres', 'hon', 'mt', 'ft', 'supt', 'gens', 'messrs',
  'approx', 'dept', 'est', 'fig', 'al', 'etc', 'e.g', 'i.e', 'u.s', 'u.n', 'u.k', 'd.c', 'a.m', 'p.m',
]);

/** Word just before position `dot` (a period), lower-cased, or ''. */
function wordBefore(text: string, dot: number, limit: number): string {
  let a = dot;
  while (a > limit) {
    const c = text.charCodeAt(a - 1);
    if (isAlnum(c) || c === 46) a--;
    else break;
  }
  return text.slice(a, dot).toLowerCase();
}

/** True when the period at `dot` ends a sentence (not an abbreviation or initial). */
function periodEndsSentence(text: string, dot: number, limit: number): boolean {
  const w = wordBefore(text, dot, limit);
  if (w.length === 0) return true;
  if (w.length === 1 && isUpperAt(text, dot - 1)) return false; // initial "J."
  if (ABBREVIATIONS.has(w)) return false;
  if (isInitialism(w)) return false; // U.S. style
  return true;
}

/**
 * Position just after the last sentence end in [a, b), or -1.
 * A sentence end is . ! ? (plus closing brackets) followed by whitespace and a capital letter or a mark.
 */
function lastSentenceEnd(text: string, a: number, b: number): number {
  for (let i = b - 1; i > a; i--) {
    const c = text.charCodeAt(i);
    if (!isSpace(c)) continue;
    // i is whitespace; look at what follows (after spaces) and what precedes
    let j = i + 1;
    while (j < b && isSpace(text.charCodeAt(j))) j++;
    if (j >= b) continue;
    const nj = text.charCodeAt(j);
    if (!(isUpperAt(text, j) || isQuoteChar(nj))) continue;
    let k = i;
    while (k > a && isSpace(text.charCodeAt(k - 1))) k--;
    let p = k - 1;
    while (p > a && (text.charCodeAt(p) === 41 || text.charCodeAt(p) === 93 || text.charCodeAt(p) === 34 || text.charCodeAt(p) === 0x201d || text.charCodeAt(p) === 0x2019 || text.charCodeAt(p) === 39)) p--;
    const pc = text.charCodeAt(p);
    if (pc === 33 || pc === 63 || (pc === 46 && periodEndsSentence(text, p, a))) return k;
    i = k; // skip the whitespace run
  }
  return -1;
}

interface RawQuote {
  outerStart: number;
  innerStart: number;
  innerEnd: number;
  outerEnd: number;
  closed: boolean;
  paragraphs: number;
  double: boolean;
}

function isElision(text: string, i: number, to: number): boolean {
  // '90s, '16, 'em, 'til, 'cause, 'n'
  const c1 = i < to ? text.charCodeAt(i) : -1;
  if (isDigit(c1)) {
    const c2 = i + 1 < to ? text.charCodeAt(i + 1) : -1;
    const c3 = i + 2 < to ? text.charCodeAt(i + 2) : -1;
    return isDigit(c2) && !isDigit(c3);
  }
  let j = i;
  while (j < to && j - i < 6 && isLetter(text.charCodeAt(j))) j++;
  if (j < to && isLetter(text.charCodeAt(j))) return false;
  const w = text.slice(i, j).toLowerCase();
  return w === 'em' || w === 'til' || w === 'cause' || w === 'tis' || w === 'twas' || w === 'n' || w === 'bout' || w === 'cuz';
}

interface SingleMark {
  pos: number;
  /** 1 opener, 2 strong closer, 3 weak closer (letter + space + word: may be a possessive). */
  role: number;
}

function classifySingle(text: string, pos: number, typo: number, from: number, to: number): number {
  const p = pos > from ? text.charCodeAt(pos - 1) : -1;
  const n = pos + 1 < to ? text.charCodeAt(pos + 1) : -1;
  const pWs = p < 0 || isSpace(p);
  const nWs = n < 0 || isSpace(n);
  if (p >= 0 && isAlnum(p) && n >= 0 && isLetter(n)) return 0; // apostrophe inside a word
  if (pWs && nWs) return 0;
  const canOpen = !nWs && (pWs || isOpenContext(p));
  const canClose = !pWs && (nWs || isCloseContext(n));
  if (canOpen && !canClose) {
    if (typo < 0 && !pWs && p !== 34 && p !== 0x201c) return 0; // ’ after punctuation, e.g. -’
    if (isElision(text, pos + 1, to)) return 0;
    return 1;
  }
  if (canClose && !canOpen) {
    if (typo > 0) return 0;
    if (isAlnum(p) && nWs) {
      let j = pos + 1;
      while (j < to && isHSpace(text.charCodeAt(j))) j++;
      if (j < to && isAlnum(text.charCodeAt(j))) return 3;
    }
    return 2;
  }
  return 0;
}

/** Pairs single marks inside [a, b). */
function pairSingles(text: string, marks: SingleMark[], lo: number, hi: number, out: RawQuote[]): void {
  let i = lo;
  while (i < hi) {
    const m = marks[i];
    if (m.role !== 1) {
      i++;
      continue;
    }
    let weak = -1;
    let chosen = -1;
    let j = i + 1;
    for (; j < hi; j++) {
      const r = marks[j].role;
      if (r === 1) break;
      if (r === 3) {
        if (weak < 0) weak = j;
        continue;
      }
      if (r === 2) {
        if (weak >= 0 && lastSentenceEnd(text, marks[weak].pos, marks[j].pos) >= 0) chosen = weak;
        else chosen = j;
        break;
      }
    }
    if (chosen < 0) chosen = weak;
    if (chosen < 0) {
      i++;
      continue;
    }
    const close = marks[chosen].pos;
    out.push({
      outerStart: m.pos,
      innerStart: m.pos + 1,
      innerEnd: close,
      outerEnd: close + 1,
      closed: true,
      paragraphs: 1,
      double: false,
    });
    i = chosen + 1;
  }
}

/** Finds quotations in text[from, to). Span = the words without the marks. */
export function detectQuotes(text: string, from = 0, to = text.length): QuoteMatch[] {
  from = Math.max(0, Math.min(from, text.length));
  to = Math.max(from, Math.min(to, text.length));
  const hard = detectHardWrap(text, from, to);
  const paras = splitParagraphs(text, hard); // the lines detectHardWrap scanned
  const np = paras.start.length;

  // Collect marks per paragraph.
  const dMarks: Mark[] = [];
  const dPara: number[] = [];
  const sMarks: SingleMark[] = [];
  const sPara: number[] = [];
  // One forward scan serves all paragraphs: a quote character found past one paragraph is the next one's first.
  let next = -2; // first quote character at or after scanFrom, -1 if none, -2 before the first scan
  let scanFrom = 0;
  const nextQuoteChar = (pos: number): number => {
    if (next === -2 || pos < scanFrom || (next >= 0 && next < pos)) {
      QUOTE_CHAR_RE.lastIndex = pos;
      next = QUOTE_CHAR_RE.test(text) ? QUOTE_CHAR_RE.lastIndex - 1 : -1;
      scanFrom = pos;
    }
    return next;
  };
  for (let k = 0; k < np; k++) {
    const a = paras.start[k];
    const b = paras.end[k];
    for (let i = nextQuoteChar(a); i >= 0 && i < b; ) {
      const r = readMark(text, i, b);
      if (!r) {
        i = nextQuoteChar(i + 1);
        continue;
      }
      if (r.double) {
        const f = flankOf(text, i, r.len, from, to);
        dMarks.push({ pos: i, len: r.len, typo: r.typo, flank: f.flank, stray: f.stray, style: markStyle(text, i) });
        dPara.push(k);
      } else {
        const role = classifySingle(text, i, r.typo, from, to);
        if (role > 0) {
          sMarks.push({ pos: i, role });
          sPara.push(k);
        }
      }
      i = nextQuoteChar(i + r.len);
    }
  }

  // Pair double marks.
  const raws: RawQuote[] = [];
  const nestedDoubles: RawQuote[] = [];
  let open: { outerStart: number; innerStart: number; para0: number; paras: number; style: number } | null = null;
  const emitOpen = (endInner: number, outerEnd: number, closed: boolean) => {
    if (!open) return;
    raws.push({
      outerStart: open.outerStart,
      innerStart: open.innerStart,
      innerEnd: endInner,
      outerEnd,
      closed,
      paragraphs: open.paras,
      double: true,
    });
    open = null;
  };
  // (most documents have no double marks to pair)
  if (dMarks.length > 0) {
    // first double mark index of each paragraph
    const firstMark = new Int32Array(np + 1).fill(-1);
    for (let m = dMarks.length - 1; m >= 0; m--) firstMark[dPara[m]] = m;
    const skip = new Uint8Array(dMarks.length);
    for (let k = 0; k < np; k++) {
      const fm = firstMark[k];
      if (fm >= 0) {
        for (let m = fm; m < dMarks.length && dPara[m] === k; m++) {
          if (skip[m]) continue;
          const mk = dMarks[m];
          if (!open) {
            if (decideDouble(mk, false) === 'open') {
              open = { outerStart: mk.pos, innerStart: mk.pos + mk.len, para0: k, paras: 1, style: mk.style };
            }
          } else {
            const d = decideDouble(mk, true);
            if (d === 'close') {
              emitOpen(mk.pos, mk.pos + mk.len, true);
            } else {
              // An opening mark inside an open quotation. It is a nested quotation when the next mark closes it and
              // the one after closes the outer quotation (“… he calls “hell” than …”), or when the marks differ in
              // style ("… chanting “U-S-A!”), or when no sentence ends in between and nothing else closes the outer
              // one. Otherwise the first quotation was never closed and ends at the last sentence end before the mark.
              const o0 = open as { innerStart: number; style: number };
              const m1 = m + 1;
              const m2 = m + 2;
              const c1ok = m1 < dMarks.length && dPara[m1] === k && !skip[m1] && decideDouble(dMarks[m1], true) === 'close';
              const c2 = m2 < dMarks.length && dPara[m2] === k && !skip[m2] ? decideDouble(dMarks[m2], true) : 'none';
              const nested =
                c1ok &&
                (c2 === 'close' ||
                  (mk.style !== o0.style && dMarks[m1].style === mk.style) ||
                  (c2 === 'none' && !(lastSentenceEnd(text, o0.innerStart, mk.pos) > o0.innerStart)));
              if (nested) {
                const c1 = dMarks[m1];
                nestedDoubles.push({ outerStart: mk.pos, innerStart: mk.pos + mk.len, innerEnd: c1.pos, outerEnd: c1.pos + c1.len, closed: true, paragraphs: 1, double: true });
                m++;
                continue;
              }
              const o: { innerStart: number } = open;
              const se = lastSentenceEnd(text, o.innerStart, mk.pos);
              if (se > o.innerStart) emitOpen(se, se, false);
              else emitOpen(mk.pos, mk.pos, false);
              open = { outerStart: mk.pos, innerStart: mk.pos + mk.len, para0: k, paras: 1, style: mk.style };
            }
          }
        }
      }
      if (open) {
        // Still open at the paragraph end: continue into the next paragraph when it opens with a
        // mark (the multi-paragraph convention) or when its first mark is a closing one (a missing opener).
        const nk = k + 1;
        let cont = false;
        if (nk < np) {
          const nfm = firstMark[nk];
          if (nfm >= 0) {
            const nm = dMarks[nfm];
            const d = decideDouble(nm, false);
            const sameStyle = nm.style === (open as { style: number }).style;
            if (d === 'open' && nm.pos === paras.start[nk] && sameStyle) {
              skip[nfm] = 1;
              cont = true;
            } else if (d === 'close' && sameStyle) {
              cont = true;
            }
          }
        }
        if (cont) {
          (open as { paras: number }).paras++;
        } else {
          emitOpen(paras.end[k], paras.end[k], false);
        }
      }
    }
    if (open) emitOpen(paras.end[np - 1], paras.end[np - 1], false);
  }

  // Pair single marks inside double quotations (nested) and outside them (top level), paragraph by paragraph.
  const singles: RawQuote[] = [];
  {
    let r = 0; // index into raws (sorted by outerStart)
    let s = 0;
    while (s < sMarks.length) {
      // group: same paragraph and same enclosing double quote (or none)
      const pos = sMarks[s].pos;
      while (r < raws.length && raws[r].outerEnd <= pos) r++;
      const inside = r < raws.length && raws[r].innerStart <= pos && pos < raws[r].innerEnd;
      const crossesMark = r < raws.length && !inside && raws[r].outerStart <= pos; // on a mark itself
      let e = s + 1;
      const k = sPara[s];
      // past the text: a small integer, like every other limit here, so the comparison below stays on small integers
      const limit = inside ? raws[r].innerEnd : r < raws.length ? raws[r].outerStart : text.length + 1;
      while (e < sMarks.length && sPara[e] === k && sMarks[e].pos < limit) e++;
      if (!crossesMark) pairSingles(text, sMarks, s, e, singles);
      s = e;
    }
  }

  // Block quotes without double marks of their own.
  const blocks: RawQuote[] = [];
  {
    let k = 0;
    let r = 0;
    while (k < np) {
      const g = paras.bq[k];
      if (g < 0) {
        k++;
        continue;
      }
      let e = k + 1;
      while (e < np && paras.bq[e] === g) e++;
      const a = paras.start[k];
      const b = paras.end[e - 1];
      while (r < raws.length && raws[r].outerEnd <= a) r++;
      const hasDouble = r < raws.length && raws[r].outerStart < b;
      if (!hasDouble) {
        let os = a;
        while (os > from && text.charCodeAt(os - 1) !== 62) os--;
        if (os > from) os--;
        blocks.push({ outerStart: os, innerStart: a, innerEnd: b, outerEnd: b, closed: true, paragraphs: e - k, double: true });
      }
      k = e;
    }
  }

  if (raws.length + nestedDoubles.length + singles.length + blocks.length === 0) return [];
  const all = raws.concat(nestedDoubles, singles, blocks);
  const result: QuoteMatch[] = [];
  for (const q of all) {
    let a = q.innerStart;
    let b = q.innerEnd;
    while (a < b && isSpace(text.charCodeAt(a))) a++;
    while (b > a && isSpace(text.charCodeAt(b - 1))) b--;
    if (a >= b) continue;
    let hasWord = false;
    for (let i = a; i < b; i++) {
      if (isAlnum(text.charCodeAt(i))) {
        hasWord = true;
        break;
      }
    }
    if (!hasWord) continue;
    result.push({
      start: a,
      end: b,
      text: text.slice(a, b),
      outerStart: q.outerStart,
      outerEnd: q.outerEnd,
      kind: 'term',
      closed: q.closed,
      paragraphs: q.paragraphs,
    });
  }
  result.sort((x, y) => x.start - y.start || y.end - x.end);
  for (const q of result) q.kind = classifyKind(text, q, from);
  return result;
}

// ---------------------------------------------------------------------------------------------
// Statement or term
// ---------------------------------------------------------------------------------------------

const SMALL_WORDS = new Set([
  'a', 'an', 'the', 'of', 'and', 'or', 'nor', 'but', 'in', 'on', 'at', 'to', 'for', 'with', 'by', 'from', 'as', 'vs',
  'into', 'up', 'is', 'be', 'it', 'its', 'de', 'la', 'al', 'el', 'von', 'van', 'du', 'le', 'da',
]);

const SMALL_WORD_MAX = Math.max(...[...SMALL_WORDS].map((w) => w.length));

/** An ASCII word as a number, base 128, lower-cased: distinct words (of nonzero characters) get distinct codes. */
function asciiCode(w: string): number {
  let code = 0;
  for (let k = 0; k < w.length; k++) code = code * 128 + w.charCodeAt(k);
  return code;
}

const SMALL_CODES = new Set([...SMALL_WORDS].map(asciiCode));

/** SMALL_WORDS.has(text.slice(i, j).toLowerCase()), without making the string for ASCII words. */
function isSmallWord(text: string, i: number, j: number): boolean {
  // Lower-casing never shortens a word: longer ones cannot be small words.
  if (j - i > SMALL_WORD_MAX) return false;
  let code = 0;
  for (let k = i; k < j; k++) {
    const c = text.charCodeAt(k);
    if (c >= 128) return SMALL_WORDS.has(text.slice(i, j).toLowerCase());
    code = code * 128 + (c >= 65 && c <= 90 ? c + 32 : c);
  }
  return SMALL_CODES.has(code);
}

function countWords(text: string, a: number, b: number): number {
  let n = 0;
  let inWord = false;
  for (let i = a; i < b; i++) {
    const c = text.charCodeAt(i);
    if (isAlnum(c)) {
      if (!inWord) n++;
      inWord = true;
    } else if (inWord && (c === 39 || c === 0x2019 || c === 45) && i + 1 < b && isAlnum(text.charCodeAt(i + 1))) {
      // internal apostrophe or hyphen
    } else {
      inWord = false;
    }
  }
  return n;
}

/** Fraction of words in [a, b) that start with a capital (small words ignored); -1 if none counted. */
function capitalRatio(text: string, a: number, b: number): { ratio: number; words: number } {
  let words = 0;
  let caps = 0;
  let i = a;
  while (i < b) {
    const c = text.charCodeAt(i);
    if (!isLetter(c)) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < b && (isAlnum(text.charCodeAt(j)) || text.charCodeAt(j) === 39 || text.charCodeAt(j) === 0x2019 || text.charCodeAt(j) === 45)) j++;
    if (!isSmallWord(text, i, j)) {
      words++;
      if (isUpperAt(text, i)) caps++;
    }
    i = j;
  }
  return { ratio: words ? caps / words : -1, words };
}

/** The line around pos, at most `max` characters each way (long lines are not headlines anyway). */
function lineBounds(text: string, pos: number, lo: number, max = 500): Span {
  let a = pos;
  const stop = Math.max(lo, pos - max);
  while (a > stop && text.charCodeAt(a - 1) !== 10) a--;
  let b = pos;
  const end = Math.min(text.length, pos + max);
  while (b < end && text.charCodeAt(b) !== 10) b++;
  return { start: a, end: b };
}

/** True when the line holding the quote reads like a headline (title case outside the quote). */
function inHeadline(text: string, q: QuoteMatch, lo: number): boolean {
  const line = lineBounds(text, q.outerStart, lo);
  if (line.end - line.start > 400) return false;
  const before = capitalRatio(text, line.start, q.outerStart);
  const after = capitalRatio(text, Math.min(q.outerEnd, line.end), line.end);
  const words = before.words + after.words;
  if (words < 2) return false;
  const caps = (before.ratio > 0 ? before.ratio * before.words : 0) + (after.ratio > 0 ? after.ratio * after.words : 0);
  return caps / words >= 0.75;
}

function classifyKind(text: string, q: QuoteMatch, lo: number): 'statement' | 'term' {
  const words = countWords(text, q.start, q.end);
  const last = text.charCodeAt(q.end - 1);
  const endsSentence = last === 46 || last === 33 || last === 63 || last === 0x2026;
  if (words >= 4) {
    // A title-cased phrase in running text is a title (of a show, book, article), not an utterance.
    const cr = capitalRatio(text, q.start, q.end);
    if (cr.ratio === 1 && cr.words >= 2 && (!endsSentence || words <= 8) && !inHeadline(text, q, lo)) return 'term';
    return 'statement';
  }
  if (words === 0) return 'term';
  if (words >= 2 && endsSentence && isUpperAt(text, q.start)) return 'statement';
  // described as "occupying forces," emphasizing ...: a name given to something, whatever verb follows
  const before = wordBackward(text, q.outerStart, lo);
  if (before && before.toLowerCase() === 'as') return 'term';
  // Introduced by a speech verb and a colon or comma: said: "Never."
  let i = q.outerStart;
  while (i > lo && isHSpace(text.charCodeAt(i - 1))) i--;
  const pc = i > lo ? text.charCodeAt(i - 1) : -1;
  if (pc === 58 || pc === 44) {
    const w = wordBackward(text, i - 1, lo);
    if (w && SPEECH_VERBS.has(w.toLowerCase()) && !NAMING_VERBS.has(w.toLowerCase())) return 'statement';
  }
  // Followed by an attribution: "Never," he said.
  if (last === 44 || last === 33 || last === 63) {
    let j = q.outerEnd;
    let seen = 0;
    while (j < text.length && seen < 5) {
      while (j < text.length && !isLetter(text.charCodeAt(j))) {
        if (text.charCodeAt(j) === 10 || text.charCodeAt(j) === 46) return 'term';
        j++;
      }
      let e = j;
      while (e < text.length && isLetter(text.charCodeAt(e))) e++;
      if (e === j) break;
      const w = text.slice(j, e).toLowerCase();
      if (SPEECH_VERBS.has(w) && !NAMING_VERBS.has(w)) return 'statement';
      seen++;
      j = e;
    }
  }
  return 'term';
}

function wordBackward(text: string, end: number, lo: number): string | null {
  let b = end;
  while (b > lo && isHSpace(text.charCodeAt(b - 1))) b--;
  let a = b;
  while (a > lo && isLetter(text.charCodeAt(a - 1))) a--;
  return a < b ? text.slice(a, b) : null;
}

// ---------------------------------------------------------------------------------------------
// Speaker attribution: vocabulary
// ---------------------------------------------------------------------------------------------

function verbForms(spec: string): string[] {
  // "say/says/said/saying" or "stress" (regular: +s/+ed/+ing with simple spelling rules)
  if (spec.includes('/')) return spec.split('/');
  const base = spec;
  const forms = [base];
  if (/(s|sh|ch|x|z)$/.test(base)) forms.push(base + 'es');
  else if (/[^aeiou]y$/.test(base)) forms.push(base.slice(0, -1) + 'ies');
  else forms.push(base + 's');
  if (base.endsWith('e')) {
    forms.push(base + 'd', base.slice(0, -1) + 'ing');
  } else if (/[^aeiou]y$/.test(base)) {
    forms.push(base.slice(0, -1) + 'ied', base + 'ing');
  } else {
    forms.push(base + 'ed', base + 'ing');
  }
  return forms;
}

const VERB_SPECS = [
  'say/says/said/saying', 'tell/tells/told/telling', 'write/writes/wrote/writing/written', 'tweet', 'add', 'stress',
  'urge', 'warn', 'note', 'state', 'emphasize', 'emphasise', 'remark', 'vow', 'reiterate', 'declare', 'insist', 'argue',
  'explain', 'ask', 'answer', 'reply', 'respond', 'continue', 'charge', 'claim', 'announce', 'acknowledge',
  'admit/admits/admitted/admitting', 'recall', 'observe', 'suggest', 'predict', 'promise', 'pledge', 'threaten',
  'caution', 'complain', 'concede', 'confirm', 'contend', 'counter', 'demand', 'deny', 'estimate', 'joke',
  'quip/quips/quipped/quipping', 'boast', 'maintain', 'muse', 'report', 'shout', 'yell', 'underscore', 'highlight',
  'affirm', 'assert', 'proclaim', 'describe', 'call', 'label', 'dub/dubs/dubbed/dubbing', 'accuse', 'criticize',
  'criticise', 'praise', 'lament', 'blast', 'slam/slams/slammed/slamming', 'post', 'exclaim', 'whisper', 'comment',
  'mention', 'retort', 'scoff', 'speculate', 'testify', 'thunder', 'allege', 'agree', 'disagree', 'believe',
  'think/thinks/thought/thinking', 'quote', 'cite', 'conclude', 'instruct', 'advise', 'recount', 'recommend',
  'reassure', 'assure', 'protest', 'brag/brags/bragged/bragging', 'chide', 'inform', 'rebut', 'reject', 'question',
  'wonder', 'mock', 'taunt', 'plead', 'congratulate', 'assess', 'lash', 'tout', 'text', 'email', 'message', 'summarize',
  'opine', 'reason', 'mutter', 'snap/snaps/snapped/snapping', 'sing/sings/sang/singing/sung', 'scold', 'chant',
  'recite', 'type', 'lambast', 'lambaste', 'rip/rips/ripped/ripping', 'fume', 'gush', 'rail', 'hail', 'decry',
  'denounce', 'condemn', 'urge', 'caution', 'implore', 'beg/begs/begged/begging', 'vent', 'sigh', 'laugh', 'cry/cries/cried/crying',
  'scream', 'shriek', 'holler', 'bellow', 'growl', 'interject', 'interrupt', 'elaborate', 'clarify', 'specify',
  'reveal', 'disclose', 'concur', 'tease', 'recognize', 'pronounce', 'repeat', 'proclaim', 'hint', 'imply', 'indicate',
  'signal', 'forecast', 'explain', 'complain', 'challenge', 'dismiss', 'pen/pens/penned/penning', 'sum/sums/summed/summing',
  'wrote', 'posit', 'contest', 'acknowledge', 'welcome', 'thank', 'greet', 'promise', 'emphasize',
  'speak/speaks/spoke/speaking/spoken', 'attack', 'refer/refers/referred/referring', 'scold', 'preach',
  'lecture', 'address', 'pray', 'toast', 'rave', 'rant', 'liken', 'reference', 'compare', 'crack', 'jeer', 'interrupt',
  'chime', 'gripe', 'grumble', 'scoff', 'sneer', 'shrug', 'nod', 'recollect', 'confide', 'acknowledge', 'retort',
];

/** Base and third-person forms that are more often nouns ("news reports said", "his remarks"). */
const NOUNISH = new Set([
  'report', 'reports', 'post', 'posts', 'text', 'texts', 'comment', 'comments', 'note', 'notes', 'question', 'questions',
  'reason', 'reasons', 'message', 'messages', 'answer', 'answers', 'reply', 'replies', 'claim', 'claims', 'charge',
  'charges', 'demand', 'demands', 'promise', 'promises', 'pledge', 'pledges', 'estimate', 'estimates', 'quote', 'quotes',
  'tweet', 'tweets', 'email', 'emails', 'counter', 'counters', 'joke', 'jokes', 'praise', 'label', 'labels', 'wonder',
  'wonders', 'state', 'states', 'remark', 'remarks', 'vow', 'vows', 'highlight', 'highlights', 'type', 'types', 'rail',
  'rails', 'sum', 'sums', 'pen', 'pens', 'hint', 'hints', 'signal', 'signals', 'forecast', 'forecasts', 'challenge',
  'challenges', 'welcome', 'protest', 'protests', 'contest', 'contests', 'cry', 'cries', 'laugh', 'laughs', 'sigh', 'sighs',
  'vent', 'rip', 'call', 'calls', 'concern', 'comment', 'response', 'statement', 'mention', 'mentions', 'thank', 'thanks',
  'warning', 'reading', 'ripping', 'typing', 'summing', 'texting', 'posting', 'quoting', 'rip', 'lash', 'lashes', 'tout',
  'touts', 'gush', 'fume', 'fumes', 'muse', 'muses', 'scream', 'screams', 'shout', 'shouts', 'yell', 'yells', 'whisper',
  'whispers', 'question', 'thought', 'thoughts', 'message', 'reason', 'ask', 'asks', 'attack', 'attacks', 'address',
  'addresses', 'toast', 'toasts', 'lecture', 'lectures', 'rant', 'rants', 'speak', 'pray',
]);

/** Verbs that introduce speech or thought. */
const SPEECH_VERBS = new Set<string>();
for (const s of VERB_SPECS) for (const f of verbForms(s)) if (!NOUNISH.has(f)) SPEECH_VERBS.add(f);
/** Forms that are speech verbs only when a subject is right before them (not "his remarks", "in tweets"). */
const WEAK_VERBS = new Set([
  'calls', 'call', 'asks', 'ask', 'thought', 'tweets', 'remarks', 'claims', 'states', 'notes', 'reports', 'posts',
  'comments', 'answers', 'replies', 'charges', 'demands', 'promises', 'pledges', 'jokes', 'warns', 'quotes', 'reads',
  'shouts', 'writes', 'texts', 'emails', 'muses', 'counters', 'vows', 'touts', 'rails', 'laments',
]);
for (const w of WEAK_VERBS) SPEECH_VERBS.add(w);

/** Verbs that name or describe (X called it "…"): they cue a speaker but do not make a term a statement. */
const NAMING_VERBS = new Set([
  'call', 'calls', 'called', 'calling', 'describe', 'describes', 'described', 'describing', 'label', 'labels', 'labeled',
  'labelled', 'labeling', 'labelling', 'dub', 'dubs', 'dubbed', 'dubbing', 'accuse', 'accuses', 'accused', 'accusing',
  'praise', 'praises', 'praised', 'praising', 'criticize', 'criticizes', 'criticized', 'criticizing', 'criticise',
  'criticises', 'criticised', 'criticising', 'think', 'thinks', 'thought', 'believe', 'believes', 'believed',
]);

/** Verbs that cannot introduce a following quotation by inversion ("…," said X works, "…," told X does not). */
const NON_INVERTING = new Set(['told', 'tells', 'tell', 'called', 'calls', 'described', 'describes', 'accused', 'praised', 'thought', 'believes', 'believed', 'thinks']);

const PRONOUNS = new Set(['he', 'she', 'they', 'it', 'i', 'we']);

const AUX_ADV = new Set([
  'also', 'further', 'reportedly', 'then', 'later', 'once', 'again', 'has', 'had', 'have', 'would', 'will', 'could',
  'can', 'may', 'might', 'should', 'must', 'did', 'does', 'do', 'not', 'never', 'previously', 'recently', 'repeatedly', 'just',
  'already', 'still', 'even', 'only', 'first', 'publicly', 'privately', 'openly', 'explicitly', 'allegedly', 'initially',
  'earlier', 'subsequently', 'simply', 'quickly', 'immediately', 'finally', 'flatly', 'bluntly', 'angrily', 'is', 'was',
  'were', 'are', 'been', 'being', 'be', 'often', 'frequently', 'always', 'famously', 'now', 'today', 'yesterday',
  'tonight', 'here', 'there', 'ever', 'since', 'reiterated', 'similarly', 'likewise', 'too', 'directly', 'specifically',
  'clearly', 'apparently', 'recently', 'separately', 'jokingly', 'sarcastically', 'curtly', 'confidently', 'proudly',
  'enough', 'widely', 'commonly', 'sometimes', 'usually', 'long',
]);

const STOP_NP = new Set([
  'in', 'on', 'at', 'to', 'for', 'with', 'by', 'from', 'about', 'into', 'over', 'after', 'before', 'during', 'since', 'as',
  'than', 'like', 'under', 'against', 'between', 'through', 'without', 'within', 'via', 'per', 'upon', 'toward', 'towards',
  'and', 'or', 'but', 'nor', 'so', 'yet', 'that', 'which', 'who', 'whom', 'whose', 'when', 'where', 'while', 'if',
  'because', 'although', 'though', 'not', 'is', 'was', 'are', 'were', 'has', 'have', 'had', 'be', 'been', 'will', 'would',
  'there', 'this', 'these', 'those', 'it', 'he', 'she', 'they', 'we', 'i', 'you', 'his', 'her', 'their', 'its', 'our',
  'my', 'your', 'what', 'how', 'why', 'do', 'does', 'did', 'can', 'could', 'should', 'may', 'might', 'must', 'also',
  'just', 'even', 'only', 'then', 'now', 'here', 'once', 'again', 'very', 'too', 'said', 'says', 'say', 'told',
]);

/** Possessive determiners that can open a speaker phrase: "his spokesman", "my father". */
const POSS_DETS = new Set(['his', 'her', 'their', 'our', 'my', 'your', 'its']);

const DETERMINERS = new Set(['the', 'a', 'an', 'one', 'two', 'three', 'several', 'many', 'some', 'other', 'another', 'both', 'all', 'each', 'most', 'few', 'various', 'numerous', 'multiple']);

/** Sentence-initial capitalised words that are not names. */
const NOT_NAME_CAPS = new Set([
  'the', 'a', 'an', 'but', 'and', 'or', 'in', 'on', 'at', 'for', 'with', 'by', 'from', 'as', 'after', 'before', 'during',
  'while', 'when', 'if', 'although', 'though', 'because', 'however', 'meanwhile', 'nevertheless', 'still', 'yet', 'so',
  'then', 'this', 'that', 'these', 'those', 'his', 'her', 'their', 'its', 'our', 'my', 'your', 'it', 'he', 'she', 'they',
  'we', 'i', 'you', 'there', 'here', 'what', 'who', 'why', 'how', 'where', 'which', 'also', 'according', 'speaking',
  'asked', 'responding', 'earlier', 'later', 'today', 'yesterday', 'instead', 'indeed', 'now', 'thus', 'hence', 'to', 'of',
]);

const COMM_NOUNS = new Set([
  'statement', 'statements', 'remarks', 'remark', 'comments', 'comment', 'words', 'tweet', 'tweets', 'message', 'messages',
  'speech', 'post', 'posts', 'letter', 'article', 'editorial', 'op-ed', 'column', 'response', 'address', 'testimony',
  'announcement', 'declaration', 'communique', 'communiqué', 'interview', 'report', 'op', 'note', 'memo', 'email',
  'e-mail', 'video', 'blog', 'website', 'account', 'reply', 'answer', 'retort', 'warning', 'call', 'appeal', 'claim',
  'view', 'position', 'lesson', 'advice', 'words',
]);

const FEMALE_CUES = new Set([
  'mrs', 'ms', 'miss', 'madam', 'madame', 'queen', 'lady', 'princess', 'duchess', 'sister', 'mother', 'grandmother',
  'hillary', 'melania', 'ivanka', 'kellyanne', 'nancy', 'elizabeth', 'sarah', 'theresa', 'angela', 'michelle',
  'condoleezza', 'madeleine', 'huma', 'donna', 'debbie', 'jill', 'megyn', 'hope', 'katrina', 'kate', 'mary', 'susan',
  'karen', 'linda', 'barbara', 'patricia', 'jennifer', 'maria', 'lisa', 'nicole', 'laura', 'rachel', 'samantha',
  'emily', 'anna', 'ana', 'jane', 'julia', 'kamala', 'marine', 'ursula', 'christine', 'federica', 'golda', 'benazir',
  'indira', 'aung', 'carly', 'nikki', 'sheryl', 'diane', 'dianne', 'kirsten', 'tammy', 'amy', 'heidi', 'claire',
  'maxine', 'jeanne', 'catherine', 'katherine', 'ann', 'anne', 'ellen', 'helen', 'hannah', 'jessica', 'ashley',
  'stephanie', 'rebecca', 'alexandria', 'ilhan', 'rashida', 'tulsi', 'marsha', 'lindsey', 'liz', 'betsy', 'gina',
  'janet', 'janet', 'loretta', 'sally', 'valerie', 'susana', 'mariam', 'fatima', 'zahra', 'masoumeh', 'shirin',
  'narges', 'mahsa', 'samira', 'laila', 'layla', 'leila', 'she', 'her', 'woman', 'wife', 'daughter', 'mom',
]);

const PERSON_HEADS = new Set([
  'leader', 'minister', 'president', 'official', 'spokesman', 'spokeswoman', 'spokesperson', 'ayatollah', 'cleric',
  'general', 'commander', 'chief', 'secretary', 'ambassador', 'envoy', 'diplomat', 'senator', 'governor', 'mayor',
  'candidate', 'nominee', 'adviser', 'advisor', 'aide', 'director', 'chairman', 'chairwoman', 'chair', 'head',
  'premier', 'king', 'queen', 'prince', 'emir', 'sheikh', 'analyst', 'expert', 'source', 'man', 'woman', 'lawmaker',
  'congressman', 'congresswoman', 'representative', 'speaker', 'manager', 'strategist', 'pollster', 'professor',
  'researcher', 'author', 'writer', 'reporter', 'journalist', 'editor', 'host', 'anchor', 'judge', 'lawyer',
  'attorney', 'witness', 'resident', 'voter', 'supporter', 'critic', 'member', 'businessman', 'billionaire', 'mogul',
  'ayatollah', 'imam', 'cleric', 'militant', 'officer', 'colonel', 'captain', 'sergeant', 'admiral', 'deputy', 'mp',
  'founder', 'ceo', 'executive', 'activist', 'organizer', 'organiser', 'campaigner', 'person', 'guest', 'protester',
  'demonstrator', 'democrat', 'republican', 'conservative', 'liberal', 'progressive', 'delegate', 'citizen', 'american',
  'lawyer', 'doctor', 'teacher', 'student', 'parent', 'worker', 'soldier', 'narrator', 'questioner', 'caller',
]);

const ORG_HEADS = new Set([
  'ministry', 'government', 'campaign', 'agency', 'newspaper', 'daily', 'mouthpiece', 'office', 'department', 'committee',
  'council', 'party', 'group', 'organization', 'organisation', 'company', 'firm', 'network', 'channel', 'website',
  'outlet', 'administration', 'white', 'house', 'embassy', 'army', 'military', 'force', 'forces', 'corps', 'movement',
  'coalition', 'alliance', 'union', 'court', 'parliament', 'congress', 'senate', 'cabinet', 'regime', 'state',
  'country', 'nation', 'foundation', 'institute', 'university', 'bank', 'fund', 'board', 'commission', 'police',
  'team', 'club', 'paper', 'magazine', 'editorial', 'report', 'statement', 'times', 'post', 'news', 'press', 'media',
]);

// ---------------------------------------------------------------------------------------------
// Speaker attribution: tokens
// ---------------------------------------------------------------------------------------------

const enum TK {
  Word = 0,
  Punct = 1,
  Mark = 2,
  Para = 3,
  Quote = 4,
}

class Tok {
  constructor(
    readonly s: number,
    readonly e: number,
    readonly k: TK,
    private lower: string | null,
    /** Word starts with a capital letter. */
    readonly cap: boolean,
    /** For Quote tokens: the masked quotation ends with sentence punctuation. */
    readonly endsSentence: boolean,
    private readonly src: string,
  ) {}

  /** Lower-cased text for words, the character for punctuation. Words lower-case on first use: most of a window is never read. */
  get l(): string {
    return (this.lower ??= this.src.slice(this.s, this.e).toLowerCase());
  }
}

interface Ctx {
  text: string;
  hard: boolean;
  names: NameMatch[];
  /** How many names entries share each last word (a salience measure). */
  keyCount: Map<string, number>;
  /** Pronoun last resolved to a speaker text ("he"/"she"). */
  lastGender: Map<string, string>;
  /** Gender evidence per last word of a name, from first names and titles across the document: +female, -male. */
  surnameGender: Map<string, number>;
  /** Sorted, non-overlapping [start, end) pairs of top-level quotations (names inside are not antecedents). */
  quoted: number[];
  /** keyCount and surnameGender are filled (lazily, on the first pronoun). */
  stats: boolean;
  /** Per names entry, filled with the stats: lastWord of its text. */
  lastWords: string[];
  /** Per names entry, memos for pronoun resolution, which weighs the same names for every pronoun. */
  candidates: (Candidate | undefined)[];
  spanTexts: (string | undefined)[];
  verbAfter: (boolean | undefined)[];
}

function nameStats(ctx: Ctx): void {
  if (ctx.stats) return;
  ctx.stats = true;
  for (const n of ctx.names) {
    const lw = lastWord(n.text);
    ctx.lastWords.push(lw);
    ctx.keyCount.set(lw, (ctx.keyCount.get(lw) ?? 0) + 1);
    // "al-Sudani" also counts for a later bare "Sudani"
    const hyphen = lw.lastIndexOf('-');
    if (hyphen > 0 && lw.length - hyphen > 3) {
      const tail = lw.slice(hyphen + 1);
      ctx.keyCount.set(tail, (ctx.keyCount.get(tail) ?? 0) + 1);
    }
    const g = genderCues(ctx, n.start, n.end, -1, n);
    if (g.female || g.male) ctx.surnameGender.set(lw, (ctx.surnameGender.get(lw) ?? 0) + (g.female ? 1 : -1));
  }
}

/**
 * Tokenizes text[a, b), replacing masked spans (other quotations) by single Quote tokens. Tokens come on demand
 * (`fill`): the right-hand window of a quotation is read only up to the end of its sentence, usually a few words.
 */
class Tokenizer {
  readonly toks: Tok[] = [];
  private i: number;
  private mi: number;

  constructor(
    private readonly ctx: Ctx,
    private readonly a: number,
    private readonly b: number,
    private readonly masks: QuoteMatch[],
    private readonly self: QuoteMatch | null,
    hint: number,
  ) {
    let mi = Math.max(0, Math.min(hint, masks.length));
    while (mi > 0 && masks[mi - 1].outerEnd > a) mi--;
    while (mi < masks.length && (masks[mi].outerEnd <= a || masks[mi] === self)) mi++;
    this.mi = mi;
    this.i = a;
  }

  /** Reads on until there are `n` tokens or the text runs out; true when there are `n`. */
  fill(n: number): boolean {
    const toks = this.toks;
    if (toks.length >= n) return true;
    const { ctx, a, b, masks, self } = this;
    const text = ctx.text;
    let i = this.i;
    let mi = this.mi;
    while (i < b && toks.length < n) {
      if (mi < masks.length && masks[mi].outerStart <= i) {
        const m = masks[mi];
        if (m.outerEnd > i) {
          const last = text.charCodeAt(m.end - 1);
          toks.push(new Tok(Math.max(m.outerStart, a), Math.min(m.outerEnd, b), TK.Quote, '"', false, last === 46 || last === 33 || last === 63, text));
          i = Math.min(m.outerEnd, b);
        }
        mi++;
        while (mi < masks.length && masks[mi] === self) mi++;
        continue;
      }
      const c = text.charCodeAt(i);
      if (c === 10) {
        // paragraph break?
        let j = i + 1;
        while (j < b && isHSpace(text.charCodeAt(j))) j++;
        const blank = j < b && text.charCodeAt(j) === 10;
        const indented = j - (i + 1) >= 2;
        if (!ctx.hard || blank || indented) {
          if (toks.length === 0 || toks[toks.length - 1].k !== TK.Para) toks.push(new Tok(i, i + 1, TK.Para, '\n', false, false, text));
        }
        i++;
        continue;
      }
      if (isSpace(c)) {
        i++;
        continue;
      }
      if (isAlnum(c)) {
        let j = i + 1;
        while (j < b) {
          const d = text.charCodeAt(j);
          if (isAlnum(d)) {
            j++;
            continue;
          }
          if ((d === 39 || d === 0x2019 || d === 45 || d === 46 || d === 38 || d === 47) && j + 1 < b && isAlnum(text.charCodeAt(j + 1))) {
            j += 2;
            continue;
          }
          break;
        }
        // absorb the period of an abbreviation or initial
        let lower: string | null = null;
        if (j < b && text.charCodeAt(j) === 46) {
          const w = text.slice(i, j).toLowerCase();
          if (ABBREVIATIONS.has(w) || (j - i === 1 && isUpperAt(text, i)) || (j + 1 < b && text.charCodeAt(j + 1) === 44) || isInitialism(w)) j++;
          else lower = w;
        }
        toks.push(new Tok(i, j, TK.Word, lower, isUpperAt(text, i), false, text));
        i = j;
        continue;
      }
      if (isQuoteChar(c)) {
        toks.push(new Tok(i, i + 1, TK.Mark, text[i], false, false, text));
        i++;
        continue;
      }
      toks.push(new Tok(i, i + 1, TK.Punct, text[i], false, false, text));
      i++;
    }
    this.i = i;
    this.mi = mi;
    return toks.length >= n;
  }
}

/** All the tokens of text[a, b) (see Tokenizer). */
function tokenize(ctx: Ctx, a: number, b: number, masks: QuoteMatch[], self: QuoteMatch | null, hint: number): Tok[] {
  const t = new Tokenizer(ctx, a, b, masks, self, hint);
  // "as many as there are": the largest small integer rather than Infinity, so `fill` compares small integers only
  t.fill(0x3fffffff);
  return t.toks;
}

/** "u.s", "e.g" (lower-cased, before their last period). */
function isInitialism(w: string): boolean {
  return w.length >= 3 && w.charCodeAt(1) === 46 && /^([a-z]\.)+[a-z]$/.test(w);
}

/** True when a sentence ends after token i. `more` reads on when toks are its tokens so far. */
function endsSentenceAt(toks: Tok[], i: number, more?: Tokenizer): boolean {
  const t = toks[i];
  if (t.k === TK.Para) return true;
  let nxt = i + 1;
  if (t.k === TK.Quote) {
    if (!t.endsSentence) return false;
  } else if (t.k === TK.Punct && (t.l === '.' || t.l === '!' || t.l === '?')) {
    while (has(toks, nxt, more) && (toks[nxt].l === ')' || toks[nxt].l === ']' || toks[nxt].k === TK.Mark)) nxt++;
  } else {
    return false;
  }
  if (!has(toks, nxt, more)) return true;
  const n = toks[nxt];
  if (n.k === TK.Punct && (n.l === '[' || n.l === '(') && has(toks, nxt + 1, more)) {
    const m = toks[nxt + 1];
    return m.k === TK.Word && m.cap;
  }
  return n.k === TK.Para || n.k === TK.Quote || (n.k === TK.Word && n.cap) || n.k === TK.Mark;
}

/** Is there a token k (reading on if need be)? */
function has(toks: Tok[], k: number, more: Tokenizer | undefined): boolean {
  return k < toks.length || (more !== undefined && more.fill(k + 1));
}

function stripPossessive(l: string): string {
  if (l.endsWith("'s") || l.endsWith('’s')) return l.slice(0, -2);
  if (l.endsWith("s'") || l.endsWith('s’')) return l.slice(0, -1);
  return l;
}

function isPossessive(l: string): boolean {
  return l.endsWith("'s") || l.endsWith('’s');
}

// ---------------------------------------------------------------------------------------------
// Speaker attribution: noun phrases
// ---------------------------------------------------------------------------------------------

interface Found {
  start: number;
  end: number;
  via: string;
  /** A pronoun needing resolution. */
  pronoun?: string;
  /** Index of the names entry the span comes from. */
  name?: number;
  /** Index of the last token of the phrase (forward parses). */
  last?: number;
}

/** Names entries overlapping [a, b), in order. */
function namesIn(ctx: Ctx, a: number, b: number): number[] {
  const names = ctx.names;
  const lo = partitionPoint(names.length, (k) => names[k].start < a);
  let i = lo;
  while (i > 0 && lo - i < 4 && names[i - 1].end > a) i--;
  const out: number[] = [];
  for (; i < names.length && names[i].start < b; i++) if (names[i].end > a) out.push(i);
  return out;
}

/** A Found with every field present (undefined when absent): one shape for every cue's result, so the reads of it stay monomorphic. */
function found(start: number, end: number, via: string, pronoun?: string, name?: number, last?: number): Found {
  return { start, end, via, pronoun, name, last };
}

function fromName(ctx: Ctx, idx: number, via: string): Found {
  const n = ctx.names[idx];
  return found(n.start, n.end, via, undefined, idx);
}

function isNameConnector(l: string): boolean {
  return l === 'al' || l === 'el' || l === 'bin' || l === 'ibn' || l === 'de' || l === 'van' || l === 'von' || l === 'da' || l.startsWith('al-') || l.startsWith('el-');
}

/** Can this word be part of a noun phrase? */
function npWord(t: Tok): boolean {
  if (t.k !== TK.Word) return false;
  if (STOP_NP.has(t.l) || AUX_ADV.has(t.l) || PRONOUNS.has(t.l)) return false;
  if (SPEECH_VERBS.has(t.l) && !t.cap) return false;
  if (!t.cap && t.l.length > 4 && t.l.endsWith('ly')) return false;
  return true;
}

/**
 * Chooses the speaker inside the noun phrase toks[a..j]: the last names entry not followed by a possessive,
 * else a capitalised run at its end, else the phrase itself (a nominal: "the Iraqi prime minister").
 */
function pickInPhrase(ctx: Ctx, toks: Tok[], a: number, j: number, via: string): Found | null {
  if (a > j) return null;
  // a trailing "of"-phrase belongs to a nominal head: "the Supreme Leader of Iran"
  let ofAt = -1;
  for (let k = a + 1; k < j; k++) if (toks[k].l === 'of') ofAt = k;
  const headEnd = ofAt > a ? ofAt - 1 : j;
  const nn = namesIn(ctx, toks[a].s, toks[headEnd].e);
  for (let k = nn.length - 1; k >= 0; k--) {
    const n = ctx.names[nn[k]];
    if (n.start < toks[a].s || n.end > toks[headEnd].e) continue;
    const after = ctx.text.charCodeAt(n.end);
    if ((after === 39 || after === 0x2019) && (ctx.text.charCodeAt(n.end + 1) === 115 || ctx.text.charCodeAt(n.end + 1) === 83)) continue;
    if (n.end < toks[headEnd].e) {
      // the name must end the head, possibly followed by a parenthetical or a role: "Gov. Mike Pence (R-IN)"
      let k2 = a;
      while (k2 <= headEnd && toks[k2].e <= n.end) k2++;
      if (k2 <= headEnd && toks[k2].cap === false && toks[k2].k === TK.Word) continue;
    }
    // "the leader of X" with a name inside the head only; but "Charles Rangel of New York" is the name
    if (ofAt > a && (n.end !== toks[headEnd].e || (n.kind !== 'person' && n.text.indexOf(' ') < 0))) break;
    return fromName(ctx, nn[k], via);
  }
  if (ofAt > a) return found(toks[a].s, toks[j].e, via);
  const t = toks[headEnd];
  if (t.cap && !NOT_NAME_CAPS.has(t.l) && !isPossessive(t.l)) {
    let r = headEnd;
    while (r - 1 >= a && toks[r - 1].k === TK.Word && (toks[r - 1].cap || isNameConnector(toks[r - 1].l)) && !isPossessive(toks[r - 1].l)) r--;
    while (r <= headEnd && (NOT_NAME_CAPS.has(toks[r].l) || SPEECH_VERBS.has(toks[r].l))) r++;
    if (r <= headEnd) {
      if (r - 1 >= a && DETERMINERS.has(toks[r - 1].l)) r--;
      return found(toks[r].s, t.e, via);
    }
  }
  let s = a;
  while (s <= j && (toks[s].l === 'and' || toks[s].l === 'but')) s++;
  if (s > j || DETERMINERS.has(toks[j].l) || isPossessive(toks[j].l)) return null;
  return found(toks[s].s, toks[j].e, via);
}

/** Noun phrase ending at token j (read backward), or a pronoun. */
function npBack(ctx: Ctx, toks: Tok[], j: number, lo: number, via: string): Found | null {
  if (j >= lo && toks[j].l === ')') {
    let k = j - 1;
    while (k >= lo && toks[k].l !== '(' && j - k < 14) k--;
    if (k >= lo && toks[k].l === '(') j = k - 1;
  }
  if (j < lo) return null;
  const t = toks[j];
  if (t.k !== TK.Word) return null;
  if (PRONOUNS.has(t.l)) return found(t.s, t.e, 'pronoun', t.l);
  if (COMM_NOUNS.has(t.l) && j - 1 >= lo && toks[j - 1].k === TK.Word) {
    // "Khamenei's recent remarks": the author of the statement
    for (let k = j - 1; k >= lo && k >= j - 4; k--) {
      const w = toks[k];
      if (w.k !== TK.Word) break;
      if (isPossessive(w.l) && w.cap) {
        const nn = namesIn(ctx, w.s, w.e);
        if (nn.length) return fromName(ctx, nn[nn.length - 1], 'statement-by');
        let r = k;
        while (r - 1 >= lo && toks[r - 1].k === TK.Word && toks[r - 1].cap && !isPossessive(toks[r - 1].l) && !NOT_NAME_CAPS.has(toks[r - 1].l)) r--;
        return found(toks[r].s, w.e - 2, 'statement-by');
      }
    }
  }
  if (!npWord(t) || DETERMINERS.has(t.l)) return null;
  let a = j;
  while (a - 1 >= lo && j - a < 8) {
    const p = toks[a - 1];
    if (p.l === 'of' && a - 2 >= lo && npWord(toks[a - 2]) && toks[a].cap) {
      a--;
      continue;
    }
    if (p.k === TK.Word && (npWord(p) || DETERMINERS.has(p.l))) {
      a--;
      continue;
    }
    if (p.k === TK.Word && POSS_DETS.has(p.l)) {
      a--;
      break;
    }
    break;
  }
  while (a < j && toks[a].l === 'of') a++;
  // "Khamenei's remarks", "the Kayhan article": the author of the statement
  if (COMM_NOUNS.has(t.l)) {
    for (let k = j - 1; k >= a; k--) {
      const w = toks[k];
      if (w.cap && !NOT_NAME_CAPS.has(stripPossessive(w.l))) {
        const nn = namesIn(ctx, w.s, w.e);
        if (nn.length) return fromName(ctx, nn[nn.length - 1], 'statement-by');
        const len = isPossessive(w.l) ? w.e - w.s - 2 : w.e - w.s;
        let r = k;
        while (r - 1 >= a && toks[r - 1].cap && !isPossessive(toks[r - 1].l) && !NOT_NAME_CAPS.has(toks[r - 1].l)) r--;
        return found(toks[r].s, w.s + len, 'statement-by');
      }
    }
    return null;
  }
  return pickInPhrase(ctx, toks, a, j, via);
}

/** Noun phrase starting at token i (read forward), or a pronoun. `last` is set to its last token. */
function npForward(ctx: Ctx, toks: Tok[], i: number, hi: number, via: string): Found | null {
  while (i < hi && toks[i].k === TK.Punct && (toks[i].l === '[' || toks[i].l === '(')) {
    // skip a bracketed insertion: "[U.S. President] Biden"
    let k = i + 1;
    const close = toks[i].l === '[' ? ']' : ')';
    while (k < hi && toks[k].l !== close && k - i < 12) k++;
    if (k < hi && toks[k].l === close) i = k + 1;
    else break;
  }
  if (i >= hi) return null;
  const t = toks[i];
  if (t.k !== TK.Word) return null;
  if (PRONOUNS.has(t.l)) return found(t.s, t.e, 'pronoun', t.l, undefined, i);
  if (!npWord(t) && !DETERMINERS.has(t.l) && !POSS_DETS.has(t.l)) return null;
  let j = i;
  while (j + 1 < hi && j - i < 9) {
    const n = toks[j + 1];
    if (n.l === 'of' && j + 2 < hi && toks[j + 2].k === TK.Word && (toks[j + 2].cap || DETERMINERS.has(toks[j + 2].l)) && npWord(toks[j])) {
      j++;
      continue;
    }
    if (n.k === TK.Word && npWord(n)) {
      // a lower-case past-tense word after a noun is a verb: "the official confirmed"
      if (!n.cap && j >= i && /ed$/.test(n.l) && !DETERMINERS.has(toks[j].l) && !POSS_DETS.has(toks[j].l)) break;
      j++;
      continue;
    }
    if (n.k === TK.Word && DETERMINERS.has(n.l) && toks[j].l === 'of') {
      j++;
      continue;
    }
    break;
  }
  while (j > i && (toks[j].l === 'of' || DETERMINERS.has(toks[j].l))) j--;
  const f = pickInPhrase(ctx, toks, i, j, via);
  if (f) f.last = j;
  // a description with its name in apposition: "according to the ministry's representative in Iraq, Abbas Beheshti, …"
  let comma = j + 1;
  // (past a short tail: "the representative in Iraq, Abbas Beheshti,")
  if (comma < hi && TAIL_PREPOSITIONS.has(toks[comma].l)) {
    comma++;
    while (comma < hi && comma - j <= 5 && toks[comma].k === TK.Word) comma++;
  }
  const named = f && f.name === undefined ? appositiveName(ctx, toks, comma, hi, via) : null;
  if (named) return named;
  // a parenthetical right after: "Gov. Mike Pence (R-IN)"
  if (f && j + 1 < hi && toks[j + 1].l === '(') {
    let k = j + 2;
    while (k < hi && toks[k].l !== ')' && k - j < 12) k++;
    if (k < hi) f.last = k;
  }
  return f;
}

const TAIL_PREPOSITIONS = new Set(['in', 'at', 'for', 'from', 'on', 'to']);

/** ", Name," or ", Name:" at toks[k]: the person a description stands for, set off by commas. */
function appositiveName(ctx: Ctx, toks: Tok[], k: number, hi: number, via: string): Found | null {
  if (k + 1 >= hi || toks[k].l !== ',' || !toks[k + 1].cap) return null;
  for (const idx of namesIn(ctx, toks[k + 1].s, toks[k + 1].e)) {
    const n = ctx.names[idx];
    if (n.start !== toks[k + 1].s || (n.kind !== undefined && n.kind !== 'person') || PLACES.has(nameKey(n.text))) continue;
    let last = k + 1;
    while (last + 1 < hi && toks[last + 1].e <= n.end) last++;
    const after = toks[last + 1];
    if (after && after.l !== ',' && after.l !== ':') return null;
    return { ...fromName(ctx, idx, via), last };
  }
  return null;
}

/** The subject of a speech verb at token v, read backward. */
function subjectOf(ctx: Ctx, toks: Tok[], v: number, lo: number, via: string): Found | null {
  let j = v - 1;
  while (j >= lo && toks[j].k === TK.Word && (AUX_ADV.has(toks[j].l) || (!toks[j].cap && toks[j].l.length > 4 && toks[j].l.endsWith('ly')))) j--;
  if (j < lo) return null;
  const t = toks[j];
  if (t.k === TK.Word && (t.l === 'who' || t.l === 'which' || t.l === 'that')) {
    let k = j - 1;
    if (k >= lo && toks[k].l === ',') k--;
    return npBack(ctx, toks, k, lo, via);
  }
  if (t.l === ',' || t.l === '—' || t.l === '–' || t.l === '-') {
    // "X, the …, said", "X, speaking in Ohio, said", "X, who …, said"
    let fallback: Found | null = null;
    let innerName: Found | null = null;
    let end = j;
    for (let round = 0; round < 3; round++) {
      let k = end - 1;
      while (k >= lo && end - k < 30 && toks[k].l !== ',' && toks[k].l !== '—' && toks[k].l !== '–' && toks[k].k !== TK.Para && toks[k].k !== TK.Quote && !(toks[k].k === TK.Punct && (toks[k].l === '.' || toks[k].l === ';' || toks[k].l === ':'))) k--;
      if (k < lo || !(toks[k].l === ',' || toks[k].l === '—' || toks[k].l === '–')) break;
      // the appositive toks[k+1 .. end-1]
      if (!innerName && k + 1 < end) {
        const nn = namesIn(ctx, toks[k + 1].s, toks[end - 1].e);
        if (nn.length && ctx.names[nn[0]].start === toks[k + 1].s && ctx.names[nn[0]].end === toks[end - 1].e) innerName = fromName(ctx, nn[0], via);
      }
      const before = npBack(ctx, toks, k - 1, lo, via);
      if (before && (before.name !== undefined || before.pronoun)) return before;
      if (before && !fallback) {
        // "The group's leader, John Smith, said": the appositive holds the name
        fallback = before;
      }
      if (before) break;
      end = k;
    }
    return innerName ?? fallback;
  }
  if (t.k === TK.Word && t.l === 'and') {
    // "X smiled and said" — the subject of the first verb
    return null;
  }
  let f = npBack(ctx, toks, j, lo, via);
  // "Protesters marching through the streets chanted", "a spokesman for the ministry said"
  for (let round = 0; f && !f.pronoun && round < 2; round++) {
    let a = j;
    while (a - 1 >= lo && toks[a - 1].s >= f.start) a--;
    const prep = a - 1 >= lo ? toks[a - 1] : null;
    if (!prep || prep.k !== TK.Word || !PP_HEADS.has(prep.l) && prep.l !== 'through' && prep.l !== 'across') break;
    let k = a - 2;
    if (k >= lo && toks[k].k === TK.Word && !toks[k].cap && /(ing|ed)$/.test(toks[k].l) && !SPEECH_VERBS.has(toks[k].l)) k--;
    const g = k >= lo ? npBack(ctx, toks, k, lo, via) : null;
    if (!g || g.pronoun) break;
    f = g;
    j = k;
  }
  return f;
}

/** The main subject of the sentence toks[lo..hi) (for "…, stating …" and "X: '…'"). */
function sentenceSubject(ctx: Ctx, toks: Tok[], lo: number, hi: number, via: string): Found | null {
  let i = lo;
  while (i < hi && toks[i].k !== TK.Word && toks[i].l !== '[') i++;
  if (i >= hi) return null;
  // an introductory phrase ending with a comma: "In response, …", "During the meeting, …"
  const first = toks[i];
  if (first.k === TK.Word && !PRONOUNS.has(first.l) && !DETERMINERS.has(first.l) && (STOP_NP.has(first.l) || NOT_NAME_CAPS.has(first.l) || first.l.endsWith('ing') || AUX_ADV.has(first.l))) {
    let k = i;
    while (k < hi && toks[k].l !== ',' && k - i < 20) k++;
    // a date inside the phrase: "In their November 29, 2022 meeting, …"
    while (k + 1 < hi && toks[k].l === ',' && isDigit(toks[k + 1].l.charCodeAt(0))) {
      k++;
      while (k < hi && toks[k].l !== ',' && k - i < 30) k++;
    }
    if (k < hi && toks[k].l === ',') i = k + 1;
  }
  // possessive openers ("Iran's Supreme Leader …") stay in the phrase
  return npForward(ctx, toks, i, hi, via);
}

// ---------------------------------------------------------------------------------------------
// Speaker attribution: cues
// ---------------------------------------------------------------------------------------------

/** Prepositions that can attach a phrase to a speaker: "a spokesman for the ministry". */
const PP_HEADS = new Set(['in', 'at', 'for', 'from', 'with', 'of', 'on', 'inside', 'outside', 'near', 'within']);

function isDash(l: string): boolean {
  return l === '—' || l === '–' || l === '-' || l === '―' || l === '‒';
}

function isFiniteSpeech(t: Tok): boolean {
  return t.k === TK.Word && SPEECH_VERBS.has(t.l) && !t.l.endsWith('ing');
}

/** A weak verb ("calls", "remarks", "tweets") is a verb only after a subject-like word. */
function weakOk(toks: Tok[], v: number, lo: number): boolean {
  if (!WEAK_VERBS.has(toks[v].l)) return true;
  let j = v - 1;
  while (j >= lo && toks[j].k === TK.Word && AUX_ADV.has(toks[j].l)) j--;
  if (j < lo) return false;
  const p = toks[j];
  if (p.k !== TK.Word) return false;
  if (isPossessive(p.l) || DETERMINERS.has(p.l) || (STOP_NP.has(p.l) && !PRONOUNS.has(p.l))) return false;
  if (p.l === 'his' || p.l === 'her' || p.l === 'their' || p.l === 'its' || p.l === 'our' || p.l === 'my' || p.l === 'your') return false;
  return true;
}

/** Right side: "…," X said / "…," said X / "…," according to X / "…" ― X. R starts after the closing mark. */
function rightCue(ctx: Ctx, R: Tok[]): Found | null {
  const n = R.length;
  let i = 0;
  let dash = false;
  while (i < n && R[i].k === TK.Punct && (R[i].l === ',' || isDash(R[i].l) || R[i].l === '(')) {
    if (isDash(R[i].l)) dash = true;
    i++;
  }
  if (i >= n || R[i].k !== TK.Word) return null;
  const t = R[i];
  if (t.l === 'according' && i + 1 < n && R[i + 1].l === 'to') return npForward(ctx, R, i + 2, n, 'according-to');
  // a title and its author: "How to Foster …" by Neera Tanden
  if (t.l === 'by' && i === 0) return npForward(ctx, R, i + 1, n, 'said');
  if (isFiniteSpeech(t) && !NON_INVERTING.has(t.l)) {
    if (i + 1 < n && R[i + 1].l === 'by') return npForward(ctx, R, i + 2, n, 'said');
    return npForward(ctx, R, i + 1, n, 'said');
  }
  // passive: "…" was written by X
  if ((t.l === 'was' || t.l === 'were' || t.l === 'is') && i + 2 < n && SPEECH_VERBS.has(R[i + 1].l) && R[i + 2].l === 'by') {
    return npForward(ctx, R, i + 3, n, 'said');
  }
  if (!PRONOUNS.has(t.l) && !DETERMINERS.has(t.l) && !POSS_DETS.has(t.l) && !npWord(t)) return null;
  const np = npForward(ctx, R, i, n, 'said');
  if (!np || np.last === undefined) return null;
  let k = np.last + 1;
  if (dash && !np.pronoun && (k >= n || R[k].l === ',' || R[k].l === '.' || R[k].k === TK.Para)) {
    return { ...np, via: 'dash' };
  }
  while (k < n && R[k].k === TK.Word && (AUX_ADV.has(R[k].l) || (!R[k].cap && R[k].l.length > 4 && R[k].l.endsWith('ly')))) k++;
  if (k >= n) return null;
  const verbOk = (v: number) => {
    if (!isFiniteSpeech(R[v])) return false;
    const nx = R[v + 1];
    // the verb introduces the next quotation: X said: "…"
    if (nx && nx.k === TK.Punct && nx.l === ':') return false;
    return true;
  };
  if (verbOk(k)) return np;
  if (R[k].k === TK.Word && PP_HEADS.has(R[k].l)) {
    // a prepositional phrase, then the verb: "a narrator in the Clinton ad asks"
    let v = k + 1;
    while (v < n && v - k < 8 && (npWord(R[v]) || DETERMINERS.has(R[v].l) || R[v].l === 'of')) v++;
    while (v < n && R[v].k === TK.Word && AUX_ADV.has(R[v].l)) v++;
    if (v < n && v > k + 1 && verbOk(v)) return np;
    return null;
  }
  if (R[k].l === ',' || R[k].l === '(' || isDash(R[k].l)) {
    // an appositive, then the verb: "Scott Pruitt, the attorney general of Oklahoma, said"
    for (let v = k + 1; v < n && v - k < 40; v++) {
      const w = R[v];
      if (w.k === TK.Quote || w.k === TK.Para || (w.k === TK.Punct && (w.l === '.' || w.l === ';' || w.l === ':' || w.l === '!' || w.l === '?'))) break;
      if (!verbOk(v)) continue;
      let b = v - 1;
      while (b > k && R[b].k === TK.Word && AUX_ADV.has(R[b].l)) b--;
      if (!(R[b].l === ',' || R[b].l === ')' || isDash(R[b].l))) continue;
      if (np.name === undefined && !np.pronoun) {
        // "Clinton's campaign manager, Robby Mook, said"
        const nn = namesIn(ctx, R[k + 1].s, R[b].s);
        if (nn.length && ctx.names[nn[0]].start === R[k + 1].s) return fromName(ctx, nn[0], 'said');
      }
      return np;
    }
  }
  return null;
}

/** Left side: the tokens L[lo..] of the sentence before the opening mark. */
function leftCue(ctx: Ctx, L: Tok[], lo: number, headline: boolean): Found | null {
  const n = L.length;
  if (n <= lo) return null;
  const viaSaid = headline ? 'headline' : 'said';
  let accord: Found | null = null;
  for (let i = lo; i + 1 < n; i++) {
    if (L[i].l === 'according' && L[i + 1].l === 'to') {
      const f = npForward(ctx, L, i + 2, n, 'according-to');
      if (f) accord = f;
    }
  }
  for (let v = n - 1; v >= lo; v--) {
    const t = L[v];
    if (t.k === TK.Word && t.l === 'put' && v + 1 < n && L[v + 1].l === 'it') {
      const f = subjectOf(ctx, L, v, lo, viaSaid);
      if (f) return f;
    }
    if (t.k === TK.Word && SPEECH_VERBS.has(t.l) && t.l !== 'according' && weakOk(L, v, lo)) {
      if (t.l.endsWith('ing')) {
        // "was quoted as saying", "quoted X as saying"
        if (v - 1 >= lo && L[v - 1].l === 'as') {
          let k = v - 2;
          if (k >= lo && (L[k].l === 'quoted' || L[k].l === 'cited')) return subjectOf(ctx, L, k, lo, viaSaid);
          while (k >= lo && k > v - 12 && L[k].l !== 'quoted' && L[k].l !== 'cited') k--;
          if (k >= lo && (L[k].l === 'quoted' || L[k].l === 'cited')) {
            const f = npForward(ctx, L, k + 1, v, viaSaid);
            if (f) return f;
          }
        }
        const prev = v - 1 >= lo ? L[v - 1] : null;
        if (prev && (prev.l === ',' || isDash(prev.l) || prev.l === 'and' || prev.l === 'before' || prev.l === 'after' || prev.l === 'while' || prev.l === 'when' || prev.l === 'by')) {
          return sentenceSubject(ctx, L, lo, v - 1, 'participle');
        }
        // "Khamenei's remarks urging …", "Trump saying …"
        const f = subjectOf(ctx, L, v, lo, viaSaid);
        if (f) return f;
        return sentenceSubject(ctx, L, lo, v, 'participle');
      }
      // a passive modifier: "factions, frequently described as …" names no speaker
      if (v + 1 < n && L[v + 1].l === 'as' && t.l.endsWith('ed')) {
        let b = v - 1;
        while (b >= lo && L[b].k === TK.Word && (AUX_ADV.has(L[b].l) || (!L[b].cap && L[b].l.endsWith('ly')))) b--;
        if (b < lo || L[b].l === ',' || L[b].k !== TK.Word || (!npWord(L[b]) && !PRONOUNS.has(L[b].l)) || (L[b].l.endsWith('s') && v - b > 1)) {
          if (b < lo || L[b].l === ',') continue;
        }
      }
      // passive: "was told by X"
      if (v + 1 < n && L[v + 1].l === 'by') {
        const f = npForward(ctx, L, v + 2, n, viaSaid);
        if (f) return f;
      }
      const f = subjectOf(ctx, L, v, lo, viaSaid);
      if (f) return f;
      // "X smiled and said", "X, who …, said": the sentence subject
      if (v - 1 >= lo && (L[v - 1].l === 'and' || L[v - 1].l === ',')) {
        const g = sentenceSubject(ctx, L, lo, v, viaSaid);
        if (g) return g;
      }
      // inverted: "said Trump: …"
      const g = npForward(ctx, L, v + 1, n, viaSaid);
      if (g && g.name !== undefined) return g;
      continue;
    }
    if (t.k === TK.Word && (t.l === 'by' || t.l === 'from') && v - 1 >= lo && COMM_NOUNS.has(L[v - 1].l)) {
      const f = npForward(ctx, L, v + 1, n, 'statement-by');
      if (f) return f;
    }
    if (t.k === TK.Word && COMM_NOUNS.has(t.l) && v - 1 >= lo && (isPossessive(L[v - 1].l) || L[v - 1].cap)) {
      const f = npBack(ctx, L, v, lo, 'statement-by');
      if (f) return f;
    }
  }
  if (accord) return accord;
  if (L[n - 1].l === ':') {
    const via = headline ? 'headline' : 'colon';
    const f = sentenceSubject(ctx, L, lo, n - 1, via);
    if (f) return f;
    return npBack(ctx, L, n - 2, lo, via);
  }
  if (headline) {
    // a later quotation of a headline such as "Ryan: 'Anti-Semitic Images' Have 'No Place …'"
    for (let c = n - 2; c > lo; c--) {
      if (L[c].l === ':' && L[c].k === TK.Punct) {
        const f = sentenceSubject(ctx, L, lo, c, 'headline');
        if (f) return f;
        break;
      }
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Speaker attribution: pronouns
// ---------------------------------------------------------------------------------------------

const MALE_CUES = new Set(['mr', 'sir', 'king', 'prince', 'lord', 'father', 'son', 'brother', 'husband', 'he', 'him', 'his', 'man', 'ayatollah', 'sheikh', 'emir', 'imam', 'pope']);

interface Candidate {
  start: number;
  end: number;
  name: number;
  person: boolean;
  female: boolean;
  male: boolean;
  plural: boolean;
  org: boolean;
}

/** The last word of a name, lower-cased ("Ali Khamenei" -> "khamenei"). */
function lastWord(s: string): string {
  let e = s.length;
  while (e > 0 && !isLetter(s.charCodeAt(e - 1))) e--;
  let a = e;
  while (a > 0) {
    const c = s.charCodeAt(a - 1);
    if (isLetter(c) || ((c === 39 || c === 0x2019 || c === 45) && a - 2 >= 0 && isLetter(s.charCodeAt(a - 2)))) a--;
    else break;
  }
  return (a < e ? s.slice(a, e) : s).toLowerCase();
}

function isQuoted(ctx: Ctx, pos: number): boolean {
  const q = ctx.quoted;
  const lo = partitionPoint(q.length / 2, (k) => q[2 * k + 1] <= pos);
  return lo < q.length / 2 && q[2 * lo] <= pos;
}

function genderCues(ctx: Ctx, a: number, b: number, idx: number, nm?: NameMatch): { female: boolean; male: boolean } {
  const text = ctx.text;
  const n = nm ?? (idx >= 0 ? ctx.names[idx] : undefined);
  let titleWord = '';
  if (n && n.title) {
    const t = n.title;
    let e = 0;
    while (e < t.length && isLetter(t.charCodeAt(e))) e++;
    titleWord = t.slice(0, e).toLowerCase();
  }
  // the word just before the span ("Mrs. Clinton")
  let p = a;
  while (p > 0 && (isHSpace(text.charCodeAt(p - 1)) || text.charCodeAt(p - 1) === 46)) p--;
  let q = p;
  while (q > 0 && p - q < 6 && isLetter(text.charCodeAt(q - 1))) q--;
  const before = honorific(text, q, p);
  let e = a;
  while (e < b && isLetter(text.charCodeAt(e))) e++;
  const firstWord = e - a <= 12 && mayBeCue(text, a, e) ? text.slice(a, e).toLowerCase() : '';
  let female = FEMALE_CUES.has(titleWord) || before === 'mrs' || before === 'ms' || before === 'miss' || FEMALE_CUES.has(firstWord);
  let male = !female && (MALE_CUES.has(titleWord) || before === 'mr' || MALE_CUES.has(firstWord));
  if (!female && !male && !nm) {
    const ev = ctx.surnameGender.get(lastWord(text.slice(a, b))) ?? 0;
    if (ev > 0) female = true;
    else if (ev < 0) male = true;
  }
  return { female, male };
}

/** "mr", "mrs", "ms" or "miss" when text[q, p) (letters) is one of them in any case, else ''. */
function honorific(text: string, q: number, p: number): string {
  const len = p - q;
  // c | 32 lower-cases ASCII letters and maps nothing else onto them
  if (len < 2 || len > 4 || (text.charCodeAt(q) | 32) !== 109) return '';
  const c1 = text.charCodeAt(q + 1) | 32;
  if (len === 2) return c1 === 114 ? 'mr' : c1 === 115 ? 'ms' : '';
  const c2 = text.charCodeAt(q + 2) | 32;
  if (len === 3) return c1 === 114 && c2 === 115 ? 'mrs' : '';
  return c1 === 105 && c2 === 115 && (text.charCodeAt(q + 3) | 32) === 115 ? 'miss' : '';
}

/** First letter and length of each gender cue word, for a test that spares most words a lower-cased copy. */
const CUE_SHAPES = new Set([...FEMALE_CUES, ...MALE_CUES].map((w) => w.charCodeAt(0) * 64 + w.length));

/** False when the letters text[a, e) cannot lower-case to a gender cue word (all cues are ASCII). */
function mayBeCue(text: string, a: number, e: number): boolean {
  if (e === a) return false;
  for (let i = a; i < e; i++) if (text.charCodeAt(i) >= 128) return true; // left to toLowerCase
  return CUE_SHAPES.has((text.charCodeAt(a) | 32) * 64 + (e - a));
}

function headInfo(ctx: Ctx, a: number, b: number): { person: boolean; org: boolean; plural: boolean } {
  let s = b;
  while (s > a && isLetter(ctx.text.charCodeAt(s - 1))) s--;
  const head = ctx.text.slice(s, b).toLowerCase();
  const sing = head.length > 3 && head.endsWith('s') && !head.endsWith('ss') && !head.endsWith('us') ? head.slice(0, -1) : head;
  const person = PERSON_HEADS.has(head) || PERSON_HEADS.has(sing);
  const org = ORG_HEADS.has(head) || ORG_HEADS.has(sing);
  const plural = sing !== head && (person || org || !isUpperAt(ctx.text, s));
  return { person, org: org && !person, plural };
}

function candidateOf(ctx: Ctx, start: number, end: number, name: number): Candidate {
  nameStats(ctx);
  // A names entry's own span always makes the same candidate (the stats are fixed by now): a copy of the memo.
  if (name >= 0 && start === ctx.names[name].start && end === ctx.names[name].end) return { ...(ctx.candidates[name] ??= newCandidate(ctx, start, end, name)) };
  return newCandidate(ctx, start, end, name);
}

function newCandidate(ctx: Ctx, start: number, end: number, name: number): Candidate {
  const g = genderCues(ctx, start, end, name);
  if (name >= 0) {
    const n = ctx.names[name];
    let org = n.kind === 'organization' || n.kind === 'place';
    if (!n.kind) org = headInfo(ctx, n.start, n.end).org;
    return { start, end, name, person: n.kind === 'person' || (!org && !n.kind), female: g.female, male: g.male, plural: false, org };
  }
  const h = headInfo(ctx, start, end);
  return { start, end, name, person: h.person, female: g.female, male: g.male, plural: h.plural, org: h.org };
}

function fits(pronoun: string, c: Candidate): boolean {
  switch (pronoun) {
    case 'he':
      return !c.org && !c.plural && !c.female;
    case 'she':
      return !c.org && !c.plural && !c.male;
    case 'it':
      return c.org && !c.plural;
    case 'they':
      return c.plural || c.org;
    default:
      return false;
  }
}

/** Is the names entry used like a subject (sentence start, or followed by a verb-like word)? */
function subjectLike(ctx: Ctx, idx: number, lo: number): boolean {
  const text = ctx.text;
  const n = ctx.names[idx];
  let p = n.start;
  while (p > lo && isHSpace(text.charCodeAt(p - 1))) p--;
  const pc = p > lo ? text.charCodeAt(p - 1) : 10;
  if (pc === 10 || pc === 46 || pc === 33 || pc === 63 || pc === 34 || pc === 0x201d || pc === 0x201c) return true;
  // the word before (a possessive like "NBC's" is skipped): a speech verb makes an inverted subject
  let ws = p;
  while (ws > lo && (isLetter(text.charCodeAt(ws - 1)) || text.charCodeAt(ws - 1) === 0x2019 || text.charCodeAt(ws - 1) === 39)) ws--;
  let pw = text.slice(ws, p).toLowerCase();
  if (isPossessive(pw)) {
    let q = ws;
    while (q > lo && isHSpace(text.charCodeAt(q - 1))) q--;
    let r = q;
    while (r > lo && isLetter(text.charCodeAt(r - 1))) r--;
    pw = text.slice(r, q).toLowerCase();
  }
  if (SPEECH_VERBS.has(pw) && !pw.endsWith('ing')) return true;
  if (pw && STOP_NP.has(pw) && !['and', 'but', 'while', 'when', 'as', 'that', 'after', 'before', 'because', 'although', 'though', 'if', 'so', 'yet'].includes(pw)) return false;
  let j = n.end;
  if (text.startsWith("'s", j) || text.startsWith('’s', j)) return false;
  while (j < text.length && isHSpace(text.charCodeAt(j))) j++;
  if (j < text.length && text.charCodeAt(j) === 44) return pc !== 44; // "Trump, the nominee, said"
  if (j < text.length && text.charCodeAt(j) === 40) return true; // "Pence (R-IN) said"
  let e = j;
  while (e < text.length && isLetter(text.charCodeAt(e))) e++;
  if (e === j || !isLowerAt(text, j)) return false;
  const w = text.slice(j, e).toLowerCase();
  return SPEECH_VERBS.has(w) || AUX_ADV.has(w) || MODALS.has(w) || (w.length > 4 && w.endsWith('ed'));
}

/** text[start, end), from a memo when that is the span of names entry `name`. */
function spanText(ctx: Ctx, start: number, end: number, name: number): string {
  if (name >= 0 && start === ctx.names[name].start && end === ctx.names[name].end) return (ctx.spanTexts[name] ??= ctx.text.slice(start, end));
  return ctx.text.slice(start, end);
}

/** Is the names entry directly followed by a verb-like word ("Obama spoke", "Clinton has")? */
function followedByVerb(ctx: Ctx, idx: number): boolean {
  const text = ctx.text;
  let j = ctx.names[idx].end;
  while (j < text.length && isHSpace(text.charCodeAt(j))) j++;
  let e = j;
  while (e < text.length && isLetter(text.charCodeAt(e))) e++;
  if (e === j || !isLowerAt(text, j)) return false;
  const w = text.slice(j, e).toLowerCase();
  return (SPEECH_VERBS.has(w) && !w.endsWith('ing')) || MODALS.has(w) || (w.length > 4 && w.endsWith('ed'));
}

const MODALS = new Set(['will', 'would', 'can', 'could', 'may', 'might', 'must', 'should', 'shall', 'has', 'had', 'have', 'is', 'was', 'wants', 'wanted', 'met', 'made', 'took', 'went', 'came', 'gave', 'sent', 'held', 'led', 'won', 'lost', 'sees', 'saw', 'knows', 'knew', 'hopes', 'plans', 'seems', 'appears', 'faces', 'leads', 'makes', 'takes', 'gets', 'got', 'did', 'does', 'doesn']);

interface PriorSpeaker {
  /** Position of the quotation (for distance and order). */
  at: number;
  sp: SpeakerMatch;
  name: number;
}

/**
 * Resolves he/she/it/they at `pos` to an earlier speaker or a name used as a subject. Candidates are scored by
 * recency, by having been a speaker already, by salience (how often the surname occurs), by explicit gender, and
 * by kind; names inside quotations are ignored. Returns the most recent mention of the winning entity.
 */
function resolvePronoun(ctx: Ctx, pronoun: string, pos: number, prior: PriorSpeaker[], floor: number): { start: number; end: number; name: number } | null {
  if (pronoun !== 'he' && pronoun !== 'she' && pronoun !== 'it' && pronoun !== 'they') return null;
  nameStats(ctx);
  const lo = Math.max(floor, pos - 3000);
  const personal = pronoun === 'he' || pronoun === 'she';
  interface Scored {
    start: number;
    end: number;
    name: number;
    score: number;
    key: string;
  }
  const cands: Scored[] = [];
  // the start of the sentence before the pronoun's own: subjects from there on are the most likely antecedents
  const s1 = lastSentenceEnd(ctx.text, lo, Math.min(ctx.text.length, pos + 1));
  const s0 = s1 > lo ? lastSentenceEnd(ctx.text, lo, s1 - 1) : -1;
  const near = s0 >= 0 ? s0 : s1 >= 0 ? lo : pos;
  const consider = (start: number, end: number, name: number, at: number, speaker: boolean, recentSpeaker: boolean) => {
    const c = candidateOf(ctx, start, end, name);
    const g = ctx.lastGender.get(spanText(ctx, start, end, name));
    if (g === 'she') c.female = true;
    if (g === 'he') c.male = true;
    if (name >= 0 && ctx.names[name].kind === 'person') c.org = false;
    if (!fits(pronoun, c)) return;
    if (personal && name < 0 && !c.person) return;
    const key = name >= 0 ? ctx.lastWords[name] : ctx.text.slice(start, end).toLowerCase();
    let score = -(pos - at) / 300;
    if (speaker) score += recentSpeaker ? 0.5 : 0.4;
    score += 0.15 * Math.min(3, (ctx.keyCount.get(key) ?? 1) - 1);
    if ((pronoun === 'she' && c.female) || (pronoun === 'he' && c.male)) score += pronoun === 'she' ? 0.8 : 0.3;
    if (name >= 0 && ctx.names[name].kind === 'person') score += 0.3;
    if (start >= near && start < pos) score += 0.8;
    cands.push({ start, end, name, score, key });
  };
  let recent = true;
  for (let k = prior.length - 1; k >= 0; k--) {
    const p = prior[k];
    if (p.at < lo) break;
    if (p.at >= pos) continue;
    consider(p.sp.start, p.sp.end, p.name, Math.max(p.at, p.sp.start < pos ? p.sp.start : 0), true, recent);
    recent = false;
  }
  for (const idx of namesIn(ctx, lo, pos)) {
    const n = ctx.names[idx];
    if (n.end > pos || n.start < lo) continue;
    if (isQuoted(ctx, n.start)) continue;
    // a lone capitalised word seen once is a weak candidate (often a sentence-initial common word)
    if (personal && !n.kind && n.text.indexOf(' ') < 0 && (ctx.keyCount.get(ctx.lastWords[idx]) ?? 0) < 2 && !(ctx.verbAfter[idx] ??= followedByVerb(ctx, idx))) continue;
    if (!subjectLike(ctx, idx, lo)) continue;
    consider(n.start, n.end, idx, n.start, false, false);
  }
  if (!cands.length) return null;
  // the best entity, at its most recent mention
  const byKey = new Map<string, { score: number; last: Scored; count: number }>();
  for (const c of cands) {
    const e = byKey.get(c.key);
    if (!e) byKey.set(c.key, { score: c.score, last: c, count: 1 });
    else {
      e.score = Math.max(e.score, c.score);
      e.count++;
      if (c.start > e.last.start && !isQuoted(ctx, c.start)) e.last = c;
    }
  }
  let best: { score: number; last: Scored } | null = null;
  for (const e of byKey.values()) {
    e.score += 0.05 * Math.min(3, e.count - 1);
    if (!best || e.score > best.score) best = e;
  }
  const w = (best as { last: Scored }).last;
  return { start: w.start, end: w.end, name: w.name };
}

// ---------------------------------------------------------------------------------------------
// Speaker attribution: driver
// ---------------------------------------------------------------------------------------------

const LEFT_WINDOW = 450;
const RIGHT_WINDOW = 300;
/** How far before the opening mark the left window is read first. */
const NEAR_WINDOW = 80;

/**
 * A space in (from, target] where tokenizing from `from` would be between tokens with nothing pending (after a
 * token, outside the masks), so that the tokens from there on are the same; `from` if there is none.
 */
function resumePoint(text: string, from: number, target: number, masks: QuoteMatch[], self: QuoteMatch): number {
  const maxEnd = reachOf(masks);
  let p = target;
  while (p > from) {
    if (text.charCodeAt(p) !== 32 || isSpace(text.charCodeAt(p - 1))) {
      p--;
      continue;
    }
    // The last mask (by start) other than self that starts at or before p and ends after it: going back from the
    // last one starting there, none is left once the furthest end of those before is at or before p.
    let inside: QuoteMatch | null = null;
    for (let k = partitionPoint(masks.length, (x) => masks[x].outerStart <= p) - 1; k >= 0 && maxEnd[k] > p; k--) {
      const m = masks[k];
      if (m !== self && p < m.outerEnd) {
        inside = m;
        break;
      }
    }
    if (!inside) return p;
    p = inside.outerStart - 1;
  }
  return from;
}

/** For masks sorted by start (a group's list, never changed once made): the furthest end among the first k+1. */
const reachOf = runningMaxEndOf((m: QuoteMatch) => m.outerEnd);

/** Index after the last sentence end in toks[lo..hi), or lo. */
function sentenceStartBefore(toks: Tok[], lo: number, hi: number): number {
  for (let i = hi - 1; i >= lo; i--) if (endsSentenceAt(toks, i)) return i + 1;
  return lo;
}

/**
 * For each quote, the span naming who says it, or null. `names` are capitalised person/organisation name
 * spans found by the actor recognizer (sorted by start), usable as speakers; the function may also return
 * other spans (e.g. "the Iranian leader", "officials", "the ministry").
 */
export function attributeSpeakers(text: string, quotes: QuoteMatch[], names: NameMatch[]): (SpeakerMatch | null)[] {
  if (quotes.length === 0) return [];
  const sortedNames = names.slice().sort((a, b) => a.start - b.start || b.end - a.end);
  const ctx: Ctx = { text, hard: false, names: sortedNames, keyCount: new Map(), lastGender: new Map(), surnameGender: new Map(), quoted: [], stats: false, lastWords: [], candidates: [], spanTexts: [], verbAfter: [] };
  let lo = text.length;
  for (const q of quotes) lo = Math.min(lo, q.outerStart);
  ctx.hard = quotes.length > 0 && detectHardWrap(text, Math.max(0, lo - 2000), text.length);

  // nesting: the innermost quotation containing each one; siblings serve as masks
  const order = quotes.map((_, i) => i).sort((a, b) => quotes[a].outerStart - quotes[b].outerStart || quotes[b].outerEnd - quotes[a].outerEnd);
  const parent = new Int32Array(quotes.length).fill(-1);
  {
    const stack: number[] = [];
    for (const i of order) {
      const q = quotes[i];
      while (stack.length && quotes[stack[stack.length - 1]].outerEnd <= q.outerStart) stack.pop();
      if (stack.length && quotes[stack[stack.length - 1]].outerEnd >= q.outerEnd) parent[i] = stack[stack.length - 1];
      stack.push(i);
    }
  }
  for (const i of order) {
    if (parent[i] >= 0) continue;
    const q = quotes[i];
    const qd = ctx.quoted;
    if (qd.length && qd[qd.length - 1] >= q.outerStart) qd[qd.length - 1] = Math.max(qd[qd.length - 1], q.outerEnd);
    else qd.push(q.outerStart, q.outerEnd);
  }
  const groups = new Map<number, QuoteMatch[]>();
  const posInGroup = new Int32Array(quotes.length);
  for (const i of order) {
    const p = parent[i];
    let arr = groups.get(p);
    if (!arr) groups.set(p, (arr = []));
    posInGroup[i] = arr.length;
    arr.push(quotes[i]);
  }

  const out: (SpeakerMatch | null)[] = new Array(quotes.length).fill(null);
  const prior: PriorSpeaker[] = [];
  const prevTop: { q: QuoteMatch | null; sp: SpeakerMatch | null; name: number } = { q: null, sp: null, name: -1 };

  for (const qi of order) {
    const q = quotes[qi];
    const p = parent[qi];
    const pq = p >= 0 ? quotes[p] : null;
    const floor = pq ? pq.start : 0;
    const ceil = pq ? pq.end : text.length;
    const masks = groups.get(p) as QuoteMatch[];
    const headline = inHeadline(text, q, 0);

    // The sentence before the opening mark. Most start a few words before it: the window is read from near the
    // mark first (cues read no further back than the sentence start), and whole when it must be.
    const windowStart = Math.max(floor, q.outerStart - LEFT_WINDOW);
    const near = resumePoint(text, windowStart, q.outerStart - NEAR_WINDOW, masks, q);
    let L = tokenize(ctx, near, q.outerStart, masks, q, posInGroup[qi]);
    let whole = near === windowStart;
    let popped = false;
    /** Swaps in the tokens of the whole window; returns how many came in front. */
    const widen = (): number => {
      if (whole) return 0;
      const all = tokenize(ctx, windowStart, q.outerStart, masks, q, posInGroup[qi]);
      if (popped) all.pop();
      const added = all.length - L.length;
      L = all;
      whole = true;
      return added;
    };
    let sStart = sentenceStartBefore(L, 0, L.length);
    if (!whole && (sStart === 0 || L.length < 2)) {
      widen();
      sStart = sentenceStartBefore(L, 0, L.length);
    }
    let colonIntro = false;
    if (sStart >= L.length && L.length >= 2 && L[L.length - 1].k === TK.Para && L[L.length - 2].l === ':') {
      // a paragraph introduced by a line ending with a colon
      L.pop();
      popped = true;
      sStart = sentenceStartBefore(L, 0, L.length);
      if (!whole && sStart === 0) {
        widen();
        sStart = sentenceStartBefore(L, 0, L.length);
      }
      colonIntro = true;
    }
    // the rest of the sentence after the closing mark
    let R: Tok[] = [];
    if (q.closed) {
      const right = new Tokenizer(ctx, q.outerEnd, Math.min(ceil, q.outerEnd + RIGHT_WINDOW), masks, q, posInGroup[qi] + 1);
      R = right.toks;
      for (let i = 0; right.fill(i + 1); i++) {
        if (R[i].k === TK.Para || (i > 0 && endsSentenceAt(R, i - 1, right))) {
          R.length = i;
          break;
        }
      }
    }

    let found: Found | null = rightCue(ctx, R);
    if (!found) found = leftCue(ctx, L, sStart, headline);
    const res: { sp: SpeakerMatch | null; name: number } = { sp: null, name: -1 };
    const accept = (f: Found, viaOverride?: string) => {
      if (f.pronoun) {
        const r = resolvePronoun(ctx, f.pronoun, Math.min(f.start, q.outerStart), prior, pq ? pq.start : 0);
        if (r) {
          res.sp = { start: r.start, end: r.end, text: text.slice(r.start, r.end), via: 'pronoun', mention: { start: f.start, end: f.end } };
          res.name = r.name;
          if (f.pronoun === 'he' || f.pronoun === 'she') ctx.lastGender.set(res.sp.text, f.pronoun);
        }
      } else {
        res.sp = { start: f.start, end: f.end, text: text.slice(f.start, f.end), via: viaOverride ?? f.via };
        res.name = f.name ?? -1;
        if (res.name < 0) {
          for (const k of namesIn(ctx, f.start, f.end)) if (sortedNames[k].start === f.start && sortedNames[k].end === f.end) res.name = k;
        }
      }
    };
    if (found) accept(found, colonIntro && found.via === 'colon' ? 'colon' : undefined);
    const unresolved = found && found.pronoun && !res.sp ? found.pronoun : '';

    if (!res.sp && p < 0 && q.kind === 'statement') {
      const prevSp = prevTop.sp;
      const prevFits = () => {
        if (!prevSp || !unresolved) return true;
        const c = candidateOf(ctx, prevSp.start, prevSp.end, prevTop.name);
        return fits(unresolved, c) && (c.person || c.name >= 0 || !(unresolved === 'he' || unresolved === 'she'));
      };
      if (prevTop.q && prevSp && continues(ctx, prevTop.q, q) && prevFits()) {
        res.sp = { start: prevSp.start, end: prevSp.end, text: prevSp.text, via: 'continued' };
        if (prevSp.mention) res.sp.mention = prevSp.mention;
        res.name = prevTop.name;
      } else if (!found && (sStart >= L.length || L.slice(sStart).every((t) => t.k !== TK.Word))) {
        // a quotation opening its sentence with no cue: the previous sentences may name the speaker
        sStart += widen();
        let end = sStart;
        for (let back = 0; back < 2 && !res.sp; back++) {
          while (end > 0 && (L[end - 1].k === TK.Para || L[end - 1].k === TK.Punct || L[end - 1].k === TK.Mark)) end--;
          const ps = sentenceStartBefore(L, 0, end);
          if (end - ps < 2 || ps === 0) break;
          const prevS = L.slice(ps, end);
          let g = leftCue(ctx, prevS, 0, false);
          if (!g && back === 0) {
            g = sentenceSubject(ctx, prevS, 0, prevS.length, 'previous-sentence');
            if (g && !g.pronoun && g.name === undefined && !headInfo(ctx, g.start, g.end).person) g = null;
          }
          if (g) accept(g, g.pronoun ? undefined : 'previous-sentence');
          end = ps;
        }
      }
    }
    const sp: SpeakerMatch | null = res.sp;
    const spName: number = res.name;
    out[qi] = sp;
    if (sp) prior.push({ at: q.outerEnd, sp, name: spName });
    if (p < 0 && q.kind === 'statement') {
      prevTop.q = q;
      prevTop.sp = sp;
      prevTop.name = spName;
    }
  }
  return out;
}

/** True when q continues the previous top-level quotation: same or next paragraph, no other cue between. */
function continues(ctx: Ctx, prev: QuoteMatch, q: QuoteMatch): boolean {
  const text = ctx.text;
  if (q.outerStart - prev.outerEnd > 1500) return false;
  let paras = 0;
  let sentenceEnded = !prev.closed;
  let i = prev.outerEnd;
  while (i < q.outerStart) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      let j = i + 1;
      let blank = false;
      for (;;) {
        while (j < q.outerStart && isHSpace(text.charCodeAt(j))) j++;
        if (j < q.outerStart && text.charCodeAt(j) === 10) {
          blank = true;
          j++;
        } else break;
      }
      if (!ctx.hard || blank || j - i - 1 >= 2) {
        paras++;
        sentenceEnded = true;
      }
      i = j;
      continue;
    }
    if (c === 46 || c === 33 || c === 63) {
      if (c !== 46 || periodEndsSentence(text, i, prev.outerEnd)) sentenceEnded = true;
      i++;
      continue;
    }
    if (isLetter(c)) {
      let e = i;
      while (e < q.outerStart && (isLetter(text.charCodeAt(e)) || ((text.charCodeAt(e) === 39 || text.charCodeAt(e) === 0x2019) && isLetter(text.charCodeAt(e + 1))))) e++;
      const w = text.slice(i, e).toLowerCase();
      // cues in the sentence of the previous quotation are its own; later ones start another attribution
      if (sentenceEnded && (SPEECH_VERBS.has(w) || w === 'according')) return false;
      i = e;
      continue;
    }
    i++;
  }
  return paras <= 1;
}
