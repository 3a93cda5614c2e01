/** Hover and completion inside corpus.yaml and annotation files: actor ids and tag ids where they belong, nothing elsewhere. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createEngine } from '../../server/src/core/engine';
import { MemoryWorkspace } from '../../server/src/core/workspace';
import { yamlCompletions, yamlHover } from '../../server/src/core/features/yamlAssist';
import { plainLinks } from '../../server/src/core/features/links';

const ARTICLE = 'The cleric Ayatollah Ali Khamenei received Prime Minister Mustafa al-Kadhimi. Khamenei warned of revenge, and Kadhimi listened.\n';

const CONFIG = `actors:
  - aliases: [Khamenei]
    id: khamenei
    kind: person
    name: Ali Khamenei
tags:
  - id: killing
    label: The killing
  - id: revenge
    label: Threats of revenge
    parent: killing
version: 1
`;

const CLAIMS = `claims:
  - anchor:
      end: 20
      exact: "Ayatollah Ali Khamenei"
      prefix: ""
      start: 11
      suffix: ""
    id: claim-1
    speaker: khamenei
    stance: asserts
    tags: [revenge, ]
source: a.txt
version: 1
`;

async function load() {
  const engine = createEngine({ workspace: new MemoryWorkspace({ 'a.txt': ARTICLE, 'corpus.yaml': CONFIG, 'annotations/a.txt.yaml': CLAIMS }) });
  await engine.load();
  return engine.getState();
}

/** Offset just after `needle` (or `delta` characters into it) in `text`. */
function at(text: string, needle: string, delta = needle.length): number {
  const i = text.indexOf(needle);
  assert.ok(i >= 0, needle);
  return i + delta;
}

test('corpus.yaml hover: an actor id shows its card, a tag id its label, parent and children; other keys show nothing', async () => {
  const state = await load();
  const actor = yamlHover(state, CONFIG, at(CONFIG, 'id: khamenei', 6), true, plainLinks);
  assert.match(actor!.markdown, /Ali Khamenei/);
  assert.equal(CONFIG.slice(actor!.start, actor!.end), 'khamenei');
  const tag = yamlHover(state, CONFIG, at(CONFIG, 'id: killing', 5), true, plainLinks);
  assert.match(tag!.markdown, /\*\*The killing\*\* · tag `killing`/);
  assert.match(tag!.markdown, /Children: `revenge`/);
  const parent = yamlHover(state, CONFIG, at(CONFIG, 'parent: killing', 10), true, plainLinks);
  assert.match(parent!.markdown, /tag `killing`/);
  const child = yamlHover(state, CONFIG, at(CONFIG, 'id: revenge', 5), true, plainLinks);
  assert.match(child!.markdown, /Parent: `killing`/);
  // Negative: a kind value and a label are not ids.
  assert.equal(yamlHover(state, CONFIG, at(CONFIG, 'kind: person', 8), true, plainLinks), null);
  assert.equal(yamlHover(state, CONFIG, at(CONFIG, 'label: The killing', 9), true, plainLinks), null);
});

test('annotation hover: the speaker id is the actor, a tag in the flow list the tag; an unknown speaker says so', async () => {
  const state = await load();
  assert.match(yamlHover(state, CLAIMS, at(CLAIMS, 'speaker: khamenei', 11), false, plainLinks)!.markdown, /Ali Khamenei/);
  assert.match(yamlHover(state, CLAIMS, at(CLAIMS, 'tags: [revenge', 9), false, plainLinks)!.markdown, /Threats of revenge/);
  const unknown = CLAIMS.replace('speaker: khamenei', 'speaker: nobody');
  assert.match(yamlHover(state, unknown, at(unknown, 'speaker: nobody', 11), false, plainLinks)!.markdown, /Unknown actor id `nobody`/);
  assert.equal(yamlHover(state, CLAIMS, at(CLAIMS, 'stance: asserts', 10), false, plainLinks), null);
});

test('completion: actor ids after speaker:, tag ids after parent: and inside tags: [ ; values for stance and kind; nothing in free text', async () => {
  const state = await load();
  const labels = (text: string, offset: number, isConfig: boolean) => yamlCompletions(state, text, offset, isConfig).map((e) => e.label);
  const speakers = yamlCompletions(state, CLAIMS, at(CLAIMS, 'speaker: ', 9), false);
  assert.equal(speakers[0].label, 'khamenei', 'declared actors first');
  assert.equal(speakers[0].kind, 'actor');
  assert.ok(speakers.some((e) => e.label !== 'khamenei' && /discovered/.test(e.detail)), 'discovered actors offered too');
  // The completion replaces the whole word under the cursor.
  const mid = at(CLAIMS, 'speaker: kham');
  assert.equal(CLAIMS.slice(speakers[0].replace.start, speakers[0].replace.end), 'khamenei');
  assert.deepEqual(yamlCompletions(state, CLAIMS, mid, false)[0].replace, speakers[0].replace);
  assert.deepEqual(labels(CLAIMS, at(CLAIMS, 'tags: [revenge, '), false), ['killing', 'revenge']);
  assert.deepEqual(labels(CONFIG, at(CONFIG, 'parent: '), true), ['killing', 'revenge']);
  assert.deepEqual(labels(CLAIMS, at(CLAIMS, 'stance: '), false), ['asserts', 'denies', 'questions', 'neutral']);
  assert.deepEqual(labels(CONFIG, at(CONFIG, 'kind: '), true), ['person', 'organization', 'place', 'other']);
  // Negative: parent: means nothing in an annotation file, and a label or an anchor's text takes no completion.
  assert.deepEqual(labels(CLAIMS.replace('stance: asserts', 'parent: '), at(CLAIMS.replace('stance: asserts', 'parent: '), 'parent: '), false), []);
  assert.deepEqual(labels(CONFIG, at(CONFIG, 'label: The '), true), []);
  assert.deepEqual(labels(CLAIMS, at(CLAIMS, 'exact: "Ayatollah'), false), []);
});
