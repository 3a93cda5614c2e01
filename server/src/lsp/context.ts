/** What every feature handler gets from the server: the connection, open buffers, the corpora and ways to reach a state. */
import type { ClientCapabilities, Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CorpusState } from '../core/model/corpusState';
import type { Logger } from '../core/workspace';
import type { Corpus, CorpusSet } from './corpora';
import type { StatusParams } from '../protocol';

export interface FileContext {
  corpus: Corpus;
  /** Corpus-relative path. */
  path: string;
  state: CorpusState;
}

export interface ServerContext {
  connection: Connection;
  documents: TextDocuments<TextDocument>;
  corpora: CorpusSet;
  logger: Logger;
  /** Resolves once the initial index (or a reindex) is done. */
  ready(): Promise<void>;
  /** The state of the corpus holding a URI, after queued changes are applied; undefined outside every corpus. */
  stateFor(uri: string): Promise<FileContext | undefined>;
  /** Like stateFor, for a position in a source document, with its offset. */
  withOffset(uri: string, position: { line: number; character: number }): Promise<(FileContext & { offset: number }) | undefined>;
  /** True for corpus.yaml and annotation files. */
  isYaml(rel: string, corpus: Corpus): boolean;
  /** Rebuilds every corpus from disk and buffers. */
  reindex(): Promise<StatusParams>;
  /** Whether the client accepts semantic tokens spanning lines. */
  multilineTokens(): boolean;
  /** What the client said it supports at initialization. */
  clientCapabilities(): ClientCapabilities;
  /** Republishes diagnostics soon (after an edit that the engine does not see as a file change). */
  schedulePublish(): void;
}

/** A feature module: registers its handlers on the connection. */
export type FeatureRegistration = (ctx: ServerContext) => void;
