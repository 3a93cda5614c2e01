import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFrontMatter } from '../../server/src/core/parse/frontMatter';
import { parseCorpusConfig } from '../../server/src/core/parse/corpusConfig';
import { parseAnnotationFile } from '../../server/src/core/parse/annotations';
import { decodeText } from '../../server/src/core/text/decode';
import { LineIndex } from '../../server/src/core/text/lines';

const lineOf = (text: string, offset: number) => new LineIndex(text).positionAt(offset).line + 1;

test('front matter: fields, spans and body start', () => {
  const text = '---\ntitle: "A meeting"\noutlet: Caspian Wire\npublished: 2020-07-22\n---\nBody starts here.';
  const fm = parseFrontMatter('a.md', text);
  assert.equal(fm.meta.title, 'A meeting');
  assert.equal(fm.meta.outlet, 'Caspian Wire');
  assert.equal(fm.meta.published, '2020-07-22');
  assert.equal(text.slice(fm.bodyStart), 'Body starts here.');
  const s = fm.fieldSpans.published!;
  assert.equal(text.slice(s.start, s.end), '2020-07-22');
  assert.deepEqual(fm.problems, []);
});

test('front matter: a timestamp keeps its calendar date; a bad date is reported on its line', () => {
  assert.equal(parseFrontMatter('a.md', '---\npublished: 2020-07-22T09:30:00Z\n---\n').meta.published, '2020-07-22');
  const text = '---\ntitle: x\npublished: 22/07/2020\n---\nbody';
  const fm = parseFrontMatter('a.md', text);
  assert.equal(fm.meta.published, undefined);
  assert.equal(fm.problems.length, 1);
  assert.equal(lineOf(text, fm.problems[0].start), 3);
  assert.match(fm.problems[0].message, /ISO date/);
});

test('front matter: syntax error located, unclosed block reported, none at all is fine', () => {
  const text = '---\ntitle: [unclosed\nauthor: x\n---\nbody';
  const fm = parseFrontMatter('a.md', text);
  assert.ok(fm.problems.some((p) => p.severity === 'error' && p.code === 'yaml-syntax'));
  assert.ok(fm.problems.every((p) => p.start >= 4 && p.start <= text.indexOf('\n---\n') + 1));
  const unclosed = parseFrontMatter('a.md', '---\ntitle: x\nno end');
  assert.equal(unclosed.bodyStart, 0);
  assert.equal(unclosed.problems[0].code, 'front-matter-unclosed');
  const none = parseFrontMatter('a.txt', 'Headline\n\nText');
  assert.equal(none.block, null);
  assert.equal(none.bodyStart, 0);
});

test('front matter with CRLF line ends', () => {
  const text = '---\r\ntitle: Crlf\r\npublished: 2022-11-29\r\n---\r\nBody';
  const fm = parseFrontMatter('a.md', text);
  assert.equal(fm.meta.title, 'Crlf');
  assert.equal(fm.meta.published, '2022-11-29');
  assert.equal(text.slice(fm.bodyStart), 'Body');
});

const CONFIG = `# comment
version: 1
settings:
  annotations: notes
actors:
  - id: khamenei
    name: Ali Khamenei
    kind: person
    aliases: [Khamenei, Supreme Leader]
    roles:
      - title: Supreme Leader of Iran
        from: 1989-06-04
    wikidata: Q57336
  - id: pmf
    name: Popular Mobilization Forces
    kind: organization
    aliases: [PMF, Hashd]
tags:
  - id: us-presence
    label: US presence
  - id: us-presence-illegal
    label: Illegal
    parent: us-presence
`;

test('corpus.yaml: actors, roles, tags and settings', () => {
  const c = parseCorpusConfig(CONFIG);
  assert.deepEqual(c.problems, []);
  assert.equal(c.settings.annotations, 'notes');
  assert.deepEqual(c.actors.map((a) => a.id), ['khamenei', 'pmf']);
  assert.deepEqual(c.actors[0].roles, [{ title: 'Supreme Leader of Iran', from: '1989-06-04' }]);
  assert.equal(c.actors[0].wikidata, 'Q57336');
  assert.equal(c.tags[1].parent, 'us-presence');
  assert.equal(CONFIG.slice(c.actors[1].idSpan.start, c.actors[1].idSpan.end), 'pmf');
});

test('corpus.yaml: each schema error points at its line', () => {
  const bad = CONFIG.replace('kind: organization', 'kind: militia').replace('from: 1989-06-04', 'from: June 1989').replace('parent: us-presence', 'parent: nowhere') + '  - id: us-presence\n    label: again\n';
  const c = parseCorpusConfig(bad);
  const at = (code: string) => c.problems.filter((p) => p.code === code).map((p) => lineOf(bad, p.start));
  assert.deepEqual(at('schema-enum'), [16]);
  assert.deepEqual(at('schema-date'), [12]);
  assert.deepEqual(at('tag-parent'), [23]);
  assert.deepEqual(at('tag-duplicate'), [24]);
});

test('corpus.yaml: YAML syntax error with its line; duplicate actor ids; unknown keys', () => {
  const broken = 'version: 1\nactors:\n  - id: a\n    name: "unterminated\n';
  const c = parseCorpusConfig(broken);
  assert.ok(c.problems.length > 0);
  assert.equal(c.problems[0].severity, 'error');
  assert.ok(lineOf(broken, c.problems[0].start) >= 4);
  const dup = 'version: 1\nactors:\n  - id: a\n    name: A\n  - id: a\n    name: B\n    colour: red\n';
  const d = parseCorpusConfig(dup);
  assert.deepEqual(d.problems.map((p) => [p.code, lineOf(dup, p.start)]), [['schema-key', 7], ['actor-duplicate', 5]]);
  assert.equal(d.actors.length, 1);
});

const ANNOTATIONS = `claims:
  - anchor:
      end: 20
      exact: "certainly hit back"
      prefix: "We will "
      start: 2
      suffix: " at America"
    id: claim-1a2b3c4d
    speaker: khamenei
    stance: asserts
    tags: [retaliation]
links:
  - anchor: { exact: "hit back", prefix: "", suffix: "", start: 0, end: 8 }
    id: link-0a0b0c0d
    status: rejected
    target:
      anchor: { exact: "blow", prefix: "", suffix: "", start: 10, end: 14 }
      source: b.md
source: a.md
version: 1
`;

test('annotation file: claims and links with anchors', () => {
  const f = parseAnnotationFile('annotations/a.md.yaml', ANNOTATIONS);
  assert.equal(f.valid, true);
  assert.deepEqual(f.problems, []);
  assert.equal(f.source, 'a.md');
  assert.equal(f.claims[0].anchor.exact, 'certainly hit back');
  assert.equal(f.claims[0].anchor.prefix, 'We will ');
  assert.deepEqual(f.claims[0].tags, ['retaliation']);
  assert.equal(f.links[0].status, 'rejected');
  assert.equal(f.links[0].target.source, 'b.md');
});

test('annotation file: conflict markers and bad fields are reported with lines, file marked invalid', () => {
  const conflict = 'source: a.md\n<<<<<<< HEAD\nclaims: []\n=======\nclaims: [x]\n>>>>>>> other\n';
  const f = parseAnnotationFile('x.yaml', conflict);
  assert.equal(f.valid, false);
  assert.equal(f.problems[0].code, 'annotation-conflict');
  assert.equal(lineOf(conflict, f.problems[0].start), 2);
  const bad = ANNOTATIONS.replace('stance: asserts', 'stance: shouts').replace('start: 2', 'start: -4');
  const g = parseAnnotationFile('x.yaml', bad);
  assert.deepEqual(g.problems.map((p) => [p.code, lineOf(bad, p.start)]).sort(), [['anchor-range', 3], ['schema-enum', 10]]);
  assert.equal(g.claims.length, 0, 'a claim without a valid anchor is reported, not guessed');
});

test('decoding: BOM, invalid UTF-8 and binary content are warnings, never exceptions', () => {
  const bom = decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0x48, 0x69]));
  assert.equal(bom.text, 'Hi');
  assert.match(bom.warnings[0], /BOM/);
  const invalid = decodeText(new Uint8Array([0x48, 0xff, 0x69]));
  assert.equal(invalid.text, 'H\ufffdi');
  assert.match(invalid.warnings[0], /invalid UTF-8/);
  const binary = decodeText(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]));
  assert.equal(binary.binary, true);
  assert.match(decodeText('a\r\nb').warnings[0], /CRLF/);
});

test('line index round-trips offsets', () => {
  const text = 'one\ntwo\r\nthree';
  const idx = new LineIndex(text);
  assert.deepEqual(idx.positionAt(text.indexOf('three')), { line: 2, character: 0 });
  assert.equal(idx.offsetAt(1, 2), text.indexOf('o', 4));
  assert.equal(idx.offsetAt(99, 0), text.length);
});

test('front matter: the fast path and the YAML parser agree', () => {
  const cases = [
    '---\ntitle: "Quoted: with colon"\noutlet: Caspian Wire\npublished: 2020-07-22\nurl: https://example.org/a?b=c\nauthor: A. Writer\nlanguage: en\n---\nbody',
    '---\ntitle: Plain title - with dash\npublished: 2020-07-22T10:00:00Z\n---\nbody',
    '---\ntitle: 2020\n---\nbody',
    '---\ntitle: "Escaped \\" quote"\n---\nbody',
    '---\ntitle: a # comment\n---\nbody',
    '---\ntitle: [list]\n---\nbody',
    '---\ntitle: one\ntitle: two\n---\nbody',
    '---\ntitle: x\npublished: 2020-02-30\n---\nbody',
  ];
  for (const text of cases) {
    const fm = parseFrontMatter('a.md', text);
    // Reference: the same block parsed with the YAML library only (a comment line forces the slow path).
    const slow = parseFrontMatter('a.md', text.replace('---\n', '---\n# force the YAML parser\n'));
    const shift = '# force the YAML parser\n'.length;
    assert.deepEqual(fm.meta, slow.meta, text);
    assert.deepEqual(fm.problems.map((p) => p.code), slow.problems.map((p) => p.code), text);
    for (const [k, span] of Object.entries(fm.fieldSpans)) {
      const other = (slow.fieldSpans as Record<string, { start: number; end: number }>)[k];
      assert.deepEqual(span, { start: other.start - shift, end: other.end - shift }, `${k} in ${text}`);
    }
  }
});
