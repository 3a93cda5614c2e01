/** Actors over the protocol: rename of an actor id, the registry edits (requests and code actions), the Actors view requests. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, mkdirSync, renameSync, unlinkSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  DidOpenTextDocumentNotification,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  PrepareRenameRequest,
  RenameRequest,
  CodeActionRequest,
  DocumentHighlightRequest,
  FileChangeType,
  type WorkspaceEdit,
  type TextDocumentEdit,
  type CreateFile,
  type TextEdit,
  type CodeAction,
  type Range } from 'vscode-languageserver-protocol/node';
import type { ActorMentionsResult, ActorRegistryEditResult, ActorsResult } from '../../server/src/protocol';
import { applyEdits, isReady, offsetOf, pos, ROOT, startServer, until, type Server } from './harness';

interface Client extends Server {
  /** Versions of the documents this test opened: edits to them go to the buffer, as in an editor. */
  opened: Map<string, number>;
}

async function startClient(dir: string): Promise<Client> {
  const server = await startServer(dir, {
    workspace: { didChangeWatchedFiles: { dynamicRegistration: true }, workspaceEdit: { documentChanges: true, resourceOperations: ['create'] } },
    textDocument: { rename: { prepareSupport: true } } });
  const client: Client = Object.assign(server, { opened: new Map<string, number>() });
  await until('index ready', () => isReady(client));
  return client;
}

function open(c: Client, rel: string): { uri: string; text: string } {
  const file = path.join(c.dir, rel);
  const text = readFileSync(file, 'utf8');
  const uri = pathToFileURL(file).toString();
  if (!c.opened.has(uri)) void c.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: rel.endsWith('.yaml') ? 'yaml' : 'corroborate', version: 1, text } });
  c.opened.set(uri, c.opened.get(uri) ?? 1);
  return { uri, text };
}

/** Applies a WorkspaceEdit to the files on disk, as a client would, and tells the server. Returns the files written. */
async function applyToDisk(c: Client, edit: WorkspaceEdit): Promise<Map<string, string>> {
  const written = new Map<string, string>();
  const changes: { uri: string; type: FileChangeType }[] = [];
  for (const change of edit.documentChanges ?? []) {
    if ('kind' in change) {
      const file = new URL((change as CreateFile).uri);
      if (!existsSync(file)) {
        writeFileSync(file, '');
        changes.push({ uri: (change as CreateFile).uri, type: FileChangeType.Created });
      }
      continue;
    }
    const tde = change as TextDocumentEdit;
    const file = new URL(tde.textDocument.uri);
    const next = applyEdits(readFileSync(file, 'utf8'), tde.edits as TextEdit[]);
    writeFileSync(file, next);
    written.set(path.relative(c.dir, file.pathname), next);
    const version = c.opened.get(tde.textDocument.uri);
    if (version !== undefined) {
      c.opened.set(tde.textDocument.uri, version + 1);
      await c.conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: tde.textDocument.uri, version: version + 1 }, contentChanges: [{ text: next }] });
    } else if (!changes.some((x) => x.uri === tde.textDocument.uri)) changes.push({ uri: tde.textDocument.uri, type: FileChangeType.Changed });
  }
  if (changes.length) await c.conn.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
  return written;
}

const actors = (c: Client) => c.conn.sendRequest<ActorsResult>('corroborate/actors', {});
const byId = async (c: Client, id: string) => (await actors(c)).corpora[0].actors.find((a) => a.id === id);

let dir: string;
let rawDir: string;
let c: Client;
let raw: Client;

before(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'corroborate-actors-'));
  cpSync(path.join(ROOT, 'samples'), dir, { recursive: true });
  rawDir = mkdtempSync(path.join(os.tmpdir(), 'corroborate-raw-'));
  mkdirSync(path.join(rawDir, 'news'));
  writeFileSync(path.join(rawDir, 'news', 'a.txt'), 'TEHRAN, July 21, 2020 — Iraqi Prime Minister Mustafa al-Kadhimi met Ayatollah Ali Khamenei. Later, Kadhimi met Hassan Rouhani.\n');
  [c, raw] = await Promise.all([startClient(dir), startClient(rawDir)]);
});

after(() => {
  for (const x of [c, raw]) if (x.child.exitCode === null) x.child.kill();
  rmSync(dir, { recursive: true, force: true });
  rmSync(rawDir, { recursive: true, force: true });
});

test('actors request: every actor with its counts, most mentioned first; mentions request: documents and ranges', async () => {
  const res = await actors(c);
  assert.equal(res.corpora.length, 1);
  const list = res.corpora[0].actors;
  assert.ok(list.length > 10);
  for (let i = 1; i < list.length; i++) assert.ok(list[i - 1].mentions >= list[i].mentions, 'sorted by mentions');
  const k = list.find((a) => a.id === 'khamenei')!;
  assert.equal(k.declared, true);
  assert.equal(k.kind, 'person');
  assert.ok(k.mentions >= 10 && k.documents >= 5, JSON.stringify(k));
  const m = await c.conn.sendRequest<ActorMentionsResult>('corroborate/actorMentions', { corpus: res.corpora[0].uri, actor: 'khamenei' });
  assert.equal(m.documents.length, k.documents);
  assert.equal(m.documents.reduce((n, d) => n + d.mentions.length, 0), k.mentions);
  for (const d of m.documents) {
    const lines = readFileSync(new URL(d.uri), 'utf8').split('\n');
    for (const x of d.mentions) {
      assert.equal(lines[x.range.start.line].slice(x.range.start.character, x.range.end.character), x.text);
      assert.ok(x.preview.includes(x.text));
    }
  }
});

test('rename: prepareRename on an id in corpus.yaml; the edit renames it there and in every claim naming it', async () => {
  const { uri, text } = open(c, 'corpus.yaml');
  const at = pos(text, 'id: al-sudani', 6);
  const prep = (await c.conn.sendRequest(PrepareRenameRequest.type, { textDocument: { uri }, position: at })) as { range: Range; placeholder: string };
  assert.equal(prep.placeholder, 'al-sudani');
  const edit = (await c.conn.sendRequest(RenameRequest.type, { textDocument: { uri }, position: at, newName: 'sudani' }))!;
  const files = (edit.documentChanges as TextDocumentEdit[]).map((d) => path.relative(dir, new URL(d.textDocument.uri).pathname)).sort();
  assert.deepEqual(files, ['annotations/articles/2025-01-08-caspian-wire.md.yaml', 'corpus.yaml']);
  const cfg = (edit.documentChanges as TextDocumentEdit[]).find((d) => d.textDocument.uri === uri)!;
  assert.equal(cfg.textDocument.version, 1, 'guarded by the open buffer version');
  assert.equal(applyEdits(text, cfg.edits as TextEdit[]), text.replace('id: al-sudani', 'id: sudani'));
  // Not on an id: nothing to rename.
  assert.equal(await c.conn.sendRequest(PrepareRenameRequest.type, { textDocument: { uri }, position: pos(text, 'kind: person', 2) }), null);
});

test('rename from a mention in an article and from a claim speaker; invalid or taken ids are refused with a message', async () => {
  const art = open(c, 'articles/2020-07-21-tigris-review.md');
  const at = pos(art.text, 'Ayatollah Ali Khamenei', 15);
  const prep = (await c.conn.sendRequest(PrepareRenameRequest.type, { textDocument: { uri: art.uri }, position: at })) as { placeholder: string };
  assert.equal(prep.placeholder, 'khamenei');
  const edit = (await c.conn.sendRequest(RenameRequest.type, { textDocument: { uri: art.uri }, position: at, newName: 'ali-khamenei' }))!;
  const paths = (edit.documentChanges as TextDocumentEdit[]).map((d) => path.relative(dir, new URL(d.textDocument.uri).pathname));
  assert.equal(paths.length, 4, paths.join());
  assert.ok(paths.includes('corpus.yaml'));
  const claims = open(c, 'annotations/articles/2025-01-08-caspian-wire.md.yaml');
  const sp = (await c.conn.sendRequest(PrepareRenameRequest.type, { textDocument: { uri: claims.uri }, position: pos(claims.text, 'speaker: al-sudani', 11) })) as { placeholder: string };
  assert.equal(sp.placeholder, 'al-sudani');
  await assert.rejects(c.conn.sendRequest(RenameRequest.type, { textDocument: { uri: art.uri }, position: at, newName: 'Ali K' }), /not a valid actor id/);
  await assert.rejects(c.conn.sendRequest(RenameRequest.type, { textDocument: { uri: art.uri }, position: at, newName: 'iran' }), /already used/);
});

test('code actions on a discovered mention: Add to corpus.yaml (with the edit) and Merge (a command); applied, the actor is declared', async () => {
  const { uri, text } = open(c, 'articles/2020-07-21-tigris-review.md');
  const at = pos(text, 'Adel Abdul Mahdi', 2);
  const acts = (await c.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: { start: at, end: at }, context: { diagnostics: [] } })) as CodeAction[];
  const add = acts.find((a) => a.title === "Add 'Adel Abdul Mahdi' to corpus.yaml");
  assert.ok(add?.edit, JSON.stringify(acts.map((a) => a.title)));
  const merge = acts.find((a) => a.title.startsWith("Merge 'Adel Abdul Mahdi' into"));
  assert.equal(merge?.command?.command, 'corroborate.mergeActors');
  const before = readFileSync(path.join(dir, 'corpus.yaml'), 'utf8');
  const written = await applyToDisk(c, add!.edit!);
  const after = written.get('corpus.yaml')!;
  assert.ok(after.startsWith(before.slice(0, before.indexOf('\nsettings:'))), 'the user text before the new entry is untouched');
  assert.match(after, /\n  - id: adel-abdul-mahdi\n    kind: person\n    name: Adel Abdul Mahdi\n/);
  await until('declared', async () => (await byId(c, 'adel-abdul-mahdi'))?.declared);
});

test('registry requests: Split Alias and Merge Actors return edits; impossible ones an error', async () => {
  const doc = pathToFileURL(path.join(dir, 'articles/2020-07-21-tigris-review.md')).toString();
  const split = await c.conn.sendRequest<ActorRegistryEditResult>('corroborate/actorRegistryEdit', { uri: doc, action: 'split', actor: 'soleimani', alias: 'General Soleimani' });
  assert.equal(split.error, undefined);
  const splitText = applyEdits(readFileSync(path.join(dir, 'corpus.yaml'), 'utf8'), (split.edit!.documentChanges![0] as TextDocumentEdit).edits as TextEdit[]);
  assert.match(splitText, /aliases: \[Qassem Soleimani, Qasem Soleimani, Soleimani\]/);
  assert.match(splitText, /  - id: general-soleimani\n    kind: person\n    name: General Soleimani\n/);
  const merge = await c.conn.sendRequest<ActorRegistryEditResult>('corroborate/actorRegistryEdit', { uri: doc, action: 'merge', actor: 'raisi', into: 'rouhani' });
  assert.equal(merge.message, "Merged 'Ebrahim Raisi' into 'Hassan Rouhani'");
  const mergedText = applyEdits(readFileSync(path.join(dir, 'corpus.yaml'), 'utf8'), (merge.edit!.documentChanges![0] as TextDocumentEdit).edits as TextEdit[]);
  assert.match(mergedText, /aliases: \[Hassan Rouhani, President Rouhani, Rouhani, Ebrahim Raisi, President Raisi, Raisi\]/);
  assert.doesNotMatch(mergedText, /id: raisi/);
  const bad = await c.conn.sendRequest<ActorRegistryEditResult>('corroborate/actorRegistryEdit', { uri: doc, action: 'split', actor: 'soleimani', alias: 'Qassem Soleimani' });
  assert.equal(bad.edit, null);
  assert.match(bad.error!, /is the name of/);
});

test('Add Actor in a raw corpus creates corpus.yaml (a CreateFile, then its text), and the actor is declared', async () => {
  const doc = pathToFileURL(path.join(rawDir, 'news', 'a.txt')).toString();
  const list = (await actors(raw)).corpora[0].actors;
  const kadhimi = list.find((a) => a.name === 'Mustafa al-Kadhimi')!;
  assert.equal(kadhimi.declared, false);
  const res = await raw.conn.sendRequest<ActorRegistryEditResult>('corroborate/actorRegistryEdit', { uri: doc, action: 'add', actor: kadhimi.id });
  const [create, text] = res.edit!.documentChanges!;
  assert.equal((create as CreateFile).kind, 'create');
  assert.ok((create as CreateFile).uri.endsWith('/corpus.yaml'));
  await applyToDisk(raw, res.edit!);
  const yaml = readFileSync(path.join(rawDir, 'corpus.yaml'), 'utf8');
  assert.equal(yaml, `actors:\n  - aliases: [Kadhimi]\n    id: ${kadhimi.id}\n    kind: person\n    name: Mustafa al-Kadhimi\nversion: 1\n`);
  assert.ok(text);
  await until('declared in the raw corpus', async () => (await actors(raw)).corpora[0]?.actors.find((a) => a.id === kadhimi.id)?.declared);
});

test('document highlight: every mention of the actor in this file, whatever the spelling; none off a name', async () => {
  const { uri, text } = open(c, 'articles/2020-07-21-tigris-review.md');
  const at = text.indexOf('Khamenei said');
  const highlights = await c.conn.sendRequest(DocumentHighlightRequest.type, { textDocument: { uri }, position: pos(text, 'Khamenei said') });
  assert.ok(highlights && highlights.length >= 3, JSON.stringify(highlights));
  const texts = highlights.map((h) => text.slice(offsetOf(text, h.range.start), offsetOf(text, h.range.end)));
  assert.ok(texts.includes('Ali Khamenei') && texts.includes('Khamenei'), texts.join('|'));
  assert.ok(highlights.some((h) => offsetOf(text, h.range.start) === at));
  assert.ok(!texts.some((t) => /Kadhimi|Soleimani/.test(t)), 'other actors are not highlighted');
  const none = await c.conn.sendRequest(DocumentHighlightRequest.type, { textDocument: { uri }, position: pos(text, 'promised that', 2) });
  assert.ok(!none || none.length === 0);
});

test('Split Alias applied: "Kadhimi" resolves to the new actor, the other spellings stay with al-kadhimi', async () => {
  const doc = pathToFileURL(path.join(dir, 'articles/2020-07-21-tigris-review.md')).toString();
  const corpus = (await actors(c)).corpora[0].uri;
  const mentionTexts = async (id: string) => (await c.conn.sendRequest<ActorMentionsResult>('corroborate/actorMentions', { corpus, actor: id })).documents.flatMap((d) => d.mentions.map((m) => m.text));
  const before = (await mentionTexts('al-kadhimi')).filter((t) => t === 'Kadhimi').length;
  assert.ok(before > 0);
  const split = await c.conn.sendRequest<ActorRegistryEditResult>('corroborate/actorRegistryEdit', { uri: doc, action: 'split', actor: 'al-kadhimi', alias: 'Kadhimi' });
  assert.equal(split.error, undefined);
  await applyToDisk(c, split.edit!);
  const moved = await until('split applied', async () => ((await byId(c, 'kadhimi'))?.mentions ? mentionTexts('kadhimi') : undefined));
  assert.equal(moved.length, before);
  assert.ok(moved.every((t) => t === 'Kadhimi'));
  const rest = await mentionTexts('al-kadhimi');
  assert.ok(rest.length > 0 && rest.every((t) => t !== 'Kadhimi'), rest.join('|'));
});

test('watched files: a deleted article leaves the index, a renamed one is indexed under its new name', async () => {
  const corpus = (await actors(c)).corpora[0].uri;
  const docsOf = async (id: string) => (await c.conn.sendRequest<ActorMentionsResult>('corroborate/actorMentions', { corpus, actor: id })).documents.map((d) => d.uri);
  const fromRel = 'articles/2022-11-29-gulf-ledger.md';
  const toRel = 'articles/2022-11-29-gulf-ledger-renamed.md';
  const from = pathToFileURL(path.join(dir, fromRel)).toString();
  const to = pathToFileURL(path.join(dir, toRel)).toString();
  assert.ok((await docsOf('khamenei')).includes(from));
  renameSync(path.join(dir, fromRel), path.join(dir, toRel));
  await c.conn.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: from, type: FileChangeType.Deleted }, { uri: to, type: FileChangeType.Created }] });
  await until('renamed', async () => {
    const docs = await docsOf('khamenei');
    return docs.includes(to) && !docs.includes(from);
  });
  const victim = 'articles/2025-01-08-caspian-wire.md';
  const victimUri = pathToFileURL(path.join(dir, victim)).toString();
  assert.ok((await docsOf('khamenei')).includes(victimUri));
  const count = (await byId(c, 'khamenei'))!.documents;
  unlinkSync(path.join(dir, victim));
  await c.conn.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: victimUri, type: FileChangeType.Deleted }] });
  await until('deleted', async () => !(await docsOf('khamenei')).includes(victimUri));
  assert.equal((await byId(c, 'khamenei'))!.documents, count - 1);
  assert.ok((await docsOf('khamenei')).includes(to), 'the other documents stay');
});
