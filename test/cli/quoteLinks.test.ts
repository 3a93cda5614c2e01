/**
 * Quote linking judged against the links a careful reader draws: on the raw seed articles in ../shared/corpus (five
 * reports of three meetings) and on samples/ (seven invented reports of the same three meetings). Every expected link
 * must be found and every other link must be one of the few listed as acceptable either way: anything else is a link
 * between unrelated statements.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'dist/cli.js');
const SAMPLES = path.join(ROOT, 'samples');
const SEED = path.resolve(ROOT, '../shared/corpus');

/** A quotation named by the start of its document's file name and the start of its words. */
type QuoteRef = [doc: string, words: string];
type Pair = [QuoteRef, QuoteRef];

interface Json {
  documents: { path: string; quotes: { id: string; text: string }[] }[];
  links: { from: string; to: string; score: number; kind: string }[];
}

function analyze(dir: string): Json {
  const r = spawnSync(process.execPath, [CLI, 'analyze', dir, '--json'], { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as Json;
}

/** Compares the corpus's links with the expected ones; `either` lists pairs that may or may not be linked. */
function judge(json: Json, expected: Pair[], either: Pair[]): void {
  const quotes = json.documents.flatMap((d) => d.quotes.map((q) => ({ ...q, doc: d.path.split('/').pop()!, text: q.text.replace(/\s+/g, ' ') })));
  const find = ([doc, words]: QuoteRef): string => {
    const hits = quotes.filter((q) => q.doc.startsWith(doc) && q.text.startsWith(words));
    assert.equal(hits.length, 1, `exactly one quotation in ${doc}* starts with ${JSON.stringify(words)}; found ${hits.length}`);
    return hits[0].id;
  };
  const key = (a: string, b: string) => (a < b ? `${a} ${b}` : `${b} ${a}`);
  const want = new Map(expected.map((p) => [key(find(p[0]), find(p[1])), p] as const));
  const allowed = new Set(either.map((p) => key(find(p[0]), find(p[1]))));
  const found = new Set(json.links.map((l) => key(l.from, l.to)));
  const label = (id: string) => {
    const q = quotes.find((x) => x.id === id)!;
    return `${q.doc.slice(0, 12)} “${q.text.slice(0, 50)}”`;
  };
  const missing = [...want].filter(([k]) => !found.has(k)).map(([, p]) => `${p[0].join(': ')}  <->  ${p[1].join(': ')}`);
  const unrelated = json.links.filter((l) => !want.has(key(l.from, l.to)) && !allowed.has(key(l.from, l.to))).map((l) => `${label(l.from)}  <->  ${label(l.to)} (${l.score})`);
  assert.deepEqual({ missing, unrelated }, { missing: [], unrelated: [] });
}

test('seed corpus: the links between reports of the same meeting, and no others', { skip: !existsSync(SEED) && 'no ../shared/corpus' }, () => {
  const expected: Pair[] = [
    // 2020-07-21, Khamenei and al-Kadhimi: two translations of the "guest" sentence.
    [['001', 'The U.S. crime in assassinating'], ['004', 'They killed your guest at your house']],
    // The headline quotes the body's vow (found since the closing quote after "US" no longer counts as part of the name).
    [['001', 'We Will Strike'], ['001', 'We will definitely']],
    // 2022-11-29, Khamenei and al-Sudani, one long dispatch: headlines and summaries quote the long excerpts below them.
    [['000', 'If Anyone Tries To Violate'], ['000', 'Sadly, this is now happening']],
    [['000', "Iraq's security is Iran's security"], ['000', 'Sadly, this is now happening']],
    [['000', 'You Must Stand Fast'], ['000', "Iraq's progress and attainment"]],
    [['000', 'make maximum use'], ['000', "Iraq's progress and attainment"]],
    [['000', 'based on the [Iraqi] constitution'], ['000', 'is determined to implement']],
    [['000', 'After This Visit We Can Expect'], ['000', "Shia' Al-Sudani, Iraq's new prime minister"]],
    [['000', 'A Joint Iranian-Iraqi Goal'], ['000', 'After This Visit We Can Expect']],
    [['000', 'A Joint Iranian-Iraqi Goal'], ['000', "Shia' Al-Sudani, Iraq's new prime minister"]],
    // 2025-01-08, Khamenei and al-Sudani: the PMF sentence and the "confront the occupation" sentence in two reports.
    [['002', 'preserve and strengthen the Hashd [PMF] as'], ['003', 'The Popular Mobilization Forces are a key']],
    [['002', 'preserve and strengthen the Hashd [PMF].'], ['003', 'The Popular Mobilization Forces are a key']],
    [['002', 'preserve and strengthen the Hashd [PMF].'], ['002', 'preserve and strengthen the Hashd [PMF] as']],
    [['002', 'an illegal occupation that must'], ['003', 'There are indications and evidence']],
    [['002', 'the duty requires confronting'], ['003', 'There are indications and evidence']],
    // The same short term from the same speaker about the same meeting.
    [['002', 'occupying forces'], ['003', 'occupying forces']],
  ];
  const either: Pair[] = [
    // Kayhan's phrase, quoted in the dispatch's introduction and again inside the translated editorial.
    [['000', 'between absolute good'], ['000', 'absolute good and absolute evil']],
    [['000', 'between absolute good'], ['000', "Shia' Al-Sudani, Iraq's new prime minister"]],
    // Both 002 renderings of the "confront the occupation" sentence.
    [['002', 'an illegal occupation that must'], ['002', 'the duty requires confronting']],
    // "overcome the desires" of the enemies may render "stand fast against the enemy's desires".
    [['000', 'to overcome the desires'], ['000', 'You Must Stand Fast']],
    [['000', 'to overcome the desires'], ['000', "Iraq's progress and attainment"]],
  ];
  judge(analyze(SEED), expected, either);
});

test('samples/: every pair of renderings is linked, and nothing else', () => {
  const expected: Pair[] = [
    [['2020-07-21', 'We will certainly hit back'], ['2020-07-22', 'Iran will without doubt return the blow']],
    [['2020-07-21', 'They murdered your guest'], ['2020-07-22', 'Your guest was killed under your roof']],
    [['2020-07-21', 'Iran has no wish to interfere'], ['2020-07-23', 'an Iraq that is strong']],
    [['2022-11-29', 'The security of Iraq and the security of Iran'], ['2022-11-30', 'The security of Iraq and the security of Iran']],
    [['2022-11-29', 'the young, motivated forces of Iraq'], ['2022-11-30', 'You should draw as much as you can']],
    [['2025-01-08', 'The presence of the American occupiers'], ['2025-01-09', 'The stationing of American occupation forces']],
    [['2025-01-08', 'The Popular Mobilization Forces are one of the pillars'], ['2025-01-09', 'The Hashd is among the chief sources']],
  ];
  const either: Pair[] = [
    // The headline's two words are the gist of the Hashd sentence.
    [['2025-01-09', 'Strengthen the Hashd'], ['2025-01-09', 'The Hashd is among the chief sources']],
    [['2025-01-09', 'Strengthen the Hashd'], ['2025-01-08', 'The Popular Mobilization Forces are one of the pillars']],
  ];
  judge(analyze(SAMPLES), expected, either);
});
