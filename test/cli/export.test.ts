import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeAnchor } from '../../server/src/core/anchor';
import { editAnnotationText } from '../../server/src/core/annotations/store';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'dist/cli.js');
const SAMPLES = path.join(ROOT, 'samples');

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const MOTIVATIONS = ['assessing', 'bookmarking', 'classifying', 'commenting', 'describing', 'editing', 'highlighting', 'identifying', 'linking', 'moderating', 'questioning', 'replying', 'tagging'];
const ANNO = 'http://www.w3.org/ns/anno.jsonld';
type Json = Record<string, any>;

const hasContext = (ctx: unknown) => ctx === ANNO || (Array.isArray(ctx) && ctx[0] === ANNO);
const isIri = (s: unknown) => typeof s === 'string' && /^[a-z][a-z0-9+.-]*:[^\s]+$/i.test(s);

/** The W3C Web Annotation data model's required fields for a SpecificResource with our two selectors, checked against the file. */
function assertSpecificResource(r: Json, where: string): void {
  assert.equal(r.type, 'SpecificResource', where);
  assert.ok(isIri(r.source), `${where}: source is an IRI`);
  assert.ok(Array.isArray(r.selector) && r.selector.length === 2, `${where}: two selectors`);
  const quote = r.selector.find((s: Json) => s.type === 'TextQuoteSelector');
  const position = r.selector.find((s: Json) => s.type === 'TextPositionSelector');
  assert.ok(quote && typeof quote.exact === 'string' && quote.exact.length > 0, `${where}: TextQuoteSelector with exact`);
  assert.equal(typeof quote.prefix, 'string');
  assert.equal(typeof quote.suffix, 'string');
  assert.ok(position && Number.isInteger(position.start) && Number.isInteger(position.end) && position.start >= 0 && position.start <= position.end, `${where}: TextPositionSelector`);
  // Positions count characters (code points) of the source, as the spec says; both selectors agree.
  if (r.source.startsWith('file:')) {
    const chars = [...readFileSync(fileURLToPath(r.source), 'utf8').replace(/^\uFEFF/, '')];
    assert.equal(chars.slice(position.start, position.end).join(''), quote.exact, `${where}: position and quote agree`);
    assert.ok(chars.slice(0, position.start).join('').endsWith(quote.prefix), `${where}: prefix`);
    assert.ok(chars.slice(position.end).join('').startsWith(quote.suffix), `${where}: suffix`);
  }
}

function assertAnnotation(a: Json): void {
  const where = String(a.id);
  assert.ok(hasContext(a['@context']), `${where}: @context`);
  assert.ok(isIri(a.id), `${where}: id is an IRI`);
  assert.equal(a.type, 'Annotation');
  assert.ok(MOTIVATIONS.includes(a.motivation), `${where}: motivation from the W3C list`);
  assert.ok(a.target, `${where}: target is required`);
  assertSpecificResource(a.target, `${where} target`);
  for (const b of a.body === undefined ? [] : Array.isArray(a.body) ? a.body : [a.body]) {
    if (b.type === 'TextualBody') {
      assert.equal(typeof b.value, 'string', `${where}: TextualBody value`);
      if (b.purpose !== undefined) assert.ok(MOTIVATIONS.includes(b.purpose), `${where}: body purpose`);
    } else assertSpecificResource(b, `${where} body`);
  }
}

test('export --format w3c: a valid AnnotationCollection with every claim and quote link of samples/', () => {
  const r = run('export', SAMPLES, '--format', 'w3c');
  assert.equal(r.code, 0, r.stderr);
  const doc = JSON.parse(r.stdout) as Json;
  assert.ok(hasContext(doc['@context']));
  assert.equal(doc.type, 'AnnotationCollection');
  assert.ok(isIri(doc.id));
  assert.equal(doc.first.type, 'AnnotationPage');
  const items: Json[] = doc.first.items;
  assert.equal(doc.total, items.length);
  for (const a of items) assertAnnotation(a);
  const claims = items.filter((a) => a.motivation === 'classifying');
  const links = items.filter((a) => a.motivation === 'linking');
  assert.equal(claims.length, 8, 'the 8 claims of samples/');
  assert.ok(links.length >= 1, 'quote links exported');
  assert.equal(new Set(items.map((a) => a.id)).size, items.length, 'ids are unique');
  const c = claims.find((a) => a.id.endsWith('#claim-c8f2e615'))!;
  assert.deepEqual(
    c.body.map((b: Json) => [b.purpose, b.value]),
    [
      ['identifying', 'Ali Khamenei'],
      ['tagging', 'US presence as illegal occupation'],
    ],
  );
  assert.equal(c.claimDate, '2025-01-08');
  assert.equal(c.stance, 'asserts');
  assert.match(c.target.source, /articles\/2025-01-08-caspian-wire\.md$/);
  assert.match(r.stderr, /exported 8 claims and \d+ quote links/);
});

/** RFC 4180 reader, independent of the writer. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(field), (field = '');
    else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field), rows.push(row), (row = []), (field = ''), i++;
    } else field += ch;
  }
  if (field || row.length) row.push(field), rows.push(row);
  return rows;
}

test('export --format csv: one row per claim, awkward text quoted so it reads back exactly, positions in UTF-16 like the JSON contract', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'corroborate-export-'));
  try {
    mkdirSync(path.join(dir, 'articles'));
    const text = '---\ntitle: Test\noutlet: "Outlet, Inc."\npublished: 2024-03-01\n---\nThe minister said: "We will, of course, \u201cdefend\u201d ourselves \u{1F600} today."\nAnother line with a claim here.\n';
    writeFileSync(path.join(dir, 'articles/a.md'), text);
    writeFileSync(path.join(dir, 'corpus.yaml'), 'version: 1\nactors:\n  - id: minister\n    name: The Minister\n    kind: person\ntags:\n  - id: defence\n    label: Defence, military\n  - id: other\n    label: Other "quoted"\n');
    const exact = 'We will, of course, \u201cdefend\u201d ourselves \u{1F600} today.';
    const start = text.indexOf(exact);
    const second = text.indexOf('a claim here');
    const file = editAnnotationText(null, 'articles/a.md', [
      { op: 'addClaim', claim: { id: 'claim-00000001', anchor: makeAnchor(text, start, start + exact.length), speaker: 'minister', tags: ['defence', 'other'], date: '2024-02-29', stance: 'asserts', note: 'Line one\nline "two", with comma' } },
      { op: 'addClaim', claim: { id: 'claim-00000002', anchor: makeAnchor(text, second, second + 12), tags: [] } },
    ]);
    assert.ok(file.ok);
    mkdirSync(path.join(dir, 'annotations/articles'), { recursive: true });
    writeFileSync(path.join(dir, 'annotations/articles/a.md.yaml'), file.text);

    const out = path.join(dir, 'out', 'claims.csv');
    const r = run('export', dir, '--format=csv', '--out', out);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '', 'written to the file, not stdout');
    const csv = readFileSync(out, 'utf8');
    assert.deepEqual(readdirSync(path.dirname(out)), ['claims.csv'], 'no temporary file left behind');
    const rows = parseCsv(csv);
    assert.deepEqual(rows[0], ['claim_id', 'document', 'outlet', 'published', 'speaker', 'speaker_name', 'tags', 'tag_labels', 'claim_date', 'stance', 'note', 'text', 'start', 'end', 'status']);
    assert.equal(rows.length, 3, 'header and one row per claim');
    const row = Object.fromEntries(rows[0].map((k, i) => [k, rows[1][i]]));
    assert.deepEqual(row, {
      claim_id: 'claim-00000001',
      document: 'articles/a.md',
      outlet: 'Outlet, Inc.',
      published: '2024-03-01',
      speaker: 'minister',
      speaker_name: 'The Minister',
      tags: 'defence;other',
      tag_labels: 'Defence, military;Other "quoted"',
      claim_date: '2024-02-29',
      stance: 'asserts',
      note: 'Line one\nline "two", with comma',
      text: exact,
      start: String(start),
      end: String(start + exact.length),
      status: 'exact',
    });
    assert.deepEqual(rows[2].slice(0, 2), ['claim-00000002', 'articles/a.md']);
    assert.equal(rows[2][11], 'a claim here');
    assert.equal(rows[2][4], '', 'no speaker: empty field');

    // The W3C export of the same corpus counts code points past the emoji.
    const w = run('export', dir, '--format', 'w3c', '--base', 'https://example.org/corpus/');
    assert.equal(w.code, 0, w.stderr);
    const items: Json[] = JSON.parse(w.stdout).first.items;
    for (const a of items) assertAnnotation(a);
    const pos = items.find((a) => a.id === 'https://example.org/corpus/annotations/articles/a.md.yaml#claim-00000002')!.target.selector[1];
    const chars = [...text];
    assert.equal(chars.slice(pos.start, pos.end).join(''), 'a claim here');
    assert.equal(pos.start, second - 1, 'one surrogate pair before it: one character less than UTF-16 units');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('export refuses while an annotation file does not parse: file:line:col errors, exit 1, nothing written', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'corroborate-export-'));
  try {
    cpSync(SAMPLES, dir, { recursive: true });
    const notes = path.join(dir, 'annotations/articles/2025-01-08-caspian-wire.md.yaml');
    const good = readFileSync(notes, 'utf8');
    writeFileSync(notes, good.replace('  - anchor:', '<<<<<<< HEAD\n  - anchor:').replace(/\n$/, '\n=======\n>>>>>>> theirs\n'));
    const out = path.join(dir, 'claims.csv');
    for (const format of ['csv', 'w3c']) {
      const r = run('export', dir, '--format', format, '--out', out);
      assert.equal(r.code, 1, `${format}: ${r.stderr}`);
      assert.match(r.stderr, /annotations\/articles\/2025-01-08-caspian-wire\.md\.yaml:\d+:\d+: error: /);
      assert.match(r.stderr, /nothing exported/);
      assert.doesNotMatch(r.stderr, /exported \d+ claims/);
      assert.ok(!existsSync(out), `${format}: no partial export written`);
    }
    const stdout = run('export', dir, '--format', 'csv');
    assert.equal(stdout.code, 1);
    assert.equal(stdout.stdout, '', 'nothing on stdout either');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('export: usage errors exit 2', () => {
  assert.equal(run('export', SAMPLES).code, 2);
  assert.equal(run('export', SAMPLES, '--format', 'xml').code, 2);
  assert.equal(run('export', '--format', 'csv').code, 2);
  assert.equal(run('export', path.join(SAMPLES, 'nope'), '--format', 'csv').code, 2);
  assert.equal(run('export', SAMPLES, '--format').code, 2);
});
