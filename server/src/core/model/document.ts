/** Everything the engine knows about one source document that depends on that document alone. */
import type { DateMatch, Problem, QuoteMatch, Span, SpeakerMatch } from './types';
import { parseFrontMatter, type DocumentMeta, type FrontMatter } from '../parse/frontMatter';
import { decodeText } from '../text/decode';
import { LineIndex } from '../text/lines';
import { findNames, type NameScan } from '../recognize/names';
import { inferPublicationDate, recognizeDates } from '../recognize/dates';
import { attributeSpeakers, detectQuotes } from '../recognize/quotes';
import { resolveSourceDates, SourceDates, type SourceDate } from '../recognize/sourceDates';
import { isCalendarValue } from '../recognize/dateValues';

export interface SourceDocument {
  path: string;
  text: string;
  /** The file starts with a byte order mark that `text` leaves out: offsets into the stored file are one more. */
  bom: boolean;
  frontMatter: FrontMatter;
  meta: DocumentMeta;
  /** Where the title and publication date came from, and their spans in the text. */
  titleSource: 'front-matter' | 'first-line' | null;
  titleSpan: Span | null;
  publishedSource: 'front-matter' | 'dateline' | null;
  publishedSpan: Span | null;
  names: NameScan;
  dates: DateMatch[];
  /** Relative dates left unresolved for want of a publication date. */
  unresolvedDates: (Span & { text: string })[];
  /** The own dates of quoted sources (and of the whole document when it is a translation or a republication). */
  sources: SourceDates;
  originalDate: SourceDate | null;
  quotes: QuoteMatch[];
  speakers: (SpeakerMatch | null)[];
  problems: Problem[];
  /** Built on first use: most documents never need line positions. */
  readonly lines: LineIndex;
}

/** Analyses one document from its bytes or text; never throws on bad input. */
export function analyzeDocument(path: string, content: Uint8Array | string): SourceDocument {
  const decoded = decodeText(content);
  const problems: Problem[] = decoded.warnings.map((message) => ({ path, severity: 'warning', code: decoded.binary ? 'binary' : 'encoding', message, start: 0, end: 0 }));
  const text = decoded.text;
  const frontMatter = parseFrontMatter(path, text);
  problems.push(...frontMatter.problems);
  const body = frontMatter.bodyStart;

  let titleSource: SourceDocument['titleSource'] = frontMatter.meta.title ? 'front-matter' : null;
  let titleSpan: Span | null = frontMatter.fieldSpans.title ?? null;
  let title = frontMatter.meta.title ?? null;
  if (!title) {
    const found = inferTitle(text, body, path);
    if (found) {
      title = found.title;
      titleSpan = found.span;
      titleSource = 'first-line';
    }
  }
  let published = frontMatter.meta.published ?? null;
  let publishedSource: SourceDocument['publishedSource'] = published ? 'front-matter' : null;
  let publishedSpan: Span | null = frontMatter.fieldSpans.published ?? null;
  if (!published && !decoded.binary) {
    const inferred = inferPublicationDate(text, body);
    if (inferred) {
      published = inferred.value;
      publishedSource = 'dateline';
      publishedSpan = { start: inferred.start, end: inferred.end };
    }
  }
  const meta: DocumentMeta = {
    title,
    outlet: frontMatter.meta.outlet ?? null,
    published,
    url: frontMatter.meta.url ?? null,
    author: frontMatter.meta.author ?? null,
    language: frontMatter.meta.language ?? null,
  };

  const names = findNames(text, body);
  const quotes = detectQuotes(text, body);
  const unresolvedSpans: Span[] = [];
  const found = decoded.binary ? [] : recognizeDates(text, published, body, text.length, unresolvedSpans);
  // Quoted and translated sources with their own date resolve against it (recognize/sourceDates.ts).
  const resolved = resolveSourceDates(text, body, published, found, quotes, unresolvedSpans);
  // Only calendar values are dates for our users (TimeML's PRESENT_REF and the like are left out).
  const dates = resolved.dates.filter((d) => isCalendarValue(d.value));
  const unresolvedDates = resolved.unresolved.map((u) => ({ ...u, text: text.slice(u.start, u.end) }));
  for (const u of unresolvedDates) {
    problems.push({ path, severity: 'information', code: 'date-unresolved', message: `“${u.text}” is not resolved: the document has no publication date (add \`published\` to the front matter)`, start: u.start, end: u.end });
  }
  const speakers = attributeSpeakers(text, quotes, names.names);
  return withDerivedParts({
    path,
    text,
    bom: decoded.bom,
    frontMatter,
    meta,
    titleSource,
    titleSpan,
    publishedSource,
    publishedSpan,
    names,
    dates,
    unresolvedDates,
    originalDate: resolved.original,
    quotes,
    speakers,
    problems,
  });
}

/** A document's analysis as plain data, without its derived parts: what crosses a thread boundary (structured clone). */
export type DocumentData = Omit<SourceDocument, 'lines' | 'sources'>;

/** The plain data of an analysed document. */
export function toDocumentData(doc: SourceDocument): DocumentData {
  // Own fields only: the line index is a getter on the prototype.
  const { sources: _sources, ...data } = doc;
  return data;
}

/** Rebuilds the derived parts (quoted sources' dates, the lazy line index) around plain analysis data. */
export function withDerivedParts(data: DocumentData): SourceDocument {
  return new AnalysedDocument(data);
}

/**
 * One class for every document, so all of them share one hidden class: corpus-wide passes read the same fields of
 * thousands of documents, and an object literal with its own getter would give each document a shape of its own.
 */
class AnalysedDocument implements SourceDocument {
  path: string;
  text: string;
  bom: boolean;
  frontMatter: FrontMatter;
  meta: DocumentMeta;
  titleSource: SourceDocument['titleSource'];
  titleSpan: Span | null;
  publishedSource: SourceDocument['publishedSource'];
  publishedSpan: Span | null;
  names: NameScan;
  dates: DateMatch[];
  unresolvedDates: (Span & { text: string })[];
  originalDate: SourceDate | null;
  quotes: QuoteMatch[];
  speakers: (SpeakerMatch | null)[];
  problems: Problem[];
  sources: SourceDates;
  #lines: LineIndex | undefined;

  constructor(data: DocumentData) {
    this.path = data.path;
    this.text = data.text;
    this.bom = data.bom;
    this.frontMatter = data.frontMatter;
    this.meta = data.meta;
    this.titleSource = data.titleSource;
    this.titleSpan = data.titleSpan;
    this.publishedSource = data.publishedSource;
    this.publishedSpan = data.publishedSpan;
    this.names = data.names;
    this.dates = data.dates;
    this.unresolvedDates = data.unresolvedDates;
    this.originalDate = data.originalDate;
    this.quotes = data.quotes;
    this.speakers = data.speakers;
    this.problems = data.problems;
    // The same inputs analyzeDocument gave it: the final dates, and the day the text speaks from.
    this.sources = new SourceDates(data.text, data.dates, data.quotes, data.originalDate?.value ?? data.meta.published);
  }

  /** Built on first use: most documents never need line positions. */
  get lines(): LineIndex {
    return (this.#lines ??= new LineIndex(this.text));
  }
}


const DATE_START = /^(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?(?:\d{1,2}\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}|^\d{4}-\d{2}-\d{2}|^\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i;

/** The headline of a raw article: the first line near the top with four or more words that is not a date line; else the first non-empty line. */
function inferTitle(text: string, body: number, path: string): { title: string; span: Span } | null {
  let first: { title: string; span: Span } | null = null;
  let pos = body;
  for (let seen = 0; pos < text.length && seen < 8; ) {
    let end = text.indexOf('\n', pos);
    if (end === -1) end = text.length;
    const raw = text.slice(pos, end);
    const lead = raw.length - raw.trimStart().length;
    let line = raw.trim();
    let start = pos + lead;
    if (path.endsWith('.md')) {
      const h = /^#{1,6}\s+/.exec(line);
      if (h) {
        start += h[0].length;
        line = line.slice(h[0].length);
      }
    }
    if (line) {
      seen++;
      const candidate = { title: line, span: { start, end: start + line.length } };
      first ??= candidate;
      if (line.split(/\s+/).length >= 4 && !DATE_START.test(line) && line.length <= 300) return candidate;
    }
    pos = end + 1;
  }
  return first;
}
