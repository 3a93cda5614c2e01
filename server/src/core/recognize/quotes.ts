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
 *
 * Everything is linear in the size of the text: windows around quotes are bounded.
 * Pure TypeScript, no Node built-ins.
 */
import type { NameMatch, QuoteMatch, SpeakerMatch, Span } from '../model/types';

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

/** True when single newlines inside the region are line wraps rather than paragraph breaks. */
function detectHardWrap(text: string, from: number, to: number): boolean {
  let transitions = 0;
  let continuations = 0;
  let prevLast = -1; // char code of last non-space char of previous non-empty line, -1 if previous line empty
  let i = from;
  while (i < to) {
    let e = text.indexOf('\n', i);
    if (e < 0 || e > to) e = to;
    let a = i;
    while (a < e && isHSpace(text.charCodeAt(a))) a++;
    let b = e;
    while (b > a && isSpace(text.charCodeAt(b - 1))) b--;
    if (a < b) {
      if (prevLast >= 0) {
        transitions++;
        if ((isAlnum(prevLast) || prevLast === 44) && isLowerAt(text, a)) continuations++;
      }
      prevLast = text.charCodeAt(b - 1);
    } else {
      prevLast = -1;
    }
    i = e + 1;
  }
  return continuations >= 3 && continuations * 4 >= transitions;
}

function splitParagraphs(text: string, from: number, to: number, hardWrapped: boolean): Paragraphs {
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
  let i = from;
  while (i < to) {
    let e = text.indexOf('\n', i);
    if (e < 0 || e > to) e = to;
    let a = i;
    while (a < e && isHSpace(text.charCodeAt(a))) a++;
    const indent = a - i;
    let isBq = false;
    if (a < e && text.charCodeAt(a) === 62 /* > */ && indent <= 3) {
      isBq = true;
      a++;
      while (a < e && isHSpace(text.charCodeAt(a))) a++;
    }
    let b = e;
    while (b > a && isSpace(text.charCodeAt(b - 1))) b--;
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
    i = e + 1;
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
  if (/^([a-z]\.)+[a-z]$/.test(w)) return false; // U.S. style
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
    while (p > a && (text.charCodeAt(p) === 41 || text.charCodeAt(p) === 93)) p--;
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
  const paras = splitParagraphs(text, from, to, hard);
  const np = paras.start.length;

  // Collect marks per paragraph.
  const dMarks: Mark[] = [];
  const dPara: number[] = [];
  const sMarks: SingleMark[] = [];
  const sPara: number[] = [];
  for (let k = 0; k < np; k++) {
    const a = paras.start[k];
    const b = paras.end[k];
    for (let i = a; i < b; i++) {
      const c = text.charCodeAt(i);
      if (!isQuoteChar(c)) continue;
      const r = readMark(text, i, b);
      if (!r) continue;
      if (r.double) {
        const f = flankOf(text, i, r.len, from, to);
        dMarks.push({ pos: i, len: r.len, typo: r.typo, flank: f.flank, stray: f.stray });
        dPara.push(k);
      } else {
        const role = classifySingle(text, i, r.typo, from, to);
        if (role > 0) {
          sMarks.push({ pos: i, role });
          sPara.push(k);
        }
      }
      i += r.len - 1;
    }
  }

  // Pair double marks.
  const raws: RawQuote[] = [];
  let open: { outerStart: number; innerStart: number; para0: number; paras: number } | null = null;
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
            open = { outerStart: mk.pos, innerStart: mk.pos + mk.len, para0: k, paras: 1 };
          }
        } else {
          const d = decideDouble(mk, true);
          if (d === 'close') {
            emitOpen(mk.pos, mk.pos + mk.len, true);
          } else {
            const o: { innerStart: number } = open;
            const se = lastSentenceEnd(text, o.innerStart, mk.pos);
            if (se > o.innerStart) emitOpen(se, se, false);
            else emitOpen(mk.pos, mk.pos, false);
            open = { outerStart: mk.pos, innerStart: mk.pos + mk.len, para0: k, paras: 1 };
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
          if (d === 'open' && nm.pos === paras.start[nk]) {
            skip[nfm] = 1;
            cont = true;
          } else if (d === 'close') {
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
      const limit = inside ? raws[r].innerEnd : r < raws.length ? raws[r].outerStart : Number.MAX_SAFE_INTEGER;
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

  const all = raws.concat(singles, blocks);
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
    const w = text.slice(i, j).toLowerCase();
    if (!SMALL_WORDS.has(w)) {
      words++;
      if (isUpperAt(text, i)) caps++;
    }
    i = j;
  }
  return { ratio: words ? caps / words : -1, words };
}

function lineBounds(text: string, pos: number, lo: number): Span {
  let a = pos;
  while (a > lo && text.charCodeAt(a - 1) !== 10) a--;
  let b = text.indexOf('\n', pos);
  if (b < 0) b = text.length;
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
    if (cr.ratio === 1 && cr.words >= 3 && !endsSentence && !inHeadline(text, q, lo)) return 'term';
    return 'statement';
  }
  if (words === 0) return 'term';
  if (words >= 2 && endsSentence && isUpperAt(text, q.start)) return 'statement';
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
  'whispers', 'question', 'thought', 'thoughts', 'message', 'reason', 'ask', 'asks',
]);

/** Verbs that introduce speech or thought. */
const SPEECH_VERBS = new Set<string>();
for (const s of VERB_SPECS) for (const f of verbForms(s)) if (!NOUNISH.has(f)) SPEECH_VERBS.add(f);
for (const w of ['calls', 'call', 'asks', 'ask', 'thought', 'tweets', 'remarks']) SPEECH_VERBS.add(w);
/** Forms that are speech verbs only when a subject is right before them (not "his remarks", "in tweets"). */
const WEAK_VERBS = new Set(['calls', 'call', 'asks', 'ask', 'thought', 'tweets', 'remarks']);

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
  'view', 'position',
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
  'founder', 'ceo', 'executive', 'activist', 'organizer', 'organiser', 'campaigner', 'person', 'guest',
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

interface Tok {
  s: number;
  e: number;
  k: TK;
  /** Lower-cased text for words, the character for punctuation. */
  l: string;
  /** Word starts with a capital letter. */
  cap: boolean;
  /** For Quote tokens: the masked quotation ends with sentence punctuation. */
  endsSentence?: boolean;
}

interface Ctx {
  text: string;
  hard: boolean;
  names: NameMatch[];
  nameByEnd: Map<number, number>;
  nameByStart: Map<number, number>;
}

/** Tokenizes text[a, b), replacing masked spans (other quotations) by single Quote tokens. */
function tokenize(ctx: Ctx, a: number, b: number, masks: QuoteMatch[]): Tok[] {
  const text = ctx.text;
  const toks: Tok[] = [];
  let mi = 0;
  while (mi < masks.length && masks[mi].outerEnd <= a) mi++;
  let i = a;
  while (i < b) {
    if (mi < masks.length && masks[mi].outerStart <= i) {
      const m = masks[mi];
      if (m.outerEnd > i) {
        const last = text.charCodeAt(m.end - 1);
        toks.push({ s: Math.max(m.outerStart, a), e: Math.min(m.outerEnd, b), k: TK.Quote, l: '"', cap: false, endsSentence: last === 46 || last === 33 || last === 63 });
        i = Math.min(m.outerEnd, b);
      }
      mi++;
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
        if (toks.length === 0 || toks[toks.length - 1].k !== TK.Para) toks.push({ s: i, e: i + 1, k: TK.Para, l: '\n', cap: false });
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
        if ((d === 39 || d === 0x2019 || d === 45 || d === 46 || d === 38) && j + 1 < b && isAlnum(text.charCodeAt(j + 1))) {
          j += 2;
          continue;
        }
        break;
      }
      // absorb the period of an abbreviation or initial
      if (j < b && text.charCodeAt(j) === 46) {
        const w = text.slice(i, j).toLowerCase();
        if (ABBREVIATIONS.has(w) || (j - i === 1 && isUpperAt(text, i)) || /^([a-z]\.)+[a-z]$/.test(w)) j++;
      }
      toks.push({ s: i, e: j, k: TK.Word, l: text.slice(i, j).toLowerCase(), cap: isUpperAt(text, i) });
      i = j;
      continue;
    }
    if (isQuoteChar(c)) {
      toks.push({ s: i, e: i + 1, k: TK.Mark, l: text[i], cap: false });
      i++;
      continue;
    }
    toks.push({ s: i, e: i + 1, k: TK.Punct, l: text[i], cap: false });
    i++;
  }
  return toks;
}

/** True when a sentence ends after token i. */
function endsSentenceAt(toks: Tok[], i: number): boolean {
  const t = toks[i];
  if (t.k === TK.Para) return true;
  let nxt = i + 1;
  if (t.k === TK.Quote) {
    if (!t.endsSentence) return false;
  } else if (t.k === TK.Punct && (t.l === '.' || t.l === '!' || t.l === '?')) {
    while (nxt < toks.length && (toks[nxt].l === ')' || toks[nxt].l === ']' || toks[nxt].k === TK.Mark)) nxt++;
  } else {
    return false;
  }
  if (nxt >= toks.length) return true;
  const n = toks[nxt];
  return n.k === TK.Para || n.k === TK.Quote || (n.k === TK.Word && n.cap) || n.k === TK.Mark;
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
  /** Index of a names entry the span comes from. */
  name?: number;
}

/** The names entry covering [s, e) exactly or containing the token ending at e. */
function nameEndingAt(ctx: Ctx, e: number): number {
  const n = ctx.nameByEnd.get(e);
  return n === undefined ? -1 : n;
}

function nameStartingAt(ctx: Ctx, s: number): number {
  const n = ctx.nameByStart.get(s);
  return n === undefined ? -1 : n;
}

/** Names entries overlapping [a, b), in order. */
function namesIn(ctx: Ctx, a: number, b: number): number[] {
  const names = ctx.names;
  let lo = 0;
  let hi = names.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (names[mid].start < a) lo = mid + 1;
    else hi = mid;
  }
  // allow a name starting a little before a (overlapping)
  let i = lo;
  while (i > 0 && names[i - 1].end > a && lo - i < 4) i--;
  const out: number[] = [];
  for (; i < names.length && names[i].start < b; i++) if (names[i].end > a) out.push(i);
  return out;
}

function fromName(ctx: Ctx, idx: number, via: string): Found {
  const n = ctx.names[idx];
  return { start: n.start, end: n.end, via, name: idx };
}

/**
 * Capitalised run ending at token j (inclusive), skipping leading function words.
 * Returns [firstTokenIndex] or -1.
 */
function capRunBack(toks: Tok[], j: number): number {
  let a = j;
  while (a - 1 >= 0) {
    const t = toks[a - 1];
    if (t.k === TK.Word && (t.cap || t.l === 'al' || t.l === 'bin' || t.l === 'ibn' || t.l === 'de' || t.l === 'van' || t.l === 'von' || t.l.startsWith('al-')) && !isPossessive(t.l)) a--;
    else break;
  }
  while (a <= j && (NOT_NAME_CAPS.has(toks[a].l) || SPEECH_VERBS.has(toks[a].l))) a++;
  return a <= j ? a : -1;
}

/**
 * Noun phrase ending at token j (inclusive), read backward. Prefers a names entry at its end.
 */
function npBack(ctx: Ctx, toks: Tok[], j: number, via: string): Found | null {
  // skip a parenthetical "(R-IN)"
  if (j >= 0 && toks[j].l === ')') {
    let k = j - 1;
    while (k >= 0 && toks[k].l !== '(' && j - k < 12) k--;
    if (k >= 0 && toks[k].l === '(') j = k - 1;
  }
  if (j < 0) return null;
  const t = toks[j];
  if (t.k !== TK.Word) return null;
  if (PRONOUNS.has(t.l)) return { start: t.s, end: t.e, via: 'pronoun', pronoun: t.l };
  if (STOP_NP.has(t.l) || SPEECH_VERBS.has(t.l)) return null;
  // a names entry ending here
  let ni = nameEndingAt(ctx, t.e);
  if (ni < 0) {
    const cands = namesIn(ctx, t.s, t.e);
    for (const c of cands) if (ctx.names[c].end >= t.e && ctx.names[c].start <= t.s) ni = c;
  }
  // extend backwards over the noun phrase
  let a = j;
  while (a - 1 >= 0 && j - a < 7) {
    const p = toks[a - 1];
    if (p.k !== TK.Word) break;
    if (p.l === 'of' && a - 2 >= 0 && toks[a - 2].k === TK.Word && !STOP_NP.has(toks[a - 2].l)) {
      a--;
      continue;
    }
    if (STOP_NP.has(p.l) || SPEECH_VERBS.has(p.l) || PRONOUNS.has(p.l) || AUX_ADV.has(p.l)) break;
    if (!p.cap && p.l.endsWith('ly')) break;
    a--;
  }
  let ofAt = -1;
  for (let k = a; k <= j; k++) if (toks[k].l === 'of') ofAt = k;
  if (ni >= 0) {
    const n = ctx.names[ni];
    // "the Supreme Leader of Iran": the whole phrase, not the place
    if (!(ofAt >= 0 && n.start > toks[ofAt].s && ofAt > a)) {
      return fromName(ctx, ni, via);
    }
  }
  if (ofAt >= 0 && ofAt > a) {
    return { start: toks[a].s, end: t.e, via };
  }
  if (t.cap && !NOT_NAME_CAPS.has(t.l)) {
    // a capitalised run: the name (no names entry) or a nominal with a capitalised head
    const r = capRunBack(toks, j);
    if (r >= 0) {
      // a nominal such as "the Iranian Foreign Ministry" keeps its determiner
      if (r > a && DETERMINERS.has(toks[r - 1].l)) return { start: toks[r - 1].s, end: t.e, via };
      // possessive before a capitalised run: "Iran's Supreme Leader Khamenei" -> run only
      return { start: toks[r].s, end: t.e, via };
    }
  }
  // a nominal phrase: "the Iraqi prime minister", "officials", "a senior official"
  let s = a;
  while (s <= j && (toks[s].l === 'but' || toks[s].l === 'and')) s++;
  if (s > j) return null;
  if (DETERMINERS.has(t.l)) return null;
  // a possessive name inside: "Khamenei's remarks"
  if (COMM_NOUNS.has(t.l) && j - 1 >= a && isPossessive(toks[j - 1].l)) {
    const pn = toks[j - 1];
    const nn = namesIn(ctx, pn.s, pn.e);
    if (nn.length) return fromName(ctx, nn[nn.length - 1], 'statement-by');
    const ps = stripPossessive(ctx.text.slice(pn.s, pn.e));
    if (pn.cap) return { start: pn.s, end: pn.s + ps.length, via: 'statement-by' };
  }
  if (COMM_NOUNS.has(t.l) && j - 1 >= a) {
    // "the Kayhan article", "the ministry's statement"
    const nn = namesIn(ctx, toks[a].s, toks[j - 1].e);
    if (nn.length) return fromName(ctx, nn[nn.length - 1], 'statement-by');
    const pn = toks[j - 1];
    if (isPossessive(pn.l)) {
      const r = npBack(ctx, [...toks.slice(0, j - 1), { ...pn, e: pn.e - 2, l: stripPossessive(pn.l) }], j - 1, 'statement-by');
      if (r) return r;
    }
  }
  if (COMM_NOUNS.has(t.l)) return null;
  return { start: toks[s].s, end: t.e, via };
}

/** Noun phrase read forward from token i (after "said", "according to"). */
function npForward(ctx: Ctx, toks: Tok[], i: number, via: string): Found | null {
  if (i >= toks.length) return null;
  const t = toks[i];
  if (t.k !== TK.Word) return null;
  if (PRONOUNS.has(t.l)) return { start: t.s, end: t.e, via: 'pronoun', pronoun: t.l };
  if (STOP_NP.has(t.l) && !DETERMINERS.has(t.l)) return null;
  let j = i;
  while (j + 1 < toks.length && j - i < 8) {
    const n = toks[j + 1];
    if (n.k !== TK.Word) break;
    if (n.l === 'of' && j + 2 < toks.length && toks[j + 2].k === TK.Word && toks[j + 2].cap) {
      j++;
      continue;
    }
    if (STOP_NP.has(n.l) || SPEECH_VERBS.has(n.l) || AUX_ADV.has(n.l)) break;
    j++;
  }
  // prefer the last names entry inside the phrase (titles come first: "said Sen. Tim Kaine")
  const nn = namesIn(ctx, toks[i].s, toks[j].e);
  for (let k = nn.length - 1; k >= 0; k--) {
    const n = ctx.names[nn[k]];
    if (n.end <= toks[j].e && n.start >= toks[i].s) {
      // not when followed by 's (possessive of a longer phrase): "Trump's spokesman"
      const after = ctx.text.slice(n.end, n.end + 2);
      if (after === "'s" || after === '’s') continue;
      return fromName(ctx, nn[k], via);
    }
  }
  if (toks[j].cap) {
    const r = capRunBack(toks, j);
    if (r >= i) return { start: toks[r].s, end: toks[j].e, via };
  }
  if (DETERMINERS.has(toks[j].l)) return null;
  return { start: t.s, end: toks[j].e, via };
}

/** The subject of a finite speech verb at token v. */
function subjectOf(ctx: Ctx, toks: Tok[], v: number, lo: number, via: string): Found | null {
  let j = v - 1;
  while (j >= lo && toks[j].k === TK.Word && (AUX_ADV.has(toks[j].l) || (!toks[j].cap && toks[j].l.endsWith('ly') && toks[j].l.length > 3))) j--;
  if (j < lo) return null;
  const t = toks[j];
  if (t.k === TK.Word && (t.l === 'who' || t.l === 'which')) {
    // "Trump, who said …"
    let k = j - 1;
    if (k >= lo && toks[k].l === ',') k--;
    return k >= lo ? npBack(ctx, toks, k, via) : null;
  }
  if (t.l === ',' || t.l === '—' || t.l === '–') {
    // appositive or interjected phrase: "X, the …, said" / "X, speaking in Ohio, said"
    let k = j - 1;
    while (k >= lo && j - k < 16 && toks[k].l !== ',' && toks[k].l !== t.l && toks[k].k !== TK.Para && toks[k].k !== TK.Quote && !(toks[k].k === TK.Punct && (toks[k].l === '.' || toks[k].l === ';' || toks[k].l === ':'))) k--;
    if (k >= lo && (toks[k].l === ',' || toks[k].l === t.l)) {
      const inner = npBack(ctx, toks, j - 1, via);
      const first = toks[k + 1];
      const before = npBack(ctx, toks, k - 1, via);
      // "The group's leader, John Smith, said": the appositive is the name
      if (inner && inner.name !== undefined && inner.start === first.s) {
        if (!before || before.name === undefined) return inner;
      }
      if (before && !before.pronoun) return before;
      if (before && before.pronoun) return before;
      return null;
    }
    return null;
  }
  return npBack(ctx, toks, j, via);
}

/** The main subject of the sentence whose tokens start at lo (for "…, stating, '…'"). */
function sentenceSubject(ctx: Ctx, toks: Tok[], lo: number, hi: number, via: string): Found | null {
  let i = lo;
  // skip an introductory phrase ending with a comma: "In response, …", "During the meeting, …"
  if (i < hi && toks[i].k === TK.Word && (STOP_NP.has(toks[i].l) || NOT_NAME_CAPS.has(toks[i].l)) && !PRONOUNS.has(toks[i].l) && !DETERMINERS.has(toks[i].l) && toks[i].l !== 'his' && toks[i].l !== 'her' && toks[i].l !== 'their') {
    let k = i;
    while (k < hi && toks[k].l !== ',' && k - i < 15) k++;
    if (k < hi && toks[k].l === ',') i = k + 1;
  }
  if (i >= hi) return null;
  // walk forward to the first verb-looking word after a noun phrase
  let j = i;
  while (j < hi && toks[j].k === TK.Word && !SPEECH_VERBS.has(toks[j].l) && !AUX_ADV.has(toks[j].l) && !(STOP_NP.has(toks[j].l) && toks[j].l !== 'of') && j - i < 8) {
    if (j > i && !toks[j].cap && /(ed|es)$/.test(toks[j].l) && !DETERMINERS.has(toks[j - 1].l) && toks[j - 1].cap) break;
    j++;
  }
  if (j === i) {
    if (toks[i].k === TK.Word && PRONOUNS.has(toks[i].l)) return { start: toks[i].s, end: toks[i].e, via: 'pronoun', pronoun: toks[i].l };
    return null;
  }
  // the phrase is toks[i..j-1]
  return npBack(ctx, toks, j - 1, via);
}

// ---------------------------------------------------------------------------------------------
// Speaker attribution: the cues
// ---------------------------------------------------------------------------------------------

/** Right side: "…," X said / "…," said X / "…," according to X. Tokens start at the closing mark. */
function rightCue(ctx: Ctx, R: Tok[]): Found | null {
  let i = 0;
  while (i < R.length && R[i].k === TK.Punct && (R[i].l === ',' || R[i].l === '—' || R[i].l === '–' || R[i].l === '-' || R[i].l === '(')) i++;
  if (i >= R.length || R[i].k !== TK.Word) return null;
  // according to X
  if (R[i].l === 'according' && i + 1 < R.length && R[i + 1].l === 'to') return npForward(ctx, R, i + 2, 'according-to');
  // inverted: said X
  if (SPEECH_VERBS.has(R[i].l) && !NON_INVERTING.has(R[i].l) && !R[i].l.endsWith('ing')) {
    const f = npForward(ctx, R, i + 1, 'said');
    if (f) return f;
    return null;
  }
  // subject first: X [, appositive,] [adverbs] said
  let end = Math.min(R.length, i + 16);
  for (let v = i + 1; v < end; v++) {
    const t = R[v];
    if (t.k === TK.Quote || t.k === TK.Para || (t.k === TK.Punct && (t.l === '.' || t.l === ';' || t.l === '!' || t.l === '?'))) break;
    if (t.k === TK.Word && SPEECH_VERBS.has(t.l) && !t.l.endsWith('ing')) {
      // the verb introduces the next quotation: X said: "…"
      const nx = R[v + 1];
      if (nx && nx.k === TK.Punct && nx.l === ':') return null;
      // who said …, verbs inside a relative clause do not count
      const f = subjectOf(ctx, R, v, i, 'said');
      if (f && f.start >= R[i].s) return f;
      return null;
    }
    if (t.k === TK.Word && STOP_NP.has(t.l) && t.l !== 'of' && !AUX_ADV.has(t.l) && !PRONOUNS.has(t.l) && t.l !== 'who' && t.l !== 'which') {
      // prepositions and conjunctions may occur inside an appositive only
      let inApp = false;
      for (let k = i; k < v; k++) if (R[k].l === ',') inApp = !inApp;
      if (!inApp) break;
    }
    if (t.k === TK.Word && AUX_ADV.has(t.l)) continue;
  }
  return null;
}

/** Left side, tokens of the sentence before the opening mark. */
function leftCue(ctx: Ctx, L: Tok[], lo: number, headline: boolean): Found | null {
  const n = L.length;
  if (n <= lo) return null;
  // according to X, anywhere
  let accord: Found | null = null;
  for (let i = lo; i + 1 < n; i++) {
    if (L[i].l === 'according' && L[i + 1].l === 'to') {
      const f = npForward(ctx, L, i + 2, 'according-to');
      if (f) accord = f;
    }
  }
  // walk back from the quote to the nearest cue
  for (let v = n - 1; v >= lo; v--) {
    const t = L[v];
    if (t.k === TK.Word && SPEECH_VERBS.has(t.l)) {
      if (t.l.endsWith('ing') && t.l !== 'saying' && v - 1 >= lo && L[v - 1].l === ',') {
        return sentenceSubject(ctx, L, lo, v - 1, 'participle');
      }
      if (t.l.endsWith('ing')) {
        // "was quoted as saying", "quoted X as saying"
        if (v - 1 >= lo && L[v - 1].l === 'as') {
          let k = v - 2;
          if (k >= lo && (L[k].l === 'quoted' || L[k].l === 'cited')) {
            return subjectOf(ctx, L, k, lo, 'said');
          }
          while (k >= lo && k > v - 10 && L[k].l !== 'quoted' && L[k].l !== 'cited') k--;
          if (k >= lo && (L[k].l === 'quoted' || L[k].l === 'cited')) {
            const f = npForward(ctx, L, k + 1, 'said');
            if (f) return f;
          }
        }
        // "Khamenei's remarks urging …", "a statement saying …": the subject before
        const f = subjectOf(ctx, L, v, lo, 'said');
        if (f) return f;
        if (v - 1 >= lo && L[v - 1].l === ',') return sentenceSubject(ctx, L, lo, v - 1, 'participle');
        return sentenceSubject(ctx, L, lo, v, 'participle');
      }
      if (t.l === 'according') continue;
      const f = subjectOf(ctx, L, v, lo, headline ? 'headline' : 'said');
      if (f) return f;
      // inverted with the subject after the verb: "said Trump: …", "told by X"
      const g = npForward(ctx, L, v + 1, 'said');
      if (g && g.name !== undefined) return g;
      if (accord) return accord;
      continue;
    }
    if (t.k === TK.Word && (t.l === 'by' || t.l === 'from' || t.l === 'of') && v - 1 >= lo && COMM_NOUNS.has(L[v - 1].l)) {
      const f = npForward(ctx, L, v + 1, 'statement-by');
      if (f) return f;
    }
    if (t.k === TK.Word && COMM_NOUNS.has(t.l) && v - 1 >= lo && isPossessive(L[v - 1].l) && L[v - 1].cap) {
      const f = npBack(ctx, L, v, 'statement-by');
      if (f) return f;
    }
  }
  if (accord) return accord;
  // colon: "X: '…'", "Khamenei To Iraqi PM: '…'"
  if (L[n - 1].l === ':') {
    const via = headline ? 'headline' : 'colon';
    const nn = namesIn(ctx, L[lo].s, L[n - 1].s);
    if (nn.length) {
      // the subject: the first name unless it is governed by a preposition ("To Iraqi PM")
      for (const idx of nn) {
        const nm = ctx.names[idx];
        let k = lo;
        while (k < n && L[k].e <= nm.start) k++;
        const prev = k - 1 >= lo ? L[k - 1].l : '';
        if (prev === 'to' || prev === 'with' || prev === 'for' || prev === 'by') continue;
        return fromName(ctx, idx, via);
      }
    }
    // no names: the capitalised run before the colon, or the first capitalised run of a headline
    let k = n - 2;
    if (k >= lo && L[k].k === TK.Word) {
      if (headline) {
        let s = lo;
        while (s < k && !(L[s].k === TK.Word && L[s].cap && !NOT_NAME_CAPS.has(L[s].l))) s++;
        let e = s;
        while (e + 1 <= k && L[e + 1].k === TK.Word && L[e + 1].cap && !SPEECH_VERBS.has(L[e + 1].l) && L[e + 1].l !== 'to' && !isPossessive(L[e].l)) e++;
        if (s <= k) return { start: L[s].s, end: L[e].e, via };
      }
      const f = npBack(ctx, L, k, via);
      if (f) return f;
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Speaker attribution: pronouns
// ---------------------------------------------------------------------------------------------

interface Antecedent {
  start: number;
  end: number;
  /** Names entry index, or -1 for a nominal. */
  name: number;
  female: boolean;
  plural: boolean;
  org: boolean;
}

function femaleCue(ctx: Ctx, a: number, b: number, idx: number): boolean {
  const n = idx >= 0 ? ctx.names[idx] : undefined;
  if (n && n.title && FEMALE_CUES.has(n.title.toLowerCase().replace(/\.$/, ''))) return true;
  // the title or first word
  let s = a;
  // look a few characters back for Mrs./Ms.
  const back = ctx.text.slice(Math.max(0, a - 6), a).toLowerCase();
  if (/\b(mrs|ms|miss)\.?\s*$/.test(back)) return true;
  let e = s;
  while (e < b && isLetter(ctx.text.charCodeAt(e))) e++;
  return FEMALE_CUES.has(ctx.text.slice(s, e).toLowerCase());
}

function nominalInfo(ctx: Ctx, a: number, b: number): { person: boolean; org: boolean; plural: boolean } {
  let e = b;
  let s = e;
  while (s > a && isLetter(ctx.text.charCodeAt(s - 1))) s--;
  const head = ctx.text.slice(s, e).toLowerCase();
  const sing = head.endsWith('s') && !head.endsWith('ss') && !head.endsWith('us') ? head.slice(0, -1) : head;
  const plural = sing !== head && (PERSON_HEADS.has(sing) || ORG_HEADS.has(sing));
  return { person: PERSON_HEADS.has(sing) || PERSON_HEADS.has(head), org: ORG_HEADS.has(head) || ORG_HEADS.has(sing), plural };
}

function fits(pronoun: string, a: Antecedent): boolean {
  switch (pronoun) {
    case 'he':
      return !a.org && !a.plural && !a.female;
    case 'she':
      return !a.org && !a.plural;
    case 'it':
      return a.org && !a.plural;
    case 'they':
      return a.plural || a.org;
    default:
      return false;
  }
}

/** Is the names entry used like a subject (followed by a verb, or starting a sentence)? */
function subjectLike(ctx: Ctx, idx: number, lo: number): boolean {
  const text = ctx.text;
  const n = ctx.names[idx];
  let j = n.end;
  // possessive: only when it starts the sentence ("Shamkhani's meeting with …")
  const poss = text.startsWith("'s", j) || text.startsWith('’s', j);
  // what precedes?
  let p = n.start;
  while (p > lo && isHSpace(text.charCodeAt(p - 1))) p--;
  const pc = p > lo ? text.charCodeAt(p - 1) : 10;
  const sentenceStart = pc === 10 || pc === 46 || pc === 33 || pc === 63 || pc === 34 || pc === 0x201d;
  if (sentenceStart) return true;
  if (poss) return false;
  while (j < text.length && isHSpace(text.charCodeAt(j))) j++;
  if (j < text.length && text.charCodeAt(j) === 44) {
    // appositive: "Trump, the Republican nominee, said" — accept
    return pc === 44 ? false : true;
  }
  let e = j;
  while (e < text.length && isLetter(text.charCodeAt(e))) e++;
  if (e === j || !isLowerAt(text, j)) return false;
  const w = text.slice(j, e).toLowerCase();
  if (STOP_NP.has(w) && !AUX_ADV.has(w)) return false;
  if (w === 'who' || w === 'which' || DETERMINERS.has(w)) return false;
  // prepositions before the name make it an object
  let q = p;
  let ws = q;
  while (ws > lo && isLetter(text.charCodeAt(ws - 1))) ws--;
  const pw = text.slice(ws, q).toLowerCase();
  if (pw && (STOP_NP.has(pw) && pw !== 'and' && pw !== 'but' && pw !== 'while' && pw !== 'when' && pw !== 'as' && pw !== 'that' && pw !== 'after' && pw !== 'before' && pw !== 'because' && pw !== 'although' && pw !== 'though' && pw !== 'if')) return false;
  return true;
}

function nameAntecedent(ctx: Ctx, idx: number): Antecedent {
  const n = ctx.names[idx];
  const kind = n.kind;
  let org = kind === 'organization';
  if (kind === 'place') org = true; // countries act as organisations ("Iran said it …")
  if (!kind) {
    const info = nominalInfo(ctx, n.start, n.end);
    if (info.org && !info.person) org = true;
  }
  return { start: n.start, end: n.end, name: idx, female: femaleCue(ctx, n.start, n.end, idx), plural: false, org };
}

interface PriorSpeaker {
  /** Where the cue was (used for distance). */
  at: number;
  sp: SpeakerMatch;
  name: number;
}

function resolvePronoun(ctx: Ctx, pronoun: string, pos: number, prior: PriorSpeaker[], floor: number): { start: number; end: number; name: number } | null {
  if (pronoun === 'i' || pronoun === 'we') return null;
  const lo = Math.max(floor, pos - 2500);
  let best: { start: number; end: number; name: number; at: number } | null = null;
  // earlier speakers, most recent first
  for (let k = prior.length - 1; k >= 0; k--) {
    const p = prior[k];
    if (p.at < lo) break;
    if (p.at >= pos) continue;
    const a: Antecedent =
      p.name >= 0
        ? nameAntecedent(ctx, p.name)
        : (() => {
            const info = nominalInfo(ctx, p.sp.start, p.sp.end);
            return { start: p.sp.start, end: p.sp.end, name: -1, female: femaleCue(ctx, p.sp.start, p.sp.end, -1), plural: info.plural, org: info.org && !info.person };
          })();
    if (p.name >= 0 && ctx.names[p.name].kind === 'person') a.org = false;
    if (fits(pronoun, a)) {
      best = { start: p.sp.start, end: p.sp.end, name: p.name, at: p.at };
      break;
    }
  }
  // names used as subjects since then
  const nn = namesIn(ctx, best ? best.at : lo, pos);
  for (let k = nn.length - 1; k >= 0; k--) {
    const idx = nn[k];
    const n = ctx.names[idx];
    if (n.end > pos) continue;
    if (best && n.start <= best.at) break;
    const a = nameAntecedent(ctx, idx);
    if (pronoun === 'she' && !a.female) continue;
    if (!fits(pronoun, a)) continue;
    if (!subjectLike(ctx, idx, lo)) continue;
    return { start: n.start, end: n.end, name: idx };
  }
  if (best) return { start: best.start, end: best.end, name: best.name };
  if (pronoun === 'she') return null;
  return null;
}

// ---------------------------------------------------------------------------------------------
// Speaker attribution: driver
// ---------------------------------------------------------------------------------------------

const LEFT_WINDOW = 700;
const RIGHT_WINDOW = 300;

/**
 * For each quote, the span naming who says it, or null. `names` are capitalised person/organisation name
 * spans found by the actor recognizer (sorted by start), usable as speakers; the function may also return
 * other spans (e.g. "the Iranian leader", "officials", "the ministry").
 */
export function attributeSpeakers(text: string, quotes: QuoteMatch[], names: NameMatch[]): (SpeakerMatch | null)[] {
  const sortedNames = names.slice().sort((a, b) => a.start - b.start || b.end - a.end);
  const ctx: Ctx = {
    text,
    hard: false,
    names: sortedNames,
    nameByEnd: new Map(),
    nameByStart: new Map(),
  };
  for (let i = 0; i < sortedNames.length; i++) {
    const n = sortedNames[i];
    const pe = ctx.nameByEnd.get(n.end);
    if (pe === undefined || sortedNames[pe].end - sortedNames[pe].start < n.end - n.start) ctx.nameByEnd.set(n.end, i);
    if (!ctx.nameByStart.has(n.start)) ctx.nameByStart.set(n.start, i);
  }
  const lo = quotes.length ? Math.max(0, Math.min(...quotes.map((q) => q.outerStart)) - LEFT_WINDOW * 4) : 0;
  ctx.hard = detectHardWrap(text, lo, text.length);

  // nesting: parent index of each quote (order of the input is kept in the output)
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
  // siblings (quotes sharing the same parent), in order, used as masks
  const siblings = new Map<number, QuoteMatch[]>();
  for (const i of order) {
    const p = parent[i];
    let arr = siblings.get(p);
    if (!arr) siblings.set(p, (arr = []));
    arr.push(quotes[i]);
  }

  const out: (SpeakerMatch | null)[] = new Array(quotes.length).fill(null);
  const prior: PriorSpeaker[] = [];
  let prevTop: { q: QuoteMatch; sp: SpeakerMatch | null; name: number } | null = null;

  for (const qi of order) {
    const q = quotes[qi];
    const p = parent[qi];
    const pq = p >= 0 ? quotes[p] : null;
    const floor = pq ? pq.start : 0;
    const ceil = pq ? pq.end : text.length;
    const masks = (siblings.get(p) || []).filter((m) => m !== q);
    const headline = inHeadline(text, q, 0);

    // left context
    const la = Math.max(floor, q.outerStart - LEFT_WINDOW);
    const L = tokenize(ctx, la, q.outerStart, masks);
    let sStart = 0;
    for (let i = L.length - 1; i >= 0; i--) {
      if (endsSentenceAt(L, i)) {
        sStart = i + 1;
        break;
      }
    }
    // a quotation opening a paragraph, introduced by a line ending with a colon
    if (sStart >= L.length && L.length >= 2 && L[L.length - 1].k === TK.Para && L[L.length - 2].l === ':') {
      L.pop();
      sStart = 0;
      for (let i = L.length - 1; i >= 0; i--) {
        if (endsSentenceAt(L, i)) {
          sStart = i + 1;
          break;
        }
      }
    }
    // right context
    const rb = Math.min(ceil, q.outerEnd + RIGHT_WINDOW);
    const R = q.closed ? tokenize(ctx, q.outerEnd, rb, masks) : [];
    let rEnd = R.length;
    for (let i = 0; i < R.length; i++) {
      if (endsSentenceAt(R, i) || R[i].k === TK.Para) {
        rEnd = i;
        break;
      }
    }
    const Rs = R.slice(0, rEnd);

    let found: Found | null = rightCue(ctx, Rs);
    if (!found) found = leftCue(ctx, L, sStart, headline);

    let sp: SpeakerMatch | null = null;
    let spName = -1;
    if (found) {
      if (found.pronoun) {
        const r = resolvePronoun(ctx, found.pronoun, found.start, prior, pq ? pq.start : 0);
        if (r) {
          sp = { start: r.start, end: r.end, text: text.slice(r.start, r.end), via: 'pronoun' };
          spName = r.name;
        }
      } else {
        sp = { start: found.start, end: found.end, text: text.slice(found.start, found.end), via: found.via };
        spName = found.name ?? -1;
        if (spName < 0) {
          const nn = namesIn(ctx, found.start, found.end);
          for (const k of nn) if (sortedNames[k].start === found.start && sortedNames[k].end === found.end) spName = k;
        }
      }
    }
    // continuation of the previous quotation of the same speaker
    if (!sp && p < 0 && q.kind === 'statement' && prevTop && prevTop.sp) {
      if (continues(ctx, prevTop.q, q)) {
        sp = { start: prevTop.sp.start, end: prevTop.sp.end, text: prevTop.sp.text, via: 'continued' };
        spName = prevTop.name;
      }
    }
    out[qi] = sp;
    if (sp) prior.push({ at: Math.min(q.outerStart, sp.start >= q.outerEnd ? q.outerStart : sp.start), sp, name: spName });
    if (p < 0) prevTop = { q, sp, name: spName };
  }
  return out;
}

/** True when q continues the previous top-level quotation (same or next paragraph, no other cue between). */
function continues(ctx: Ctx, prev: QuoteMatch, q: QuoteMatch): boolean {
  const text = ctx.text;
  if (q.outerStart - prev.outerEnd > 1200) return false;
  let paras = 0;
  let i = prev.outerEnd;
  while (i < q.outerStart) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      let j = i + 1;
      while (j < q.outerStart && isHSpace(text.charCodeAt(j))) j++;
      if (!ctx.hard || (j < q.outerStart && text.charCodeAt(j) === 10) || j - i - 1 >= 2) paras++;
      i = j;
      continue;
    }
    if (isLetter(c)) {
      let e = i;
      while (e < q.outerStart && isLetter(text.charCodeAt(e))) e++;
      const w = text.slice(i, e).toLowerCase();
      if (SPEECH_VERBS.has(w) || w === 'according') return false;
      i = e;
      continue;
    }
    i++;
  }
  return paras <= 1;
}
