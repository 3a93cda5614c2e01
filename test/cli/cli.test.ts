import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'dist/cli.js');
const SAMPLES = path.join(ROOT, 'samples');
const SEED = path.resolve(ROOT, '../shared/corpus');

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface Contract {
  documents: { path: string; title: string | null; published: string | null; mentions: { actor: string; start: number; end: number; text: string }[]; dates: { start: number; end: number; text: string; value: string }[]; quotes: { id: string; start: number; end: number; text: string; speaker: null | { actor: string | null; start: number; end: number; text: string } }[] }[];
  actors: { id: string; name: string; kind: string; aliases: string[] }[];
  links: { from: string; to: string; score: number; kind: string; relation: string }[];
}

/** Checks every invariant the README promises for `analyze --json`. */
function assertContract(dir: string, json: Contract): void {
  assert.deepEqual(Object.keys(json), ['documents', 'actors', 'links']);
  const actorIds = new Set(json.actors.map((a) => a.id));
  assert.equal(actorIds.size, json.actors.length, 'actor ids are unique');
  for (const a of json.actors) {
    assert.deepEqual(Object.keys(a), ['id', 'name', 'kind', 'aliases']);
    assert.ok(['person', 'organization', 'place', 'other'].includes(a.kind));
  }
  const quoteIds = new Set<string>();
  for (const d of json.documents) {
    assert.deepEqual(Object.keys(d), ['path', 'title', 'published', 'mentions', 'dates', 'quotes']);
    assert.ok(!d.path.includes('\\') && !path.isAbsolute(d.path));
    if (d.published !== null) assert.match(d.published, /^\d{4}-\d{2}-\d{2}$/);
    // The file as stored: a byte order mark counts (it is one UTF-16 code unit).
    const text = readFileSync(path.join(dir, d.path), 'utf8');
    const spans = (list: { start: number; end: number; text: string }[]) => {
      for (const s of list) {
        assert.ok(Number.isInteger(s.start) && Number.isInteger(s.end) && 0 <= s.start && s.start <= s.end && s.end <= text.length);
        assert.equal(text.slice(s.start, s.end), s.text, `${d.path} ${s.start}-${s.end}`);
      }
    };
    spans(d.mentions);
    spans(d.dates);
    spans(d.quotes);
    for (const m of d.mentions) assert.ok(actorIds.has(m.actor), `mention actor ${m.actor} is listed`);
    for (const x of d.dates) assert.match(x.value, /^\d{4}(-\d{2}(-\d{2})?|-W\d{2}|-Q[1-4]|-(SP|SU|FA|WI))?$/);
    for (const q of d.quotes) {
      assert.ok(!quoteIds.has(q.id), `quote id ${q.id} unique`);
      quoteIds.add(q.id);
      assert.ok(!/^["“”'‘’]/.test(q.text) && !/["“”]$/.test(q.text), `quote span excludes the marks: ${q.text.slice(0, 40)}`);
      if (q.speaker) {
        spans([q.speaker]);
        if (q.speaker.actor !== null) assert.ok(actorIds.has(q.speaker.actor));
      }
    }
  }
  for (const l of json.links) {
    assert.ok(quoteIds.has(l.from) && quoteIds.has(l.to), 'links join existing quotes');
    assert.ok(l.score >= 0 && l.score <= 1);
    assert.deepEqual(Object.keys(l), ['from', 'to', 'score', 'kind', 'relation']);
    assert.ok(l.kind === 'auto' || l.kind === 'manual');
    assert.ok(l.kind === 'manual' ? l.relation === 'manual' : ['same-words', 'fragment', 'paraphrase'].includes(l.relation));
  }
}

test('analyze --json on samples/ follows the contract and finds the cross-outlet quotes', () => {
  const r = run('analyze', SAMPLES, '--json');
  assert.equal(r.code, 0, r.stderr);
  const json = JSON.parse(r.stdout) as Contract;
  assertContract(SAMPLES, json);
  assert.ok(json.documents.length >= 6);
  const raw = json.documents.find((d) => d.path.endsWith('.txt'))!;
  assert.equal(raw.published, '2025-01-09', 'publication date inferred from the dateline');
  const sudani = json.actors.filter((a) => a.id === 'al-sudani');
  assert.equal(sudani.length, 1);
  const quoteDoc = new Map(json.documents.flatMap((d) => d.quotes.map((q) => [q.id, d.path] as const)));
  const cross = json.links.filter((l) => quoteDoc.get(l.from) !== quoteDoc.get(l.to));
  assert.ok(cross.length >= 4, `at least the translated pairs are linked, got ${cross.length}`);
  const textOf = new Map(json.documents.flatMap((d) => d.quotes.map((q) => [q.id, q.text] as const)));
  const pair = cross.find((l) => [textOf.get(l.from), textOf.get(l.to)].some((t) => t?.startsWith('They murdered your guest')));
  assert.ok(pair, 'the two renderings of the guest statement are linked');
  assert.ok([textOf.get(pair!.from), textOf.get(pair!.to)].some((t) => t?.startsWith('Your guest was killed')));
});

test('analyze prints a readable summary', () => {
  const r = run('analyze', SAMPLES);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^Corpus: \d+ documents, \d+ actors/);
  assert.match(r.stdout, /Ali Khamenei\s+person\s+\d+ mentions/);
  assert.match(r.stdout, /Quote links across documents/);
  // The kind column lines up, long names ("Islamic Revolutionary Guard Corps") included, with room on both sides.
  const section = r.stdout.split('Actors (by mentions)\n')[1].split('\n\n')[0];
  const rows = section.split('\n').filter((l) => !l.includes('... and'));
  const at = rows.map((l) => /\s{2}(person|organization|place|other)\s/.exec(l)?.index);
  assert.ok(rows.length >= 10 && at.every((i) => i !== undefined && i === at[0]), section);
});

test('analyze --json on the raw seed articles (no front matter, no corpus.yaml)', { skip: !existsSync(SEED) && 'no ../shared/corpus' }, () => {
  const r = run('analyze', SEED, '--json');
  assert.equal(r.code, 0, r.stderr);
  const json = JSON.parse(r.stdout) as Contract;
  assertContract(SEED, json);
  assert.equal(json.documents.length, 5);
  const khamenei = json.actors.filter((a) => a.name === 'Ali Khamenei');
  assert.equal(khamenei.length, 1, 'one Khamenei actor');
  assert.ok(json.documents.every((d) => d.mentions.some((m) => m.actor === khamenei[0].id)), 'Khamenei mentioned in every article');
  assert.ok(json.documents.every((d) => d.quotes.length > 0));
});

test('check: samples/ are clean', () => {
  const r = run('check', SAMPLES);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stderr, /0 error\(s\)/);
});

test('check: a malformed corpus.yaml and a malformed annotation file are reported with file:line:col', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'corroborate-check-'));
  try {
    cpSync(SAMPLES, dir, { recursive: true });
    const configPath = path.join(dir, 'corpus.yaml');
    const lines = readFileSync(configPath, 'utf8').split('\n');
    const kindLine = lines.findIndex((l) => /^\s+kind: person/.test(l));
    lines[kindLine] = lines[kindLine].replace('person', 'human');
    writeFileSync(configPath, lines.join('\n'));
    const annPath = path.join(dir, 'annotations/articles/2020-07-21-tigris-review.md.yaml');
    const ann = readFileSync(annPath, 'utf8').split('\n');
    const speakerLine = ann.findIndex((l) => /^\s+speaker: /.test(l));
    ann[speakerLine] = ann[speakerLine].replace(/speaker: .*/, 'speaker: nobody-known');
    writeFileSync(annPath, ann.join('\n'));
    const r = run('check', dir);
    assert.equal(r.code, 1);
    const out = r.stdout.split('\n');
    assert.ok(out.some((l) => l.startsWith(`${dir}/corpus.yaml:${kindLine + 1}:`) && /error: 'kind' of actor \d+ must be one of/.test(l)), r.stdout);
    assert.ok(out.some((l) => l.startsWith(`${dir}/annotations/articles/2020-07-21-tigris-review.md.yaml:${speakerLine + 1}:`) && /unknown actor id 'nobody-known'/.test(l)), r.stdout);

    writeFileSync(configPath, 'version: 1\nactors:\n  - id: x\n    name: [broken\n');
    const syntax = run('check', dir);
    assert.equal(syntax.code, 1);
    assert.match(syntax.stdout, new RegExp(`${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/corpus\\.yaml:[45]:\\d+: error: `));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('usage errors exit 2 with a message', () => {
  const r = run('analyze', '/no/such/folder');
  assert.equal(r.code, 2);
  assert.match(r.stderr, /is not a folder/);
  assert.equal(run('frobnicate').code, 2);
});

test('analyze --json counts offsets in the file as stored: a BOM and CRLF line ends included', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'corroborate-bom-'));
  try {
    const body = 'Baghdad Courier\r\n\r\nBAGHDAD, Jan 9, 2025 - Prime Minister Mohammed Shia al-Sudani said on Wednesday: "We will keep Iraq out of the region\'s wars."\r\n';
    writeFileSync(path.join(dir, 'bom.txt'), '\uFEFF' + body);
    const r = run('analyze', dir, '--json');
    assert.equal(r.code, 0, r.stderr);
    const json = JSON.parse(r.stdout) as Contract;
    assertContract(dir, json);
    const doc = json.documents[0];
    assert.ok(doc.quotes.length === 1 && doc.dates.length >= 1 && doc.mentions.length >= 1, 'the article was analysed');
    assert.equal(doc.quotes[0].start, 1 + body.indexOf('We will'), 'the BOM counts as one code unit');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
