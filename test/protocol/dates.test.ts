/** Dates over the protocol: the date hover, the timeline request, unresolved-date diagnostics and their quick fix. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  DidOpenTextDocumentNotification,
  DidChangeTextDocumentNotification,
  HoverRequest,
  CodeActionRequest,
  type CodeAction,
  type ClientCapabilities,
} from 'vscode-languageserver-protocol/node';
import type { TimelineResult } from '../../server/src/protocol';
import { applyEdits, editorCapabilities, hoverText, pos, ROOT, startServer, until, type Server } from './harness';

type Client = Server;

const startClient = (dir: string, extra: ClientCapabilities = {}) => startServer(dir, editorCapabilities(extra));

function open(c: Client, rel: string): { uri: string; text: string } {
  const file = path.join(c.dir, rel);
  const text = readFileSync(file, 'utf8');
  const uri = pathToFileURL(file).toString();
  void c.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'corroborate', version: 1, text } });
  return { uri, text };
}


const RAW = `Talks resume in the capital of Iraq

${'Background on the long negotiations between the two governments, which had stalled for months over the border. '.repeat(7)}

The prime minister met Khamenei on January 8, and the two sides signed a memorandum on February 20, 2024.
`;

let dir: string;
let c: Client;

before(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'corroborate-dates-'));
  cpSync(path.join(ROOT, 'samples'), dir, { recursive: true });
  writeFileSync(path.join(dir, 'articles/undated.txt'), RAW);
  c = await startClient(dir);
  await until('index ready', () => c.statuses.find((s) => s.state === 'ready'));
});

after(async () => {
  if (c.child.exitCode === null) c.child.kill();
  rmSync(dir, { recursive: true, force: true });
});

test('date hover: value, weekday, how it was resolved, other documents and quotations on that day, with links', async () => {
  const { uri, text } = open(c, 'articles/2020-07-23-levant-monitor.md');
  const h = hoverText(await c.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: pos(text, 'on Tuesday', 4) }));
  assert.match(h, /^\*\*2020-07-21\*\* · Tuesday/);
  assert.match(h, /“Tuesday”: Tuesday before publication on 2020-07-23/);
  assert.match(h, /resolved against 2020-07-23, the publication date \(front matter\)/);
  assert.match(h, /Also on 2020-07-21 in \d+ other documents?:\s+- \[The Tigris Review, 2020-07-21\]\(file:\/\/[^)]*2020-07-21-tigris-review\.md#L\d+,\d+\) \(published that day\)/);
  assert.match(h, /Quotations made on 2020-07-21 \(\d+\):/);
  assert.match(h, /- “We will certainly hit back at America[^”]*” — Ali Khamenei, \[The Tigris Review, 2020-07-21\]\(file:\/\/[^)]*#L\d+,\d+\)/);
});

test('timeline: days with counts across the corpus, then one day’s events with their places', async () => {
  const all = await c.conn.sendRequest<TimelineResult>('corroborate/timeline', {});
  assert.equal(all.events, undefined);
  const days = all.days.map((d) => d.day);
  assert.deepEqual(days, [...days].sort(), 'oldest first');
  const july21 = all.days.find((d) => d.day === '2020-07-21');
  assert.deepEqual(july21 && [july21.weekday, july21.documents], ['Tuesday', 1]);
  assert.ok(july21!.quotations >= 4 && july21!.claims >= 1, JSON.stringify(july21));
  assert.ok(days.includes('2025-01-09') && days.includes('2022-11-29'));

  const one = await c.conn.sendRequest<TimelineResult>('corroborate/timeline', { day: '2020-07-21' });
  assert.deepEqual(one.days.map((d) => d.day), ['2020-07-21']);
  const events = one.events ?? [];
  assert.equal(events.length, july21!.documents + july21!.quotations + july21!.claims);
  const doc = events.find((e) => e.kind === 'document');
  assert.equal(doc?.label, "Khamenei Tells Kadhimi: 'We Will Hit Back at America'");
  // Caspian Wire, published the 22nd, reports words said at Tuesday's meeting.
  const quote = events.find((e) => e.kind === 'quotation' && e.uri.endsWith('2020-07-22-caspian-wire.md'));
  assert.ok(quote, JSON.stringify(events.map((e) => e.uri)));
  assert.match(quote.why, /“Tuesday”/);
  const lines = readFileSync(new URL(quote.uri), 'utf8').split('\n');
  assert.ok(lines[quote.range.start.line].slice(quote.range.start.character).startsWith(quote.label.slice(0, 30)), 'the range is the quotation');
});

test('timeline follows edits: a changed publication date moves the document', async () => {
  const { uri, text } = open(c, 'articles/2022-11-30-northern-crescent-daily.md');
  const moved = text.replace('published: 2022-11-30', 'published: 2022-12-02');
  void c.conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 2 }, contentChanges: [{ text: moved }] });
  await until('the document on 2022-12-02', async () => {
    const r = await c.conn.sendRequest<TimelineResult>('corroborate/timeline', { day: '2022-12-02' });
    return r.events?.some((e) => e.kind === 'document' && e.uri === uri);
  });
  void c.conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 3 }, contentChanges: [{ text }] });
  await until('back on 2022-11-30', async () => {
    const r = await c.conn.sendRequest<TimelineResult>('corroborate/timeline', { day: '2022-11-30' });
    return r.events?.some((e) => e.kind === 'document' && e.uri === uri);
  });
});

test('unresolved relative dates are information diagnostics; the quick fix adds `published` and they go away', async () => {
  const { uri, text } = open(c, 'articles/undated.txt');
  const d = await until('unresolved-date diagnostic', () => c.diagnostics.get(uri)?.diagnostics.find((x) => x.code === 'date-unresolved'));
  assert.equal(d.severity, 3, 'information');
  assert.deepEqual(d.range.start, pos(text, 'January 8', 0));
  assert.match(String(d.message), /“January 8” is not resolved: the document has no publication date/);

  const actions = (await c.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } })) as CodeAction[];
  assert.equal(actions.length, 1);
  const fix = actions[0];
  assert.equal(fix.kind, 'quickfix');
  assert.match(fix.title, /Add `published: 2024-02-20` to the front matter/);
  assert.deepEqual(fix.diagnostics, [d]);
  const edits = fix.edit?.changes?.[uri];
  assert.ok(edits, 'a plain edit for clients without snippet edits');
  const fixed = applyEdits(text, edits);
  assert.ok(fixed.startsWith('---\npublished: 2024-02-20\n---\nTalks resume'), fixed.slice(0, 60));

  void c.conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: 2 }, contentChanges: [{ text: fixed }] });
  await until('diagnostic gone', () => c.diagnostics.get(uri) && !c.diagnostics.get(uri)!.diagnostics.some((x) => x.code === 'date-unresolved'));
  const after = (await c.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: d.range, context: { diagnostics: [] } })) as CodeAction[] | null;
  assert.ok(!after || after.length === 0, 'no fix once the date is there');
  const h = hoverText(await c.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: pos(fixed, 'January 8', 2) }));
  assert.match(h, /^\*\*2024-01-08\*\* · Monday/);
});

test('on an inferred dateline, a rewrite records its date as `published`', async () => {
  writeFileSync(path.join(dir, 'articles/dateline.txt'), 'Talks resume in the capital of Iraq\n\nBAGHDAD, Jan. 9, 2025 — The prime minister met Khamenei on Wednesday.\n');
  const { uri, text } = open(c, 'articles/dateline.txt');
  const at = pos(text, 'Jan. 9', 2);
  const actions = await until('a dateline action', async () => {
    const list = (await c.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: { start: at, end: at }, context: { diagnostics: [] } })) as CodeAction[] | null;
    return list?.length ? list : undefined;
  });
  assert.equal(actions[0].kind, 'refactor.rewrite');
  assert.match(actions[0].title, /published: 2025-01-09.*dateline/);
  assert.ok(applyEdits(text, actions[0].edit!.changes![uri]).startsWith('---\npublished: 2025-01-09\n---\nTalks resume'));
  const elsewhere = (await c.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: { start: pos(text, 'Wednesday'), end: pos(text, 'Wednesday') }, context: { diagnostics: [] } })) as CodeAction[];
  assert.deepEqual(elsewhere, [], 'resolved dates need no fix');
});

test('the quick fix is a snippet for clients that take snippet edits, with the date selected for typing over', async () => {
  const s = await startClient(dir, { workspace: { workspaceEdit: { snippetEditSupport: true } } });
  try {
    await until('index ready', () => s.statuses.find((x) => x.state === 'ready'));
    const file = path.join(dir, 'articles/undated-2.txt');
    writeFileSync(file, 'A visit to the capital with no date\n\nThe minister arrived on Tuesday.\n');
    const { uri, text } = open(s, 'articles/undated-2.txt');
    const d = await until('diagnostic', () => s.diagnostics.get(uri)?.diagnostics.find((x) => x.code === 'date-unresolved'));
    const [fix] = (await s.conn.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } })) as CodeAction[];
    assert.match(fix.title, /published: YYYY-MM-DD/);
    assert.equal(fix.isPreferred, false, 'a placeholder is not a fix to apply blindly');
    const change = fix.edit?.documentChanges?.[0] as unknown as { textDocument: { uri: string }; edits: { range: unknown; snippet: { kind: string; value: string } }[] };
    assert.equal(change.textDocument.uri, uri);
    assert.deepEqual(change.edits[0].snippet, { kind: 'snippet', value: '---\npublished: ${1:YYYY-MM-DD}\n---\n' });
    assert.deepEqual(change.edits[0].range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    assert.ok(text.startsWith('A visit'));
  } finally {
    s.child.kill();
  }
});
