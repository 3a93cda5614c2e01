import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyzeDocument } from '../../server/src/core/model/document';
import { recognizeDates } from '../../server/src/core/recognize/dates';
import type { QuoteMatch, Span } from '../../server/src/core/model/types';
import { SourceDates } from '../../server/src/core/recognize/sourceDates';
import fc from 'fast-check';
import { quotationDate, undatedReason } from '../../server/src/core/features/eventDates';

/** The date found at the first occurrence of `needle` (its text starting there), failing when there is none. */
function dateAt(text: string, needle: string, published = '') {
  const doc = analyzeDocument('a.md', published ? `---\npublished: ${published}\n---\n${text}` : text);
  const at = doc.text.indexOf(needle);
  assert.ok(at >= 0, needle);
  const d = doc.dates.find((x) => x.start === at);
  assert.ok(d, `no date at ${JSON.stringify(needle)}: ${JSON.stringify(doc.dates.map((x) => x.text))}`);
  return d;
}

const KAYHAN = `Khamenei's remarks were echoed in the press.

In a November 30, 2022 article, the regime mouthpiece Kayhan stressed that Iran had defeated the U.S. in Iraq.

The following is a translation of the Kayhan article:

"Al-Sudani arrived in Tehran yesterday after visiting Jordan. Never has the nation needed unity more than it does today.

"The visit took place on Tuesday, and IRNA reported on November 29: 'The talks concerned security.'"
`;

describe('quoted and translated sources with their own date', () => {
  it('resolves a translated article against the date its lead-in gives, not the publication date', () => {
    const y = dateAt(KAYHAN, 'yesterday', '2022-12-06');
    assert.equal(y.value, '2022-11-29');
    assert.equal(y.reference, '2022-11-30');
    assert.equal(y.referenceFrom?.text, 'November 30, 2022');
    assert.match(y.explanation, /quoted source/);
    assert.equal(dateAt(KAYHAN, 'today', '2022-12-06').value, '2022-11-30');
    // A weekday inside the translation points back from the article's day (a Wednesday), not from the report's.
    assert.equal(dateAt(KAYHAN, 'Tuesday', '2022-12-06').value, '2022-11-29');
  });

  it('keeps the publication date outside the quoted source', () => {
    const text = `Officials met yesterday.\n\n${KAYHAN}`;
    const y = dateAt(text, 'yesterday', '2022-12-06');
    assert.equal(y.value, '2022-12-05');
    assert.equal(y.referenceFrom, undefined);
    assert.match(y.explanation, /publication/);
  });

  it('takes a date in the quotation’s own sentence: before the opening mark or after the closing one', () => {
    const before = 'On Monday, the minister said: "We signed the deal yesterday."\n';
    assert.equal(dateAt(before, 'yesterday', '2020-07-23').value, '2020-07-19');
    const after = '"We signed the deal yesterday," the minister said on Monday.\n';
    assert.equal(dateAt(after, 'yesterday', '2020-07-23').value, '2020-07-19');
  });

  it('takes a date earlier in the paragraph only from a sentence about saying or meeting', () => {
    const met = 'In their November 29, 2022 meeting, Khamenei congratulated Al-Sudani. He said: "Last week the parliament voted."\n';
    assert.equal(dateAt(met, 'Last week', '2022-12-06').value, '2022-W47');
    const elected = 'Al-Sudani was elected on October 27, 2022 by the parliament. He said: "Last week the parliament voted."\n';
    assert.equal(dateAt(elected, 'Last week', '2022-12-06').value, '2022-W48', 'an election date is not when he spoke');
  });

  it('resolves relative dates inside a dated quotation even when the document has no publication date', () => {
    // Far enough down that the full date is not taken for a dateline.
    const filler = 'The schools had been closed for a long time, and parents had grown impatient with the delays. '.repeat(8);
    const text = `Schools reopen across the country\n\n${filler}\n\nIn a speech on March 3, 2021, the president said: "Yesterday we reopened the schools."\n`;
    const doc = analyzeDocument('a.txt', text);
    assert.equal(doc.meta.published, null);
    assert.equal(doc.dates.find((d) => d.text === 'Yesterday')?.value, '2021-03-02');
    assert.deepEqual(doc.unresolvedDates, []);
  });

  it('skips a date later than the report as a quotation’s date: it is a deadline, not when it was said', () => {
    const text = 'The troops will leave by September 30, 2025, the minister said: "We agreed on it yesterday."\n';
    assert.equal(dateAt(text, 'yesterday', '2025-01-09').value, '2025-01-08');
  });

  it('gives a quotation inside a dated quotation the date it carries unless it has its own', () => {
    const doc = analyzeDocument('a.md', `---\npublished: 2022-12-06\n---\n${KAYHAN}`);
    const inner = doc.quotes.findIndex((q) => q.text.startsWith('The talks'));
    const outer = doc.quotes.findIndex((q) => q.text.startsWith('Al-Sudani arrived'));
    assert.ok(inner >= 0 && outer >= 0);
    assert.equal(doc.sources.of(outer)?.how, 'source');
    assert.equal(doc.sources.of(inner)?.value, '2022-11-29');
    assert.equal(doc.sources.of(inner)?.how, 'sentence');
  });

  it('resolves a whole translated document against the original date its note gives', () => {
    const text = `---\npublished: 2021-05-10\n---\nTranslated from the Persian. Originally published in Kayhan on May 3, 2021.\n\nThe minister spoke yesterday about the talks.\n`;
    const doc = analyzeDocument('a.md', text);
    assert.equal(doc.originalDate?.value, '2021-05-03');
    const y = doc.dates.find((d) => d.text === 'yesterday');
    assert.equal(y?.value, '2021-05-02');
    assert.match(y?.explanation ?? '', /original/);
  });

  it('leaves a passing mention of a first publication alone', () => {
    const text = `---\npublished: 2021-05-10\n---\nThe minister spoke yesterday.\n\nHe cited a report, first published on March 3, 2020, that had since been withdrawn. Ministers met on Monday.\n\nMore talks follow.\n`;
    const doc = analyzeDocument('a.md', text);
    assert.equal(doc.originalDate, null);
    assert.equal(doc.dates.find((d) => d.text === 'yesterday')?.value, '2021-05-09');
  });
});

describe('relative dates without a reference', () => {
  it('are collected when asked for, and reported as information by the document', () => {
    const unresolved: Span[] = [];
    const text = 'They met on January 8 and again last week. Prices are high now.';
    assert.deepEqual(recognizeDates(text, null, 0, text.length, unresolved), []);
    assert.deepEqual(unresolved.map((u) => text.slice(u.start, u.end)), ['January 8', 'last week'], '"now" is not a calendar date');
    const doc = analyzeDocument('a.txt', `A headline for this story here\n\n${text}\n`);
    assert.equal(doc.meta.published, null);
    assert.deepEqual(doc.unresolvedDates.map((u) => u.text), ['January 8', 'last week']);
    const problems = doc.problems.filter((p) => p.code === 'date-unresolved');
    assert.equal(problems.length, 2);
    assert.equal(problems[0].severity, 'information');
    assert.equal(doc.text.slice(problems[0].start, problems[0].end), 'January 8');
    assert.match(problems[0].message, /no publication date/);
  });

  it('are none once the document has a publication date', () => {
    const doc = analyzeDocument('a.md', '---\npublished: 2025-01-09\n---\nThey met on January 8.\n');
    assert.deepEqual(doc.unresolvedDates, []);
    assert.equal(doc.problems.filter((p) => p.code === 'date-unresolved').length, 0);
    assert.equal(doc.dates[0].value, '2025-01-08');
  });
});

describe('when quotations were said: headings, own time cues and quoted terms', () => {
  /** The day a statement or term whose words start with `words` was said, or null. */
  function saidOn(text: string, words: string): string | null {
    const doc = analyzeDocument('a.md', text);
    const i = doc.quotes.findIndex((q) => q.text.startsWith(words));
    assert.ok(i >= 0, `no quotation ${JSON.stringify(words)}: ${JSON.stringify(doc.quotes.map((q) => q.text))}`);
    return quotationDate(doc, i)?.value ?? null;
  }

  const EDITORIAL = `---
published: 2021-03-10
---
On March 8, 2021, the two ministers met in the capital and signed a water treaty.

The Harbour Gazette: "This Treaty Opens A New Chapter For Both Nations And Their Farmers"

In a March 9, 2021 editorial, the Harbour Gazette argued that the treaty would outlast its critics.

The following is a translation of the Gazette editorial:

"The ministers signed the treaty yesterday. The opposition leader grumbled a few weeks after the election, saying: 'We shall never accept any deal with these people.' Yet the treaty is part of the 'grand bargain' the region has waited for."
`;

  it('dates a heading that quotes a source by the day the next paragraph gives that source', () => {
    assert.equal(saidOn(EDITORIAL, 'This Treaty Opens'), '2021-03-09');
  });

  it('leaves undated a nested quotation whose lead-in times it some other way', () => {
    assert.equal(saidOn(EDITORIAL, 'The ministers signed'), '2021-03-09');
    assert.equal(saidOn(EDITORIAL, 'We shall never'), null);
    const doc = analyzeDocument('a.md', EDITORIAL);
    const i = doc.quotes.findIndex((q) => q.text.startsWith('We shall never'));
    assert.equal(doc.sources.timeCue(i), 'a few weeks after');
    assert.match(undatedReason(doc, i), /only as “a few weeks after”/);
  });

  it('gives a quoted term the day of the quotation carrying it, not the lead event', () => {
    assert.equal(saidOn(EDITORIAL, 'grand bargain'), '2021-03-09');
  });

  it('leaves undated a quotation whose lead-in names only a month, and the next one about the same thing', () => {
    const text = `---\npublished: 2021-03-10\n---\nOn March 8, 2021, the ministers met.\n\nIn January, the minister said: "We will rebuild every bridge by the summer."\n\nThe agency's recent opening of an office aims to "deepen trade between the two states for good." According to its director, "the office will soon open branches in the south."\n`;
    assert.equal(saidOn(text, 'We will rebuild'), null);
    assert.equal(saidOn(text, 'deepen trade'), null);
    assert.equal(saidOn(text, 'the office will soon'), null);
  });

  it('dates by publication a quotation whose lead-in names the quarter its figures cover', () => {
    const text = `---\npublished: 1987-03-02\n---\nFourth-quarter profit rose 12 pct, the company said: "Demand for our mills held up well."\n`;
    const doc = analyzeDocument('a.md', text);
    assert.deepEqual(doc.dates.map((d) => [d.text, d.value]), [['Fourth-quarter', '1986-Q4']], 'the quarter is a date of the document');
    assert.equal(saidOn(text, 'Demand for our mills'), '1987-03-02');
  });

  it('keeps the lead event for a lead-in whose time words belong to something else', () => {
    const text = `---\npublished: 2021-03-10\n---\nOn March 8, 2021, the ministers met.\n\nAnswering a request made during an earlier meeting with the president, the leader said: "We do not meddle in the affairs of our neighbours."\n`;
    assert.equal(saidOn(text, 'We do not meddle'), '2021-03-08');
  });
});

describe('the enclosing quotation, found through an index by opening mark', () => {
  // The definition, checked against every other quotation: the shortest statement containing it (not the same span),
  // and of equally short ones the first.
  const reference = (quotes: QuoteMatch[], i: number): number => {
    const q = quotes[i];
    let best = -1;
    quotes.forEach((o, k) => {
      if (k === i || o.kind !== 'statement' || o.outerStart > q.outerStart || o.outerEnd < q.outerEnd || (o.outerStart === q.outerStart && o.outerEnd === q.outerEnd)) return;
      if (best < 0 || o.outerEnd - o.outerStart < quotes[best].outerEnd - quotes[best].outerStart) best = k;
    });
    return best;
  };
  const quoteArb = fc.record({ at: fc.integer({ min: 0, max: 24 }), len: fc.integer({ min: 1, max: 24 }), statement: fc.boolean() }).map(
    ({ at, len, statement }): QuoteMatch => ({ start: at + 1, end: at + len - 1, outerStart: at, outerEnd: at + len, text: '', kind: statement ? 'statement' : 'term', closed: true, paragraphs: 1 }),
  );

  it('is the shortest statement containing the quotation, ties to the first, whatever the order and overlaps', () => {
    fc.assert(
      fc.property(fc.array(quoteArb, { maxLength: 40 }), (quotes) => {
        const sources = new SourceDates(' '.repeat(60), [], quotes, null);
        quotes.forEach((_, i) => assert.equal(sources.enclosing(i), reference(quotes, i), `quotation ${i}`));
      }),
      { numRuns: 300 },
    );
  });
});

describe('many dated quotations in one document', () => {
  it('resolves the relative dates inside each against its own lead-in, and the ones outside against publication', () => {
    const paragraphs: string[] = [];
    for (let i = 0; i < 600; i++) {
      const day = 1 + (i % 27);
      paragraphs.push(`On November ${day}, Ali Rahimi said: “Yesterday the talks on item ${i} went well.” Officials met again yesterday.`);
    }
    const doc = analyzeDocument('hearing.md', `---\npublished: 2022-11-30\n---\n${paragraphs.join('\n\n')}`);
    const yesterdays = doc.dates.filter((d) => d.text.toLowerCase() === 'yesterday');
    assert.equal(yesterdays.length, 1200);
    yesterdays.forEach((d, k) => {
      const i = Math.floor(k / 2);
      // the first of each pair is inside the quotation: the day before its lead-in's November day
      const own = k % 2 === 0;
      const dayBefore = 1 + (i % 27) - 1;
      const expected = !own ? '2022-11-29' : dayBefore === 0 ? '2022-10-31' : `2022-11-${String(dayBefore).padStart(2, '0')}`;
      assert.equal(d.value, expected, `date ${k}`);
      assert.equal(d.referenceFrom !== undefined, own, `date ${k} resolved against the quotation's own day`);
    });
  });
});

describe('whether a date sits in another quotation, through the same index', () => {
  it('is true exactly when some quotation holds the date but not the quotation asked about', () => {
    const spanArb = fc.record({ at: fc.integer({ min: 0, max: 60 }), len: fc.integer({ min: 1, max: 12 }) });
    const quoteArb = fc.record({ at: fc.integer({ min: 0, max: 50 }), len: fc.integer({ min: 1, max: 40 }) }).map(
      ({ at, len }): QuoteMatch => ({ start: at + 1, end: at + len - 1, outerStart: at, outerEnd: at + len, text: '', kind: 'statement', closed: true, paragraphs: 1 }),
    );
    fc.assert(
      fc.property(fc.array(quoteArb, { minLength: 1, maxLength: 30 }), fc.array(spanArb, { maxLength: 10 }), (quotes, spans) => {
        const sources = new SourceDates(' '.repeat(120), [], quotes, null);
        const inside = (d: Span, i: number) => (sources as unknown as { insideOtherQuote(d: Span, i: number): boolean }).insideOtherQuote(d, i);
        for (const { at, len } of spans) {
          const d = { start: at, end: at + len };
          quotes.forEach((q, i) => {
            const expected = quotes.some((o) => o.outerStart <= d.start && d.end <= o.outerEnd && !(o.outerStart <= q.outerStart && q.outerEnd <= o.outerEnd));
            assert.equal(inside(d, i), expected, `date ${d.start}-${d.end}, quotation ${i}`);
          });
        }
      }),
      { numRuns: 300 },
    );
  });
});
