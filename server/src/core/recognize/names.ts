/** Finds capitalised names in news text: titles split off, possessives cut, particles kept, acronym expansions noted. */
import type { ActorKind, NameMatch, Span } from '../model/types';
import { DEMONYMS, OF_HEADS, ORG_WORDS, PERSON_TITLES, PLACES, STOP_WORDS, TITLE_WORDS } from './lexicon';
import { nameKey } from './nameKeys';

/** A title used on its own ("the Supreme Leader"), to be bound to the name it stood before elsewhere in the document. */
export interface TitleRef extends Span {
  text: string;
  key: string;
}

/** "Popular Mobilization Forces (PMF)": the long form's key and the acronym's key. */
export interface AcronymPair {
  long: string;
  short: string;
}

export interface NameScan {
  names: NameMatch[];
  titleRefs: TitleRef[];
  acronyms: AcronymPair[];
}

interface Token {
  start: number;
  end: number;
  text: string;
  lower: string;
  possessive: boolean;
  sentenceInitial: boolean;
  particle: boolean;
}

// A capitalised word (with al-/Abu- prefixes, inner apostrophes, lower-case hyphen parts, a trailing apostrophe) or a dotted acronym.
const TOKEN = /(?:\p{Lu}\.){2,}|(?:(?:[Aa]l|[Ee]l|Abu|Abd)[-‑])?\p{Lu}[\p{L}\p{M}]*(?:['’][\p{Ll}]+)*(?:-\p{Ll}[\p{L}\p{M}]*)*['’]?/gu;
const ADJECTIVE_COMPOUND = /-(?:backed|led|based|linked|aligned|allied|funded|sponsored|controlled|owned|run|affiliated|style|era)$/;
const PARTICLE_GAP = /^ (al|el|bin|ibn|bint|abu|de|da|di|van|von|der|den|du|le|la|of) $/;

/** Scans text[from, to) for name candidates. */
export function findNames(text: string, from = 0, to = text.length): NameScan {
  const names: NameMatch[] = [];
  const titleRefs: TitleRef[] = [];
  const acronyms: AcronymPair[] = [];
  const headline = new HeadlineLines(text);
  let seq: Token[] = [];

  const flush = (): void => {
    if (seq.length) emit(text, seq, headline, names, titleRefs, acronyms);
    seq = [];
  };

  TOKEN.lastIndex = from;
  for (let m = TOKEN.exec(text); m && m.index < to; m = TOKEN.exec(text)) {
    let start = m.index;
    let end = start + m[0].length;
    if (end > to) break;
    // Inside a word ("McDonald" is fine, "iPhone"-like or "x-Ray" are not names we chase).
    const before = start > 0 ? text.charCodeAt(start - 1) : 32;
    if (isWordChar(before)) continue;
    let raw = m[0];
    // Abbreviated titles keep their dot: "Gen.", "Brig.", "Dr."
    if (text.charCodeAt(end) === 46 && TITLE_WORDS.has(raw.toLowerCase() + '.')) {
      raw += '.';
      end += 1;
    }
    let possessive = false;
    const poss = /['’]s$/.exec(raw);
    if (poss && raw.length > 2) {
      possessive = true;
      raw = raw.slice(0, -2);
      end -= 2;
    } else if (/['’]$/.test(raw) && !/^ +(?:[Aa]l[-‑]|\p{Lu})/u.test(text.slice(end, end + 4))) {
      // A trailing apostrophe is part of the name only when the name goes on ("Shia' al-Sudani").
      raw = raw.slice(0, -1);
      end -= 1;
    }
    if (raw.length === 0) continue;
    const token: Token = { start, end, text: raw, lower: raw.toLowerCase(), possessive, sentenceInitial: isSentenceInitial(text, start, from), particle: false };
    const prev = seq[seq.length - 1];
    if (prev && !prev.possessive) {
      const gap = text.slice(prev.end, start);
      if (gap === ' ' || gap === '\u00a0' || (gap === '. ' && prev.text.length === 1)) {
        seq.push(token);
        continue;
      }
      const pg = PARTICLE_GAP.exec(gap);
      if (pg && (pg[1] !== 'of' || OF_HEADS.has(prev.lower))) {
        seq.push({ start: prev.end + 1, end: start - 1, text: pg[1], lower: pg[1], possessive: false, sentenceInitial: false, particle: true }, token);
        continue;
      }
    }
    flush();
    seq.push(token);
    start = end;
  }
  flush();
  return { names, titleRefs, acronyms };
}

function emit(text: string, tokens: Token[], headline: HeadlineLines, names: NameMatch[], titleRefs: TitleRef[], acronyms: AcronymPair[]): void {
  // Split at stop words and demonyms; a segment's leading titles become its title.
  let segment: Token[] = [];
  const segments: Token[][] = [];
  for (const t of tokens) {
    if (!t.particle && (STOP_WORDS.has(t.lower) || DEMONYMS.has(t.lower) || ADJECTIVE_COMPOUND.test(t.lower))) {
      if (segment.length) segments.push(segment);
      segment = [];
      continue;
    }
    segment.push(t);
    if (t.possessive) {
      segments.push(segment);
      segment = [];
    }
  }
  if (segment.length) segments.push(segment);

  for (const seg of segments) {
    if (headline.isHeadline(seg[0].start)) {
      // Title Case lines capitalise every word: keep each word on its own, as a weak candidate.
      for (const t of seg) if (!t.particle) emitSegment(text, [t], true, names, titleRefs, acronyms);
    } else emitSegment(text, seg, false, names, titleRefs, acronyms);
  }
}

function emitSegment(text: string, segIn: Token[], inHeadline: boolean, names: NameMatch[], titleRefs: TitleRef[], acronyms: AcronymPair[]): void {
  let seg = segIn;
  while (seg.length && seg[0].particle) seg = seg.slice(1);
  while (seg.length && seg[seg.length - 1].particle) seg = seg.slice(0, -1);
  if (!seg.length) return;
  let t = 0;
  while (t < seg.length && TITLE_WORDS.has(seg[t].lower) && !PLACES.has(seg[t].lower)) t++;
  // "Supreme Leader" alone is a title reference; a lone "General" or "Special" is not a name either.
  if (t === seg.length) {
    if (!inHeadline && (seg.length >= 2 || PERSON_TITLES.has(seg[0].lower))) {
      const s = seg[0].start;
      const e = seg[seg.length - 1].end;
      titleRefs.push({ start: s, end: e, text: text.slice(s, e), key: nameKey(text.slice(s, e)) });
    }
    return;
  }
  // Keep an organisation's own head words ("Foreign Ministry", "Supreme Council") inside the name.
  if (t > 0 && ORG_WORDS.has(seg[seg.length - 1].lower) && seg.length - t === 1) t = 0;
  // "Prime Minister of Iraq": the title does not bind across "of".
  if (t > 0 && seg[t].particle) {
    emitSegment(text, seg.slice(t), inHeadline, names, titleRefs, acronyms);
    return;
  }
  // A title inside the run starts a new name: "IRGC Quds Force Commander Qassem Soleimani", "Republic of Iran Ayatollah Ali Khamenei".
  for (let i = t + 1; i < seg.length - 1; i++) {
    if (!TITLE_WORDS.has(seg[i].lower) || seg[i].particle) continue;
    let j = i;
    while (j < seg.length && TITLE_WORDS.has(seg[j].lower)) j++;
    if (j >= seg.length || (j === seg.length - 1 && ORG_WORDS.has(seg[j].lower))) break;
    if (seg.slice(t, i).every((x) => ORG_WORDS.has(x.lower))) break;
    emitSegment(text, seg.slice(0, i), inHeadline, names, titleRefs, acronyms);
    emitSegment(text, seg.slice(i), inHeadline, names, titleRefs, acronyms);
    return;
  }
  const titleTokens = seg.slice(0, t);
  const nameTokens = seg.slice(t);
  const s = nameTokens[0].start;
  const e = nameTokens[nameTokens.length - 1].end;
  const surface = text.slice(s, e);
  const key = nameKey(surface);
  if (key.length < 2) return;
  const title = titleTokens.length ? text.slice(titleTokens[0].start, titleTokens[titleTokens.length - 1].end) : undefined;
  const single = nameTokens.length === 1;
  const weak = inHeadline || (single && nameTokens[0].sentenceInitial && !title);
  names.push({ start: s, end: e, text: surface, key, ...kindOf(nameTokens, key, title), ...(title ? { title } : {}), ...(weak ? { weak: true } : {}) });
  const acr = /^ ?[([]((?:\p{Lu}\.?){2,8}s?)[)\]]/u.exec(text.slice(e, e + 14));
  if (acr && !single && acronymFits(acr[1], nameTokens)) acronyms.push({ long: key, short: nameKey(acr[1]) });
}

function kindOf(tokens: Token[], key: string, title: string | undefined): { kind?: ActorKind } {
  if (PLACES.has(key)) return { kind: 'place' };
  const last = tokens[tokens.length - 1].lower;
  if (tokens.some((t) => ORG_WORDS.has(t.lower.replace(/['’]s$/, ''))) || (tokens.length > 1 && ORG_WORDS.has(last))) return { kind: 'organization' };
  if (tokens.length === 1 && /^(?:\p{Lu}\.?){2,6}$/u.test(tokens[0].text)) return { kind: 'organization' };
  if (title && title.split(/\s+/).some((w) => PERSON_TITLES.has(w.toLowerCase()))) return { kind: 'person' };
  if (tokens.length >= 2 && tokens.length <= 5 && tokens.some((t) => t.particle && t.lower !== 'of')) return { kind: 'person' };
  return {};
}

/** The acronym's letters are the initials of the long form's capitalised words. */
function acronymFits(acronym: string, tokens: Token[]): boolean {
  const letters = acronym.replace(/[.s]/g, '').toUpperCase();
  const initials = tokens.filter((t) => !t.particle).map((t) => t.text.replace(/^(?:al|el)[-‑]/i, '').charAt(0).toUpperCase()).join('');
  return initials === letters || initials.startsWith(letters) || (letters.length >= 2 && initials.includes(letters));
}

function isWordChar(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || (code > 127 && /[\p{L}\p{M}]/u.test(String.fromCharCode(code)));
}

/** True when only quotes, brackets or spaces separate the token from a sentence end, a line start or the body start. */
function isSentenceInitial(text: string, start: number, from: number): boolean {
  for (let i = start - 1; i >= from; i--) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 34 || c === 39 || c === 0x201c || c === 0x2018 || c === 40 || c === 91 || c === 0x2014 || c === 45 || c === 0xa0) continue;
    return c === 10 || c === 13 || c === 46 || c === 33 || c === 63 || c === 58 || c === 0x2022 || c === 42 || c === 35;
  }
  return true;
}

/** Lines written in Title Case (headlines, subheads): capitalisation says nothing about names there. */
class HeadlineLines {
  private lastStart = -1;
  private lastEnd = -1;
  private lastValue = false;

  constructor(private readonly text: string) {}

  isHeadline(offset: number): boolean {
    if (offset >= this.lastStart && offset < this.lastEnd) return this.lastValue;
    const start = this.text.lastIndexOf('\n', offset - 1) + 1;
    let end = this.text.indexOf('\n', offset);
    if (end === -1) end = this.text.length;
    this.lastStart = start;
    this.lastEnd = end;
    this.lastValue = titleCase(this.text.slice(start, end));
    return this.lastValue;
  }
}

function titleCase(line: string): boolean {
  if (line.length > 200) return false;
  const words = line.match(/[\p{L}][\p{L}'’-]*/gu);
  if (!words || words.length < 4) return false;
  let upper = 0;
  let lower = 0;
  for (const w of words) {
    if (w.length < 4) continue;
    if (/^\p{Lu}/u.test(w)) upper++;
    else lower++;
  }
  return upper >= 3 && lower <= Math.floor(upper / 6);
}
