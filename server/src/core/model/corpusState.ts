/** The corpus-wide view computed from per-document results: actors and mentions, resolved quotes and speakers, quote links, annotations. */
import type { Problem } from './types';
import type { SourceDocument } from './document';
import type { CorpusConfig } from '../parse/corpusConfig';
import type { AnnotationFile, Claim, ManualLink } from '../parse/annotations';
import { resolveActors, type Actor, type Mention } from '../index/actors';
import { linkQuotes, type LinkCache, type LinkableQuote, type LinkRelation } from '../index/quoteLinks';
import { resolveAnchor, type ResolvedAnchor } from '../anchor';
import { stableHash } from '../text/hash';
import { surfaceKey } from '../index/textFeatures';
import { dayRange, statementDate, type StatementDate } from '../index/statementDates';
import { actorForDescription } from '../index/nominalSpeakers';
import { partitionPoint } from '../text/search';
import { rememberedPer } from '../text/memo';

export interface ResolvedQuote {
  id: string;
  doc: string;
  start: number;
  end: number;
  text: string;
  kind: 'statement' | 'term';
  outerStart: number;
  outerEnd: number;
  speaker: { actor: string | null; start: number; end: number; text: string; via: string } | null;
  /** When it was said (index/statementDates.ts), or null when unknown. */
  date: StatementDate | null;
}

export interface QuoteLink {
  from: string;
  to: string;
  score: number;
  kind: 'auto' | 'manual';
  relation: LinkRelation | 'manual';
}

/** A link record of an annotation file, resolved to the two quotations it joins. */
export interface ManualLinkRecord {
  id: string;
  /** The annotation file holding it and the document that file annotates. */
  file: string;
  source: string;
  status: 'confirmed' | 'rejected';
  /** Quote ids, `from` < `to`. */
  from: string;
  to: string;
}

export interface ResolvedClaim {
  claim: Claim;
  file: string;
  source: string;
  anchor: ResolvedAnchor;
}

export interface CorpusState {
  config: CorpusConfig;
  documents: SourceDocument[];
  documentByPath: Map<string, SourceDocument>;
  actors: Actor[];
  actorById: Map<string, Actor>;
  mentions: Map<string, Mention[]>;
  /** Computed on first read. */
  readonly mentionsByActor: Map<string, { doc: string; mention: Mention }[]>;
  quotes: Map<string, ResolvedQuote[]>;
  quoteById: Map<string, ResolvedQuote>;
  links: QuoteLink[];
  linksByQuote: Map<string, QuoteLink[]>;
  annotationFiles: AnnotationFile[];
  claims: Map<string, ResolvedClaim[]>;
  problems: Problem[];
  /** Link records of the annotation files that resolve to two quotations. */
  manualLinks: ManualLinkRecord[];
  /** What the linker saw of every quotation (for ranking candidates of a manual link). */
  linkable: LinkableQuote[];
}

/** Computes the corpus-wide state; deterministic for a given set of documents whatever order they were indexed in. */
/** What a document's quotations are on their own (ids, surfaces, dates), whatever the rest of the corpus. */
interface QuoteParts {
  ids: string[];
  surfaces: string[];
  dates: (StatementDate | null)[];
  days: ([number, number] | undefined)[];
}

// Per analysed document, which an edit replaces: after an edit only that document's are worked out again.
const quotePartsOf = rememberedPer((doc: SourceDocument): QuoteParts => {
  const parts: QuoteParts = { ids: [], surfaces: [], dates: [], days: [] };
  const used = new Set<string>();
  for (let i = 0; i < doc.quotes.length; i++) {
    const surface = surfaceKey(doc.quotes[i].text);
    const base = 'q-' + stableHash(doc.path + '\u0000' + surface);
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
    used.add(id);
    const date = statementDate(doc, i);
    parts.ids.push(id);
    parts.surfaces.push(surface);
    parts.dates.push(date);
    parts.days.push(date ? dayRange(date.value) : undefined);
  }
  return parts;
});

/** What one computation of the corpus state keeps for the next one of the same corpus. */
export interface CorpusStateCaches {
  links: LinkCache;
}

export function computeCorpusState(config: CorpusConfig, docs: Iterable<SourceDocument>, annotationFiles: Iterable<AnnotationFile>, caches?: CorpusStateCaches): CorpusState {
  const documents = [...docs].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const documentByPath = new Map(documents.map((d) => [d.path, d]));
  const { actors, mentions } = resolveActors(config.actors, documents.map((d) => ({ path: d.path, scan: d.names })), config.settings.discoverActors);
  const actorById = new Map(actors.map((a) => [a.id, a]));
  const quotes = new Map<string, ResolvedQuote[]>();
  const quoteById = new Map<string, ResolvedQuote>();
  const linkable: LinkableQuote[] = [];
  for (const doc of documents) {
    const docMentions = mentions.get(doc.path) ?? [];
    const list: ResolvedQuote[] = [];
    const parts = quotePartsOf(doc);
    doc.quotes.forEach((q, i) => {
      const surface = parts.surfaces[i];
      const id = parts.ids[i];
      const sp = doc.speakers[i];
      const speakerMention = sp ? headMention(docMentions, sp, (id) => actorById.get(id)?.kind) : undefined;
      // "the Iraqi prime minister": the person the document introduced with that title
      const speakerActor = speakerMention?.actor ?? (sp ? actorForDescription(sp.text, sp.start, doc.names.names, docMentions) : undefined);
      const resolved: ResolvedQuote = {
        id,
        doc: doc.path,
        start: q.start,
        end: q.end,
        text: q.text,
        kind: q.kind,
        outerStart: q.outerStart,
        outerEnd: q.outerEnd,
        speaker: sp ? { actor: speakerActor ?? null, start: sp.start, end: sp.end, text: sp.text, via: sp.via } : null,
        date: parts.dates[i],
      };
      const days = parts.days[i];
      list.push(resolved);
      quoteById.set(id, resolved);
      linkable.push({
        id,
        doc: doc.path,
        text: q.text,
        surface,
        start: q.start,
        end: q.end,
        statement: q.kind === 'statement',
        // present even when unknown, so every quotation has the same shape for the linker's hot loops
        days,
        speaker: speakerActor || undefined,
        actors: mentionsWithin(docMentions, q.start, q.end, true).map((m) => ({ start: m.start - q.start, end: m.end - q.start, actor: m.actor, name: actorById.get(m.actor)?.name })),
      });
    });
    quotes.set(doc.path, list);
  }

  const problems: Problem[] = [...config.problems];
  for (const d of documents) problems.push(...d.problems);
  const files = [...annotationFiles].sort((a, b) => (a.path < b.path ? -1 : 1));
  const claims = new Map<string, ResolvedClaim[]>();
  const manual: { link: ManualLink; file: AnnotationFile }[] = [];
  const tagIds = new Set(config.tags.map((t) => t.id));
  for (const file of files) {
    problems.push(...file.problems);
    if (!file.valid || !file.source) continue;
    const doc = documentByPath.get(file.source);
    if (!doc) {
      problems.push({ path: file.path, severity: 'error', code: 'annotation-source', message: `annotates '${file.source}', which is not a document of this corpus`, start: 0, end: 1 });
      continue;
    }
    const list: ResolvedClaim[] = [];
    for (const claim of file.claims) {
      const anchor = resolveAnchor(doc.text, claim.anchor);
      list.push({ claim, file: file.path, source: doc.path, anchor });
      if (anchor.status === 'orphaned') problems.push({ path: file.path, severity: 'error', code: 'anchor-orphaned', message: `claim ${claim.id}: its text "${clip(claim.anchor.exact)}" is no longer in ${doc.path}`, ...claim.anchorSpan });
      else if (anchor.status === 'moved') problems.push({ path: file.path, severity: 'information', code: 'anchor-moved', message: `claim ${claim.id}: text moved from ${claim.anchor.start} to ${anchor.start} in ${doc.path}; it will be re-anchored when saved`, ...claim.anchorSpan });
      else if (anchor.status === 'fuzzy') problems.push({ path: file.path, severity: 'warning', code: 'anchor-fuzzy', message: `claim ${claim.id}: its text changed in ${doc.path}; found again by similarity ${(anchor.score ?? 0).toFixed(2)} as "${clip(doc.text.slice(anchor.start, anchor.end))}"; saving the document writes the new anchor`, ...claim.anchorSpan });
      if (anchor.status === 'orphaned') {
        // Also on the article, where the quick fix "re-anchor to the selection" can be offered.
        const at = Math.min(claim.anchor.start, doc.text.length);
        problems.push({ path: doc.path, severity: 'information', code: 'claim-orphaned', message: `claim ${claim.id} is orphaned: "${clip(claim.anchor.exact)}" is no longer in this document; select its new text and use the quick fix to re-anchor it, or delete it`, start: at, end: Math.min(Math.max(claim.anchor.end, at), doc.text.length) });
      }
      if (claim.speaker && !actorById.has(claim.speaker)) problems.push({ path: file.path, severity: 'error', code: 'unknown-actor', message: `claim ${claim.id}: unknown actor id '${claim.speaker}'`, ...(claim.speakerSpan ?? claim.span) });
      claim.tags.forEach((tag, i) => {
        if (!tagIds.has(tag)) problems.push({ path: file.path, severity: 'error', code: 'unknown-tag', message: `claim ${claim.id}: unknown tag '${tag}' (not in the corpus.yaml codebook)`, ...claim.tagSpans[i] });
      });
    }
    claims.set(doc.path, list);
    for (const link of file.links) manual.push({ link, file });
  }

  const threshold = config.settings.linkThreshold;
  const auto = linkQuotes(linkable, { threshold, cache: caches?.links });
  const rejected = new Set<string>();
  const links: QuoteLink[] = [];
  const manualLinks: ManualLinkRecord[] = [];
  for (const { link, file } of manual) {
    const a = quoteAtAnchor(quotes, documentByPath, file.source!, link.anchor);
    const b = quoteAtAnchor(quotes, documentByPath, link.target.source, link.target.anchor);
    if (!a || !b) {
      problems.push({ path: file.path, severity: 'warning', code: 'link-unresolved', message: `link ${link.id}: ${!a ? 'its quotation' : `the target in ${link.target.source}`} is no longer found`, ...link.span });
      continue;
    }
    const [from, to] = a.id < b.id ? [a.id, b.id] : [b.id, a.id];
    manualLinks.push({ id: link.id, file: file.path, source: file.source!, status: link.status, from, to });
    if (link.status === 'rejected') rejected.add(from + ' ' + to);
    else links.push({ from, to, score: 1, kind: 'manual', relation: 'manual' });
  }
  const manualPairs = new Set(links.map((l) => l.from + ' ' + l.to));
  for (const l of auto) {
    const key = l.from + ' ' + l.to;
    if (rejected.has(key) || manualPairs.has(key)) continue;
    links.push({ from: l.from, to: l.to, score: l.score, kind: 'auto', relation: l.relation });
  }
  links.sort((x, y) => (x.from < y.from ? -1 : x.from > y.from ? 1 : x.to < y.to ? -1 : x.to > y.to ? 1 : 0));
  const linksByQuote = new Map<string, QuoteLink[]>();
  for (const l of links) {
    for (const id of [l.from, l.to]) {
      const list = linksByQuote.get(id);
      if (list) list.push(l);
      else linksByQuote.set(id, [l]);
    }
  }
  let byActor: CorpusState['mentionsByActor'] | undefined;
  return {
    config,
    documents,
    documentByPath,
    actors,
    actorById,
    mentions,
    // Built on first use: hovers, references, the Actors view and the readable summary need it, `analyze --json` does not.
    get mentionsByActor() {
      return (byActor ??= indexByActor(mentions));
    },
    quotes,
    quoteById,
    links,
    linksByQuote,
    annotationFiles: files,
    claims,
    problems,
    manualLinks,
    linkable,
  };
}

/** Every actor's mentions across the corpus, in document order. */
function indexByActor(mentions: Map<string, Mention[]>): CorpusState['mentionsByActor'] {
  const byActor: CorpusState['mentionsByActor'] = new Map();
  for (const [doc, list] of mentions) {
    for (const mention of list) {
      const entry = byActor.get(mention.actor);
      if (entry) entry.push({ doc, mention });
      else byActor.set(mention.actor, [{ doc, mention }]);
    }
  }
  return byActor;
}

function quoteAtAnchor(quotes: Map<string, ResolvedQuote[]>, docs: Map<string, SourceDocument>, source: string, anchor: import('../parse/annotations').Anchor): ResolvedQuote | undefined {
  const doc = docs.get(source);
  if (!doc) return undefined;
  const at = resolveAnchor(doc.text, anchor);
  if (at.status === 'orphaned') return undefined;
  return (quotes.get(source) ?? []).find((q) => q.start < at.end && at.start < q.end);
}

/**
 * The mention heading a speaker phrase, the one ending where the phrase ends: "Iraqi Prime Minister al-Sudani" is
 * al-Sudani, "Secretary of State Antony Blinken" is Blinken, but "the US generals" is not the United States. Before
 * "of" and a place or body, the head is what precedes it: "the Supreme Leader of Iran" is the Supreme Leader.
 */
function headMention(mentions: readonly Mention[], sp: { start: number; end: number; text: string }, kindOf: (actor: string) => string | undefined): Mention | undefined {
  const inside = mentionsWithin(mentions, sp.start, sp.end, false);
  const last = inside.find((m) => m.end >= sp.end);
  const of = sp.text.search(/\s+of\s+/i);
  if (last && !(of > 0 && last.start > sp.start + of && kindOf(last.actor) !== 'person')) return last;
  if (of <= 0) return undefined;
  const headEnd = sp.start + of;
  return inside.find((m) => m.start < headEnd && m.end >= headEnd);
}

/** Longer than any name or title reference: how far back a mention overlapping a span can start. */
const MAX_MENTION = 256;

/** Mentions (sorted by start) inside [start, end), or overlapping it unless `inside`, in order; by binary search. */
function mentionsWithin(mentions: readonly Mention[], start: number, end: number, inside: boolean): Mention[] {
  const from = inside ? start : start - MAX_MENTION;
  const lo = partitionPoint(mentions.length, (k) => mentions[k].start < from);
  const out: Mention[] = [];
  for (let k = lo; k < mentions.length && mentions[k].start < end; k++) {
    const m = mentions[k];
    if (inside ? m.end <= end : m.end > start) out.push(m);
  }
  return out;
}

function clip(s: string): string {
  return s.length > 60 ? s.slice(0, 57) + '...' : s;
}
