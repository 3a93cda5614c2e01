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
}
