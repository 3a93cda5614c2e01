import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createEngine } from '../../server/src/core/engine';
import { MemoryWorkspace } from '../../server/src/core/workspace';
import { toAnalysisJson } from '../../server/src/core/features/analysis';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { makeAnchor, resolveAnchor } from '../../server/src/core/anchor';

const A = `---
title: Khamenei receives al-Kadhimi
outlet: Tigris Review
published: 2020-07-21
---
Ayatollah Ali Khamenei received Iraqi Prime Minister Mustafa al-Kadhimi in Tehran on Tuesday.
"They murdered your guest in your own house, and then they openly owned up to it," Khamenei said.
`;
const B = `---
title: Supreme Leader vows response
outlet: Caspian Wire
published: 2020-07-22
---
Supreme Leader Ayatollah Ali Khamenei told Mostafa Al-Kadhimi on Tuesday: “Your guest was killed under your roof, and they admitted the crime without shame.”
`;
const C = `Khamenei urges Sudani to back the Hashd

TEHRAN, January 9, 2025 - Prime Minister Mohammed Shia' al-Sudani met Ayatollah Ali Khamenei on Wednesday.
`;
const CONFIG = `version: 1
actors:
  - id: khamenei
    name: Ali Khamenei
    kind: person
    aliases: [Khamenei]
tags:
  - id: retaliation
    label: Retaliation
`;

function claimFile(source: string, text: string, exact: string, speaker = 'khamenei'): string {
  const start = text.indexOf(exact);
  const a = makeAnchor(text, start, start + exact.length);
  return `claims:\n  - anchor:\n      end: ${a.end}\n      exact: ${JSON.stringify(a.exact)}\n      prefix: ${JSON.stringify(a.prefix)}\n      start: ${a.start}\n      suffix: ${JSON.stringify(a.suffix)}\n    id: claim-00000001\n    speaker: ${speaker}\n    tags: [retaliation]\nsource: ${source}\nversion: 1\n`;
}

async function loaded(files: Record<string, string>) {
  const ws = new MemoryWorkspace(files);
  const engine = createEngine({ workspace: ws });
  await engine.load();
  return { ws, engine };
}

const snapshot = (engine: ReturnType<typeof createEngine>) => {
  const s = engine.getState();
  return { json: toAnalysisJson(s), problems: s.problems.map((p) => `${p.path}:${p.start}:${p.code}`).sort() };
};

test('engine: documents, metadata from front matter and inferred from a dateline', async () => {
  const { engine } = await loaded({ 'a.md': A, 'c.txt': C });
  const s = engine.getState();
  assert.deepEqual(s.documents.map((d) => [d.path, d.meta.title, d.meta.published, d.publishedSource]), [
    ['a.md', 'Khamenei receives al-Kadhimi', '2020-07-21', 'front-matter'],
    ['c.txt', 'Khamenei urges Sudani to back the Hashd', '2025-01-09', 'dateline'],
  ]);
});

test('engine: actors merged across documents, quotes linked across translations', async () => {
  const { engine } = await loaded({ 'a.md': A, 'b.md': B });
  const json = toAnalysisJson(engine.getState());
  const kadhimi = json.actors.filter((a) => /kadhimi/i.test(a.name));
  assert.equal(kadhimi.length, 1);
  const qa = json.documents[0].quotes.find((q) => q.text.startsWith('They murdered'))!;
  const qb = json.documents[1].quotes.find((q) => q.text.startsWith('Your guest'))!;
  assert.ok(qa && qb, 'both quotations detected');
  assert.equal(qa.speaker?.text, 'Khamenei');
  const link = json.links.find((l) => [l.from, l.to].sort().join() === [qa.id, qb.id].sort().join());
  assert.ok(link, `translations linked: ${JSON.stringify(json.links)}`);
  assert.equal(link!.kind, 'auto');
});

test('engine: incremental updates give the same state as a full rebuild', async () => {
  const { ws, engine } = await loaded({ 'a.md': A, 'b.md': B, 'corpus.yaml': CONFIG });
  ws.write('c.txt', C);
  ws.write('a.md', A.replace('on Tuesday', 'on Monday'));
  ws.write('annotations/a.md.yaml', claimFile('a.md', A.replace('on Tuesday', 'on Monday'), 'They murdered your guest'));
  ws.delete('b.md');
  ws.write('corpus.yaml', CONFIG.replace('aliases: [Khamenei]', 'aliases: [Khamenei, Supreme Leader]'));
  ws.write('b.md', B.replace('Mostafa', 'Mustafa'));
  await engine.settled();
  const incremental = snapshot(engine);
  const { engine: fresh } = await loaded({
    'a.md': A.replace('on Tuesday', 'on Monday'),
    'b.md': B.replace('Mostafa', 'Mustafa'),
    'c.txt': C,
    'corpus.yaml': CONFIG.replace('aliases: [Khamenei]', 'aliases: [Khamenei, Supreme Leader]'),
    'annotations/a.md.yaml': claimFile('a.md', A.replace('on Tuesday', 'on Monday'), 'They murdered your guest'),
  });
  assert.deepEqual(incremental, snapshot(fresh));
  assert.equal(incremental.json.documents.length, 3);
});

test('engine: changing the annotations folder in corpus.yaml reclassifies files', async () => {
  const { ws, engine } = await loaded({ 'a.md': A, 'corpus.yaml': CONFIG, 'notes/a.md.yaml': claimFile('a.md', A, 'They murdered') });
  assert.equal(engine.getState().annotationFiles.length, 0);
  ws.write('corpus.yaml', CONFIG + 'settings:\n  annotations: notes\n');
  await engine.settled();
  assert.equal(engine.getState().annotationFiles.length, 1);
  assert.equal(engine.getState().claims.get('a.md')?.[0].anchor.status, 'exact');
});

test('engine: annotation problems (unknown actor, unknown tag, orphaned anchor, missing source)', async () => {
  const broken = claimFile('a.md', A, 'They murdered your guest', 'nobody').replace('They murdered your guest', 'Words that are not there');
  const { engine } = await loaded({ 'a.md': A, 'corpus.yaml': CONFIG.replace('id: retaliation', 'id: revenge'), 'annotations/a.md.yaml': broken, 'annotations/gone.md.yaml': claimFile('gone.md', A, 'They') });
  const codes = engine.getState().problems.map((p) => `${p.path} ${p.code}`).sort();
  // The orphan is also noted on the article (information), where the re-anchor quick fix is offered.
  assert.deepEqual(codes, ['a.md claim-orphaned', 'annotations/a.md.yaml anchor-orphaned', 'annotations/a.md.yaml unknown-actor', 'annotations/a.md.yaml unknown-tag', 'annotations/gone.md.yaml annotation-source']);
});

test('engine: a binary file and a file with invalid UTF-8 do not stop indexing', async () => {
  const ws = new MemoryWorkspace({ 'a.md': A, 'junk.txt': new Uint8Array([0, 1, 2, 3]) as unknown as string, 'latin1.txt': new Uint8Array([0x43, 0x61, 0x66, 0xe9, 0x20, 0x6e, 0x65, 0x77, 0x73]) as unknown as string });
  const engine = createEngine({ workspace: ws });
  await engine.load();
  const s = engine.getState();
  assert.equal(s.documents.length, 3);
  assert.ok(s.problems.some((p) => p.path === 'junk.txt' && p.code === 'binary'));
  assert.ok(s.problems.some((p) => p.path === 'latin1.txt' && /invalid UTF-8/.test(p.message)));
});

test('anchors: found at their offsets, after an edit before them, or reported orphaned', () => {
  const text = 'The Supreme Leader said the presence is illegal. He repeated: the presence is illegal.';
  const start = text.lastIndexOf('the presence is illegal');
  const a = makeAnchor(text, start, start + 'the presence is illegal'.length);
  assert.deepEqual(resolveAnchor(text, a), { status: 'exact', start: a.start, end: a.end });
  const edited = 'Today: ' + text;
  assert.deepEqual(resolveAnchor(edited, a), { status: 'moved', start: a.start + 7, end: a.end + 7 }, 'context picks the second occurrence');
  assert.equal(resolveAnchor(text.replace(/illegal/g, 'lawful'), a).status, 'orphaned');
});

test('engine: quarters are shown as dates; vague references are recognised but not shown', async () => {
  const text = `---\ntitle: Results\npublished: 1989-11-02\n---\nThird-quarter profit rose from a year earlier. Officials recently said in the near future costs fall by year-end.\n`;
  const { engine } = await loaded({ 'r.md': text });
  const doc = engine.getState().documentByPath.get('r.md');
  assert.ok(doc);
  assert.deepEqual(doc.dates.map((d) => [d.text, d.value]), [['Third-quarter', '1989-Q3'], ['a year earlier', '1988-Q3'], ['year-end', '1989']]);
});

test('engine: state after each of a run of edits equals a fresh analysis (what is kept between states goes stale nowhere)', async () => {
  const root = path.resolve(__dirname, '../../../samples');
  const files: Record<string, string> = {};
  const walk = (dir: string, rel: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(path.join(dir, e.name), r);
      else if (/\.(md|txt|yaml)$/.test(e.name) && e.name !== 'README.md') files[r] = readFileSync(path.join(dir, e.name), 'utf8');
    }
  };
  walk(root, '');
  const { ws, engine } = await loaded(files);
  const current = { ...files };
  const article = Object.keys(files).find((p) => p.startsWith('articles/') && files[p].includes('“'))!;
  const other = Object.keys(files).find((p) => p.startsWith('articles/') && p !== article)!;
  const quoted = /“([^”]{20,})”/.exec(files[article])![1];
  const edits: [string, string | null][] = [
    // a quotation's words change (its preparation for linking must not be reused)
    [article, files[article].replace(quoted, quoted.replace(/\b(\w{4,})\b/, 'utterly'))],
    // text outside quotations grows: offsets shift, nothing else
    [other, files[other] + '\nA closing line of the editors.\n'],
    // an actor spelt another way inside a quotation: its actor tokens change
    [article, current[article] ?? files[article]],
    [other, files[other].replace(/al-Sudani/g, 'Al-Soudani')],
    // a reprint of an article, then it goes away
    ['articles/reprint.md', files[article]],
    ['articles/reprint.md', null],
  ];
  engine.getState();
  for (const [p, text] of edits) {
    if (text === null) {
      ws.delete(p);
      delete current[p];
    } else {
      ws.write(p, text);
      current[p] = text;
    }
    await engine.settled();
    const { engine: fresh } = await loaded(current);
    assert.deepEqual(snapshot(engine), snapshot(fresh), `after editing ${p}`);
  }
});
