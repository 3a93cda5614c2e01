import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { inferPublicationDate, recognizeDates, weekdayOf } from '../../server/src/core/recognize/dates';
import { analyzeDocument } from '../../server/src/core/model/document';

/** [matched text, value] pairs, the shape most assertions care about. */
function pairs(text: string, reference: string | null = null): [string, string][] {
  return recognizeDates(text, reference).map((m) => [m.text, m.value]);
}

/** The single value found in `text`, failing when there is not exactly one match. */
function only(text: string, reference: string | null = null): string {
  const found = recognizeDates(text, reference);
  assert.equal(found.length, 1, `expected one date in ${JSON.stringify(text)}, got ${JSON.stringify(found.map((m) => m.text))}`);
  return found[0].value;
}

describe('absolute dates', () => {
  it('reads month-day-year forms', () => {
    assert.deepEqual(pairs('On November 29, 2022, they met.'), [['November 29, 2022', '2022-11-29']]);
    assert.deepEqual(pairs('On Nov. 29, 2022 they met.'), [['Nov. 29, 2022', '2022-11-29']]);
    assert.deepEqual(pairs('Sept. 3, 1989'), [['Sept. 3, 1989', '1989-09-03']]);
    assert.deepEqual(pairs('on July 4th, 1976'), [['July 4th, 1976', '1976-07-04']]);
  });

  it('reads day-month-year and ISO forms', () => {
    assert.deepEqual(pairs('on 29 November 2022.'), [['29 November 2022', '2022-11-29']]);
    assert.deepEqual(pairs('on 29 Nov 2022.'), [['29 Nov 2022', '2022-11-29']]);
    assert.deepEqual(pairs('the 5th of May, 2021'), [['5th of May, 2021', '2021-05-05']]);
    assert.deepEqual(pairs('published 2022-11-29 in'), [['2022-11-29', '2022-11-29']]);
  });

  it('takes a leading weekday into one match', () => {
    assert.deepEqual(pairs('Tuesday, July 21, 2020: talks'), [['Tuesday, July 21, 2020', '2020-07-21']]);
    assert.deepEqual(pairs('Tuesday, 21 July 2020'), [['Tuesday, 21 July 2020', '2020-07-21']]);
  });

  it('reads month and year, years and decades', () => {
    assert.deepEqual(pairs('forces leave by September 2025.'), [['September 2025', '2025-09']]);
    assert.deepEqual(pairs('In March of 2019 it began'), [['March of 2019', '2019-03']]);
    assert.deepEqual(pairs('he lived there in 2020'), [['2020', '2020']]);
    assert.deepEqual(pairs('in power since 2003'), [['2003', '2003']]);
    assert.deepEqual(pairs('in 2018 and 2019 it grew'), [['2018', '2018'], ['2019', '2019']]);
    assert.deepEqual(pairs('in the 1990s'), [['the 1990s', '199']]);
    assert.deepEqual(pairs('by early 2021'), [['early 2021', '2021']]);
    assert.deepEqual(pairs('by mid-2021'), [['mid-2021', '2021']]);
  });

  it('reads seasons with a year, quarters with a year and centuries', () => {
    assert.deepEqual(pairs('in the spring of 2019'), [['the spring of 2019', '2019-SP']]);
    assert.deepEqual(pairs('during summer 2018'), [['summer 2018', '2018-SU']]);
    assert.deepEqual(pairs('in the third quarter of 1989'), [['the third quarter of 1989', '1989-Q3']]);
    assert.deepEqual(pairs('in the 21st century'), [['the 21st century', '20']]);
    assert.deepEqual(pairs('in the 19th century'), [['the 19th century', '18']]);
  });

  it('reads unambiguous slashed dates only', () => {
    assert.equal(only('on 11/29/2022 at'), '2022-11-29');
    assert.equal(only('on 29/11/2022 at'), '2022-11-29');
    assert.deepEqual(pairs('on 05/06/2022 at'), []);
  });

  it('is absolute without a reference date', () => {
    const [m] = recognizeDates('On November 29, 2022, they met.', null);
    assert.equal(m.kind, 'absolute');
    assert.equal(m.reference, undefined);
    assert.equal(m.explanation, 'full date');
  });
});

describe('numbers and names that are not dates', () => {
  it('leaves counts and labels alone', () => {
    assert.deepEqual(pairs('some 2,000 troops arrived'), []);
    assert.deepEqual(pairs('Special Dispatch No. 10357'), []);
    assert.deepEqual(pairs('Special Dispatch No. 2020'), []);
    assert.deepEqual(pairs('they sent 2000 troops'), []);
    assert.deepEqual(pairs('a total of 2000 people'), []);
    assert.deepEqual(pairs('it costs $2020 now', '2020-01-01').map(([t]) => t), ['now']);
    assert.deepEqual(pairs('rose 1999.5 points'), []);
  });

  it('leaves first names, verbs and abbreviations without a day alone', () => {
    assert.deepEqual(pairs('Jan Egeland said', '2020-07-21'), []);
    assert.deepEqual(pairs('April Glaspie met him', '2020-07-21'), []);
    assert.deepEqual(pairs('it may rain, and May is wet', '2020-07-21'), []);
    assert.deepEqual(pairs('March organizers said', '2020-07-21'), []);
    assert.deepEqual(pairs('on Good Friday and every Monday', '2020-07-21'), []);
    assert.deepEqual(pairs('the Sunday Times reported', '2020-07-21'), []);
  });
});

describe('durations and vague phrases', () => {
  for (const text of [
    'for three years', 'for two months', 'a few days after', 'over the past year', 'in the past two decades',
    'in the last week', 'for a week', 'a few years ago', 'several weeks ago', 'the next month or so', 'two-year-old',
  ]) {
    it(`emits nothing for "${text}"`, () => assert.deepEqual(pairs(text, '2020-07-23'), []));
  }
});

describe('vague references, typed apart', () => {
  it('types the recent past, the past and the future as TimeML does', () => {
    assert.deepEqual(pairs('officials recently agreed', '2020-07-23'), [['recently', 'PAST_REF']]);
    assert.deepEqual(pairs('prices rose in recent years', '2020-07-23'), [['recent years', 'PAST_REF']]);
    assert.deepEqual(pairs('talks may resume in the near future', '2020-07-23'), [['the near future', 'FUTURE_REF']]);
    assert.deepEqual(pairs('as they did in the past, the envoys met', '2020-07-23'), [['the past', 'PAST_REF']]);
  });

  it('leaves the future and the past as nouns alone', () => {
    assert.deepEqual(pairs('the future looks bleak', '2020-07-23'), []);
    assert.deepEqual(pairs('a future vote', '2020-07-23'), []);
    assert.deepEqual(pairs('the recent vote', '2020-07-23'), []);
    assert.deepEqual(pairs('they spoke of the past', '2020-07-23'), []);
  });

  it('needs a reference to say anything', () => {
    assert.deepEqual(pairs('officials recently agreed'), []);
  });
});

describe('dates relative to the reference', () => {
  const ref = '2020-07-23'; // a Thursday

  it('resolves today, yesterday and tomorrow', () => {
    assert.deepEqual(pairs('said today', ref), [['today', '2020-07-23']]);
    assert.deepEqual(pairs('said yesterday', ref), [['yesterday', '2020-07-22']]);
    assert.deepEqual(pairs('will go tomorrow', ref), [['tomorrow', '2020-07-24']]);
    assert.equal(only('Yesterday it rained', '2021-03-01'), '2021-02-28');
  });

  it('resolves a bare weekday to the most recent one', () => {
    const [m] = recognizeDates('met on Tuesday in Tehran', ref);
    assert.equal(m.text, 'Tuesday');
    assert.equal(m.value, '2020-07-21');
    assert.equal(m.kind, 'relative');
    assert.equal(m.reference, ref);
    assert.equal(m.explanation, 'Tuesday before publication on 2020-07-23');
    assert.equal(only('on Monday', ref), '2020-07-20');
    assert.equal(only('on Saturday', ref), '2020-07-18');
  });

  it('reads the weekday of the reference as the reference day', () => {
    assert.equal(only('He went to Iran on Tuesday', '2020-07-21'), '2020-07-21');
  });

  it('reads the weekday right after the reference as tomorrow', () => {
    assert.equal(only('talks resume Friday', ref), '2020-07-24');
  });

  it('honours last, next and this coming', () => {
    assert.deepEqual(pairs('last Tuesday', '2020-07-21'), [['last Tuesday', '2020-07-14']]);
    assert.deepEqual(pairs('next Tuesday', ref), [['next Tuesday', '2020-07-28']]);
    assert.deepEqual(pairs('this coming Tuesday', ref), [['this coming Tuesday', '2020-07-28']]);
    assert.deepEqual(pairs('last Thursday', ref), [['last Thursday', '2020-07-16']]);
  });

  it('resolves a weekday with a month and day', () => {
    assert.deepEqual(pairs('in Tehran on Tuesday July 21.', ref), [['Tuesday July 21', '2020-07-21']]);
    // The weekday picks the year: 2019-07-21 was a Sunday.
    assert.equal(only('Sunday, July 21', '2020-01-10'), '2019-07-21');
  });

  it('gives a month and day the reference year, or the year before when far ahead', () => {
    assert.equal(only('on July 21 they met', ref), '2020-07-21');
    assert.equal(only('in Tehran on January 8, according', '2025-01-10'), '2025-01-08');
    assert.equal(only('since December 20', '2020-01-05'), '2019-12-20');
    assert.equal(only('on August 1', ref), '2020-08-01');
    assert.equal(only('on 8 January', '2025-01-10'), '2025-01-08');
  });

  it('looks ahead for a month and day when the clause speaks of the future', () => {
    assert.equal(only('the dividend is payable Jan. 2', '1989-11-02'), '1990-01-02');
  });

  it('resolves a bare month past-oriented', () => {
    assert.deepEqual(pairs('killed in Baghdad in January.', '2020-07-21'), [['January', '2020-01']]);
    assert.deepEqual(pairs('elected in September.', '2020-07-21'), [['September', '2019-09']]);
    assert.deepEqual(pairs('elected in July.', '2020-07-21'), [['July', '2020-07']]);
    assert.deepEqual(pairs('since early March', '2020-07-21'), [['early March', '2020-03']]);
    assert.deepEqual(pairs('by mid-March', '2020-07-21'), [['mid-March', '2021-03']]);
    assert.deepEqual(pairs('last April', '2020-07-21'), [['last April', '2020-04']]);
    assert.deepEqual(pairs('last July', '2020-07-21'), [['last July', '2019-07']]);
  });

  it('resolves a bare month forward after a forward cue', () => {
    assert.equal(only('next March', '2020-07-21'), '2021-03');
    assert.equal(only('by March', '2020-07-21'), '2021-03');
    assert.equal(only('until September', '2020-07-21'), '2020-09');
    assert.equal(only('the upcoming January', '2020-07-21'), '2021-01');
    assert.equal(only('the vote will be held in February', '2020-07-21'), '2021-02');
  });

  it('reads a month with a relative year', () => {
    assert.deepEqual(pairs('In July last year', '2020-07-21'), [['July last year', '2019-07']]);
  });

  it('resolves weeks to ISO weeks', () => {
    assert.deepEqual(pairs('last week', '2022-11-29'), [['last week', '2022-W47']]);
    assert.deepEqual(pairs('this week', '2022-11-29'), [['this week', '2022-W48']]);
    assert.deepEqual(pairs('next week', '2022-11-29'), [['next week', '2022-W49']]);
    assert.equal(only('this week', '2021-01-01'), '2020-W53');
    assert.equal(only('this week', '2025-12-30'), '2026-W01'); // its Thursday is 2026-01-01
    assert.deepEqual(pairs('early next week', '2022-11-29'), [['early next week', '2022-W49']]);
  });

  it('resolves weekends', () => {
    assert.equal(only('over the weekend', '2022-11-29'), '2022-W47-WE');
    assert.equal(only('this weekend', '2022-11-29'), '2022-W48-WE');
  });

  it('resolves months and years', () => {
    assert.deepEqual(pairs('last month', '2022-01-15'), [['last month', '2021-12']]);
    assert.deepEqual(pairs('this month', '2022-01-15'), [['this month', '2022-01']]);
    assert.deepEqual(pairs('next month', '2022-12-15'), [['next month', '2023-01']]);
    assert.deepEqual(pairs('who resigned last year', '2020-07-21'), [['last year', '2019']]);
    assert.deepEqual(pairs('this year', '2020-07-21'), [['this year', '2020']]);
    assert.deepEqual(pairs('next year', '2020-07-21'), [['next year', '2021']]);
    assert.deepEqual(pairs('visited earlier this year', '2020-07-21'), [['earlier this year', '2020']]);
    assert.deepEqual(pairs('late last year', '2020-07-21'), [['late last year', '2019']]);
  });

  it('resolves seasons', () => {
    assert.deepEqual(pairs('became prime minister this spring', '2020-07-21'), [['this spring', '2020-SP']]);
    assert.deepEqual(pairs('last summer', '2020-07-21'), [['last summer', '2019-SU']]);
    assert.deepEqual(pairs('last summer', '2020-10-01'), [['last summer', '2020-SU']]);
    assert.deepEqual(pairs('last fall', '2020-03-01'), [['last fall', '2019-FA']]);
    assert.deepEqual(pairs('next spring', '2020-07-21'), [['next spring', '2021-SP']]);
    assert.deepEqual(pairs('in the summer', '2020-07-21'), [['the summer', '2020-SU']]);
    assert.deepEqual(pairs('the fall of Mosul', '2020-07-21'), []);
  });

  it('resolves counted spans back from the reference', () => {
    assert.deepEqual(pairs('two years ago', '2020-07-21'), [['two years ago', '2018']]);
    assert.deepEqual(pairs('three days ago', '2020-07-21'), [['three days ago', '2020-07-18']]);
    assert.deepEqual(pairs('a month ago', '2020-01-21'), [['a month ago', '2019-12']]);
    assert.deepEqual(pairs('10 years ago', '2020-01-21'), [['10 years ago', '2010']]);
  });

  it('resolves quarters', () => {
    assert.deepEqual(pairs('the third quarter', '1989-11-02'), [['the third quarter', '1989-Q3']]);
    assert.deepEqual(pairs('fourth-quarter profit', '1990-02-01'), [['fourth-quarter', '1989-Q4']]);
    assert.deepEqual(pairs("this year's third quarter", '1989-11-02'), [["this year's third quarter", '1989-Q3']]);
    assert.deepEqual(pairs('the 1988 third quarter', '1989-11-02'), [['the 1988 third quarter', '1988-Q3']]);
    assert.deepEqual(pairs('a quarter of the vote', '1989-11-02'), []);
  });

  it('resolves holidays', () => {
    assert.equal(only('found on Thanksgiving Day', '2000-01-07'), '1999-11-25');
    assert.equal(only('by Christmas', '2020-12-01'), '2020-12-25');
    assert.equal(only('last Christmas', '2020-07-21'), '2019-12-25');
  });

  it('marks now and currently as the present', () => {
    assert.deepEqual(pairs('He is now on a tour', '2020-07-21'), [['now', 'PRESENT_REF']]);
    assert.deepEqual(pairs('is currently', '2020-07-21'), [['currently', 'PRESENT_REF']]);
  });

  it("prefers an editor's gloss to the reference", () => {
    const found = recognizeDates('arrived in Tehran yesterday [November 29, 2022] after', '2022-12-06');
    assert.deepEqual(found.map((m) => [m.text, m.value]), [['yesterday', '2022-11-29'], ['November 29, 2022', '2022-11-29']]);
    assert.match(found[0].explanation, /gloss/);
  });
});

describe('without a reference date', () => {
  it('leaves relative expressions out and keeps absolute ones', () => {
    const text = 'Yesterday, last week, on Tuesday, on July 21, in March, this spring, two years ago and now; but November 29, 2022 and 2019 stay.';
    assert.deepEqual(pairs(text, null), [['November 29, 2022', '2022-11-29'], ['2019', '2019']]);
  });

  it('treats a malformed reference as missing', () => {
    assert.deepEqual(pairs('yesterday', 'not a date'), []);
    assert.deepEqual(pairs('yesterday', '2022-13-45'), []);
  });

  it('still uses an absolute gloss', () => {
    assert.deepEqual(pairs('yesterday [November 29, 2022]', null), [['yesterday', '2022-11-29'], ['November 29, 2022', '2022-11-29']]);
  });
});

describe('offsets and ranges', () => {
  const text =
    'Mostafa Al-Kadhimi met Khamenei. July 21, 2020\n\nIn February, officials met in Tehran on Tuesday July 21. ' +
    'Soleimani was killed in January. In March 2023 and “yesterday” – the “now” – since 2003.';

  it('reports exact UTF-16 offsets, sorted and without overlap', () => {
    const found = recognizeDates(text, '2020-07-23');
    assert.ok(found.length >= 7);
    let lastEnd = -1;
    for (const m of found) {
      assert.equal(text.slice(m.start, m.end), m.text);
      assert.ok(m.start >= lastEnd, `overlap at ${m.start}`);
      lastEnd = m.end;
    }
  });

  it('prefers the longest reading', () => {
    assert.deepEqual(pairs('Tuesday, July 21, 2020', '2020-07-23'), [['Tuesday, July 21, 2020', '2020-07-21']]);
    assert.deepEqual(pairs('In March 2023', '2020-07-23'), [['March 2023', '2023-03']]);
  });

  it('scans only text[from, to) but reports offsets into the whole text', () => {
    const start = text.indexOf('In February');
    const end = text.indexOf('Soleimani');
    const found = recognizeDates(text, '2020-07-23', start, end);
    assert.deepEqual(found.map((m) => m.text), ['February', 'Tuesday July 21']);
    assert.equal(found[0].start, text.indexOf('February'));
  });

  it('drops a match that would cross `to`', () => {
    const t = 'on July 21, 2020 in';
    assert.deepEqual(recognizeDates(t, null, 0, t.indexOf(', 2020') + 3), []);
  });

  it('handles astral characters before a date', () => {
    const t = '😀 🇮🇷 on March 3, 2021';
    const [m] = recognizeDates(t, null);
    assert.equal(t.slice(m.start, m.end), 'March 3, 2021');
    assert.equal(m.start, t.indexOf('March'));
  });
});

describe('weekdayOf', () => {
  it('names the weekday of a date', () => {
    assert.equal(weekdayOf('2020-07-21'), 'Tuesday');
    assert.equal(weekdayOf('2022-11-29'), 'Tuesday');
    assert.equal(weekdayOf('2000-02-29'), 'Tuesday');
    assert.equal(weekdayOf('1970-01-01'), 'Thursday');
    assert.equal(weekdayOf('1969-12-31'), 'Wednesday');
  });

  it('rejects what is not a full date', () => {
    assert.equal(weekdayOf('2022-13-01'), null);
    assert.equal(weekdayOf('2021-02-29'), null);
    assert.equal(weekdayOf('2022-11'), null);
    assert.equal(weekdayOf('Tuesday'), null);
  });
});

describe('inferPublicationDate', () => {
  it('reads a dateline at the top', () => {
    const text = 'December 6, 2022 Special Dispatch No. 10357\n\nOn November 29, 2022, they met.';
    assert.deepEqual(inferPublicationDate(text, 0), { value: '2022-12-06', start: 0, end: 16 });
  });

  it('prefers a date opening a line to one in running text', () => {
    const text = 'Headline\nOn November 29, 2022, they met.\n  December 1, 2022\nBody';
    assert.equal(inferPublicationDate(text, 0)?.value, '2022-12-01');
  });

  it('falls back to the first full date in the opening text', () => {
    const text = 'Khamenei met al-Kadhimi. July 21, 2020\n\nIn February...';
    const found = inferPublicationDate(text, 0);
    assert.equal(found?.value, '2020-07-21');
    assert.equal(text.slice(found!.start, found!.end), 'July 21, 2020');
  });

  it('ignores dates without a year and dates far down the body', () => {
    assert.equal(inferPublicationDate('They met on January 8 in Tehran.', 0), null);
    assert.equal(inferPublicationDate('x'.repeat(700) + ' July 21, 2020', 0), null);
  });

  it('starts at bodyStart', () => {
    const text = 'date: 2019-01-01\n---\nWASHINGTON, March 3, 2021 (AP) - ...';
    const body = text.indexOf('WASHINGTON');
    assert.equal(inferPublicationDate(text, body)?.value, '2021-03-03');
  });
});

describe('earnings-report periods', () => {
  const ref = '1989-11-02';

  it('reads "a year earlier" like "a year ago"', () => {
    assert.deepEqual(pairs('Wages were 3% higher than a year earlier.', '1998-02-06'), [['a year earlier', '1997']]);
    assert.deepEqual(pairs('two years earlier, and three days earlier', ref), []);
  });

  it('takes a year-back comparison after a quarter as that quarter a year back', () => {
    const text = 'Third-quarter profit rose to $5 million from $4 million a year earlier. Sales fell from a year ago.';
    assert.deepEqual(pairs(text, ref), [['Third-quarter', '1989-Q3'], ['a year earlier', '1988-Q3'], ['a year ago', '1988-Q3']]);
    assert.deepEqual(pairs('Net for the second quarter of 1990 beat the year-earlier quarter.', ref), [
      ['the second quarter of 1990', '1990-Q2'], ['the year-earlier quarter', '1989-Q2'],
    ]);
    assert.deepEqual(pairs('In the fourth quarter, net fell 8% from the year-ago period.', ref).map(([, v]) => v), ['1989-Q4', '1988-Q4']);
    assert.deepEqual(pairs('In the third quarter, sales beat year-earlier levels.', ref).map(([t, v]) => [t, v]), [['the third quarter', '1989-Q3'], ['year-earlier', '1988-Q3']]);
  });

  it('keeps a plain year back when no quarter was named nearby', () => {
    assert.deepEqual(pairs('Revenue rose from year-earlier levels.', ref), [['year-earlier', '1988']]);
    assert.deepEqual(pairs('Jobs were scarcer a year ago.', ref), [['a year ago', '1988']]);
    const far = `In the third quarter, sales rose. ${'Nothing else happened here. '.repeat(60)}Costs fell from a year ago.`;
    assert.deepEqual(pairs(far, ref).map(([, v]) => v), ['1989-Q3', '1988']);
  });

  it('reads "the quarter" and "the period" as the quarter just named', () => {
    const text = 'Fourth-quarter sales slipped. During the quarter, prices fell; for the period, costs rose. The quarter a year ago was weak.';
    assert.deepEqual(pairs(text, ref), [
      ['Fourth-quarter', '1989-Q4'], ['the quarter', '1989-Q4'], ['the period', '1989-Q4'], ['The quarter a year ago', '1988-Q4'],
    ]);
    // A year-back comparison does not become the quarter referred to next.
    assert.deepEqual(pairs('Third-quarter net rose from a year earlier; in the quarter, margins grew.', ref).map(([, v]) => v), ['1989-Q3', '1988-Q3', '1989-Q3']);
  });

  it('leaves "the quarter" without a quarter named, and quarters that are fractions', () => {
    assert.deepEqual(pairs('In the quarter, things changed.', ref), []);
    assert.deepEqual(pairs('Third-quarter net rose. The Fed made a quarter-point cut; a quarter of the staff left.', ref).map(([t]) => t), ['Third-quarter']);
    assert.deepEqual(pairs('the period of grace ended', ref), []);
  });

  it('keeps "the latest quarter" on its own rule', () => {
    assert.deepEqual(pairs('In the second quarter, sales rose; in the latest quarter they fell.', ref).map(([, v]) => v), ['1989-Q2', '1989-Q3']);
  });
});

describe('years named by the discourse', () => {
  const ref = '1989-11-02';

  it('reads the full, current and fiscal-current year as the publication year', () => {
    assert.deepEqual(pairs('Earnings for the full year will fall.', ref), [['the full year', '1989']]);
    assert.deepEqual(pairs('It expects a profit in the current fiscal year that beats forecasts.', ref), [['the current fiscal year', '1989']]);
    assert.deepEqual(pairs('for the rest of the year', ref), [['the year', '1989']]);
    assert.deepEqual(pairs('as it said earlier in the year', ref), [['the year', '1989']]);
  });

  it('takes the year its sentence names over the publication year, except for the current year', () => {
    assert.deepEqual(pairs('In 1987 it earned $2 a share for the full year.', ref), [['1987', '1987'], ['the full year', '1987']]);
    assert.deepEqual(pairs('It earned $2 in 1987. For the full year it expects more.', ref).map(([, v]) => v), ['1987', '1989']);
    assert.deepEqual(pairs('Since 1987 it has grown, and in the current fiscal year it will too.', ref).map(([, v]) => v), ['1987', '1989']);
  });

  it('leaves a plain "for the year" alone: as often a duration', () => {
    assert.deepEqual(pairs('Net income for the year was $4 million.', ref), []);
    assert.deepEqual(pairs('the man of the year', ref), []);
  });

  it('reads the year-end as the publication year', () => {
    assert.deepEqual(pairs('It will close by year-end.', ref), [['year-end', '1989']]);
    assert.deepEqual(pairs("They hope to finish by the year's end.", ref), [["the year's end", '1989']]);
    assert.deepEqual(pairs('until the end of the year', ref), [['the end of the year', '1989']]);
    assert.deepEqual(pairs('a year-end bonus', ref), []);
  });

  it('anchors "that year" and "the following year" to the year last mentioned', () => {
    assert.deepEqual(pairs('He moved there in 1995. Later that year he married, and the following year he left.', ref), [
      ['1995', '1995'], ['Later that year', '1995'], ['the following year', '1996'],
    ]);
    assert.deepEqual(pairs('that year, and the following year', ref), []);
    assert.deepEqual(pairs('In 1995 he said that year-end bonuses would stay.', ref), [['1995', '1995']]);
  });
});

describe('years, ranges and lowercase months', () => {
  it('reads years of the nineteenth century after a preposition only', () => {
    assert.deepEqual(pairs('independence won in 1898 after war'), [['1898', '1898']]);
    assert.deepEqual(pairs('they counted 1850 ballots'), []);
    assert.deepEqual(pairs('room 1850 is free'), []);
  });

  it('reads a year after "to" ending its phrase and a year qualifying a period', () => {
    assert.deepEqual(pairs('records dating to 1994 show it'), [['1994', '1994']]);
    assert.deepEqual(pairs('analysts expect 1990 revenue of $2 billion'), [['1990', '1990']]);
    assert.deepEqual(pairs('his failed 1996 campaign'), [['1996', '1996']]);
    assert.deepEqual(pairs('the index rose to 2000 points'), []);
  });

  it('gives both years of a short range', () => {
    assert.deepEqual(pairs('he ran the authority (2003–04).'), [['2003', '2003'], ['04', '2004']]);
    assert.deepEqual(pairs('the 1998-99 season'), [['1998', '1998'], ['99', '1999']]);
  });

  it('reads lowercase month names in date contexts but not verbs', () => {
    assert.deepEqual(pairs('forces may stay beyond september due to threats', '2024-12-01'), [['september', '2025-09']]);
    assert.deepEqual(pairs('talks until march 3, 2021'), [['march 3, 2021', '2021-03-03']]);
    assert.deepEqual(pairs('they march on, and may 5 more join', '2020-07-21'), []);
    assert.deepEqual(pairs('the top 10 march forward', '2020-07-21'), []);
    assert.deepEqual(pairs('in october 2019 it began'), [['october 2019', '2019-10']]);
  });
});

describe('a weekday that contradicts its date', () => {
  it('picks the year near publication in which the weekday fits', () => {
    assert.deepEqual(pairs('they met on Tuesday July 21.', '2020-08-02'), [['Tuesday July 21', '2020-07-21']]);
    assert.deepEqual(pairs('they met on Sunday July 21.', '2020-08-02'), [['Sunday July 21', '2019-07-21']]);
  });

  it('tries the year the text last mentioned', () => {
    assert.deepEqual(pairs('Back in 2014, on Monday July 21, the deal was signed.', '2020-08-02').map(([, v]) => v), ['2014', '2014-07-21']);
  });

  it('keeps the date and says the weekday does not fit when nothing fits', () => {
    const [found] = recognizeDates('on Tuesday, July 21, 2019 they met', null);
    assert.equal(found.value, '2019-07-21');
    assert.match(found.explanation, /calls it a Tuesday, but 2019-07-21 is a Sunday/);
    const [near] = recognizeDates('on Wednesday July 22 they met', '2021-08-02');
    assert.equal(near.value, '2020-07-22');
  });
});

describe("a document's dates", () => {
  it('are the calendar values: days, months, years, weeks, quarters and seasons, not the present or a weekend', () => {
    const doc = analyzeDocument(
      'a.md',
      "---\npublished: 1987-03-02\n---\nProfit rose in last year's fourth quarter and fell in the first quarter of 1986. " +
        'The board meets this week, now and this weekend, and again in the spring of 1988, in May 1988 and on May 3, 1988.\n',
    );
    assert.deepEqual(
      doc.dates.map((d) => [d.text, d.value]),
      [
        ["last year's fourth quarter", '1986-Q4'],
        ['the first quarter of 1986', '1986-Q1'],
        ['this week', '1987-W10'],
        ['the spring of 1988', '1988-SP'],
        ['May 1988', '1988-05'],
        ['May 3, 1988', '1988-05-03'],
      ],
    );
  });
});

describe('where a date can start', () => {
  it('at a word boundary, not inside an identifier or after a currency sign', () => {
    assert.deepEqual(pairs('The report_2019 file and the notes_May sheet were filed in 2019.'), [['2019', '2019']]);
    assert.deepEqual(pairs('It cost $1990 and €2000 in May 1990.'), [['May 1990', '1990-05']]);
    assert.deepEqual(pairs('(2019) and "March 2020" and 2021-05-04.'), [['2019', '2019'], ['March 2020', '2020-03'], ['2021-05-04', '2021-05-04']]);
  });
});
