import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findNames } from '../../server/src/core/recognize/names';
import { resolveActors } from '../../server/src/core/index/actors';
import { sameToken } from '../../server/src/core/recognize/nameKeys';
import { parseCorpusConfig } from '../../server/src/core/parse/corpusConfig';

const resolve = (docs: Record<string, string>, yaml = '') =>
  resolveActors(parseCorpusConfig(yaml || 'version: 1\n').actors, Object.entries(docs).map(([path, text]) => ({ path, scan: findNames(text) })));

test('names: titles split off, possessives cut, particles kept', () => {
  const text = "Iran's Supreme Leader Ayatollah Ali Khamenei met Iraqi Prime Minister Mohammed Shia' al-Sudani and Abu Mahdi al-Muhandis.";
  const { names } = findNames(text);
  const byText = new Map(names.map((n) => [n.text, n]));
  assert.ok(byText.has('Iran'));
  assert.equal(byText.get('Ali Khamenei')?.title, 'Supreme Leader Ayatollah');
  assert.equal(byText.get("Mohammed Shia' al-Sudani")?.title, 'Prime Minister');
  assert.ok(byText.has('Abu Mahdi al-Muhandis'));
  for (const n of names) assert.equal(text.slice(n.start, n.end), n.text);
});

test('names: headline words are weak; sentence-initial single words are weak; acronym expansions found', () => {
  const text = "Khamenei Tells Iraqi PM: 'We Will Strike Back At US'\n\nHowever, the Popular Mobilization Forces (PMF) stayed. Kadhimi left.";
  const scan = findNames(text);
  assert.ok(scan.names.filter((n) => n.start < 50).every((n) => n.weak));
  assert.ok(!scan.names.some((n) => n.text === 'However'));
  assert.equal(scan.names.find((n) => n.text === 'Kadhimi')?.weak, true);
  assert.deepEqual(scan.acronyms, [{ long: 'popular mobilization forces', short: 'pmf' }]);
});

test('transliteration variants compare equal; different names do not', () => {
  for (const [a, b] of [['mostafa', 'mustafa'], ['qassem', 'qasem'], ['mohammed', 'muhammad'], ['shia', 'shiaa']]) assert.ok(sameToken(a, b), `${a} ~ ${b}`);
  for (const [a, b] of [['hassan', 'hussein'], ['sudani', 'sadr'], ['ali', 'alavi']]) assert.ok(!sameToken(a, b), `${a} !~ ${b}`);
});

test('actors: spelling variants and surname references merge across documents', () => {
  const { actors, mentions } = resolve({
    'a.txt': "Iraqi Prime Minister Mohammed Shia' al-Sudani arrived. Later, al-Sudani spoke with Ayatollah Ali Khamenei.",
    'b.txt': 'Prime Minister Muhammad Shiaa Al-Sudani met the press. Analysts said Sudani was cautious, and Khamenei agreed.',
    'c.txt': 'Iraqi Prime Minister Mostafa Al-Kadhimi came in 2020. Critics said Kadhimi and Mustafa al-Kadhimi differ only in spelling.',
  });
  const sudani = actors.filter((a) => /sudani/i.test(a.name));
  assert.equal(sudani.length, 1, JSON.stringify(actors.map((a) => a.name)));
  assert.equal(sudani[0].kind, 'person');
  assert.ok(sudani[0].aliases.includes('Sudani') && sudani[0].aliases.includes('al-Sudani'));
  const kadhimi = actors.filter((a) => /kadhimi/i.test(a.name));
  assert.equal(kadhimi.length, 1);
  const khamenei = actors.find((a) => a.name === 'Ali Khamenei')!;
  const inB = mentions.get('b.txt')!.filter((m) => m.actor === khamenei.id);
  assert.deepEqual(inB.map((m) => m.text), ['Khamenei']);
});

test('actors: people sharing a first name or a word stay apart', () => {
  const { actors } = resolve({
    'a.txt': 'Ayatollah Ali Khamenei met Ali Shamkhani while Ali Sistani stayed in Najaf. The Kataib Hezbollah and Harakat Hezbollah al-Nujaba militias were present.',
  });
  const names = actors.map((a) => a.name);
  for (const n of ['Ali Khamenei', 'Ali Shamkhani', 'Ali Sistani', 'Kataib Hezbollah', 'Harakat Hezbollah al-Nujaba']) assert.ok(names.includes(n), `${n} in ${names}`);
  assert.equal(actors.find((a) => a.name === 'Kataib Hezbollah')?.kind, 'organization');
  assert.equal(actors.find((a) => a.name === 'Najaf')?.kind, 'place');
});

test('actors: acronym joins its expansion; title reference binds to the name it stood before', () => {
  const { actors, mentions } = resolve({
    'a.txt': "Iran's Supreme Leader Ayatollah Ali Khamenei praised the Popular Mobilization Forces (PMF). The Supreme Leader said the PMF must grow.",
  });
  const pmf = actors.find((a) => a.name === 'Popular Mobilization Forces')!;
  assert.ok(pmf.aliases.includes('PMF'));
  const khamenei = actors.find((a) => a.name === 'Ali Khamenei')!;
  const title = mentions.get('a.txt')!.find((m) => m.text === 'Supreme Leader' && m.via === 'title');
  assert.equal(title?.actor, khamenei.id);
});

test('actors: corpus.yaml wins and collects discovered variants under its id', () => {
  const yaml = 'version: 1\nactors:\n  - id: pmf\n    name: Popular Mobilization Forces\n    kind: organization\n    aliases: [Hashd, PMF]\n  - id: sudani\n    name: Mohammed Shia al-Sudani\n    kind: person\n';
  const { actors, mentions } = resolve({ 'a.txt': 'Prime Minister Muhammad Shiaa al-Sudani defended the Hashd. Sudani said the PMF would stay.' }, yaml);
  assert.deepEqual(mentions.get('a.txt')!.map((m) => [m.text, m.actor]), [
    ['Muhammad Shiaa al-Sudani', 'sudani'],
    ['Hashd', 'pmf'],
    ['Sudani', 'sudani'],
    ['PMF', 'pmf'],
  ]);
  assert.equal(actors.find((a) => a.id === 'sudani')?.declared, true);
});

test('actors: the result does not depend on document order', () => {
  const docs = { 'b.txt': 'Mostafa Al-Kadhimi met Hassan Rouhani. Rouhani spoke.', 'a.txt': 'Mustafa al-Kadhimi left Baghdad. Kadhimi returned.' };
  const one = resolve(docs);
  const two = resolve(Object.fromEntries(Object.entries(docs).reverse()));
  assert.deepEqual(one.actors, two.actors);
  assert.deepEqual([...one.mentions].sort(), [...two.mentions].sort());
});
