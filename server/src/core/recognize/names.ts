/** Finds capitalised names in news text: titles split off, possessives cut, particles kept, acronym expansions noted. */
import type { ActorKind, NameMatch, Span } from '../model/types';
import { DEMONYMS, OF_HEADS, ORG_CUES_AFTER, ORG_CUES_BEFORE, ORG_PROPER, ORG_TRANSLATIONS, ORG_WORDS, PERSON_TITLES, PLACE_CUES_AFTER, PLACES, STOP_WORDS, TITLE_WORDS } from './lexicon';
import { nameKey } from './nameKeys';

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
  text: string;
  lower: string;
  possessive: boolean;
  sentenceInitial: boolean;
  particle: boolean;
}

// A capitalised word (with al-/Abu- prefixes in any case, inner apostrophes, hyphen parts, a trailing apostrophe) or a dotted acronym.
// Group 1 is the prefix, so a capitalised hyphen part can be told from it ("Al-Kadhimi" against "Amir-Abdollahian").
const TOKEN = /(?:\p{Lu}\.){2,}|((?:[Aa]l|AL|[Ee]l|EL|Abu|ABU|Abd|ABD)[-‑])?\p{Lu}[\p{L}\p{M}]*(?:['’][\p{Ll}]+)*(?:-\p{L}[\p{L}\p{M}]*)*['’]?/gu;
const CAPITAL_HYPHEN_PART = /-\p{Lu}/u;
const ADJECTIVE_COMPOUND = /-(?:backed|led|based|linked|aligned|allied|funded|sponsored|controlled|owned|run|affiliated|style|era)$/;
const PARTICLE_GAP = /^ (al|el|bin|ibn|bint|abu|de|da|di|van|von|der|den|du|le|la|of) $/;

/** Scans text[from, to) for name candidates. */
export function findNames(text: string, from = 0, to = text.length): NameScan {
  const names: NameMatch[] = [];
  const titleRefs: TitleRef[] = [];
  const acronyms: AcronymPair[] = [];
  const headline = new HeadlineSpans(text);
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
    // "Iran-Iraq", "Shalamcheh-Basra", "African-American" are two names side by side; "Amir-Abdollahian" is one surname.
    const hyphen = raw.indexOf('-', m[1] ? m[1].length : 0);
    if (hyphen > 0 && CAPITAL_HYPHEN_PART.test(raw.slice(hyphen)) && joinsPlaces(raw, m[1] ? m[1].length : 0)) {
      raw = raw.slice(0, hyphen);
      end = start + hyphen;
      TOKEN.lastIndex = end;
    }
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
    } else if (/['’]$/.test(raw) && !goesOnAfterApostrophe(text, end, seq, start)) {
      // A trailing apostrophe is part of the name only when the name goes on ("Shia' al-Sudani"), and never when it
      // closes a quotation that opened before the name ("At 'US' Forces").
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
      // "[U.S. President] Biden": an editor's bracketed title still stands before the name.
      if (/^\] +$/.test(gap) && TITLE_WORDS.has(prev.lower) && text.charCodeAt(seq[0].start - 1) === 91) {
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
  listPlaces(text, names);
  return { names, titleRefs, acronyms };
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

function emit(text: string, tokens: Token[], headline: HeadlineSpans, names: NameMatch[], titleRefs: TitleRef[], acronyms: AcronymPair[]): void {
  // Split at stop words and at demonyms that describe rather than name; a segment's leading titles become its title.
  let segment: Token[] = [];
  const segments: Token[][] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (!t.particle) {
      const place = DEMONYMS.has(t.lower) ? placeNeedingAdjective(tokens, i) : 0;
      if (place) {
        // "Saudi Arabia", "Islamic Republic": the adjective is part of the place's name.
        for (let j = i; j < i + place; j++) segment.push(tokens[j]);
        i += place - 1;
        if (tokens[i].possessive) {
          segments.push(segment);
          segment = [];
        }
        continue;
      }
      // "Foreign Minister", and "Foreign Affairs" in "Minister of Foreign Affairs"
      const titleWord = (TITLE_WORDS.has(t.lower) && !!tokens[i + 1] && TITLE_WORDS.has(tokens[i + 1].lower)) || (t.lower === 'foreign' && tokens[i + 1]?.lower === 'affairs');
      if (STOP_WORDS.has(t.lower) || ADJECTIVE_COMPOUND.test(t.lower) || (DEMONYMS.has(t.lower) && !titleWord && !demonymInName(tokens, i, segment))) {
        if (segment.length) segments.push(segment);
        segment = [];
        continue;
      }
    }
    segment.push(t);
    if (t.possessive) {
      segments.push(segment);
      segment = [];
    }
  }
  if (segment.length) segments.push(segment);

  for (const seg of segments) {
    if (!emitShouted(text, seg, headline, names, titleRefs, acronyms)) emitPlain(text, seg, headline, names, titleRefs, acronyms);
  }
}

/**
 * ALL-CAPS runs ("AL-SUDANI MET KHAMENEI", "KHAMENEI SPOKE") say nothing about where names begin and end: each run of two
 * or more capitalised words is passed on whole, marked `caps`, and the resolver keeps only the stretches that spell
 * names known elsewhere. The rest of the segment is emitted as usual. False when the segment holds no such run.
 */
function emitShouted(text: string, seg: Token[], headline: HeadlineSpans, names: NameMatch[], titleRefs: TitleRef[], acronyms: AcronymPair[]): boolean {
  let from = -1;
  let found = false;
  let rest = 0;
  const flushRest = (to: number) => {
    if (to > rest) emitPlain(text, seg.slice(rest, to), headline, names, titleRefs, acronyms);
  };
  for (let i = 0; i <= seg.length; i++) {
    if (i < seg.length && isAllCaps(seg[i])) {
      if (from < 0) from = i;
      continue;
    }
    if (from >= 0 && i - from >= 2) {
      flushRest(from);
      const s = seg[from].start;
      const e = seg[i - 1].end;
      const surface = text.slice(s, e);
      names.push({ start: s, end: e, text: surface, key: nameKey(surface), weak: true, caps: true });
      rest = i;
      found = true;
    }
    from = -1;
  }
  if (found) flushRest(seg.length);
  return found;
}

function emitPlain(text: string, seg: Token[], headline: HeadlineSpans, names: NameMatch[], titleRefs: TitleRef[], acronyms: AcronymPair[]): void {
  // Title Case lines capitalise every word: keep each word on its own, as a weak candidate.
  if (headline.isHeadline(seg[0].start)) {
    for (const t of seg) if (!t.particle) emitSegment(text, [t], true, names, titleRefs, acronyms);
  } else emitSegment(text, seg, false, names, titleRefs, acronyms);
}

/** Two or more letters and no lower-case one ("KADHIMI", "AL-SUDANI", "IRGC"); dotted acronyms ("U.S.") are not words. Checked by character codes: every token passes here. */
function isAllCaps(t: Token): boolean {
  if (t.particle || t.text.length < 2) return false;
  for (let i = 0; i < t.text.length; i++) {
    const c = t.text.charCodeAt(i);
    if (c >= 97 && c <= 122) return false;
    if (c === 46) return false;
    if (c > 127 && t.text.charAt(i) !== t.text.charAt(i).toUpperCase()) return false;
  }
  return true;
}

/** Length of a known place name that starts with the demonym at tokens[i] and needs it ("Saudi Arabia"), else 0. "Iraqi Kurdistan" is Kurdistan: 0. */
function placeNeedingAdjective(tokens: Token[], i: number): number {
  let key = tokens[i].lower;
  let found = 0;
  for (let j = i + 1; j < tokens.length && j < i + 5; j++) {
    key += ' ' + nameKey(tokens[j].text);
    if (PLACES.has(key)) found = j - i + 1;
    if (tokens[j].possessive) break;
  }
  if (!found) return 0;
  const rest = tokens
    .slice(i + 1, i + found)
    .map((t) => nameKey(t.text))
    .join(' ');
  return PLACES.has(rest) ? 0 : found;
}

/** A demonym stays inside a name when the run ends in an organisation's generic head ("Islamic Revolution Guards Corps",
 * "Supreme National Security Council") or when it sits between a given name and an al- surname ("Mohammed Shia al-Sudani"). */
function demonymInName(tokens: Token[], i: number, segment: Token[]): boolean {
  const next = tokens[i + 1];
  const prev = segment[segment.length - 1];
  if (prev && next && !TITLE_WORDS.has(prev.lower) && (next.particle || /^(?:al|el)[-‑]/i.test(next.text))) return true;
  let last: Token | undefined;
  for (let j = i + 1; j < tokens.length; j++) {
    const t = tokens[j];
    if (t.particle) continue;
    if (STOP_WORDS.has(t.lower) || (DEMONYMS.has(t.lower) && j > i + 1)) break;
    last = t;
    if (t.possessive || PERSON_TITLES.has(t.lower)) break;
  }
  return !!last && !PERSON_TITLES.has(last.lower) && isGenericOrgHead(last.lower);
}

function isGenericOrgHead(lower: string): boolean {
  return ORG_WORDS.has(lower) && !ORG_PROPER.has(lower);
}

/** Portfolios in "Minister of …" titles. */
const DEPARTMENTS = new Set(['state', 'defense', 'defence', 'finance', 'interior', 'foreign', 'oil', 'justice', 'health', 'energy', 'commerce', 'trade', 'labor', 'labour', 'treasury', 'education', 'agriculture', 'transport', 'information', 'culture', 'intelligence', 'electricity', 'planning']);

function emitSegment(text: string, segIn: Token[], inHeadline: boolean, names: NameMatch[], titleRefs: TitleRef[], acronyms: AcronymPair[]): void {
  let seg = segIn;
  while (seg.length && seg[0].particle) seg = seg.slice(1);
  while (seg.length && seg[seg.length - 1].particle) seg = seg.slice(0, -1);
  if (!seg.length) return;
  let t = 0;
  while (t < seg.length && (TITLE_WORDS.has(seg[t].lower) || (seg[t].lower === 'affairs' && seg[t - 1]?.lower === 'foreign')) && !PLACES.has(seg[t].lower)) {
    // "Mr. King": whatever follows an honorific is the name.
    if (HONORIFICS.test(seg[t++].lower) && t < seg.length) break;
  }
  // "Supreme Leader" alone is a title reference; a lone "General" or "Special" is not a name either.
  if (t === seg.length) {
    if (!inHeadline && (seg.length >= 2 || PERSON_TITLES.has(seg[0].lower))) pushTitleRef(text, seg, titleRefs);
    return;
  }
  const last = seg[seg.length - 1];
  // Keep an organisation's own head words ("Foreign Ministry", "Supreme National Security Council") inside the name.
  if (t > 0 && isGenericOrgHead(last.lower) && (seg.length - t === 1 || !seg.slice(0, t).some((x) => PERSON_TITLES.has(x.lower)))) t = 0;
  // "Secretary of State Antony Blinken", "Minister of Foreign Affairs Fuad Hussein": the department is part of the title.
  while (t > 0 && seg[t]?.lower === 'of' && t + 2 < seg.length && DEPARTMENTS.has(seg[t + 1].lower)) {
    t += 2;
    if (seg[t]?.lower === 'affairs' && t + 1 < seg.length) t++;
  }
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
  // Trailing titles name no one here: "the U.S. President said" is the place and a title reference.
  if (!inHeadline && seg.length - t >= 2 && TITLE_WORDS.has(last.lower) && !ORG_WORDS.has(last.lower)) {
    let k = seg.length;
    while (k > t && TITLE_WORDS.has(seg[k - 1].lower)) k--;
    if (k > t && seg.slice(k).some((x) => PERSON_TITLES.has(x.lower))) {
      emitSegment(text, seg.slice(0, k), inHeadline, names, titleRefs, acronyms);
      pushTitleRef(text, seg.slice(k), titleRefs);
      return;
    }
  }
  const titleTokens = seg.slice(0, t);
  let nameTokens = seg.slice(t);
  // "Explaining Tehran's", "Limits Iraq's": a sentence's first word before a place is not part of its name.
  if (!inHeadline && nameTokens.length === 2 && nameTokens[0].sentenceInitial && !titleTokens.length && PLACES.has(nameKey(nameTokens[1].text)) && !PLACES.has(nameKey(text.slice(nameTokens[0].start, nameTokens[1].end)))) {
    emitSegment(text, [nameTokens[0]], inHeadline, names, titleRefs, acronyms);
    nameTokens = [nameTokens[1]];
  }
  // "Speaker of the House Newt Gingrich": a body's generic head before a full name is not part of it.
  if (nameTokens.length >= 3 && isGenericOrgHead(nameTokens[0].lower) && !ORG_TRANSLATIONS.has(nameTokens[0].lower) && !nameTokens[1].particle && !nameTokens.slice(1).some((x) => ORG_WORDS.has(x.lower))) {
    nameTokens = nameTokens.slice(1);
  }
  const single = nameTokens.length === 1;
  // "Government", "News", "Units" alone are heads without a name; "the Times", "the Council" may stand for a body named
  // in the same text (weak: resolved per document, never an actor of its own).
  if (single && isGenericOrgHead(nameTokens[0].lower) && !titleTokens.length) {
    if (inHeadline || wordBefore(text, nameTokens[0].start)?.toLowerCase() !== 'the') return;
    const t0 = nameTokens[0];
    names.push({ start: t0.start, end: t0.end, text: t0.text, key: nameKey(t0.text), kind: 'organization', weak: true });
    return;
  }
  const s = nameTokens[0].start;
  const e = nameTokens[nameTokens.length - 1].end;
  const surface = text.slice(s, e);
  const key = nameKey(surface);
  if (key.length < 2) return;
  const title = titleTokens.length ? text.slice(titleTokens[0].start, titleTokens[titleTokens.length - 1].end) : undefined;
  const kind = kindOf(text, nameTokens, key, title);
  // A lone capitalised word that the same text also writes in lower case ("Influence" in a subhead) is a common word.
  // An acronym is capitalised wherever it stands, so a sentence start says nothing about it.
  const weak = inHeadline || (single && !title && ((nameTokens[0].sentenceInitial && !isAcronym(text, nameTokens[0])) || (!kind && usedInLowerCase(text, nameTokens[0].lower))));
  names.push({ start: s, end: e, text: surface, key, ...(kind ? { kind } : {}), ...(title ? { title } : {}), ...(weak ? { weak: true } : {}) });
  const acr = /^ ?([([])((?:\p{Lu}\.?){2,8}s?)[)\]]/u.exec(text.slice(e, e + 14));
  if (acr && !single && acronymFits(acr[2], nameTokens)) acronyms.push({ long: key, short: nameKey(acr[2]) });
  else if (acr && acr[1] === '[' && !inHeadline) acronyms.push({ long: key, short: nameKey(acr[2]), gloss: true });
}

function usedInLowerCase(text: string, lower: string): boolean {
  if (lower.length < 3 || !/^[a-z]+$/.test(lower)) return false;
  // A name recurs in its article: look each word up once per text.
  if (lowerCaseMemo.text !== text) {
    lowerCaseMemo.text = text;
    lowerCaseMemo.words.clear();
  }
  let hit = lowerCaseMemo.words.get(lower);
  if (hit === undefined) {
    hit = false;
    for (let i = text.indexOf(lower); i >= 0 && !hit; i = text.indexOf(lower, i + 1)) {
      hit = !isWordChar(text.charCodeAt(i - 1)) && !isWordChar(text.charCodeAt(i + lower.length));
    }
    lowerCaseMemo.words.set(lower, hit);
  }
  return hit;
}

const lowerCaseMemo = { text: '', words: new Map<string, boolean>() };

function pushTitleRef(text: string, seg: Token[], titleRefs: TitleRef[]): void {
  const s = seg[0].start;
  const e = seg[seg.length - 1].end;
  titleRefs.push({ start: s, end: e, text: text.slice(s, e), key: nameKey(text.slice(s, e)) });
}

/** Kind from the name itself (gazetteer, organisation words, titles, particles), else from the words around it. */
function kindOf(text: string, tokens: Token[], key: string, title: string | undefined): ActorKind | undefined {
  if (PLACES.has(key)) return 'place';
  const last = tokens[tokens.length - 1].lower;
  if (tokens.some((t) => ORG_WORDS.has(t.lower.replace(/['’]s$/, ''))) || (tokens.length > 1 && ORG_WORDS.has(last))) return 'organization';
  if (tokens.length === 1 && isAcronym(text, tokens[0])) return 'organization';
  if (title && title.split(/\s+/).some((w) => PERSON_TITLES.has(w.toLowerCase()))) return 'person';
  if (tokens.length >= 2 && tokens.length <= 5 && tokens.some((t) => t.particle && t.lower !== 'of')) return 'person';
  return contextKind(text, tokens);
}

/** "IRNA", "CENTCOM"; not a shouted lead-in ("KADHIMI ALSO met"). */
function isAcronym(text: string, token: Token): boolean {
  if (!/^(?:\p{Lu}\.?){2,7}$/u.test(token.text)) return false;
  if (token.text.replace(/\./g, '').length <= 5) return true;
  return !/\p{Lu}{2}/u.test(text.slice(token.end + 1, token.end + 3)) && !/\p{Lu}{2}$/u.test(text.slice(Math.max(0, token.start - 3), token.start - 1));
}

/** The lower-case word just before `s` (spaces and quotes between), or undefined. */
function wordBefore(text: string, s: number): string | undefined {
  let i = s - 1;
  while (i >= 0 && s - i < 4 && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 39 || text.charCodeAt(i) === 34 || text.charCodeAt(i) === 0x2018 || text.charCodeAt(i) === 0x2019 || text.charCodeAt(i) === 0x201c)) i--;
  if (i === s - 1) return undefined;
  let j = i;
  while (j >= 0 && ((text.charCodeAt(j) >= 97 && text.charCodeAt(j) <= 122) || (j < i && text.charCodeAt(j) >= 65 && text.charCodeAt(j) <= 90 && !isWordChar(text.charCodeAt(j - 1))))) j--;
  return j < i ? text.slice(j + 1, i + 1) : undefined;
}

/** The lower-case word just after `e` (a possessive 's and one space between), or undefined. */
function wordAfter(text: string, e: number): string | undefined {
  let i = e;
  if ((text.charCodeAt(i) === 39 || text.charCodeAt(i) === 0x2019) && text.charCodeAt(i + 1) === 115) i += 2;
  if (text.charCodeAt(i) !== 32) return undefined;
  i++;
  let j = i;
  while (j < text.length && text.charCodeAt(j) >= 97 && text.charCodeAt(j) <= 122) j++;
  return j > i ? text.slice(i, j) : undefined;
}

/** "news website Tabnak", "the Kayhan editorial", "former president Hassan Rouhani", "Al-Qaim border area", "base in 'Ail Al-Assad". */
function contextKind(text: string, tokens: Token[]): ActorKind | undefined {
  const s = tokens[0].start;
  const e = tokens[tokens.length - 1].end;
  const before = wordBefore(text, s)?.toLowerCase();
  const after = wordAfter(text, e);
  if ((before && ORG_CUES_BEFORE.has(before)) || (after && ORG_CUES_AFTER.has(after))) return 'organization';
  if (before && PERSON_TITLES.has(before)) return 'person';
  if (after && PLACE_CUES_AFTER.has(after)) return 'place';
  if ((before === 'in' || before === 'near') && !tokens[tokens.length - 1].possessive) return 'place';
  // People's names do not take an article: "the World Cup", "the Zionist Regime".
  if (before === 'the' && tokens.length > 1) return 'other';
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

/** The acronym's letters are the initials of the long form's capitalised words. */
function acronymFits(acronym: string, tokens: Token[]): boolean {
  const letters = acronym.replace(/[.s]/g, '').toUpperCase();
  const initials = tokens.filter((t) => !t.particle).map((t) => t.text.replace(/^(?:al|el)[-‑]/i, '').charAt(0).toUpperCase()).join('');
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

  constructor(private readonly text: string) {
    this.nextBar = text.indexOf('|');
  }

  isHeadline(offset: number): boolean {
    if (offset >= this.lastStart && offset < this.lastEnd) return this.lastValue;
    const text = this.text;
    const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    let lineEnd = text.indexOf('\n', offset);
    if (lineEnd === -1) lineEnd = text.length;
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

const TITLE_CASE_MINOR = new Set(['a', 'an', 'the', 'and', 'or', 'but', 'nor', 'for', 'of', 'on', 'in', 'at', 'to', 'by', 'with', 'from', 'as', 'vs', 'per', 'via', 'into', 'over', 'is', 'are', 'al', 'el', 'bin', 'ibn', 'de', 'van', 'von']);

const CALENDAR_WORDS = /^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday)$/;

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
    // Short words may be Title Case's lower-case minor words; longer ones settle it at once.
    const w = j - i <= 5 || isUpper ? text.slice(i, j).toLowerCase() : '';
    if (!isUpper) {
      if (!TITLE_CASE_MINOR.has(w) && !(c === 97 || c === 101 ? /^(?:al|el)[-‑]/.test(text.slice(i, i + 3)) : false)) return false;
    } else if (!TITLE_CASE_MINOR.has(w) && !CALENDAR_WORDS.test(w)) {
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
