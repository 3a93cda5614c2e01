/** Registry edits: Add Actor, Merge Actors, Split Alias and rename, as text changes that keep the user's corpus.yaml as written. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createEngine } from '../../server/src/core/engine';
import { MemoryWorkspace } from '../../server/src/core/workspace';
import { minimalChanges, planAddActor, planMergeActors, planRenameActor, planSplitAlias, RegistryEditError, type FileChanges } from '../../server/src/core/features/registryEdits';
import { parseCorpusConfig } from '../../server/src/core/parse/corpusConfig';

const ARTICLE = "Iran's Supreme Leader Ayatollah Ali Khamenei met Iraqi Prime Minister Mustafa al-Kadhimi in Tehran. Khamenei said the Popular Mobilization Forces (PMF) must stay. Later, Kadhimi listened.\n";

const CONFIG = `# Actors of the demo corpus (comments stay)
actors:
  - aliases: [Ayatollah Ali Khamenei, Khamenei]
    id: khamenei
    kind: person
    name: Ali Khamenei   # the Leader

  - aliases:
      - Mustafa Kadhimi
      - Kadhimi
    id: kadhimi
    kind: person
    name: Mustafa al-Kadhimi
    wikidata: Q1234

settings:
  annotations: annotations        # where claims live
version: 1
`;

const CLAIMS = `claims:
  - anchor:
      end: 10
      exact: "Iran's Sup"
      prefix: ""
      start: 0
      suffix: "reme Leader Ayatollah Ali Khamen"
    id: claim-1a
    speaker: kadhimi
source: a.txt
version: 1
`;

async function corpus(files: Record<string, string>) {
  const workspace = new MemoryWorkspace(files);
  const engine = createEngine({ workspace });
  await engine.load();
  const state = engine.getState();
  return { state, ctx: { state, textOf: (p: string) => (p in files ? files[p] : undefined) } };
}

function apply(text: string, file: FileChanges): string {
  let out = text;
  for (const c of [...file.changes].sort((a, b) => b.start - a.start)) out = out.slice(0, c.start) + c.newText + out.slice(c.end);
  return out;
}

/** Every line of `before` is still in `after`, in order, unchanged (except those named). */
function keepsLines(before: string, after: string, except: string[] = []): void {
  const lines = after.split(/\r?\n/);
  let at = 0;
  for (const line of before.split(/\r?\n/)) {
    if (except.some((e) => line.includes(e))) continue;
    const i = lines.indexOf(line, at);
    assert.ok(i >= 0, `line kept: ${JSON.stringify(line)}\n--- after ---\n${after}`);
    at = i + 1;
  }
}

test('Add Actor: a raw corpus gets a new corpus.yaml declaring the actor with every spelling seen', async () => {
  const { state, ctx } = await corpus({ 'a.txt': ARTICLE });
  const id = state.actors.find((a) => a.name === 'Mustafa al-Kadhimi')!.id;
  const [file] = planAddActor(ctx, id);
  assert.equal(file.path, 'corpus.yaml');
  assert.equal(file.create, true);
  const text = apply('', file);
  const config = parseCorpusConfig(text);
  assert.deepEqual(config.problems, []);
  assert.deepEqual(config.actors.map((a) => [a.id, a.name, a.kind, a.aliases]), [[id, 'Mustafa al-Kadhimi', 'person', ['Kadhimi']]]);
  // Declared now: the same mentions resolve to the declared actor.
  const again = await corpus({ 'a.txt': ARTICLE, 'corpus.yaml': text });
  assert.equal(again.state.actorById.get(id)?.declared, true);
  assert.deepEqual(again.state.mentionsByActor.get(id)?.map((m) => m.mention.text), ['Mustafa al-Kadhimi', 'Kadhimi']);
});

test('Add Actor: an existing corpus.yaml keeps its comments and layout; the entry is appended in the file\'s style', async () => {
  const { state, ctx } = await corpus({ 'a.txt': ARTICLE, 'corpus.yaml': CONFIG });
  const pmf = state.actors.find((a) => a.name === 'Popular Mobilization Forces')!;
  const [file] = planAddActor(ctx, pmf.id);
  assert.equal(file.create, undefined);
  const after = apply(CONFIG, file);
  keepsLines(CONFIG, after);
  assert.match(after, /Q1234\n\n  - aliases: \[PMF\]\n    id: popular-mobilization-forces\n    kind: organization\n    name: Popular Mobilization Forces\n\nsettings:/);
  assert.equal(file.changes.length, 1, 'one small change');
  assert.throws(() => planAddActor(ctx, 'khamenei'), RegistryEditError);
});

test('Merge Actors: two declared actors become one; claims naming the merged one follow; the flow list stays one line', async () => {
  const config = CONFIG.replace('  - aliases:\n      - Mustafa Kadhimi\n      - Kadhimi\n', '  - aliases: [Mustafa Kadhimi, Kadhimi]\n');
  const { ctx } = await corpus({ 'a.txt': ARTICLE, 'corpus.yaml': config, 'annotations/a.txt.yaml': CLAIMS });
  const files = planMergeActors(ctx, 'khamenei', 'kadhimi');
  const cfg = files.find((f) => f.path === 'corpus.yaml')!;
  const after = apply(config, cfg);
  assert.match(after, /  - aliases: \[Ayatollah Ali Khamenei, Khamenei, Mustafa al-Kadhimi, Kadhimi, Mustafa Kadhimi\]\n    id: khamenei/);
  assert.doesNotMatch(after, /id: kadhimi/);
  assert.match(after, /name: Ali Khamenei   # the Leader\n    wikidata: Q1234\n\nsettings:\n  annotations: annotations        # where claims live\n/);
  const claims = files.find((f) => f.path === 'annotations/a.txt.yaml')!;
  assert.equal(apply(CLAIMS, claims), CLAIMS.replace('speaker: kadhimi', 'speaker: khamenei'));
  const merged = await corpus({ 'a.txt': ARTICLE, 'corpus.yaml': after, 'annotations/a.txt.yaml': apply(CLAIMS, claims) });
  assert.deepEqual(merged.state.problems.filter((p) => p.severity === 'error'), []);
  assert.deepEqual([...new Set(merged.state.mentions.get('a.txt')!.filter((m) => /Kadhimi|Khamenei/.test(m.text)).map((m) => m.actor))], ['khamenei']);
});

test('Merge Actors: a discovered actor joins a declared one as aliases (a block list grows by a line)', async () => {
  const { state, ctx } = await corpus({ 'a.txt': ARTICLE, 'corpus.yaml': CONFIG });
  const pmf = state.actors.find((a) => a.name === 'Popular Mobilization Forces')!;
  const [file] = planMergeActors(ctx, 'kadhimi', pmf.id);
  const after = apply(CONFIG, file);
  keepsLines(CONFIG, after);
  assert.match(after, /      - Kadhimi\n      - Popular Mobilization Forces\n      - PMF\n    id: kadhimi/);
  assert.throws(() => planMergeActors(ctx, 'kadhimi', 'kadhimi'), RegistryEditError);
  assert.throws(() => planMergeActors(ctx, 'kadhimi', 'nobody'), RegistryEditError);
});

test('Split Alias: the spelling leaves the declared list and becomes an actor of its own', async () => {
  const { ctx } = await corpus({ 'a.txt': ARTICLE, 'corpus.yaml': CONFIG });
  const [file] = planSplitAlias(ctx, 'khamenei', 'Khamenei');
  const after = apply(CONFIG, file);
  keepsLines(CONFIG, after, ['aliases: [Ayatollah Ali Khamenei, Khamenei]']);
  assert.match(after, /  - aliases: \[Ayatollah Ali Khamenei\]\n    id: khamenei\n/);
  assert.match(after, /\n  - id: khamenei-2\n    kind: person\n    name: Khamenei\n/);
  const split = await corpus({ 'a.txt': ARTICLE, 'corpus.yaml': after });
  assert.equal(split.state.mentions.get('a.txt')!.find((m) => m.text === 'Khamenei')?.actor, 'khamenei-2');
  assert.equal(split.state.mentions.get('a.txt')!.find((m) => m.text === 'Ali Khamenei')?.actor, 'khamenei');
  assert.throws(() => planSplitAlias(ctx, 'khamenei', 'Ali Khamenei'), /is the name of/);
  assert.throws(() => planSplitAlias(ctx, 'khamenei', 'Someone Else'), /not an alias/);
});

test('Rename: the id changes in corpus.yaml and in every claim; bad or taken ids are refused', async () => {
  const { ctx } = await corpus({ 'a.txt': ARTICLE, 'corpus.yaml': CONFIG, 'annotations/a.txt.yaml': CLAIMS });
  const files = planRenameActor(ctx, 'kadhimi', 'al-kadhimi');
  assert.deepEqual(files.map((f) => f.path).sort(), ['annotations/a.txt.yaml', 'corpus.yaml']);
  const after = apply(CONFIG, files.find((f) => f.path === 'corpus.yaml')!);
  assert.equal(after, CONFIG.replace('id: kadhimi', 'id: al-kadhimi'));
  assert.equal(apply(CLAIMS, files.find((f) => f.path !== 'corpus.yaml')!), CLAIMS.replace('speaker: kadhimi', 'speaker: al-kadhimi'));
  assert.throws(() => planRenameActor(ctx, 'kadhimi', 'Al Kadhimi'), /not a valid actor id/);
  assert.throws(() => planRenameActor(ctx, 'kadhimi', 'khamenei'), /already used/);
  // A discovered actor renamed is declared under the new id.
  const pmf = ctx.state.actors.find((a) => a.name === 'Popular Mobilization Forces')!;
  const [decl] = planRenameActor(ctx, pmf.id, 'pmf');
  assert.match(apply(CONFIG, decl), /id: pmf\n    kind: organization/);
});

test('edits keep CRLF line ends and refuse a corpus.yaml that does not parse', async () => {
  const crlf = CONFIG.replace(/\n/g, '\r\n');
  const { ctx } = await corpus({ 'a.txt': ARTICLE, 'corpus.yaml': crlf });
  const [file] = planRenameActor(ctx, 'khamenei', 'ali-khamenei');
  const after = apply(crlf, file);
  assert.equal(after, crlf.replace('id: khamenei', 'id: ali-khamenei'));
  const broken = await corpus({ 'a.txt': ARTICLE, 'corpus.yaml': CONFIG.replace('kind: person\n    name: Ali', 'kind: [person\n    name: Ali') });
  const someone = broken.state.actors[0].id;
  assert.throws(() => planAddActor(broken.ctx, someone), /does not parse/);
});

test('minimal changes: lines the printer would re-space are left as written when the change is elsewhere', () => {
  const text = 'a: 1    # x\nb: [p, q]\nc: 3\n';
  const before = 'a: 1 # x\nb: [p, q]\nc: 3\n';
  const after = 'a: 1 # x\nb: [p, q, r]\nc: 3\n';
  const changes = minimalChanges(text, before, after);
  assert.deepEqual(changes, [{ start: 12, end: 22, newText: 'b: [p, q, r]\n' }]);
});
