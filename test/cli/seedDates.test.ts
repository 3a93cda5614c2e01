/** Every date of the raw seed articles (../shared/corpus) as a careful reader resolves it, and the ones no reader can. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { createEngine } from '../../server/src/core/engine';
import { FileSystemWorkspace } from '../../server/src/cli/fsWorkspace';

const SEED = path.resolve(__dirname, '../../../../shared/corpus');

/** [text, value] of every date, in text order. Reasons for the ones that need thought are in the comments. */
const EXPECTED: Record<string, { published: string | null; dates: [string, string][]; unresolved: string[] }> = {
  '000_de211cce999cc606.txt': {
    published: '2022-12-06',
    dates: [
      ['December 6, 2022', '2022-12-06'], ['December 6, 2022', '2022-12-06'], ['November 29, 2022', '2022-11-29'], ['October 27, 2022', '2022-10-27'],
      ['November 29, 2022', '2022-11-29'], ['January 2020', '2020-01'], ['November 29, 2022', '2022-11-29'], ['November 30, 2022', '2022-11-30'],
      // Inside the translated Kayhan article of November 30 (the gloss agrees): the day before it.
      ['yesterday', '2022-11-29'],
      ['November 29, 2022', '2022-11-29'], ['November 29', '2022-11-29'],
      // Still Kayhan speaking: its "today" is November 30, not the dispatch's December 6.
      ['today', '2022-11-30'],
      ['November 29, 2022', '2022-11-29'], ['November 29, 2022', '2022-11-29'], ['November 30, 2022', '2022-11-30'],
    ],
    unresolved: [],
  },
  '001_55ec7aaa402d5f73.txt': {
    // No dateline: the first full date (a photo caption of the meeting) stands for it.
    published: '2020-07-21',
    dates: [['July 21, 2020', '2020-07-21'], ['February', '2020-02'], ['Tuesday July 21', '2020-07-21'], ['January', '2020-01'], ['2003', '2003'], ['04', '2004'], ['Monday', '2020-07-20']],
    unresolved: [],
  },
  '002_26ec867a5c2b0208.txt': {
    // Nothing in the text says when it was written: "beyond September" cannot be placed, nor can the
    // lowercase "beyond september" of the summary table.
    published: null,
    dates: [['September 2025', '2025-09'], ['September 2025', '2025-09']],
    unresolved: ['September', 'september'],
  },
  '003_2e9321c61a49760b.txt': {
    // No year for "January 8" anywhere in the text (the visit was in 2025, which only the reader's memory tells).
    published: null,
    dates: [['March 2023', '2023-03'], ['November 2022', '2022-11']],
    unresolved: ['January 8', 'January 6', 'January 9', 'November'],
  },
  '004_c5283d59746e3ef3.txt': {
    published: '2020-07-21',
    dates: [
      ['July 21, 2020', '2020-07-21'], ['July 21, 2020', '2020-07-21'], ['this week', '2020-W30'], ['this spring', '2020-SP'], ['last year', '2019'],
      ['Tuesday', '2020-07-21'], ['January', '2020-01'], ['earlier this year', '2020'], ['March', '2020-03'], ['earlier this year', '2020'], ['2018', '2018'], ['2019', '2019'],
    ],
    unresolved: [],
  },
};

/**
 * The day said (or null) of every quotation and quoted term, in text order (the words are the articles',
 * so they are not repeated here). A quotation is of its own day when the text gives one, else of the day of
 * the source carrying it, else of the event the article reports; when the text times it only vaguely
 * (some days after another event, a "recent" one) it stays undated.
 */
const M29 = '2022-11-29';
const K30 = '2022-11-30';
const J21 = '2020-07-21';
const STATEMENTS: Record<string, (string | null)[]> = {
  '000_de211cce999cc606.txt': [
    // 1-5: the headline and the opening on the Khamenei–Al-Sudani meeting of November 29.
    M29, M29, M29, M29, M29,
    // 6-7: the oil ministry's office opening, called recent, and its representative on it: no day given.
    null, null,
    // 8-17: the meeting again, the heading and Khamenei's and Al-Sudani's words there.
    M29, M29, M29, M29, M29, M29, M29, M29, M29, M29,
    // 18: a heading quoting Kayhan, whose editorial the next paragraph dates November 30; 19-20: its title and a phrase.
    K30, K30, K30,
    // 21-22: the translated editorial and a term inside it.
    K30, K30,
    // 23: Biden, quoted inside the editorial, timed by the text only relative to the new cabinet: undated.
    null,
    // 24-26: the editorial's own phrases after it.
    K30, K30, K30,
    // 27: IRNA, quoted by the editorial, reported on November 29.
    M29,
    // 28-29: more of the editorial's phrases.
    K30, K30,
  ],
  // The meeting of Tuesday July 21: headline, term and all of Khamenei's words.
  '001_55ec7aaa402d5f73.txt': Array(10).fill(J21),
  // No publication date and no day of its own anywhere: nothing is dated.
  '002_26ec867a5c2b0208.txt': Array(14).fill(null),
  '003_2e9321c61a49760b.txt': Array(11).fill(null),
  // The visit of July 21, when Khamenei and Shamkhani met Kadhimi.
  '004_c5283d59746e3ef3.txt': Array(9).fill(J21),
};

test('seed corpus: every date a careful reader resolves comes out right', { skip: !existsSync(SEED) && 'no ../shared/corpus' }, async () => {
  const engine = createEngine({ workspace: new FileSystemWorkspace(SEED) });
  await engine.load();
  const state = engine.getState();
  for (const [file, want] of Object.entries(EXPECTED)) {
    const doc = state.documentByPath.get(file);
    assert.ok(doc, file);
    assert.equal(doc.meta.published, want.published, `${file} published`);
    assert.deepEqual(doc.dates.map((d) => [d.text, d.value]), want.dates, `${file} dates`);
    assert.deepEqual(doc.unresolvedDates.map((u) => u.text), want.unresolved, `${file} unresolved`);
  }
});

test('seed corpus: every quotation is dated as a careful reader would date it', { skip: !existsSync(SEED) && 'no ../shared/corpus' }, async () => {
  const engine = createEngine({ workspace: new FileSystemWorkspace(SEED) });
  await engine.load();
  const state = engine.getState();
  for (const [file, want] of Object.entries(STATEMENTS)) {
    const quotes = state.quotes.get(file) ?? [];
    assert.deepEqual(quotes.map((q) => q.date?.value ?? null), want, `${file} quotations`);
  }
});
