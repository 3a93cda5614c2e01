/** Registry edits: Add Actor, Merge Actors, Split Alias and rename, as text changes that keep the user's corpus.yaml as written. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createEngine } from '../../server/src/core/engine';
import { MemoryWorkspace } from '../../server/src/core/workspace';
import { minimalChanges, planAddActor, planMergeActors, planRenameActor, planSplitAlias, RegistryEditError, type FileChanges } from '../../server/src/core/features/registryEdits';
import { parseCorpusConfig } from '../../server/src/core/parse/corpusConfig';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';

const SEED = path.resolve(__dirname, '../../../../shared/corpus');

/** Every file under a directory, by corpus-relative path. */
function readTree(root: string, rel = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of readdirSync(path.join(root, rel))) {
    const r = rel ? `${rel}/${f}` : f;
    if (statSync(path.join(root, r)).isDirectory()) Object.assign(out, readTree(root, r));
    else out[r] = readFileSync(path.join(root, r), 'utf8');
  }
  return out;
}

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

/** Actor id of every mention, by its text, after a rebuild. */
function resolvedAs(state: Awaited<ReturnType<typeof corpus>>['state']): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const list of state.mentions.values()) for (const m of list) (out.get(m.text) ?? out.set(m.text, new Set()).get(m.text)!).add(m.actor);
  return out;
}

const SPLIT_ARTICLE = 'Mustafa al-Kadhimi flew to Tehran on Tuesday. Officials said al-Kadhimi wanted calm, and Al-Kadhimi repeated it. Kadhimi then met the press.\n';
const SPLIT_CONFIG = 'actors:\n  - aliases: [al-Kadhimi, Al-Kadhimi, AL-KADHIMI, Kadhimi]\n    id: al-kadhimi\n    kind: person\n    name: Mustafa al-Kadhimi\nversion: 1\n';

test('Split Alias, declared actor: the split spelling resolves to the new actor although other aliases normalise alike', async () => {
  const { ctx } = await corpus({ 'a.txt': SPLIT_ARTICLE, 'corpus.yaml': SPLIT_CONFIG });
  const [file] = planSplitAlias(ctx, 'al-kadhimi', 'Kadhimi');
  const after = apply(SPLIT_CONFIG, file);
  assert.match(after, /aliases: \[al-Kadhimi, Al-Kadhimi, AL-KADHIMI\]\n    id: al-kadhimi/);
  const split = await corpus({ 'a.txt': SPLIT_ARTICLE, 'corpus.yaml': after });
  const as = resolvedAs(split.state);
  assert.deepEqual([...as.get('Kadhimi')!], ['kadhimi']);
  assert.equal(split.state.mentionsByActor.get('kadhimi')?.length, 1);
  // The remaining spellings stay with the original actor.
  for (const form of ['Mustafa al-Kadhimi', 'al-Kadhimi', 'Al-Kadhimi']) assert.deepEqual([...as.get(form)!], ['al-kadhimi'], form);
});

test('Split Alias: spellings that differ only in case go with the split alias; the name itself in other letters is refused', async () => {
  const { ctx } = await corpus({ 'a.txt': SPLIT_ARTICLE, 'corpus.yaml': SPLIT_CONFIG });
  const [file] = planSplitAlias(ctx, 'al-kadhimi', 'Al-Kadhimi');
  const after = apply(SPLIT_CONFIG, file);
  const config = parseCorpusConfig(after);
  assert.deepEqual(config.actors.map((a) => [a.id, a.name, a.aliases]), [
    ['al-kadhimi', 'Mustafa al-Kadhimi', ['Kadhimi']],
    ['al-kadhimi-2', 'Al-Kadhimi', ['al-Kadhimi', 'AL-KADHIMI']],
  ]);
  const as = resolvedAs((await corpus({ 'a.txt': SPLIT_ARTICLE, 'corpus.yaml': after })).state);
  assert.deepEqual([...as.get('al-Kadhimi')!], ['al-kadhimi-2']);
  assert.deepEqual([...as.get('Kadhimi')!], ['al-kadhimi']);
  const shouted = await corpus({ 'a.txt': SPLIT_ARTICLE, 'corpus.yaml': 'actors:\n  - aliases: [MUSTAFA AL-KADHIMI]\n    id: k\n    kind: person\n    name: Mustafa al-Kadhimi\nversion: 1\n' });
  assert.throws(() => planSplitAlias(shouted.ctx, 'k', 'MUSTAFA AL-KADHIMI'), /in other letters/);
});

test('Split Alias, declared actor in samples/: "Kadhimi" leaves al-kadhimi and takes its mentions', async () => {
  const files = readTree(path.resolve(__dirname, '../../../samples'));
  const { state, ctx } = await corpus(files);
  const before = state.mentionsByActor.get('al-kadhimi')!.filter((m) => m.mention.text === 'Kadhimi').length;
  assert.ok(before > 0, 'samples/ mention "Kadhimi"');
  const [file] = planSplitAlias(ctx, 'al-kadhimi', 'Kadhimi');
  const split = await corpus({ ...files, 'corpus.yaml': apply(files['corpus.yaml'], file) });
  assert.equal(split.state.mentionsByActor.get('kadhimi')?.length, before);
  assert.ok(split.state.mentionsByActor.get('kadhimi')!.every((m) => m.mention.text === 'Kadhimi'));
  assert.ok(split.state.mentionsByActor.get('al-kadhimi')!.every((m) => m.mention.text !== 'Kadhimi'));
  assert.ok(split.state.mentionsByActor.get('al-kadhimi')!.some((m) => m.mention.text === 'al-Kadhimi' || m.mention.text === 'Al-Kadhimi'));
});

const HASHD_ARTICLE = 'The Popular Mobilization Forces (PMF) held a parade in Baghdad. Commanders of the Hashd [PMF] spoke. The PMF said it would stay, and the Hashd agreed.\n';

test('Split Alias, discovered actor: the original is declared too, so it is not absorbed into the split spelling', async () => {
  const { state, ctx } = await corpus({ 'a.txt': HASHD_ARTICLE });
  const pmf = state.actors.find((a) => a.name === 'Popular Mobilization Forces')!;
  assert.ok(pmf.aliases.includes('Hashd'), 'discovery joins the gloss');
  const [file] = planSplitAlias(ctx, pmf.id, 'Hashd');
  const yaml = apply('', file);
  assert.deepEqual(parseCorpusConfig(yaml).actors.map((a) => [a.id, a.name, a.aliases]), [
    [pmf.id, 'Popular Mobilization Forces', ['PMF']],
    ['hashd', 'Hashd', []],
  ]);
  const split = await corpus({ 'a.txt': HASHD_ARTICLE, 'corpus.yaml': yaml });
  const as = resolvedAs(split.state);
  assert.deepEqual([...as.get('Hashd')!], ['hashd']);
  assert.deepEqual([...as.get('PMF')!], [pmf.id]);
  assert.deepEqual([...as.get('Popular Mobilization Forces')!], [pmf.id]);
  assert.equal(split.state.actorById.get(pmf.id)?.declared, true);
});

test('Split Alias on the seed corpus: "Hashd" leaves the discovered PMF, which stays an actor of its own', { skip: !existsSync(SEED) && 'no ../shared/corpus' }, async () => {
  const files: Record<string, string> = {};
  for (const f of readdirSync(SEED)) if (f.endsWith('.txt')) files[f] = readFileSync(path.join(SEED, f), 'utf8');
  const { state, ctx } = await corpus(files);
  const pmf = state.actorById.get('popular-mobilization-forces')!;
  const hashdBefore = [...state.mentions.values()].flat().filter((m) => m.text === 'Hashd').length;
  const [file] = planSplitAlias(ctx, pmf.id, 'Hashd');
  const split = await corpus({ ...files, 'corpus.yaml': apply('', file) });
  const hashd = split.state.mentionsByActor.get('hashd') ?? [];
  assert.equal(hashd.length, hashdBefore);
  assert.ok(hashd.every((m) => m.mention.text === 'Hashd'));
  const rest = split.state.mentionsByActor.get(pmf.id) ?? [];
  assert.ok(rest.some((m) => m.mention.text === 'Popular Mobilization Forces') && rest.some((m) => m.mention.text === 'PMF'));
  assert.ok(rest.every((m) => m.mention.text !== 'Hashd'));
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
