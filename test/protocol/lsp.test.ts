import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DidOpenTextDocumentNotification, DidChangeTextDocumentNotification, HoverRequest, DefinitionRequest, ReferencesRequest, DocumentSymbolRequest, WorkspaceSymbolRequest, ShutdownRequest, ExitNotification, SemanticTokensRequest, FoldingRangeRequest, CompletionRequest, type Location, type DocumentSymbol, type CompletionItem } from 'vscode-languageserver-protocol/node';
import { editorCapabilities, hoverText, pos, ROOT, startServer, until, type Server } from './harness';

const SEED = path.resolve(ROOT, '../shared/corpus');

type Client = Server;

const startClient = (dir: string) => startServer(dir, editorCapabilities());

function open(c: Client, rel: string): { uri: string; text: string } {
  const file = path.join(c.dir, rel);
  const text = readFileSync(file, 'utf8');
  const uri = pathToFileURL(file).toString();
  void c.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'corroborate', version: 1, text } });
  return { uri, text };
}


let dir: string;
let c: Client;

before(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'corroborate-lsp-'));
  cpSync(path.join(ROOT, 'samples'), dir, { recursive: true });
  c = await startClient(dir);
  await until('index ready', () => c.statuses.find((s) => s.state === 'ready'));
});

after(async () => {
  if (c.child.exitCode === null) c.child.kill();
  rmSync(dir, { recursive: true, force: true });
});

test('indexing reports work-done progress and a status with counts', () => {
  assert.ok(c.progress.includes('begin') && c.progress.includes('end'), c.progress.join());
  assert.equal(c.statuses.find((s) => s.state === 'ready')?.documents, 7);
});

test('hover on an actor: canonical name, kind, role at the document date, aliases, counts, quotations', async () => {
  const { uri, text } = open(c, 'articles/2022-11-29-gulf-ledger.md');
  const h = hoverText(await c.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: pos(text, 'al-Sudani') }));
  assert.match(h, /\*\*Mohammed Shia' al-Sudani\*\* · person/);
  assert.match(h, /Prime Minister of Iraq\* on 2022-11-29/);
  assert.match(h, /Also: .*Muhammad Shiaa al-Sudani/);
  assert.match(h, /\d+ mentions in \d+ documents/);
  const k = hoverText(await c.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: pos(text, 'Ayatollah Ali Khamenei', 15) }));
  assert.match(k, /\*\*Ali Khamenei\*\* · person/);
  assert.match(k, /Quotations \(\d+\):/);
  assert.match(k, /\]\(file:\/\/.*#L\d+,\d+\)/, 'quotations link to their place');
});

test('hover on a relative date: ISO value, weekday, reference', async () => {
  const { uri, text } = open(c, 'articles/2020-07-22-caspian-wire.md');
  const h = hoverText(await c.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: pos(text, 'on Tuesday', 4) }));
  assert.match(h, /\*\*2020-07-21\*\* · Tuesday/);
  assert.match(h, /resolved against 2020-07-22/);
  assert.match(h, /Also on 2020-07-21 in \d+ other document/);
});

test('definition on a quotation lands on its other renderings in other documents; references list them', async () => {
  const { uri, text } = open(c, 'articles/2020-07-21-tigris-review.md');
  const at = pos(text, 'They murdered your guest', 5);
  const defs = (await c.conn.sendRequest(DefinitionRequest.type, { textDocument: { uri }, position: at })) as Location[];
  assert.ok(defs.length >= 1);
  const target = defs.find((d) => d.uri.endsWith('2020-07-22-caspian-wire.md'));
  assert.ok(target, JSON.stringify(defs));
  const targetText = readFileSync(new URL(target!.uri), 'utf8').split('\n')[target!.range.start.line];
  assert.ok(targetText.slice(target!.range.start.character).startsWith('Your guest was killed'));
  const refs = (await c.conn.sendRequest(ReferencesRequest.type, { textDocument: { uri }, position: at, context: { includeDeclaration: true } })) as Location[];
  assert.ok(refs.length >= 2 && refs.some((r) => r.uri === uri));
  const hover = hoverText(await c.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: at }));
  assert.match(hover, /Quotation · \*\*Ali Khamenei\*\*/);
  assert.match(hover, /Same statement in 1 other document/);
});

test('references on an actor mention list every mention across the corpus', async () => {
  const { uri, text } = open(c, 'articles/2020-07-23-levant-monitor.md');
  const refs = (await c.conn.sendRequest(ReferencesRequest.type, { textDocument: { uri }, position: pos(text, 'When Kadhimi', 6), context: { includeDeclaration: true } })) as Location[];
  const files = new Set(refs.map((r) => path.basename(new URL(r.uri).pathname)));
  assert.ok(files.has('2020-07-21-tigris-review.md') && files.has('2020-07-22-caspian-wire.md') && files.has('2020-07-23-levant-monitor.md'), [...files].join());
});

test('document symbols, workspace symbols, semantic tokens, folding', async () => {
  const { uri } = open(c, 'articles/2025-01-08-caspian-wire.md');
  const symbols = (await c.conn.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[];
  assert.ok(symbols.some((s) => s.name.startsWith('Khamenei Calls US Troop Presence')));
  assert.ok(symbols.some((s) => s.name.startsWith('“The presence of the American occupiers')));
  assert.ok(symbols.some((s) => s.name.startsWith('Claim:')));
  const ws = (await c.conn.sendRequest(WorkspaceSymbolRequest.type, { query: 'sudani' })) as { name: string }[];
  assert.ok(ws.some((s) => s.name === "Mohammed Shia' al-Sudani"));
  const tokens = await c.conn.sendRequest(SemanticTokensRequest.type, { textDocument: { uri } });
  assert.ok(tokens && tokens.data.length > 50 && tokens.data.length % 5 === 0);
  const folds = await c.conn.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } });
  assert.deepEqual(folds?.[0], { startLine: 0, endLine: 7, kind: 'imports' });
});

test('diagnostics follow edits: an unknown actor id in an annotation file, then fixed', async () => {
  const rel = 'annotations/articles/2020-07-21-tigris-review.md.yaml';
  const { uri, text } = open(c, rel);
  const broken = text.replace(/speaker: khamenei/, 'speaker: khamenie');
  void c.conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 2 }, contentChanges: [{ text: broken }] });
  const d = await until('diagnostic', () => c.diagnostics.get(uri)?.diagnostics.find((x) => x.code === 'unknown-actor'));
  assert.equal(d.range.start.line, pos(broken, 'speaker: khamenie').line);
  const completions = (await c.conn.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: pos(broken, 'speaker: khamenie', 'speaker: kh'.length) })) as CompletionItem[];
  assert.ok(completions.some((x) => x.label === 'khamenei' && /Ali Khamenei · person/.test(x.detail ?? '')));
  assert.ok(completions.findIndex((x) => x.label === 'khamenei') < completions.findIndex((x) => !/discovered/.test(x.detail ?? '') === false), 'declared actors before discovered ones');
  void c.conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 3 }, contentChanges: [{ text }] });
  await until('diagnostic cleared', () => c.diagnostics.get(uri)?.diagnostics.length === 0);
});

test('malformed front matter and corpus.yaml are diagnosed with their range', async () => {
  const { uri, text } = open(c, 'articles/2022-11-30-northern-crescent-daily.md');
  const broken = text.replace(/published: .*/, 'published: last Tuesday');
  void c.conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 2 }, contentChanges: [{ text: broken }] });
  const d = await until('front matter diagnostic', () => c.diagnostics.get(uri)?.diagnostics.find((x) => x.code === 'front-matter-date'));
  assert.equal(d.range.start.line, pos(broken, 'last Tuesday').line);
  const cfg = open(c, 'corpus.yaml');
  const badCfg = cfg.text.replace('kind: person', 'kind: persona');
  void c.conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: cfg.uri, version: 2 }, contentChanges: [{ text: badCfg }] });
  const e = await until('corpus.yaml diagnostic', () => c.diagnostics.get(cfg.uri)?.diagnostics.find((x) => x.code === 'schema-enum'));
  assert.equal(e.range.start.line, pos(badCfg, 'persona').line);
  void c.conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: cfg.uri, version: 3 }, contentChanges: [{ text: cfg.text }] });
  void c.conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 3 }, contentChanges: [{ text }] });
});

test('a file created on disk is picked up', async () => {
  const file = path.join(dir, 'articles/2025-01-10-new.md');
  writeFileSync(file, '---\ntitle: A later report\npublished: 2025-01-10\n---\nKhamenei met Sudani again, the Tehran Chronicle said on Thursday.\n');
  await c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(file).toString(), type: 1 }] });
  await until('status with 8 documents', () => c.statuses.some((s) => s.state === 'ready' && s.documents === 8));
});

test('shutdown and exit with code 0', async () => {
  await c.conn.sendRequest(ShutdownRequest.type);
  const exited = new Promise<number | null>((resolve) => c.child.on('exit', (code) => resolve(code)));
  await c.conn.sendNotification(ExitNotification.type);
  assert.equal(await exited, 0);
});

test('the raw seed articles work with no configuration', { skip: !existsSync(SEED) && 'no ../shared/corpus' }, async () => {
  const seed = await startClient(SEED);
  try {
    await until('seed index', () => seed.statuses.find((s) => s.state === 'ready'));
    const { uri, text } = open(seed, '003_2e9321c61a49760b.txt');
    const h = hoverText(await seed.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: pos(text, 'al-Sudani') }));
    assert.match(h, /Sudani\*\* · person/);
    const other = open(seed, '004_c5283d59746e3ef3.txt');
    const d = hoverText(await seed.conn.sendRequest(HoverRequest.type, { textDocument: { uri: other.uri }, position: pos(other.text, 'July 21, 2020', 3) }));
    assert.match(d, /\*\*2020-07-21\*\* · Tuesday/);
    assert.match(d, /Also on 2020-07-21 in \d+ other document/);
  } finally {
    seed.child.kill();
  }
});

test('a corpus reached through a symbolic link: a buffer named by its resolved path still belongs to it', async () => {
  const link = path.join(os.tmpdir(), `corroborate-link-${process.pid}`);
  rmSync(link, { force: true });
  symlinkSync(dir, link);
  const linked = await startClient(link);
  try {
    await until('linked index', () => linked.statuses.find((s) => s.state === 'ready'));
    // The workspace is the link; the editor opens the article by its real path (as Neovim does).
    const real = { ...linked, dir: realpathSync(dir) };
    const { uri, text } = open(real, 'articles/2022-11-29-gulf-ledger.md');
    const h = hoverText(await linked.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: pos(text, 'al-Sudani') }));
    assert.match(h, /\*\*Mohammed Shia' al-Sudani\*\* · person/);
  } finally {
    linked.child.kill();
    rmSync(link, { force: true });
  }
});
