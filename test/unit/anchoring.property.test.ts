/**
 * Property: random edits to a document with many claims. Edits outside a claim keep it exact (at its shifted
 * offsets); edits inside re-anchor it to where its text went, or orphan it; nothing is ever lost, including
 * after the new anchors are written back through the store.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createEngine } from '../../server/src/core/engine';
import { MemoryWorkspace } from '../../server/src/core/workspace';
import { makeAnchor } from '../../server/src/core/anchor';
import { editAnnotationText, type AnnotationEdit } from '../../server/src/core/annotations/store';
import { parseAnnotationFile } from '../../server/src/core/parse/annotations';
import { claimEdit } from '../../server/src/core/features/claims';

interface Edit {
  at: number;
  del: number;
  ins: string;
}

// Every word starts with its own upper-case serial (AAB, AAC...) and edits insert lower case only, so any span
// holding a whole word occurs once: a claim has one right place, and shrinking cannot make the text repetitive.
const serial = (i: number) => String.fromCharCode(65 + Math.floor(i / 676) % 26, 65 + Math.floor(i / 26) % 26, 65 + (i % 26));
const separator = fc.constantFrom(' ', ' ', ' ', ' ', ', ', '. ', '.\n\n');
const docArb = fc
  .array(fc.tuple(fc.stringMatching(/^[a-z]{0,5}$/), separator), { minLength: 120, maxLength: 300 })
  .map((parts) => 'Title of the piece\n\n' + parts.map(([w, s], i) => serial(i) + w + s).join(''));
const spanArb = fc.record({ at: fc.nat(), len: fc.integer({ min: 20, max: 90 }) });
const editArb = fc.record({ at: fc.nat(), del: fc.integer({ min: 0, max: 40 }), ins: fc.stringMatching(/^[a-z ,.]{0,30}$/) });

function applyEdit(text: string, e: Edit): string {
  return text.slice(0, e.at) + e.ins + text.slice(e.at + e.del);
}

/** Where a span's start and end go: the start stays after text inserted at it, the end stays before. */
function mapSpan(span: { start: number; end: number }, e: Edit): { start: number; end: number; inside: boolean } {
  const editEnd = e.at + e.del;
  const delta = e.ins.length - e.del;
  const inside = (e.at < span.end && editEnd > span.start) || (e.del === 0 && e.at > span.start && e.at < span.end);
  const mapStart = (p: number) => (p < e.at ? p : p >= editEnd ? p + delta : e.at + e.ins.length);
  const mapEnd = (p: number) => (p <= e.at ? p : p >= editEnd ? p + delta : e.at);
  const start = mapStart(span.start);
  return { start, end: Math.max(start, mapEnd(span.end)), inside };
}

test('anchoring property: edits outside keep claims exact, edits inside re-anchor or orphan, nothing is lost', async () => {
  await fc.assert(
    fc.asyncProperty(docArb, fc.array(spanArb, { minLength: 10, maxLength: 25 }), fc.array(editArb, { minLength: 1, maxLength: 3 }), async (text, rawSpans, rawEdits) => {
      const spans = rawSpans.map(({ at, len }) => {
        const start = 20 + (at % (text.length - len - 20));
        return { start, end: start + len };
      });
      // Annotations are written through the store, in one go, as the editor would.
      const adds: AnnotationEdit[] = spans.map((s, i) => ({ op: 'addClaim', claim: { id: `claim-${i.toString(16).padStart(8, '0')}`, anchor: makeAnchor(text, s.start, s.end), tags: [] } }));
      const written = editAnnotationText(null, 'doc.txt', adds);
      assert.ok(written.ok);
      const workspace = new MemoryWorkspace({ 'doc.txt': text, 'annotations/doc.txt.yaml': written.text });
      const engine = createEngine({ workspace });
      await engine.load();

      let edited = text;
      const images = spans.map((s) => ({ ...s, inside: false, touched: 0 }));
      for (const raw of rawEdits) {
        const at = raw.at % (edited.length + 1);
        const e = { at, del: Math.min(raw.del, edited.length - at), ins: raw.ins };
        edited = applyEdit(edited, e);
        images.forEach((img, i) => {
          const m = mapSpan(img, e);
          images[i] = { start: m.start, end: m.end, inside: img.inside || m.inside, touched: img.touched + (m.inside ? e.del + e.ins.length : 0) };
        });
      }
      engine.setText('doc.txt', edited);
      const state = engine.getState();
      const resolved = state.claims.get('doc.txt') ?? [];
      assert.equal(resolved.length, spans.length, 'every claim is still there');

      resolved.forEach((rc) => {
        const i = parseInt(rc.claim.id.slice(6), 16);
        const img = images[i];
        const a = rc.anchor;
        if (!img.inside) {
          assert.ok(a.status === 'exact' || a.status === 'moved', `claim ${i} untouched by the edits must stay exact, got ${a.status}`);
          assert.deepEqual([a.start, a.end], [img.start, img.end], `claim ${i} at its shifted offsets`);
          assert.equal(edited.slice(a.start, a.end), rc.claim.anchor.exact);
        } else if (a.status !== 'orphaned') {
          // Re-anchored: it must sit where its text went, give or take what the edits touched.
          const slack = img.touched + 2;
          assert.ok(a.start < img.end + slack && a.end > img.start - slack, `claim ${i} re-anchored near its text (${a.start}-${a.end} vs ${img.start}-${img.end})`);
          assert.ok(Math.abs(a.start - img.start) <= slack && Math.abs(a.end - img.end) <= slack, `claim ${i} boundaries (${a.start}-${a.end} vs ${img.start}-${img.end}, slack ${slack})`);
        }
      });

      // Writing the new anchors back keeps every claim, orphans included, under the same id.
      const before = engine.getText('annotations/doc.txt.yaml')!;
      const refreshed = claimEdit(state, 'doc.txt', before, { op: 'refreshAnchors' });
      assert.ok(refreshed.result.ok);
      const after = parseAnnotationFile('a', refreshed.result.text);
      assert.deepEqual(after.claims.map((c) => c.id).sort(), resolved.map((c) => c.claim.id).sort());
      for (const rc of resolved) {
        const saved = after.claims.find((c) => c.id === rc.claim.id)!;
        if (rc.anchor.status === 'orphaned') assert.deepEqual(saved.anchor, rc.claim.anchor, 'an orphan is kept as it was');
        else {
          assert.deepEqual([saved.anchor.start, saved.anchor.end], [rc.anchor.start, rc.anchor.end]);
          assert.equal(saved.anchor.exact, edited.slice(rc.anchor.start, rc.anchor.end));
        }
      }
      // And the written file resolves every non-orphan exactly.
      engine.setText('annotations/doc.txt.yaml', refreshed.result.text);
      for (const rc of engine.getState().claims.get('doc.txt') ?? []) {
        const was = resolved.find((r) => r.claim.id === rc.claim.id)!;
        assert.equal(rc.anchor.status, was.anchor.status === 'orphaned' ? 'orphaned' : 'exact');
      }
    }),
    { numRuns: Number(process.env.PROPERTY_RUNS ?? 100), endOnFailure: process.env.PROPERTY_NO_SHRINK === "1", ...(process.env.PROPERTY_SEED ? { seed: Number(process.env.PROPERTY_SEED) } : {}) },
  );
});
