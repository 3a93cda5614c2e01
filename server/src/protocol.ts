/**
 * Custom messages between the Corroborate client and server (shared by both sides; method names are the contract).
 * Standard LSP covers hover, definition, references, symbols, semantic tokens, folding, diagnostics and completion.
 */

/** Server → client notification: index state for the status bar. */
export const StatusNotification = 'corroborate/status';
export interface StatusParams {
  state: 'indexing' | 'ready';
  corpora: number;
  documents: number;
  actors: number;
  quotes: number;
  links: number;
  errors: number;
}

/** Client → server request: rebuild every corpus index from disk and open buffers; answers the new status. */
export const ReindexRequest = 'corroborate/reindex';

/** Client → server request: the actor under the cursor with all its mentions, or null. */
export const ActorAtRequest = 'corroborate/actorAt';
export interface ActorAtParams {
  textDocument: { uri: string };
  position: { line: number; character: number };
}
export interface ActorAtResult {
  id: string;
  name: string;
  kind: string;
  aliases: string[];
  mentions: { uri: string; range: { start: { line: number; character: number }; end: { line: number; character: number } }; preview: string; document: string }[];
}

/** Client → server request: quotations that carry the same statement as the one under the cursor, best first. */
export const RelatedQuotesRequest = 'corroborate/relatedQuotes';
export interface RelatedQuote {
  uri: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  text: string;
  document: string;
  relation: string;
  score: number;
  /** The quotation's id (for Compare Quotes and the link commands). */
  id?: string;
}

/** Client → server request: the corpus timeline (every corpus). Without `day`, every day with its counts, oldest first; with `day`, only that day and its events. */
export const TimelineRequest = 'corroborate/timeline';
export interface TimelineParams {
  day?: string;
}
export interface TimelineDayInfo {
  day: string;
  weekday: string;
  documents: number;
  quotations: number;
  claims: number;
}
export interface TimelineEventInfo {
  kind: 'document' | 'quotation' | 'claim';
  uri: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  label: string;
  detail: string;
  /** The document's label ("Outlet, YYYY-MM-DD" or its file name). */
  document: string;
  /** How the event was dated, in words. */
  why: string;
}
export interface TimelineResult {
  days: TimelineDayInfo[];
  /** The events of `day`, when one was asked for. */
  events?: TimelineEventInfo[];
}

/** A quotation as the quote commands show it (see core/features/quoteLinking.ts). */
export interface QuoteInfo {
  id: string;
  uri: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  text: string;
  kind: 'statement' | 'term';
  speaker: string | null;
  date: string | null;
  outlet: string | null;
  document: string;
}

/** Client → server request (params ActorAtParams): the quotation under the cursor and the ones linked to it, best first; null outside quotations. */
export const QuoteAtRequest = 'corroborate/quoteAt';
export interface QuoteAtResult {
  quote: QuoteInfo;
  related: (QuoteInfo & { score: number; relation: string; link: 'auto' | 'manual' })[];
}

/** Client → server request: quotations the one with `quoteId` could be linked to, most similar first, with how each pair is linked now. */
export const LinkCandidatesRequest = 'corroborate/linkCandidates';
export interface LinkCandidatesParams {
  /** Any file of the corpus (picks the corpus). */
  uri: string;
  quoteId: string;
  limit?: number;
}
export type LinkCandidate = QuoteInfo & { score: number; relation: string; link: 'auto' | 'manual' | 'rejected' | null };

/**
 * Client → server request: the workspace edit that links, confirms or unlinks two quotations in the annotation
 * files. The server only computes it; the client writes it atomically and sends FilesWrittenRequest. `edit` is null when
 * nothing needs to change (see `message`).
 */
export const QuoteLinkEditRequest = 'corroborate/quoteLinkEdit';
export interface QuoteLinkEditParams {
  uri: string;
  action: 'link' | 'confirm' | 'unlink';
  from: string;
  to: string;
}
export interface QuoteLinkEditResult {
  /** File creations and text edits (documentChanges). */
  edit: import('vscode-languageserver-types').WorkspaceEdit | null;
  /** Annotation files the edit writes. */
  files: string[];
  message: string;
  error?: string;
}

/** Client → server request: the text Compare Quotes shows for a quotation (outlet, date, speaker, then its words), or null. */
export const QuoteComparisonRequest = 'corroborate/quoteComparison';
export interface QuoteComparisonParams {
  uri: string;
  quoteId: string;
}

/**
 * Client → server request: the workspace edit of a registry command (Add Actor to corpus.yaml, Merge Actors, Split
 * Alias) on corpus.yaml and the annotation files. The server computes it; the client applies it as one undoable
 * edit. `edit` is null when the command cannot be done (`error` says why).
 */
export const ActorRegistryEditRequest = 'corroborate/actorRegistryEdit';
export interface ActorRegistryEditParams {
  /** A file of the corpus (a document, corpus.yaml) or the corpus folder. */
  uri: string;
  action: 'add' | 'merge' | 'split';
  actor: string;
  /** merge: the actor that stays; `actor` is merged into it. */
  into?: string;
  /** split: the spelling that becomes an actor of its own. */
  alias?: string;
}
export interface ActorRegistryEditResult {
  edit: import('vscode-languageserver-types').WorkspaceEdit | null;
  message: string;
  error?: string;
}

/** Client → server request: the actors of every corpus (or of the one holding `uri`) with their counts, most mentioned first. */
export const ActorsRequest = 'corroborate/actors';
export interface ActorsParams {
  uri?: string;
}
export interface ActorSummary {
  id: string;
  name: string;
  kind: string;
  declared: boolean;
  aliases: string[];
  mentions: number;
  documents: number;
}
export interface ActorsResult {
  corpora: { uri: string; name: string; actors: ActorSummary[] }[];
}

/** Client → server request: the documents that mention an actor, each with its mentions in order (most mentions first). */
export const ActorMentionsRequest = 'corroborate/actorMentions';
export interface ActorMentionsParams {
  /** The corpus folder's URI, as ActorsRequest gave it. */
  corpus: string;
  actor: string;
}
export interface ActorMentionsResult {
  documents: {
    uri: string;
    label: string;
    mentions: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string; preview: string }[];
  }[];
}

/** A claim as the editor shows it (see core/features/claims.ts); `uri`/`range` point into the article. */
export interface ClaimInfo {
  id: string;
  uri: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  /** The annotation file holding it. */
  annotationUri: string;
  status: 'exact' | 'moved' | 'fuzzy' | 'orphaned';
  exact: string;
  text: string;
  speaker: { id: string; name: string } | null;
  tags: { id: string; label: string; color: string }[];
  stance: string | null;
  date: string | null;
  note: string | null;
  score: number | null;
  document: string;
}

/** Client → server request: every claim of the corpus holding `uri` (of that document only when `document` is true), or of every corpus without `uri`. */
export const ClaimsRequest = 'corroborate/claims';
export interface ClaimsParams {
  uri?: string;
  document?: boolean;
}

/** Client → server request: what Tag Claim offers for a selection, or for the quotation under the cursor when the range is empty; null when there is nothing to tag. */
export const ClaimContextRequest = 'corroborate/claimContext';
export interface ClaimContextParams {
  textDocument: { uri: string };
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}
export interface ClaimContextResult {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  exact: string;
  from: 'selection' | 'quotation';
  speakers: { id: string; name: string; detail: string; suggested: boolean }[];
  unknownSpeaker: string | null;
  tags: { id: string; label: string; description: string | null; color: string; uses: number }[];
  date: string | null;
  dateDetail: string;
  stances: string[];
  existing: ClaimInfo[];
}

/** The fields of a claim a client sets; in `update`, null removes a field and a missing one is kept. */
export interface ClaimFieldsParams {
  speaker?: string | null;
  tags?: string[];
  stance?: 'asserts' | 'denies' | 'questions' | 'neutral' | null;
  date?: string | null;
  note?: string | null;
}

/**
 * Client → server request: the workspace edit of an annotation file that creates, updates, deletes or re-anchors a
 * claim of the article `uri`, or writes back every moved anchor of it (`refreshAnchors`). The server only computes
 * it; the client writes the new text atomically (keeping its own undo step) and then sends FilesWrittenRequest.
 */
export const ClaimEditRequest = 'corroborate/claimEdit';
export type ClaimEditParams = { uri: string } & (
  | ({ op: 'create'; range: ClaimContextParams['range'] } & ClaimFieldsParams)
  | { op: 'update'; id: string; changes: ClaimFieldsParams }
  | { op: 'delete'; id: string }
  | { op: 'reanchor'; id: string; range: ClaimContextParams['range'] }
  | { op: 'refreshAnchors' }
);
export interface ClaimEditResult {
  edit: import('vscode-languageserver-types').WorkspaceEdit | null;
  /** The claim created or changed. */
  id?: string;
  /** URIs of the files the edit writes. */
  files: string[];
  error?: string;
}

/** Client → server request: the edit of corpus.yaml that adds a tag to the codebook or declares a new actor (comments kept). */
export const CodebookEditRequest = 'corroborate/codebookEdit';
export interface CodebookEditParams {
  uri: string;
  tag?: { label: string; id?: string; description?: string };
  actor?: { name: string; id?: string; kind?: 'person' | 'organization' | 'place' | 'other' };
}

/**
 * Client → server request: the client wrote (or deleted) these files on disk itself, atomically, rather than through
 * an editor buffer. Resolves once the engine has read them again, so the next request sees the new text at once
 * instead of racing the file watcher.
 */
export const FilesWrittenRequest = 'corroborate/filesWritten';
export interface FilesWrittenParams {
  uris: string[];
}

/** Server → client notification: the corpus state changed (after diagnostics were published); views and decorations refresh. */
export const StateChangedNotification = 'corroborate/stateChanged';
