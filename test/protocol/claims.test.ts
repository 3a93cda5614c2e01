/** Claims over the protocol: Tag Claim suggestions and edits, code actions, anchors written back on save, files changed on disk. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  DidOpenTextDocumentNotification,
  DidChangeTextDocumentNotification,
  DidSaveTextDocumentNotification,
  HoverRequest,
  CodeActionRequest,
  ShutdownRequest,
  ExitNotification,
  type Hover,
  type MarkupContent,
  type CodeAction,
  type WorkspaceEdit,
  type TextDocumentEdit,
  type CreateFile,
  type Range,
} from 'vscode-languageserver-protocol/node';
import type { ClaimContextResult, ClaimEditResult, ClaimInfo } from '../../server/src/protocol';
import { isReady, offsetOf, ROOT, startServer, until, type Server } from './harness';

const ARTICLE = 'articles/2025-01-08-caspian-wire.md';
const NOTES = 'annotations/articles/2025-01-08-caspian-wire.md.yaml';

type Client = Server;

/** Starts `corroborate lsp --stdio` on a copy of samples/; `watches` says whether the client watches files for the server. */
async function startClient(watches: boolean): Promise<Client> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'corroborate-claims-'));
  cpSync(path.join(ROOT, 'samples'), dir, { recursive: true });
  const client = await startServer(dir, {
    workspace: { applyEdit: true, workspaceEdit: { documentChanges: true, resourceOperations: ['create'] }, ...(watches ? { didChangeWatchedFiles: { dynamicRegistration: true } } : {}) },
    textDocument: { hover: { contentFormat: ['markdown'] }, synchronization: { didSave: true } } });
  await until('index ready', () => isReady(client));
  return client;
}

async function stop(c: Client): Promise<void> {
  await c.conn.sendRequest(ShutdownRequest.type).catch(() => undefined);
  await c.conn.sendNotification(ExitNotification.type).catch(() => undefined);
  if (c.child.exitCode === null) c.child.kill();
  rmSync(c.dir, { recursive: true, force: true });
}

const uriOf = (c: Client, rel: string) => pathToFileURL(path.join(c.dir, rel)).toString();
const read = (c: Client, rel: string) => readFileSync(path.join(c.dir, rel), 'utf8');

function positionOf(text: string, offset: number) {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

function rangeOf(text: string, needle: string, from = 0): Range {
  const start = text.indexOf(needle, from);
  assert.ok(start >= 0, `${needle} in text`);
  return { start: positionOf(text, start), end: positionOf(text, start + needle.length) };
}

/** Applies a workspace edit to the files on disk, as an editor would, and tells the server about it. */
async function applyToDisk(c: Client, edit: WorkspaceEdit, notify = true): Promise<void> {
  const touched: string[] = [];
  for (const change of edit.documentChanges ?? []) {
    if ('kind' in change) {
      const file = fileURLToPath((change as CreateFile).uri);
      if (!existsSync(file)) writeFileSync(file, '');
      continue;
    }
    const e = change as TextDocumentEdit;
    const file = fileURLToPath(e.textDocument.uri);
    let text = readFileSync(file, 'utf8');
    const edits = [...e.edits].map((x) => ({ start: offsetOf(text, (x as { range: Range }).range.start), end: offsetOf(text, (x as { range: Range }).range.end), newText: (x as { newText: string }).newText }));
    for (const x of edits.sort((a, b) => b.start - a.start)) text = text.slice(0, x.start) + x.newText + text.slice(x.end);
    writeFileSync(file, text);
    touched.push(e.textDocument.uri);
  }
  if (notify) await c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: touched.map((uri) => ({ uri, type: 2 })) });
}

const claimsOf = (c: Client, rel: string) => c.conn.sendRequest<ClaimInfo[]>('corroborate/claims', { uri: uriOf(c, rel), document: true });
const codes = (c: Client, rel: string) => (c.diagnostics.get(uriOf(c, rel))?.diagnostics ?? []).map((d) => String(d.code));

let c: Client;
before(async () => {
  c = await startClient(true);
});
after(async () => {
  await stop(c);
});

test('tag claim: suggestions for the quotation under the cursor, a claim created, listed, hovered, edited and deleted', async () => {
  const rel = 'articles/2022-11-29-gulf-ledger.md';
  const text = read(c, rel);
  const uri = uriOf(c, rel);
  const at = text.indexOf('The security of Iraq') + 3;
  const ctx = await c.conn.sendRequest<ClaimContextResult | null>('corroborate/claimContext', { textDocument: { uri }, range: { start: positionOf(text, at), end: positionOf(text, at) } });
  assert.ok(ctx, 'a quotation under the cursor');
  assert.equal(ctx.from, 'quotation');
  assert.ok(ctx.speakers.length > 3 && ctx.tags.length > 3);
  assert.match(ctx.date ?? '', /^\d{4}-\d{2}-\d{2}$/);
  assert.equal(text.slice(offsetOf(text, ctx.range.start), offsetOf(text, ctx.range.end)), ctx.exact);

  const noteFile = 'annotations/articles/2022-11-29-gulf-ledger.md.yaml';
  assert.ok(!existsSync(path.join(c.dir, noteFile)));
  const speaker = ctx.speakers[0].id;
  const created = await c.conn.sendRequest<ClaimEditResult>('corroborate/claimEdit', { uri, op: 'create', range: ctx.range, speaker, tags: [ctx.tags[1].id], date: ctx.date, stance: 'asserts', note: 'first' });
  assert.equal(created.error, undefined);
  assert.match(created.id ?? '', /^claim-[0-9a-f]{8}$/);
  assert.deepEqual(created.files, [uriOf(c, noteFile)]);
  assert.ok((created.edit!.documentChanges![0] as CreateFile).kind === 'create', 'a new annotation file is created by the edit');
  const changesBefore = c.stateChanges;
  await applyToDisk(c, created.edit!);
  const listed = await until('claim listed', async () => (await claimsOf(c, rel)).find((x) => x.id === created.id));
  assert.deepEqual([listed.speaker?.id, listed.tags.map((t) => t.id), listed.note, listed.status], [speaker, [ctx.tags[1].id], 'first', 'exact']);
  assert.match(listed.tags[0].color, /^#[0-9a-f]{6}$/i);
  await until('state-changed notification', () => c.stateChanges > changesBefore);

  const hover = await c.conn.sendRequest<Hover | null>(HoverRequest.method, { textDocument: { uri }, position: positionOf(text, at) });
  const md = (hover?.contents as MarkupContent).value;
  assert.match(md, /\*\*Claim\*\*/);
  assert.match(md, new RegExp(`command:corroborate\\.editClaim\\?[^)]*${encodeURIComponent(created.id!)}`));

  const updated = await c.conn.sendRequest<ClaimEditResult>('corroborate/claimEdit', { uri, op: 'update', id: created.id, changes: { note: null, tags: [ctx.tags[0].id, ctx.tags[1].id] } });
  await applyToDisk(c, updated.edit!);
  await until('claim updated', async () => {
    const x = (await claimsOf(c, rel)).find((y) => y.id === created.id);
    return x && x.note === null && x.tags.length === 2;
  });
  const deleted = await c.conn.sendRequest<ClaimEditResult>('corroborate/claimEdit', { uri, op: 'delete', id: created.id });
  await applyToDisk(c, deleted.edit!);
  await until('claim deleted', async () => (await claimsOf(c, rel)).length === 0);
  const missing = await c.conn.sendRequest<ClaimEditResult>('corroborate/claimEdit', { uri, op: 'delete', id: created.id });
  assert.match(missing.error ?? '', /no claim/);
});

test('codebook: a new tag is added to corpus.yaml by a workspace edit that keeps its comments', async () => {
  const before = read(c, 'corpus.yaml');
  const r = await c.conn.sendRequest<ClaimEditResult>('corroborate/codebookEdit', { uri: uriOf(c, ARTICLE), tag: { label: 'Threats of force' } });
  assert.equal(r.id, 'threats-of-force');
  await applyToDisk(c, r.edit!);
  const after = read(c, 'corpus.yaml');
  assert.ok(after.startsWith(before.split('\n').slice(0, 4).join('\n')), 'header comments kept');
  assert.match(after, /- id: threats-of-force\n\s+label: Threats of force\n/);
  const rel = 'articles/2025-01-09-baghdad-evening-post.txt';
  const text = read(c, rel);
  await until('tag offered', async () => {
    const ctx = await c.conn.sendRequest<ClaimContextResult | null>('corroborate/claimContext', { textDocument: { uri: uriOf(c, rel) }, range: rangeOf(text, 'Hashd') });
    return ctx?.tags.some((t) => t.id === 'threats-of-force');
  });
});

test('re-anchoring: an edit before the claims moves them; saving the article writes the new anchors atomically', async () => {
  const uri = uriOf(c, ARTICLE);
  const text = read(c, ARTICLE);
  const bodyStart = text.indexOf('\n---\n') + 5;
  void c.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'corroborate', version: 1, text } });
  const insert = 'EDITOR’S NOTE: corrected on 9 January.\n\n';
  const edited = text.slice(0, bodyStart) + insert + text.slice(bodyStart);
  void c.conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 2 }, contentChanges: [{ range: { start: positionOf(text, bodyStart), end: positionOf(text, bodyStart) }, text: insert }] });
  const moved = await until('claims moved', async () => {
    const list = await claimsOf(c, ARTICLE);
    return list.length === 3 && list.every((x) => x.status === 'moved') && list;
  });
  for (const m of moved) assert.equal(edited.slice(offsetOf(edited, m.range.start), offsetOf(edited, m.range.end)), m.exact);
  await until('anchor-moved diagnostics', () => codes(c, NOTES).filter((x) => x === 'anchor-moved').length === 3);
  assert.equal(read(c, NOTES).includes(`start: 471`), true, 'nothing written before the save');

  writeFileSync(path.join(c.dir, ARTICLE), edited);
  void c.conn.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri } });
  await until('annotation file rewritten', () => read(c, NOTES).includes(`start: ${471 + insert.length}`));
  assert.deepEqual(readdirSync(path.join(c.dir, 'annotations/articles')).filter((f) => f.startsWith('.')), [], 'no temporary file left');
  await until('claims exact again', async () => (await claimsOf(c, ARTICLE)).every((x) => x.status === 'exact'));
  await until('moved diagnostics gone', () => !codes(c, NOTES).includes('anchor-moved'));
});

test('anchors written back while the annotation file is open and clean: written on disk, no buffer edit left unsaved', async () => {
  const own = await startClient(true);
  try {
    const uri = uriOf(own, ARTICLE);
    const notesUri = uriOf(own, NOTES);
    const text = read(own, ARTICLE);
    const notes = read(own, NOTES);
    void own.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: notesUri, languageId: 'yaml', version: 1, text: notes } });
    void own.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'corroborate', version: 1, text } });
    const bodyStart = text.indexOf('\n---\n') + 5;
    const insert = 'Updated.\n\n';
    const edited = text.slice(0, bodyStart) + insert + text.slice(bodyStart);
    void own.conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 2 }, contentChanges: [{ text: edited }] });
    await until('claims moved', async () => (await claimsOf(own, ARTICLE)).every((x) => x.status === 'moved'));
    writeFileSync(path.join(own.dir, ARTICLE), edited);
    void own.conn.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri } });
    await until('annotation file rewritten on disk', () => read(own, NOTES).includes(`start: ${471 + insert.length}`));
    assert.deepEqual(own.applied, [], 'no edit of the open buffer (it would stay unsaved)');
    assert.deepEqual(readdirSync(path.join(own.dir, 'annotations/articles')).filter((f) => f.startsWith('.')), [], 'no temporary file left');
  } finally {
    await stop(own);
  }
});

test('files written by the client: the next request sees them, without waiting for the file watcher', async () => {
  const own = await startClient(true);
  try {
    const file = path.join(own.dir, NOTES);
    const before = readFileSync(file, 'utf8');
    writeFileSync(file, before.replace('tags: [us-presence-illegal]', 'tags: [us-presence]'));
    await own.conn.sendRequest('corroborate/filesWritten', { uris: [uriOf(own, NOTES)] });
    const list = await claimsOf(own, ARTICLE);
    assert.deepEqual(list.find((x) => x.id === 'claim-c8f2e615')!.tags.map((t) => t.id), ['us-presence']);
  } finally {
    await stop(own);
  }
});

test('orphaned claim: diagnostics in both files, quick fixes re-anchor it to the selection or delete it', async () => {
  const uri = uriOf(c, ARTICLE);
  const text = read(c, ARTICLE);
  const exact = 'an essential pillar of the Iraqi state’s strength';
  const replaced = text.replace(exact, 'a key part of what keeps Iraq standing');
  void c.conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 3 }, contentChanges: [{ text: replaced }] });
  await until('orphan diagnostics', () => codes(c, ARTICLE).includes('claim-orphaned') && codes(c, NOTES).includes('anchor-orphaned'));
  const diag = c.diagnostics.get(uri)!.diagnostics.find((d) => d.code === 'claim-orphaned')!;
  assert.match(String(diag.message), /claim claim-5a17d2b4 is orphaned/);
  const selection = rangeOf(replaced, 'a key part of what keeps Iraq standing');
  const actions = await c.conn.sendRequest<CodeAction[]>(CodeActionRequest.method, { textDocument: { uri }, range: selection, context: { diagnostics: [diag] } });
  const titles = actions.map((a) => a.title);
  assert.ok(titles.some((t) => /^Re-anchor claim claim-5a17d2b4/.test(t)), titles.join(' | '));
  assert.ok(titles.includes('Delete orphaned claim claim-5a17d2b4'));
  const inFile = c.diagnostics.get(uriOf(c, NOTES))!.diagnostics.find((d) => d.code === 'anchor-orphaned')!;
  const fileActions = await c.conn.sendRequest<CodeAction[]>(CodeActionRequest.method, { textDocument: { uri: uriOf(c, NOTES) }, range: inFile.range, context: { diagnostics: [inFile] } });
  assert.deepEqual(fileActions.map((a) => a.title), ['Delete orphaned claim claim-5a17d2b4']);

  await applyToDisk(c, actions.find((a) => a.title.startsWith('Re-anchor'))!.edit!);
  await until('re-anchored', async () => (await claimsOf(c, ARTICLE)).find((x) => x.id === 'claim-5a17d2b4')?.status === 'exact');
  const saved = read(c, NOTES);
  assert.match(saved, /exact: "a key part of what keeps Iraq standing"/);
  assert.match(saved, /id: claim-5a17d2b4\n\s+note: "Al-Sudani on the PMF, answering Khamenei."\n\s+speaker: al-sudani/, 'the other fields are kept');
  await until('orphan diagnostics gone', () => !codes(c, ARTICLE).includes('claim-orphaned'));
});

test('an annotation file with conflict markers is diagnosed and never overwritten until it parses again', async () => {
  const file = path.join(c.dir, NOTES);
  const good = readFileSync(file, 'utf8');
  const conflicted = good.replace('    speaker: al-sudani\n', '<<<<<<< HEAD\n    speaker: al-sudani\n=======\n    speaker: sudani\n>>>>>>> theirs\n');
  writeFileSync(file, conflicted);
  await c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(c, NOTES), type: 2 }] });
  await until('conflict diagnostic', () => codes(c, NOTES).includes('annotation-conflict'));
  const uri = uriOf(c, ARTICLE);
  const text = (await c.conn.sendRequest<ClaimInfo[]>('corroborate/claims', { uri, document: true })).length;
  assert.equal(text, 0, 'claims of an unreadable file are not shown as if they were gone from the article');
  const doc = read(c, ARTICLE);
  const r = await c.conn.sendRequest<ClaimEditResult>('corroborate/claimEdit', { uri, op: 'create', range: rangeOf(doc, 'Iraq'), tags: [] });
  assert.equal(r.edit, null);
  assert.match(r.error ?? '', /cannot be changed until it parses again/);
  // Saving the article does not write re-found anchors into it either.
  const logged = c.logs.length;
  void c.conn.sendNotification(DidSaveTextDocumentNotification.type, { textDocument: { uri } });
  await until('the save handled', () => c.logs.slice(logged).some((m) => m.includes(`anchors of ${ARTICLE}`)));
  assert.equal(readFileSync(file, 'utf8'), conflicted, 'the file is left exactly as it is');
  writeFileSync(file, good);
  await c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(c, NOTES), type: 2 }] });
  await until('conflict resolved', () => !codes(c, NOTES).includes('annotation-conflict'));
  await until('claims back', async () => (await claimsOf(c, ARTICLE)).length === 3);
});

test('a change on disk by another program is picked up without restart, also by a client that watches nothing', async () => {
  const quiet = await startClient(false);
  try {
    await until('claims loaded', async () => (await claimsOf(quiet, ARTICLE)).length === 3);
    // Another program (a git pull) rewrites the annotation file: one claim gone, one retagged.
    const file = path.join(quiet.dir, NOTES);
    const before = readFileSync(file, 'utf8');
    const start = before.indexOf('  - anchor:', before.indexOf('claim-c8f2e615'));
    const end = before.indexOf('  - anchor:', start + 5);
    writeFileSync(file, (before.slice(0, start) + before.slice(end)).replace('tags: [us-presence-illegal]', 'tags: [us-presence]'));
    const list = await until('the server saw the change (its own watcher)', async () => {
      const l = await claimsOf(quiet, ARTICLE);
      return l.length === 2 && l;
    });
    assert.deepEqual(list.map((x) => x.id).sort(), ['claim-5a17d2b4', 'claim-c8f2e615']);
    assert.deepEqual(list.find((x) => x.id === 'claim-c8f2e615')!.tags.map((t) => t.id), ['us-presence']);
  } finally {
    await stop(quiet);
  }
});
