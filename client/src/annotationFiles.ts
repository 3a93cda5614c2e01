/**
 * Writing annotation files the way the issue asks: atomically. A buffer save truncates the file and rewrites it in
 * place, so a crash or a full disk mid-save leaves half a file; instead the new text of each file is computed from
 * the server's workspace edit, written to a temporary sibling and renamed over the file. The server is then told
 * (FilesWrittenRequest) so the next request sees the new text, and an open clean buffer is given time to reload.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CreateFile, TextDocumentEdit, TextEdit, WorkspaceEdit } from 'vscode-languageserver-types';
import { FilesWrittenRequest } from '../../server/src/protocol';
import { writeFileAtomic } from '../../server/src/cli/atomicWrite';

/** One file's text before and after a change; null when the file does not exist (before creation, after deletion). */
export interface FileWrite {
  uri: vscode.Uri;
  before: string | null;
  after: string | null;
}

/** The open buffer of a file when it holds unsaved changes. */
export function dirtyBuffer(uri: vscode.Uri): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((d) => d.isDirty && d.uri.toString() === uri.toString());
}

/**
 * A file's current text, or null when it does not exist. The disk wins unless the buffer is dirty: an open clean
 * buffer reloads from disk asynchronously, so right after a write it may still hold the old text.
 */
export async function textOf(uri: vscode.Uri): Promise<string | null> {
  const dirty = dirtyBuffer(uri);
  if (dirty) return dirty.getText();
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return null;
  }
}

/** The new text of every file a server edit touches (text edits applied, file creations honoured), or why it cannot be written. */
export async function plannedWrites(edit: WorkspaceEdit): Promise<FileWrite[] | string> {
  const writes = new Map<string, FileWrite>();
  const entry = async (uriText: string): Promise<FileWrite> => {
    let w = writes.get(uriText);
    if (!w) {
      const uri = vscode.Uri.parse(uriText);
      if (dirtyBuffer(uri)) throw new Refusal(`${vscode.workspace.asRelativePath(uri)} has unsaved changes: save or revert it, then try again.`);
      const before = await textOf(uri);
      w = { uri, before, after: before };
      writes.set(uriText, w);
    }
    return w;
  };
  const applyEdits = (w: FileWrite, edits: TextEdit[]) => {
    w.after = TextDocument.applyEdits(TextDocument.create(w.uri.toString(), 'yaml', 0, w.after ?? ''), edits);
  };
  try {
    for (const change of edit.documentChanges ?? []) {
      if ('kind' in change) {
        if (change.kind !== 'create') return `unexpected file operation '${change.kind}' in an annotation edit`;
        const w = await entry((change as CreateFile).uri);
        if (w.after === null) w.after = '';
        else if (!(change as CreateFile).options?.ignoreIfExists && !(change as CreateFile).options?.overwrite) return `${vscode.workspace.asRelativePath(w.uri)} already exists`;
        continue;
      }
      const e = change as TextDocumentEdit;
      const w = await entry(e.textDocument.uri);
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === w.uri.toString());
      // The server computed the edit on the version it has; a buffer that moved on since would get it in the wrong place.
      if (e.textDocument.version !== null && open && open.version !== e.textDocument.version) return `${vscode.workspace.asRelativePath(w.uri)} changed meanwhile: try again.`;
      applyEdits(w, e.edits as TextEdit[]);
    }
    for (const [uri, edits] of Object.entries(edit.changes ?? {})) applyEdits(await entry(uri), edits);
  } catch (e) {
    if (e instanceof Refusal) return e.message;
    throw e;
  }
  return [...writes.values()].filter((w) => w.after !== w.before);
}

class Refusal extends Error {}

/** Writes each file's `after` text atomically (null deletes it), then lets the server and open buffers catch up. */
export async function writeAtomically(client: LanguageClient, files: { uri: vscode.Uri; after: string | null }[]): Promise<void> {
  for (const f of files) {
    if (f.after === null) await vscode.workspace.fs.delete(f.uri).then(undefined, () => undefined);
    else await writeOne(f.uri, f.after);
  }
  await Promise.all(files.map((f) => bufferShows(f.uri, f.after)));
  await client.sendRequest(FilesWrittenRequest, { uris: files.map((f) => f.uri.toString()) });
}

async function writeOne(uri: vscode.Uri, text: string): Promise<void> {
  // Node's rename, not vscode.workspace.fs.rename: with `overwrite` VS Code's file service deletes the target first
  // and then moves the temporary file, which leaves a moment with no file at all (and tells open editors it is gone).
  if (uri.scheme !== 'file') throw new Error(`cannot write ${uri.toString()} atomically: not a file on disk`);
  await writeFileAtomic(uri.fsPath, text);
}

/**
 * Resolves once an open buffer of `uri` shows `text` (it reloads from disk when the editor sees the change), so the
 * language server has its new content before the next request; at once when no buffer is open. Gives up after a
 * while rather than hang a command; the file on disk is right either way.
 */
function bufferShows(uri: vscode.Uri, text: string | null): Promise<void> {
  const matches = () => {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    return !doc || doc.isClosed || text === null || doc.getText() === text;
  };
  if (matches()) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      listener.dispose();
      clearTimeout(timer);
      resolve();
    };
    const listener = vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document.uri.toString() === uri.toString() && matches()) done();
    });
    const timer = setTimeout(done, 10_000);
  });
}
