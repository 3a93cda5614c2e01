import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { linkQuotes, weightedOverlap, type LinkableQuote, type QuoteScorer } from '../../server/src/core/index/quoteLinks';
import { contentFeatures, stem } from '../../server/src/core/index/textFeatures';
import { dayRange } from '../../server/src/core/index/statementDates';
import { actorForDescription } from '../../server/src/core/index/nominalSpeakers';
import { createEngine } from '../../server/src/core/engine';
import { MemoryWorkspace } from '../../server/src/core/workspace';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

let counter = 0;
/** A statement in its own document unless `doc` is given; `date` is YYYY-MM-DD. */
function q(text: string, extra: Partial<LinkableQuote> & { date?: string } = {}): LinkableQuote {
  const { date, ...rest } = extra;
  const id = `q${String(++counter).padStart(4, '0')}`;
  return { id, doc: `${id}.txt`, text, start: 0, end: text.length, statement: true, actors: [], ...(date ? { days: dayRange(date)! } : {}), ...rest };
}

/** Unrelated statements, so that the shared words of a pair are not the commonest features of the corpus. */
function background(): LinkableQuote[] {
  return [
    'Oil prices rose sharply on Monday after the cartel agreed to cut production quotas',
    'The central bank will keep interest rates unchanged until inflation slows down',
    'Farmers expect a record wheat harvest this year despite the dry spring weather',
    'The airline plans to buy twenty new aircraft to expand its regional routes',
    'Negotiators reported progress on the trade agreement but several issues remain open',
    'The company posted a quarterly loss because of higher costs for raw materials',
  ].map((t) => q(t));
}

function pairs(quotes: LinkableQuote[], threshold = 0.5, scorer?: QuoteScorer) {
  return linkQuotes(quotes, { threshold, ...(scorer ? { scorer } : {}) }).map((l) => [l.from, l.to, l.relation]);
}

describe('features', () => {
  it('stems -ing and -ed forms to the base word', () => {
    assert.equal(stem('making'), stem('make'));
    assert.equal(stem('based'), stem('base'));
    assert.equal(stem('stopped'), stem('stop'));
    assert.equal(stem('bring'), 'bring');
  });
  it('folds translation synonyms, including obligation and firmness', () => {
    assert.deepEqual(new Set(contentFeatures('the duty requires confronting them seriously')), new Set(contentFeatures('we must firmly stand')));
  });
});

describe('linkQuotes', () => {
  it('links two translations of one statement and nothing else', () => {
    const a = q('They killed your guest in your home, and they blatantly confessed to this crime.', { speaker: 'khamenei', date: '2020-07-21' });
    const b = q('They killed your guest at your house and explicitly confessed to the crime,', { speaker: 'khamenei', date: '2020-07-21' });
    const links = linkQuotes([...background(), a, b], { threshold: 0.5 });
    assert.equal(links.length, 1);
    assert.deepEqual([links[0].from, links[0].to], [a.id, b.id]);
    assert.ok(links[0].score > 0.8);
  });

  it('penalises different known speakers and statements made months apart, but keeps the same words', () => {
    const text1 = 'Iran will never forget the martyrdom of the commander and will strike a reciprocal blow';
    const text2 = 'Iran will not forget the martyrdom of our commander and will strike back with a reciprocal blow';
    const same = pairs([...background(), q(text1, { speaker: 'khamenei', date: '2020-07-21' }), q(text2, { speaker: 'khamenei', date: '2020-07-22' })]);
    assert.equal(same.length, 1);
    const otherSpeaker = pairs([...background(), q(text1, { speaker: 'khamenei', date: '2020-07-21' }), q(text2, { speaker: 'rouhani', date: '2020-07-22' })], 0.75);
    assert.equal(otherSpeaker.length, 0, 'another speaker: not the same statement');
    const yearsApart = pairs([...background(), q(text1, { speaker: 'khamenei', date: '2020-07-21' }), q(text2, { speaker: 'khamenei', date: '2023-01-10' })], 0.75);
    assert.equal(yearsApart.length, 0, 'two years apart: not the same statement');
    const verbatim = pairs([...background(), q(text1, { speaker: 'khamenei', date: '2020-07-21' }), q(text1, { speaker: 'rouhani', date: '2023-01-10' })]);
    assert.deepEqual(verbatim.map((p) => p[2]), ['same-words'], 'a verbatim re-quote is still the same words');
  });

  it('never links a quotation with one nested inside it', () => {
    const words = 'We will not cooperate with the new government in Baghdad.';
    const outer = q(`The editorial said: '${words}' and went on about the visit`, { doc: 'k.txt', start: 100, end: 200 });
    const inner = q(words, { doc: 'k.txt', start: 122, end: 122 + words.length });
    const elsewhere = q(words, { doc: 'other.txt', start: 5, end: 5 + words.length });
    const links = pairs([...background(), outer, inner, elsewhere]);
    assert.ok(!links.some(([f, t]) => (f === outer.id && t === inner.id) || (f === inner.id && t === outer.id)));
    assert.ok(links.some(([f, t]) => [f, t].includes(inner.id) && [f, t].includes(elsewhere.id)));
  });

  it('does not take a bag of common words spread over a long quotation for a fragment', () => {
    const editorial = q(
      "Iraq's new prime minister arrived in Tehran yesterday. The visit is a victory for Iran. Security was discussed at length. Nothing in the football match will affect the unity of the nation. Iraq and its neighbours will work on trade.",
    );
    const remark = q("Iraq's security is Iran's security, just as Iran's security affects Iraq's.");
    assert.deepEqual(pairs([...background(), editorial, remark]), []);
  });

  it('links a verbatim fragment to the other renderings of the quotation it comes from', () => {
    const long = q('preserve and strengthen the Hashd as it constitutes one of the elements of power in Iraq.', { doc: 'a.txt', start: 0, end: 90, speaker: 'khamenei' });
    const short = q('preserve and strengthen the Hashd.', { doc: 'a.txt', start: 500, end: 534, speaker: 'khamenei' });
    const other = q('The Hashd is a key element of the strength of Iraq, and it is vital to continue efforts to maintain and enhance it.', { doc: 'b.txt', speaker: 'khamenei' });
    const links = pairs([...background(), long, short, other]);
    const has = (x: LinkableQuote, y: LinkableQuote) => links.some(([f, t]) => [f, t].includes(x.id) && [f, t].includes(y.id));
    assert.ok(has(long, short), 'the fragment and its quotation');
    assert.ok(has(long, other), 'the two renderings');
    assert.ok(has(short, other), 'the fragment and the other rendering');
  });

  it('links short terms only on the same words, from the same speaker, in another document', () => {
    const t1 = q('occupying forces', { statement: false, speaker: 'khamenei', doc: 'a.txt' });
    const t2 = q('occupying forces,', { statement: false, speaker: 'khamenei', doc: 'b.txt' });
    const t3 = q('occupying forces', { statement: false, speaker: 'someone-else', doc: 'c.txt' });
    const t4 = q('occupying forces', { statement: false, doc: 'd.txt' });
    assert.deepEqual(pairs([t1, t2, t3, t4]), [[t1.id, t2.id, 'same-words']]);
  });

  it('uses the scorer it is given', () => {
    const a = q('completely different words about harvests and tractors in spring');
    const b = q('nothing in common with harvests or tractors besides those words');
    const always: QuoteScorer = { score: () => ({ score: 0.9, relation: 'paraphrase' }) };
    assert.equal(pairs([a, b]).length, 0);
    assert.equal(pairs([a, b], 0.5, always).length, 1);
    assert.ok(weightedOverlap.score !== always.score);
  });
});

describe('statement dates and descriptive speakers', () => {
  it('turns calendar values into day ranges', () => {
    assert.deepEqual(dayRange('1970-01-02'), [1, 1]);
    assert.deepEqual(dayRange('1970-02'), [31, 58]);
    assert.equal(dayRange('2020-W30'), undefined);
  });

  it('resolves "the Iraqi prime minister" to the person the document introduced with that title', () => {
    const names = [
      { start: 10, end: 22, text: 'Ali Khamenei', key: 'ali khamenei', title: 'Supreme Leader' },
      { start: 40, end: 50, text: 'al-Sudani', key: 'al-sudani', title: 'Prime Minister' },
      { start: 60, end: 66, text: 'Fuad Hussein', key: 'fuad hussein', title: 'Foreign Minister' },
    ];
    const mentions = [
      { start: 10, end: 22, actor: 'khamenei', text: 'Ali Khamenei', via: 'name' as const },
      { start: 40, end: 50, actor: 'sudani', text: 'al-Sudani', via: 'name' as const },
      { start: 60, end: 66, actor: 'hussein', text: 'Fuad Hussein', via: 'name' as const },
    ];
    assert.equal(actorForDescription('The Iraqi prime minister', 100, names, mentions), 'sudani');
    assert.equal(actorForDescription('the Iranian leader', 100, names, mentions), 'khamenei');
    assert.equal(actorForDescription('the foreign minister', 100, names, mentions), 'hussein');
    assert.equal(actorForDescription('the Iranian leader', 5, names, mentions), 'khamenei', 'a lede before the name');
    assert.equal(actorForDescription('officials', 100, names, mentions), undefined);
    assert.equal(actorForDescription("the ministry's representative", 100, names, mentions), undefined);
  });

  it('resolves "he" to a bare surname opening the sentence when the document gave the hyphenated full name', async () => {
    // the demo article where this went wrong: the lone "Sudani" was taken for a sentence-initial common word
    const doc = readFileSync(path.resolve(__dirname, '../../../samples/articles/2025-01-08-caspian-wire.md'), 'utf8');
    const engine = createEngine({ workspace: new MemoryWorkspace({ 'a.md': doc }) });
    await engine.load();
    const state = engine.getState();
    const quote = state.quotes.get('a.md')!.find((x) => x.text.startsWith('an essential'))!;
    assert.equal(quote.speaker?.text, 'Sudani');
  });

  it('gives quotations their date and a descriptive speaker its actor in the corpus state', async () => {
    const doc = `---\ntitle: Talks in Tehran\npublished: 2025-01-09\n---\nIraqi Prime Minister Mohammed Shia al-Sudani met Ayatollah Ali Khamenei in Tehran.\n\nThe Iraqi prime minister said that "the two nations stand side by side in every area of cooperation."\n`;
    const engine = createEngine({ workspace: new MemoryWorkspace({ 'a.md': doc }) });
    await engine.load();
    const state = engine.getState();
    const quote = state.quotes.get('a.md')!.find((x) => x.text.startsWith('the two nations'))!;
    assert.equal(quote.date?.value, '2025-01-09');
    assert.ok(quote.speaker?.actor && state.actorById.get(quote.speaker.actor)?.name.includes('Sudani'), JSON.stringify(quote.speaker));
  });
});

describe('link relations', () => {
  const long = 'Our two nations share a long history. Foreign troops must leave the country without delay, and their bases must close. We will build the economy together.';
  it('a verbatim part of a longer quotation is a fragment, even with quotation marks nested in the longer one', () => {
    const a = q(long.replace('without delay', "'without delay'"));
    const b = q('Foreign troops must leave the country without delay');
    assert.deepEqual(pairs([...background(), a, b]), [[a.id, b.id, 'fragment']]);
  });
  it('the same part in other words is a translation or paraphrase, not a fragment', () => {
    const a = q(long);
    const b = q('foreign forces have to leave the country immediately, and their bases have to shut');
    const found = pairs([...background(), a, b], 0.3);
    assert.deepEqual(found, [[a.id, b.id, 'paraphrase']]);
  });
});

describe('speaker actors', () => {
  it('the speaker is the actor heading the phrase, not one named inside it', async () => {
    const text = [
      '---', 'title: Deterrence', 'published: 2025-01-08', '---',
      'Iran and the United States traded strikes again. The US generals at the command call this "contested deterrence," a phrase that says little.',
      '',
      'Secretary of State Antony Blinken said: "We will answer every attack on our forces in the region."',
    ].join('\n');
    const engine = createEngine({ workspace: new MemoryWorkspace({ 'a.md': text }) });
    await engine.load();
    const quotes = engine.getState().quotes.get('a.md')!;
    const term = quotes.find((x) => x.text.startsWith('contested'))!;
    assert.equal(term.speaker?.text, 'The US generals');
    assert.equal(term.speaker?.actor, null, 'the generals are not the United States');
    const said = quotes.find((x) => x.text.startsWith('We will answer'))!;
    assert.match(said.speaker?.actor ?? '', /blinken/);
  });
});

describe('reprints', () => {
  it('scores each pair of renderings once, however many reprints repeat it, and links every reprint', () => {
    const long = 'We will preserve and strengthen the Popular Mobilization Forces, which defeated terrorism in Iraq';
    const fragment = 'preserve and strengthen the Popular Mobilization Forces';
    const other = 'They killed your guest in your home and blatantly confessed to this crime';
    const translated = 'They killed your guest at your house and explicitly confessed to the crime';
    const quotes = [...background()];
    // Eight outlets reprint one wire story: its three quotations, word for word, with the speaker resolved.
    for (let copy = 0; copy < 8; copy++) {
      const doc = `reprint-${copy}.txt`;
      quotes.push(q(long, { doc, speaker: 'khamenei' }), q(fragment, { doc: doc + '#2', speaker: 'khamenei' }), q(other, { doc: doc + '#3', speaker: 'khamenei' }));
    }
    quotes.push(q(translated, { speaker: 'khamenei' }));
    let calls = 0;
    const counting: QuoteScorer = { score: (a, b, idf) => (calls++, weightedOverlap.score(a, b, idf)) };
    const links = linkQuotes(quotes, { threshold: 0.5, scorer: counting });
    // The long quotation with the fragment, in both orders (a reprint's fragment comes before or after another
    // reprint's long quotation), and the other quotation with its translation: three, not 8 x 8 of each.
    assert.equal(calls, 3, `${calls} scorer calls`);
    const linked = new Set(links.map((l) => `${l.from} ${l.to}`));
    const ids = (text: string) => quotes.filter((x) => x.text === text).map((x) => x.id);
    for (const f of ids(fragment)) for (const l of ids(long)) assert.ok(linked.has(f < l ? `${f} ${l}` : `${l} ${f}`), `fragment ${f} with ${l}`);
    const [t] = ids(translated);
    for (const o of ids(other)) assert.ok(linked.has(o < t ? `${o} ${t}` : `${t} ${o}`), `translation with ${o}`);
  });
});

describe('verbatim repeats in many documents', () => {
  const words = 'We will never accept foreign troops on the soil of our country, whatever they promise us';
  it('links a statement reprinted by many outlets to every reprint, when one known speaker said it at one time', () => {
    const quotes = [...background(), ...Array.from({ length: 20 }, (_, k) => q(words, { doc: `outlet-${k}.txt`, speaker: 'khamenei', date: '2025-01-08' }))];
    const reprints = new Set(quotes.slice(-20).map((x) => x.id));
    const sameWords = linkQuotes(quotes, { threshold: 0.5 }).filter((l) => reprints.has(l.from) && reprints.has(l.to));
    assert.equal(sameWords.length, (20 * 19) / 2);
    assert.ok(sameWords.every((l) => l.relation === 'same-words' && l.score === 1));
  });

  it('leaves a stock phrase alone: the same words from many speakers, or from one a year apart', () => {
    const speakers = Array.from({ length: 20 }, (_, k) => q(words, { doc: `s-${k}.txt`, speaker: `speaker-${k}`, date: '2025-01-08' }));
    const years = Array.from({ length: 20 }, (_, k) => q(words, { doc: `y-${k}.txt`, speaker: 'khamenei', date: `${2000 + k}-01-08` }));
    const unknown = Array.from({ length: 20 }, (_, k) => q(words, { doc: `u-${k}.txt`, date: '2025-01-08' }));
    const undated = Array.from({ length: 20 }, (_, k) => q(words, { doc: `n-${k}.txt`, speaker: 'khamenei' }));
    for (const group of [speakers, years, unknown, undated]) assert.deepEqual(pairs([...background(), ...group]), [], 'no links');
  });

  it('links a dozen repeats whoever said them, as before', () => {
    const group = Array.from({ length: 12 }, (_, k) => q(words, { doc: `d-${k}.txt`, speaker: `speaker-${k}` }));
    assert.equal(pairs([...background(), ...group]).length, (12 * 11) / 2);
  });
});
