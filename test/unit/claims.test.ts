import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createEngine } from '../../server/src/core/engine';
import { MemoryWorkspace } from '../../server/src/core/workspace';
import { FUZZY_THRESHOLD, makeAnchor, resolveAnchor, similarity } from '../../server/src/core/anchor';
import { claimEdit, claimSuggestions, listClaims, tagColor, TAG_PALETTE } from '../../server/src/core/features/claims';
import { addActor, addTag } from '../../server/src/core/annotations/codebook';
import { hoverAt } from '../../server/src/core/features/hover';
import { plainLinks } from '../../server/src/core/features/links';
import { parseAnnotationFile } from '../../server/src/core/parse/annotations';
import { parseCorpusConfig } from '../../server/src/core/parse/corpusConfig';

const ROOT = join(__dirname, '..', '..', '..');

/** samples/ in memory. */
function samples(): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (rel: string) => {
    for (const e of readdirSync(join(ROOT, 'samples', rel), { withFileTypes: true })) {
      const p = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(p);
      else files[p] = readFileSync(join(ROOT, 'samples', p), 'utf8');
    }
  };
  walk('');
  return files;
}

async function engineOver(files: Record<string, string>) {
  const workspace = new MemoryWorkspace(files);
  const engine = createEngine({ workspace });
  await engine.load();
  return { engine, workspace };
}

test('fuzzy anchoring: a reworded quotation is found with its new boundaries; a rewritten one is orphaned', () => {
  const text = 'Officials met on Monday. The minister said that "the border will stay closed until the talks resume next month" and left.';
  const exact = 'the border will stay closed until the talks resume next month';
  const start = text.indexOf(exact);
  const anchor = makeAnchor(text, start, start + exact.length);
  // A correction inside the quotation, and text added before it.
  const edited = 'UPDATED. ' + text.replace('until the talks resume', 'until talks resume');
  const r = resolveAnchor(edited, anchor);
  assert.equal(r.status, 'fuzzy');
  assert.equal(edited.slice(r.start, r.end), 'the border will stay closed until talks resume next month');
  assert.ok(r.score! >= FUZZY_THRESHOLD && r.score! < 1);
  // Context gone too (the sentence was rewritten around it): approximate search still finds it.
  const rewritten = 'Late on Monday officials said "the border will stay closed until the talk resume next month", a minister confirmed.';
  const r2 = resolveAnchor(rewritten, anchor);
  assert.equal(r2.status, 'fuzzy');
  assert.equal(rewritten.slice(r2.start, r2.end), 'the border will stay closed until the talk resume next month');
  // Changed beyond the threshold: orphaned at its old offsets, never moved to other text.
  const gone = text.replace(exact, 'the border reopens tomorrow');
  assert.deepEqual(resolveAnchor(gone, anchor), { status: 'orphaned', start: anchor.start, end: anchor.end });
  // The threshold is an option; 1 turns fuzzy matching off.
  assert.equal(resolveAnchor(edited, anchor, { threshold: 1 }).status, 'orphaned');
  assert.equal(similarity('abc', 'abc'), 1);
  assert.equal(similarity('abcd', 'abed'), 0.75);
});

test('corpus state: a fuzzy claim is a warning in its file, an orphan is also noted on the article', async () => {
  const files = samples();
  const path = 'articles/2025-01-08-caspian-wire.md';
  files[path] = files[path].replace('is illegal and harms', 'is illegal and it harms').replace('The Popular Mobilization Forces are one of the pillars of Iraq’s power, and the work of preserving them and making them stronger has to continue.', 'We support the Hashd.');
  const { engine } = await engineOver(files);
  const state = engine.getState();
  const fuzzy = state.problems.find((p) => p.code === 'anchor-fuzzy');
  assert.ok(fuzzy && fuzzy.severity === 'warning' && /claim claim-c8f2e615/.test(fuzzy.message), 'the reworded claim is found by similarity');
  const orphanInFile = state.problems.find((p) => p.code === 'anchor-orphaned' && /claim-0d6b93ae/.test(p.message));
  assert.equal(orphanInFile?.path, 'annotations/articles/2025-01-08-caspian-wire.md.yaml', JSON.stringify(state.problems.filter((p) => /anchor|claim/.test(p.code))));
  const orphanInArticle = state.problems.find((p) => p.code === 'claim-orphaned');
  assert.equal(orphanInArticle?.path, path);
  assert.equal(orphanInArticle?.severity, 'information');
  const views = listClaims(state, path);
  assert.deepEqual(views.map((v) => [v.id, v.status]), [
    ['claim-c8f2e615', 'fuzzy'],
    ['claim-0d6b93ae', 'orphaned'],
    ['claim-5a17d2b4', 'moved'],
  ].sort((a, b) => views.findIndex((v) => v.id === a[0]) - views.findIndex((v) => v.id === b[0])));
  // Writing the anchors back: the fuzzy and moved claims become exact, the orphan stays as it was.
  const file = 'annotations/articles/2025-01-08-caspian-wire.md.yaml';
  const r = claimEdit(state, path, engine.getText(file)!, { op: 'refreshAnchors' });
  assert.ok(r.result.ok);
  engine.setText(file, r.result.text);
  const after = engine.getState().claims.get(path)!;
  assert.deepEqual(after.map((c) => c.anchor.status).sort(), ['exact', 'exact', 'orphaned']);
  assert.deepEqual(parseAnnotationFile(file, r.result.text).claims.find((c) => c.id === 'claim-0d6b93ae')!.anchor, parseAnnotationFile(file, files[file]).claims.find((c) => c.id === 'claim-0d6b93ae')!.anchor);
});

test('tag claim: suggestions for the quotation under the cursor, then a claim created, edited, re-anchored and deleted', async () => {
  const files = samples();
  const { engine } = await engineOver(files);
  const path = 'articles/2022-11-29-gulf-ledger.md';
  const state = engine.getState();
  const quote = state.quotes.get(path)!.find((q) => q.kind === 'statement' && q.speaker?.actor)!;
  const s = claimSuggestions(state, path, { start: quote.start + 2, end: quote.start + 2 })!;
  assert.equal(s.from, 'quotation');
  assert.deepEqual([s.start, s.end], [quote.start, quote.end]);
  assert.equal(s.speakers[0].id, quote.speaker!.actor, 'the attributed speaker comes first');
  assert.ok(s.speakers[0].suggested);
  const rest = s.speakers.slice(1).filter((x) => state.actorById.get(x.id)!.kind === 'person');
  const counts = rest.map((x) => state.mentionsByActor.get(x.id)?.length ?? 0);
  assert.deepEqual(counts, [...counts].sort((a, b) => b - a), 'then people by number of mentions');
  assert.deepEqual(s.tags.map((t) => t.id), state.config.tags.map((t) => t.id));
  assert.equal(s.date, quote.date?.how !== 'published' && /^\d{4}-\d{2}-\d{2}$/.test(quote.date?.value ?? '') ? quote.date!.value : state.documentByPath.get(path)!.meta.published);
  assert.equal(claimSuggestions(state, path, { start: 3, end: 3 }), null, 'nothing to tag outside quotations without a selection');
  // A selection wins over the quotation; surrounding spaces are trimmed.
  const sel = claimSuggestions(state, path, { start: quote.start - 1, end: quote.start + 10 })!;
  assert.equal(sel.from, 'selection');

  const file = 'annotations/articles/2022-11-29-gulf-ledger.md.yaml';
  assert.equal(engine.getText(file), undefined, 'no annotation file yet');
  const created = claimEdit(state, path, null, { op: 'create', start: s.start, end: s.end, speaker: s.speakers[0].id, tags: [s.tags[0].id], date: s.date!, stance: 'asserts' }, { random: () => 0.5 });
  assert.ok(created.result.ok);
  assert.equal(created.file, file);
  engine.setText(file, created.result.text);
  let views = listClaims(engine.getState(), path);
  assert.equal(views.length, 1);
  assert.equal(views[0].id, 'claim-80000000');
  assert.equal(views[0].text, quote.text);
  assert.equal(views[0].tags[0].color, tagColor(engine.getState(), s.tags[0].id));

  const updated = claimEdit(engine.getState(), path, created.result.text, { op: 'update', id: 'claim-80000000', changes: { note: 'checked', stance: null } });
  assert.ok(updated.result.ok);
  engine.setText(file, updated.result.text);
  views = listClaims(engine.getState(), path);
  assert.equal(views[0].note, 'checked');
  assert.equal(views[0].stance, null);

  const re = claimEdit(engine.getState(), path, updated.result.text, { op: 'reanchor', id: 'claim-80000000', start: quote.start, end: quote.start + 12 });
  assert.ok(re.result.ok);
  engine.setText(file, re.result.text);
  assert.equal(listClaims(engine.getState(), path)[0].text, quote.text.slice(0, 12).trim());

  const hover = hoverAt(engine.getState(), path, quote.start + 1, plainLinks)!;
  assert.match(hover.markdown, /\*\*Claim\*\*/);
  assert.match(hover.markdown, /Made on /);
  assert.match(hover.markdown, /\[Edit\]\(command:corroborate\.editClaim\?/);
  const args = JSON.parse(decodeURIComponent(/command:corroborate\.deleteClaim\?([^ )]+)/.exec(hover.markdown)![1]));
  assert.deepEqual(args, [{ uri: path, id: 'claim-80000000' }]);

  const deleted = claimEdit(engine.getState(), path, re.result.text, { op: 'delete', id: 'claim-80000000' });
  assert.ok(deleted.result.ok);
  assert.equal(parseAnnotationFile(file, deleted.result.text).claims.length, 0);
  const empty = claimEdit(engine.getState(), path, null, { op: 'create', start: 10, end: 10 });
  assert.equal(empty.result.ok, false, 'an empty span is refused');
});

test('codebook: new tags and actors are added to corpus.yaml keeping comments, with fresh ids', async () => {
  const { engine } = await engineOver(samples());
  const state = engine.getState();
  const config = readFileSync(join(ROOT, 'samples/corpus.yaml'), 'utf8');
  const tag = addTag(state, config, { label: 'Threats of force' });
  assert.ok(tag.ok);
  assert.equal(tag.id, 'threats-of-force');
  const apply = (text: string, changes: { start: number; end: number; newText: string }[]) => [...changes].sort((a, b) => b.start - a.start).reduce((t, c) => t.slice(0, c.start) + c.newText + t.slice(c.end), text);
  const withTag = apply(config, tag.change.changes);
  assert.ok(withTag.startsWith(config.slice(0, 200)), 'the comments at the top are kept');
  assert.equal(withTag.length - config.length, tag.change.changes.reduce((n, c) => n + c.newText.length - (c.end - c.start), 0));
  const parsed = parseCorpusConfig(withTag);
  assert.deepEqual(parsed.problems, []);
  assert.equal(parsed.tags.at(-1)!.label, 'Threats of force');
  assert.equal(tagColor({ ...state, config: parsed }, 'threats-of-force'), TAG_PALETTE[(parsed.tags.length - 1) % TAG_PALETTE.length]);
  const again = addTag(state, config, { label: 'x', id: state.config.tags[0].id });
  assert.equal(again.ok, false);
  const actor = addActor(state, config, { name: 'A Government Spokesman' });
  assert.ok(actor.ok);
  const withActor = parseCorpusConfig(apply(config, actor.change.changes));
  assert.deepEqual(withActor.problems, []);
  assert.equal(withActor.actors.at(-1)!.id, 'a-government-spokesman');
  const fresh = addTag(state, undefined, { label: 'First' });
  assert.ok(fresh.ok && fresh.change.create);
  assert.deepEqual(parseCorpusConfig(fresh.change.changes[0].newText).tags.map((t) => t.id), ['first']);
  assert.equal(addTag(state, 'tags: [unclosed\n', { label: 'y' }).ok, false, 'a broken corpus.yaml is not rewritten');
});

test('re-anchoring trusts context over bare words: a changed quotation is found where it was, not in another speaker\'s identical words', () => {
  const text = 'The minister said: "We will respond." Later the general spoke.\n\nThe general said: "We will respond." Nothing more.';
  const start = text.indexOf('We will respond.');
  const anchor = makeAnchor(text, start, start + 'We will respond.'.length);
  const edited = text.replace('"We will respond."', '"We will respond!"');
  const r = resolveAnchor(edited, anchor);
  assert.equal(r.status, 'fuzzy');
  assert.equal(edited.slice(r.start, r.end), 'We will respond!');
  assert.ok(r.start < edited.indexOf('general said'), 'stays in the minister\'s sentence');
});

test('re-anchoring orphans a short claim whose words occur several times once its context is gone', () => {
  const text = 'Officials in Iraq met. Iraq was calm. Iraq voted.';
  const start = text.indexOf('Iraq was');
  const anchor = makeAnchor(text, start, start + 4);
  // Everything around it rewritten: three "Iraq"s remain, none with the old context.
  const edited = 'Iraq first. Then Iraq again. Finally Iraq.';
  assert.equal(resolveAnchor(edited, anchor).status, 'orphaned');
  // With its context intact elsewhere in the text it moves there.
  const moved = 'Preface. ' + text;
  assert.deepEqual(resolveAnchor(moved, anchor), { status: 'moved', start: start + 9, end: start + 13 });
});
