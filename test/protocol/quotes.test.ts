/**
 * Quotations over the protocol: definition (peek list), references, code lenses, hover, and manual links. For Link,
 * Unlink and Confirm the server returns a workspace edit of the annotation files; the test applies it to the files
 * the way an editor would, tells the server the files changed, and checks the state, then again after a full reindex.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CLI, isReady, ROOT, startServer, until, type Server } from './harness';
import {
  DidOpenTextDocumentNotification,
  DefinitionRequest,
  ReferencesRequest,
  HoverRequest,
  CodeLensRequest,
  ShutdownRequest,
  ExitNotification,
  type ProtocolConnection,
  type Location,
  type MarkupContent,
  type CodeLens,
  type WorkspaceEdit,
  type TextDocumentEdit,
  type CreateFile,
} from 'vscode-languageserver-protocol/node';


interface QuoteInfo {
  id: string;
  uri: string;
  text: string;
  document: string;
  speaker: string | null;
  date: string | null;
}
interface QuoteAt {
  quote: QuoteInfo;
  related: (QuoteInfo & { link: string; score: number })[];
}
interface EditResult {
  edit: WorkspaceEdit | null;
  files: string[];
  message: string;
  error?: string;
}

let dir: string;
let conn: ProtocolConnection;
let server: Server;

function uriOf(rel: string): string {
  return pathToFileURL(path.join(dir, rel)).toString();
}

function openDoc(rel: string): { uri: string; text: string } {
  const text = readFileSync(path.join(dir, rel), 'utf8');
  const uri = uriOf(rel);
  void conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'corroborate', version: 1, text } });
  return { uri, text };
}

function positionOf(text: string, needle: string, delta = 2) {
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, `${needle} in the text`);
  const before = text.slice(0, offset + delta);
  return { line: before.split('\n').length - 1, character: before.length - before.lastIndexOf('\n') - 1 };
}

async function quoteAt(rel: string, needle: string): Promise<QuoteAt> {
  const { uri, text } = openDoc(rel);
  const at = await conn.sendRequest<QuoteAt | null>('corroborate/quoteAt', { textDocument: { uri }, position: positionOf(text, needle) });
  assert.ok(at, `a quotation at ${needle}`);
  return at;
}

function offsetAt(text: string, p: { line: number; character: number }): number {
  let offset = 0;
  for (let l = 0; l < p.line; l++) offset = text.indexOf('\n', offset) + 1;
  return offset + p.character;
}

/** Applies a workspace edit to the files on disk, as an editor would, and tells the server which files changed. */
async function applyEdit(edit: WorkspaceEdit): Promise<string[]> {
  const touched: { uri: string; type: number }[] = [];
  for (const change of edit.documentChanges ?? []) {
    if ('kind' in change) {
      const create = change as CreateFile;
      assert.equal(create.kind, 'create');
      const file = fileURLToPath(create.uri);
      if (!existsSync(file)) {
        writeFileSync(file, '');
        touched.push({ uri: create.uri, type: 1 });
      }
      continue;
    }
    const docEdit = change as TextDocumentEdit;
    const file = fileURLToPath(docEdit.textDocument.uri);
    let text = readFileSync(file, 'utf8');
    const edits = [...docEdit.edits].map((e) => ({ start: offsetAt(text, e.range.start), end: offsetAt(text, e.range.end), newText: (e as { newText: string }).newText })).sort((a, b) => b.start - a.start);
    for (const e of edits) text = text.slice(0, e.start) + e.newText + text.slice(e.end);
    writeFileSync(file, text);
    if (!touched.some((t) => t.uri === docEdit.textDocument.uri)) touched.push({ uri: docEdit.textDocument.uri, type: 2 });
  }
  await conn.sendNotification('workspace/didChangeWatchedFiles', { changes: touched });
  return touched.map((t) => fileURLToPath(t.uri));
}

async function linkEdit(action: 'link' | 'confirm' | 'unlink', from: QuoteInfo, to: QuoteInfo): Promise<EditResult> {
  return conn.sendRequest<EditResult>('corroborate/quoteLinkEdit', { uri: from.uri, action, from: from.id, to: to.id });
}

async function definitionsAt(rel: string, needle: string): Promise<Location[]> {
  const { uri, text } = openDoc(rel);
  return ((await conn.sendRequest(DefinitionRequest.type, { textDocument: { uri }, position: positionOf(text, needle) })) as Location[]) ?? [];
}

/** The words at a location. */
function wordsAt(loc: Location): string {
  const text = readFileSync(fileURLToPath(loc.uri), 'utf8');
  return text.slice(offsetAt(text, loc.range.start), offsetAt(text, loc.range.end));
}

function analyzeLinks(): { from: string; to: string; kind: string }[] {
  const r = spawnSync(process.execPath, [CLI, 'analyze', dir, '--json'], { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  assert.equal(r.status, 0, r.stderr);
  return (JSON.parse(r.stdout) as { links: { from: string; to: string; kind: string }[] }).links;
}

const hasPair = (links: { from: string; to: string }[], a: string, b: string) => links.some((l) => (l.from === a && l.to === b) || (l.from === b && l.to === a));

before(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'corroborate-quotes-'));
  cpSync(path.join(ROOT, 'samples'), dir, { recursive: true });
  // A third report of the "guest" remark, so that one quotation has several renderings (a peek list).
  writeFileSync(
    path.join(dir, 'articles/2020-07-24-gulf-ledger.md'),
    '---\ntitle: Khamenei on Soleimani\noutlet: Gulf Ledger\npublished: 2020-07-24\n---\n\nAyatollah Ali Khamenei reminded his Iraqi visitor of the killing. "They murdered your guest in your own house, and then they openly owned up to it," Khamenei said on Tuesday.\n',
  );
  server = await startServer(dir, { workspace: { didChangeWatchedFiles: { dynamicRegistration: true }, codeLens: { refreshSupport: true } }, textDocument: { hover: { contentFormat: ['markdown'] } } });
  conn = server.conn;
  await until('index ready', () => isReady(server));
});

after(async () => {
  if (server.child.exitCode === null) {
    await conn.sendRequest(ShutdownRequest.type).catch(() => undefined);
    await conn.sendNotification(ExitNotification.type).catch(() => undefined);
  }
  rmSync(dir, { recursive: true, force: true });
});

test('definition on a quotation with several renderings gives them all (a peek list); references add the quotation itself', async () => {
  const defs = await definitionsAt('articles/2020-07-21-tigris-review.md', 'They murdered your guest');
  assert.deepEqual(defs.map((d) => path.basename(fileURLToPath(d.uri))).sort(), ['2020-07-22-caspian-wire.md', '2020-07-24-gulf-ledger.md']);
  assert.ok(defs.some((d) => wordsAt(d).startsWith('Your guest was killed under your roof')));
  const { uri, text } = openDoc('articles/2020-07-21-tigris-review.md');
  const at = positionOf(text, 'They murdered your guest');
  const refs = (await conn.sendRequest(ReferencesRequest.type, { textDocument: { uri }, position: at, context: { includeDeclaration: true } })) as Location[];
  assert.equal(refs.length, 3);
  assert.ok(refs.some((r) => r.uri === uri && wordsAt(r).startsWith('They murdered your guest')));
  const without = (await conn.sendRequest(ReferencesRequest.type, { textDocument: { uri }, position: at, context: { includeDeclaration: false } })) as Location[];
  assert.equal(without.length, 2);
});

test('a code lens above each linked quotation counts the other reports and runs Go to Related Quote there', async () => {
  const { uri, text } = openDoc('articles/2020-07-21-tigris-review.md');
  const lenses = (await conn.sendRequest(CodeLensRequest.type, { textDocument: { uri } })) as CodeLens[];
  const guest = lenses.find((l) => l.range.start.line === positionOf(text, 'They murdered your guest').line);
  assert.ok(guest, JSON.stringify(lenses));
  assert.equal(guest.command?.title, '2 other reports');
  assert.equal(guest.command?.command, 'corroborate.goToRelatedQuote');
  assert.deepEqual(guest.command?.arguments, [uri, guest.range.start]);
  const insecurity = positionOf(text, 'Wherever the Americans').line;
  assert.ok(!lenses.some((l) => l.range.start.line === insecurity), 'no lens on a quotation without links');
});

test('hover on a quotation: speaker, date, related quotations with outlet and score', async () => {
  const { uri, text } = openDoc('articles/2020-07-22-caspian-wire.md');
  const h = await conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: positionOf(text, 'Your guest was killed') });
  const md = (h?.contents as MarkupContent).value;
  assert.match(md, /Quotation · \*\*Ali Khamenei\*\*/);
  assert.match(md, /Said on \*\*2020-07-21\*\* \(date of the event the article reports, “Tuesday”\)/, 'the meeting, not the publication the next day');
  assert.match(md, /Same statement in 2 other documents:/);
  assert.match(md, /- paraphrase 0\.\d\d — \[The Tigris Review, 2020-07-21\]\(file:[^)]+\) · Ali Khamenei: “They murdered your guest/);
});

test('Link Quotes: candidates ranked by similarity, the edit adds a confirmed link, which survives reindexing', async () => {
  const at = await quoteAt('articles/2020-07-21-tigris-review.md', 'Wherever the Americans are present');
  assert.equal(at.related.length, 0);
  const candidates = await conn.sendRequest<(QuoteInfo & { score: number; link: string | null })[]>('corroborate/linkCandidates', { uri: at.quote.uri, quoteId: at.quote.id });
  assert.ok(candidates.length > 10);
  for (let i = 1; i < candidates.length; i++) assert.ok(candidates[i - 1].score >= candidates[i].score, 'best first');
  assert.ok(!candidates.some((c) => c.id === at.quote.id));
  const target = candidates.find((c) => c.text.startsWith('The stationing of American occupation forces'))!;
  assert.ok(target, 'any quotation can be picked');

  const annotationFile = path.join(dir, 'annotations/articles/2020-07-21-tigris-review.md.yaml');
  const before = readFileSync(annotationFile, 'utf8');
  const result = await linkEdit('link', at.quote, target);
  assert.equal(result.error, undefined);
  assert.ok(result.edit);
  assert.deepEqual(result.files, [pathToFileURL(annotationFile).toString()]);
  assert.equal(readFileSync(annotationFile, 'utf8'), before, 'the server only computes the edit');
  await applyEdit(result.edit);
  const after = readFileSync(annotationFile, 'utf8');
  assert.match(after, /^links:\n {2}- anchor:\n/m);
  assert.match(after, /exact: "Wherever the Americans are present, insecurity follows,"/);
  assert.match(after, /status: confirmed/);
  assert.match(after, /source: articles\/2025-01-09-baghdad-evening-post\.txt/);
  assert.equal(after.match(/- anchor:/g)?.length, 4, 'the three claims are kept');

  const linked = await until('the manual link in the state', async () => {
    const now = await quoteAt('articles/2020-07-21-tigris-review.md', 'Wherever the Americans are present');
    return now.related.find((r) => r.id === target.id);
  });
  assert.equal(linked.link, 'manual');
  const defs = await definitionsAt('articles/2020-07-21-tigris-review.md', 'Wherever the Americans are present');
  assert.ok(wordsAt(defs[0]).startsWith('The stationing of American occupation forces'));

  const status = await conn.sendRequest<{ documents: number }>('corroborate/reindex');
  assert.equal(status.documents, 8);
  const again = await quoteAt('articles/2020-07-21-tigris-review.md', 'Wherever the Americans are present');
  assert.equal(again.related.find((r) => r.id === target.id)?.link, 'manual', 'survives a full reindex');
  assert.ok(analyzeLinks().some((l) => hasPair([l], at.quote.id, target.id) && l.kind === 'manual'), 'and the CLI sees it');

  const twice = await linkEdit('link', at.quote, target);
  assert.equal(twice.edit, null);
  assert.match(twice.message, /already linked by hand/);
});

test('Unlink: a rejected link suppresses the automatic one for good; Link again turns the same record around', async () => {
  const at = await quoteAt('articles/2020-07-21-tigris-review.md', 'They murdered your guest');
  const caspian = at.related.find((r) => r.document.startsWith('Caspian Wire'))!;
  assert.equal(caspian.link, 'auto');
  const result = await linkEdit('unlink', at.quote, caspian);
  assert.ok(result.edit, result.error);
  await applyEdit(result.edit);
  const file = path.join(dir, 'annotations/articles/2020-07-21-tigris-review.md.yaml');
  assert.equal(readFileSync(file, 'utf8').match(/status: rejected/g)?.length, 1);
  await until('the automatic link suppressed', async () => !(await quoteAt('articles/2020-07-21-tigris-review.md', 'They murdered your guest')).related.some((r) => r.id === caspian.id));
  await conn.sendRequest('corroborate/reindex');
  assert.ok(!(await quoteAt('articles/2020-07-21-tigris-review.md', 'They murdered your guest')).related.some((r) => r.id === caspian.id), 'still suppressed after reindexing');
  assert.ok(!hasPair(analyzeLinks(), at.quote.id, caspian.id));
  const lenses = (await conn.sendRequest(CodeLensRequest.type, { textDocument: { uri: at.quote.uri } })) as CodeLens[];
  assert.ok(lenses.some((l) => l.command?.title === '1 other report'), 'the lens counts one report less');

  const relink = await linkEdit('link', at.quote, caspian);
  assert.ok(relink.edit, relink.error);
  await applyEdit(relink.edit);
  const text = readFileSync(file, 'utf8');
  assert.equal(text.match(/status: rejected/g), null);
  assert.equal(text.match(/target:/g)?.length, 2, 'the rejected record was turned around, not duplicated');
  await until('linked by hand', async () => (await quoteAt('articles/2020-07-21-tigris-review.md', 'They murdered your guest')).related.find((r) => r.id === caspian.id)?.link === 'manual');
});

test('Confirm Link turns an automatic link into a manual one, in a new annotation file', async () => {
  const at = await quoteAt('articles/2022-11-30-northern-crescent-daily.md', 'The security of Iraq and the security of Iran');
  const other = at.related.find((r) => r.link === 'auto')!;
  assert.ok(other);
  const file = path.join(dir, 'annotations/articles/2022-11-30-northern-crescent-daily.md.yaml');
  assert.ok(!existsSync(file));
  const result = await linkEdit('confirm', at.quote, other);
  assert.ok(result.edit, result.error);
  assert.ok(result.edit.documentChanges?.some((c) => 'kind' in c && c.kind === 'create'), 'the file is created');
  await applyEdit(result.edit);
  const text = readFileSync(file, 'utf8');
  assert.match(text, /^links:/m);
  assert.match(text, /^source: articles\/2022-11-30-northern-crescent-daily\.md$/m);
  assert.match(text, /^version: 1$/m);
  await until('confirmed', async () => (await quoteAt('articles/2022-11-30-northern-crescent-daily.md', 'The security of Iraq and the security of Iran')).related.find((r) => r.id === other.id)?.link === 'manual');

  const notLinked = await quoteAt('articles/2020-07-23-levant-monitor.md', 'an Iraq that is strong');
  const stranger = (await quoteAt('articles/2022-11-29-gulf-ledger.md', 'Should anyone endanger')).quote;
  const refused = await linkEdit('confirm', notLinked.quote, stranger);
  assert.match(refused.error ?? '', /are not linked/);
});

test('Compare Quotes: each side shows outlet, date and speaker above the words', async () => {
  const at = await quoteAt('articles/2025-01-08-caspian-wire.md', 'The presence of the American occupiers');
  const other = at.related[0];
  const left = await conn.sendRequest<string>('corroborate/quoteComparison', { uri: at.quote.uri, quoteId: at.quote.id });
  const right = await conn.sendRequest<string>('corroborate/quoteComparison', { uri: at.quote.uri, quoteId: other.id });
  assert.match(left, /^Outlet: {2}Caspian Wire\nDate: {4}2025-01-08 \(date of the event the article reports, “Wednesday”\)\nSpeaker: Ali Khamenei\n/);
  // no outlet in that raw article: its file name stands in
  assert.match(right, /^Outlet: {2}2025-01-09-baghdad-evening-post\.txt\nDate: {4}2025-01-08 .*\nSpeaker: Ali Khamenei\n/);
  assert.ok(left.includes('The presence of the American occupiers in Iraq is illegal'));
  assert.equal(await conn.sendRequest('corroborate/quoteComparison', { uri: at.quote.uri, quoteId: 'q-nonexistent' }), null);
});
