import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { editAnnotationText, newAnnotationId, type AnnotationEdit } from '../../server/src/core/annotations/store';
import { parseAnnotationFile } from '../../server/src/core/parse/annotations';
import { makeAnchor } from '../../server/src/core/anchor';

const ROOT = join(__dirname, '..', '..', '..');
const SAMPLE = readFileSync(join(ROOT, 'samples/annotations/articles/2025-01-08-caspian-wire.md.yaml'), 'utf8');
const TEXT = 'Officials said on Tuesday: "We will not leave Iraq," and the minister added "the talks went well."';
const seeded = (seed: number) => () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
const anchorOf = (exact: string) => makeAnchor(TEXT, TEXT.indexOf(exact), TEXT.indexOf(exact) + exact.length);

function ok(result: ReturnType<typeof editAnnotationText>): { text: string; ids: string[] } {
  assert.ok(result.ok, result.ok ? '' : result.error);
  return result;
}

test('store: a new file has exactly the README format', () => {
  const r = ok(editAnnotationText(null, 'articles/a.txt', { op: 'addClaim', claim: { anchor: anchorOf('We will not leave Iraq,'), speaker: 'officials', tags: ['us-presence', 'iraq'], stance: 'asserts', date: '2025-01-07', note: 'Said "twice".' } }, { random: seeded(1) }));
  assert.match(r.ids[0], /^claim-[0-9a-f]{8}$/);
  assert.equal(
    r.text,
    [
      'claims:',
      '  - anchor:',
      '      end: 51',
      '      exact: "We will not leave Iraq,"',
      '      prefix: "Officials said on Tuesday: \\""',
      '      start: 28',
      '      suffix: "\\" and the minister added \\"the ta"',
      '    date: 2025-01-07',
      `    id: ${r.ids[0]}`,
      '    note: "Said \\"twice\\"."',
      '    speaker: officials',
      '    stance: asserts',
      '    tags: [us-presence, iraq]',
      'source: articles/a.txt',
      'version: 1',
      '',
    ].join('\n'),
  );
  const parsed = parseAnnotationFile('a.yaml', r.text);
  assert.deepEqual(parsed.problems, []);
  assert.equal(parsed.claims[0].anchor.exact, 'We will not leave Iraq,');
  assert.equal(parsed.claims[0].anchor.prefix, 'Officials said on Tuesday: "');
  assert.deepEqual(parsed.claims[0].tags, ['us-presence', 'iraq']);
});

test('store: rewriting the sample with a no-op update leaves it byte for byte', () => {
  const r = ok(editAnnotationText(SAMPLE, 'x', { op: 'updateClaim', id: 'claim-0d6b93ae', changes: {} }));
  assert.equal(r.text, SAMPLE);
});

test('store: update changes only the fields given, null removes one, the rest of the file is untouched', () => {
  const r = ok(editAnnotationText(SAMPLE, 'x', { op: 'updateClaim', id: 'claim-0d6b93ae', changes: { tags: ['pmf-support', 'us-presence'], note: null, stance: 'questions' } }));
  const before = parseAnnotationFile('a', SAMPLE).claims;
  const after = parseAnnotationFile('a', r.text).claims;
  assert.equal(after.length, 3);
  assert.deepEqual(after[1].tags, ['pmf-support', 'us-presence']);
  assert.equal(after[1].note, undefined);
  assert.equal(after[1].stance, 'questions');
  assert.deepEqual(after[1].anchor, before[1].anchor);
  // Only the changed lines differ.
  const a = SAMPLE.split('\n');
  const b = r.text.split('\n');
  const removed = a.filter((l) => !b.includes(l));
  const added = b.filter((l) => !a.includes(l));
  assert.deepEqual(removed, ['    note: "First paragraph of a quotation that continues into the next paragraph."']);
  assert.deepEqual(added, ['    stance: questions', '    tags: [pmf-support, us-presence]']);
  assert.equal(b.length, a.length - 1);
});

test('store: add inserts in anchor order, delete removes exactly one claim, ids stay unique', () => {
  const anchor = { exact: 'x', prefix: '', suffix: '', start: 700, end: 701 };
  const r = ok(editAnnotationText(SAMPLE, 'x', { op: 'addClaim', claim: { anchor, tags: [] } }, { random: seeded(7) }));
  const claims = parseAnnotationFile('a', r.text).claims;
  assert.deepEqual(claims.map((c) => c.anchor.start), [471, 700, 831, 1210]);
  assert.equal(claims[1].id, r.ids[0]);
  const d = ok(editAnnotationText(r.text, 'x', { op: 'deleteClaim', id: 'claim-c8f2e615' }));
  assert.deepEqual(parseAnnotationFile('a', d.text).claims.map((c) => c.id), [r.ids[0], 'claim-0d6b93ae', 'claim-5a17d2b4']);
  // Deleting every claim leaves a valid file without an empty list.
  const all = ok(editAnnotationText(SAMPLE, 'x', ['claim-c8f2e615', 'claim-0d6b93ae', 'claim-5a17d2b4'].map((id): AnnotationEdit => ({ op: 'deleteClaim', id }))));
  assert.equal(all.text, 'source: articles/2025-01-08-caspian-wire.md\nversion: 1\n');
});

test('store: links are added, confirmed or rejected, and removed', () => {
  const link = { anchor: anchorOf('We will not leave Iraq,'), target: { source: 'articles/b.txt', anchor: { exact: 'We stay', prefix: '"', suffix: '"', start: 10, end: 17 } }, status: 'confirmed' as const };
  const a = ok(editAnnotationText(SAMPLE, 'x', { op: 'addLink', link }, { random: seeded(3) }));
  const id = a.ids[0];
  assert.match(id, /^link-[0-9a-f]{8}$/);
  let links = parseAnnotationFile('a', a.text).links;
  assert.equal(links.length, 1);
  assert.equal(links[0].target.source, 'articles/b.txt');
  assert.equal(links[0].status, 'confirmed');
  assert.ok(a.text.indexOf('links:') > a.text.indexOf('claims:') && a.text.indexOf('links:') < a.text.indexOf('source:'), 'keys sorted');
  const b = ok(editAnnotationText(a.text, 'x', { op: 'setLinkStatus', id, status: 'rejected' }));
  links = parseAnnotationFile('a', b.text).links;
  assert.equal(links[0].status, 'rejected');
  assert.equal(b.text.replace('status: rejected', 'status: confirmed'), a.text);
  const c = ok(editAnnotationText(b.text, 'x', { op: 'removeLink', id }));
  assert.equal(c.text, SAMPLE);
});

test('store: refuses files with conflict markers or invalid YAML, and unknown ids or bad input', () => {
  const conflicted = SAMPLE.replace('    speaker: al-sudani\n', '<<<<<<< HEAD\n    speaker: al-sudani\n=======\n    speaker: sudani\n>>>>>>> branch\n');
  const edit: AnnotationEdit = { op: 'deleteClaim', id: 'claim-c8f2e615' };
  const r1 = editAnnotationText(conflicted, 'x', edit);
  assert.equal(r1.ok, false);
  assert.equal(!r1.ok && r1.code, 'unparsable');
  const r2 = editAnnotationText('claims: [unclosed\n', 'x', edit);
  assert.equal(!r2.ok && r2.code, 'unparsable');
  const r3 = editAnnotationText('- just a list\n', 'x', edit);
  assert.equal(!r3.ok && r3.code, 'unparsable');
  assert.equal((editAnnotationText(SAMPLE, 'x', { op: 'deleteClaim', id: 'claim-00000000' }) as { code: string }).code, 'not-found');
  assert.equal((editAnnotationText(SAMPLE, 'x', { op: 'updateClaim', id: 'claim-c8f2e615', changes: { date: '8 Jan' } }) as { code: string }).code, 'invalid-edit');
  assert.equal((editAnnotationText(SAMPLE, 'x', { op: 'addClaim', claim: { anchor: { exact: '', prefix: '', suffix: '', start: 1, end: 1 } } }) as { code: string }).code, 'invalid-edit');
  assert.equal((editAnnotationText(SAMPLE, 'x', { op: 'addClaim', claim: { id: 'claim-c8f2e615', anchor: anchorOf('the talks') } }) as { code: string }).code, 'invalid-edit');
  // All or nothing: a failing second edit returns no text at all.
  const r4 = editAnnotationText(SAMPLE, 'x', [edit, { op: 'deleteClaim', id: 'claim-00000000' }]);
  assert.equal(r4.ok, false);
});

test('store: comments and unknown keys survive, keys are sorted at every level', () => {
  const hand = '# reviewed by A.\nversion: 1\nsource: articles/a.txt\nclaims:\n  - id: claim-00000001  # first\n    tags: [x]\n    created: 2024-01-01\n    anchor: { start: 0, end: 9, exact: "Officials", prefix: "", suffix: " said" }\n';
  const r = ok(editAnnotationText(hand, 'articles/a.txt', { op: 'addClaim', claim: { anchor: anchorOf('the talks went well.'), tags: [] } }, { random: seeded(2) }));
  assert.match(r.text, /^# reviewed by A\.\n/);
  assert.match(r.text, /claim-00000001 # first/);
  assert.match(r.text, /created: 2024-01-01/);
  const keys = r.text.split('\n').filter((l) => /^\S[^:]*:/.test(l)).map((l) => l.split(':')[0]);
  assert.deepEqual(keys, ['claims', 'source', 'version']);
  assert.match(r.text, /\{end: 9, exact: "Officials", prefix: "", start: 0, suffix: " said"\}/);
});

test('store: ids look right and avoid collisions', () => {
  let calls = 0;
  const fixed = () => (calls++ < 3 ? 0.5 : 0.25);
  const id = newAnnotationId('claim', new Set(['claim-80000000']), fixed);
  assert.equal(id, 'claim-40000000');
  assert.match(newAnnotationId('link', new Set()), /^link-[0-9a-f]{8}$/);
});

test('store: any text round-trips through the file exactly (property)', () => {
  fc.assert(
    fc.property(fc.string({ unit: 'binary', maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 }), fc.array(fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,12}$/), { maxLength: 4 }), (exact, prefix, note, tags) => {
      fc.pre(exact !== '');
      const anchor = { exact, prefix, suffix: note, start: 3, end: 3 + exact.length };
      const r = editAnnotationText(null, 'a.txt', { op: 'addClaim', claim: { anchor, note, tags, speaker: tags[0] } }, { random: seeded(5) });
      assert.ok(r.ok);
      const parsed = parseAnnotationFile('a', r.text);
      assert.equal(parsed.valid, true);
      assert.equal(parsed.claims.length, 1);
      const c = parsed.claims[0];
      assert.deepEqual({ exact: c.anchor.exact, prefix: c.anchor.prefix, suffix: c.anchor.suffix }, { exact, prefix, suffix: note });
      assert.deepEqual(c.tags, [...new Set(tags)]);
      assert.equal(c.note, note.trim() === '' ? undefined : note.trim());
    }),
    { numRuns: 300 },
  );
});

test('store: line separators, NEL, BOM, tabs and lone surrogates in a quote survive exactly', () => {
  const exact = 'a\u2028b\u2029c\u0085d\ufeffe\tf\ud800 "g" \\h\r\n';
  const r = ok(editAnnotationText(null, 'a.txt', { op: 'addClaim', claim: { anchor: { exact, prefix: '\u2028', suffix: ' ', start: 0, end: exact.length } } }));
  assert.ok(!/[\u0085\u2028\u2029]/.test(r.text), 'written escaped');
  const anchor = parseAnnotationFile('a', r.text).claims[0].anchor;
  assert.equal(anchor.exact, exact);
  assert.equal(anchor.prefix, '\u2028');
  assert.equal(anchor.suffix, ' ');
});

test('store: a long quote with a line of spaces between paragraphs reads back exactly (found by the anchoring property test)', () => {
  const exact = '\n\n \n\nThe minister spoke at length about the new agreement.\n\nHe added more.';
  const r = editAnnotationText(null, 'doc.txt', [{ op: 'addClaim', claim: { id: 'claim-00000001', anchor: { exact, prefix: 'p', suffix: 's', start: 1, end: 1 + exact.length }, tags: [] } }]);
  assert.ok(r.ok, r.ok ? '' : r.error);
  assert.equal(parseAnnotationFile('a.yaml', r.text).claims[0].anchor.exact, exact);
});
