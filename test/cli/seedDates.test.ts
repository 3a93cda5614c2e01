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
