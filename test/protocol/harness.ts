/** What the protocol tests share: the server spawned over stdio as an editor would start it, and text helpers. */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, InitializeRequest, InitializedNotification, PublishDiagnosticsNotification, type ClientCapabilities, type Hover, type MarkupContent, type ProtocolConnection, type PublishDiagnosticsParams, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver-protocol/node';

export const ROOT = path.resolve(__dirname, '../../..');
export const CLI = path.join(ROOT, 'dist/cli.js');

export interface Server {
  conn: ProtocolConnection;
  child: ChildProcess;
  dir: string;
  /** The latest diagnostics per document URI. */
  diagnostics: Map<string, PublishDiagnosticsParams>;
  /** Every corroborate/status notification, in order. */
  statuses: { state: string; documents: number; links?: number }[];
  /** The kinds of work-done progress reported (begin, report, end). */
  progress: string[];
  /** The server's log messages, to see that it handled a notification that changes nothing. */
  logs: string[];
  /** Edits the server asked the client to apply (workspace/applyEdit), all accepted. */
  applied: WorkspaceEdit[];
  /** How many corroborate/stateChanged notifications arrived. */
  stateChanges: number;
}

/** Spawns `corroborate lsp --stdio` on a corpus folder and initializes it with the given client capabilities. */
export async function startServer(dir: string, capabilities: ClientCapabilities): Promise<Server> {
  const child = spawn(process.execPath, [CLI, 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const conn = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const server: Server = { conn, child, dir, diagnostics: new Map(), statuses: [], progress: [], logs: [], applied: [], stateChanges: 0 };
  conn.onNotification(PublishDiagnosticsNotification.method, (p: PublishDiagnosticsParams) => {
    server.diagnostics.set(p.uri, p);
  });
  conn.onNotification('corroborate/status', (s: Server['statuses'][number]) => {
    server.statuses.push(s);
  });
  conn.onRequest('window/workDoneProgress/create', () => null);
  conn.onNotification('$/progress', (p: { value: { kind: string } }) => {
    server.progress.push(p.value.kind);
  });
  conn.onNotification('corroborate/stateChanged', () => void server.stateChanges++);
  conn.onNotification('window/logMessage', (m: { message: string }) => {
    server.logs.push(m.message);
    if (process.env.CORROBORATE_DEBUG) console.error('server:', m.message);
  });
  conn.onRequest('workspace/applyEdit', (p: { edit: WorkspaceEdit }) => {
    server.applied.push(p.edit);
    return { applied: true };
  });
  conn.onRequest('workspace/codeLens/refresh', () => null);
  child.stderr!.on('data', (d) => process.stderr.write(`server stderr: ${d}`));
  conn.onRequest('client/registerCapability', () => null);
  conn.listen();
  const root = pathToFileURL(dir).toString();
  await conn.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: root, workspaceFolders: [{ uri: root, name: 'corpus' }], capabilities });
  await conn.sendNotification(InitializedNotification.type, {});
  return server;
}

/** What an editor declares: progress, watched files (plus `extra.workspace`), Markdown hovers. */
export function editorCapabilities(extra: ClientCapabilities = {}): ClientCapabilities {
  return { window: { workDoneProgress: true }, workspace: { didChangeWatchedFiles: { dynamicRegistration: true }, ...extra.workspace }, textDocument: { hover: { contentFormat: ['markdown'] } } };
}

/** True once the server said its index is ready. */
export const isReady = (s: Server) => s.statuses.some((x) => x.state === 'ready');

/** Polls `f` until it gives something truthy (never a fixed sleep); fails after `ms`. */
export async function until<T>(what: string, f: () => T | undefined | false | Promise<T | undefined | false>, ms = 10000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The position `delta` characters into the first occurrence of `needle`. */
export function pos(text: string, needle: string, delta = 1): { line: number; character: number } {
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, `${needle} in text`);
  const before = text.slice(0, offset + delta);
  const line = before.split('\n').length - 1;
  return { line, character: before.length - before.lastIndexOf('\n') - 1 };
}

/** The offset of an LSP position in a text. */
export function offsetOf(text: string, p: { line: number; character: number }): number {
  let offset = 0;
  for (let i = 0; i < p.line; i++) offset = text.indexOf('\n', offset) + 1;
  return offset + p.character;
}

/** Applies LSP text edits to a text (from the last to the first). */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => offsetOf(text, b.range.start) - offsetOf(text, a.range.start));
  for (const e of sorted) text = text.slice(0, offsetOf(text, e.range.start)) + e.newText + text.slice(offsetOf(text, e.range.end));
  return text;
}

export const hoverText = (h: Hover | null) => (h ? (h.contents as MarkupContent).value : '');
