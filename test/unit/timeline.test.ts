import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { createEngine } from '../../server/src/core/engine';
import { MemoryWorkspace } from '../../server/src/core/workspace';
import { makeAnchor } from '../../server/src/core/anchor';
import { analyzeDocument } from '../../server/src/core/model/document';
import { timelineDays, timelineEvents } from '../../server/src/core/features/timeline';
import { leadDate } from '../../server/src/core/features/eventDates';
import { hoverAt } from '../../server/src/core/features/hover';
import { plainLinks } from '../../server/src/core/features/links';
import { publishedFix, PUBLISHED_PLACEHOLDER } from '../../server/src/core/features/publishedFix';

const A = `---
title: Leader vows response
outlet: Caspian Wire
published: 2020-07-22
---
Ayatollah Ali Khamenei received Mustafa al-Kadhimi in Tehran on Tuesday.

“Your guest was killed under your roof,” Khamenei said.
`;
const B = `---
title: Talks in Tehran
outlet: Tigris Review
published: 2020-07-21
---
Iraqi officials prepared the visit for weeks.

"We will discuss trade and security," Kadhimi said on Monday.
`;
const D = `---
title: Border talks
outlet: Gulf Ledger
published: 2020-07-21
---
“The border must be secured,” Kadhimi told reporters.
`;
const RAW = `A visit with no date in this story

The prime minister arrived on Tuesday. "We came to talk," he said.
`;
const CONFIG = `version: 1
tags:
  - id: trade
    label: Trade
`;

function claimFile(source: string, text: string, exact: string, date?: string): string {
  const start = text.indexOf(exact);
  const a = makeAnchor(text, start, start + exact.length);
  return `claims:\n  - anchor:\n      end: ${a.end}\n      exact: ${JSON.stringify(a.exact)}\n      prefix: ${JSON.stringify(a.prefix)}\n      start: ${a.start}\n      suffix: ${JSON.stringify(a.suffix)}\n${date ? `    date: ${date}\n` : ''}    id: claim-00000001\n    tags: [trade]\nsource: ${source}\nversion: 1\n`;
}

async function corpus(extra: Record<string, string> = {}) {
  const engine = createEngine({ workspace: new MemoryWorkspace({ 'corpus.yaml': CONFIG, 'a.md': A, 'b.md': B, 'd.md': D, 'raw.txt': RAW, ...extra }) });
  await engine.load();
  return engine.getState();
}

describe('timeline', () => {
  it('lists days oldest first with documents by publication and quotations by the day they were made', async () => {
    const state = await corpus();
    assert.deepEqual(timelineDays(state).map((d) => [d.day, d.weekday, d.documents, d.quotations, d.claims]), [
      ['2020-07-20', 'Monday', 0, 1, 0],
      ['2020-07-21', 'Tuesday', 2, 2, 0],
      ['2020-07-22', 'Wednesday', 1, 0, 0],
    ]);
  });

  it('dates each quotation by its sentence, the article’s lead event or the publication, and says how', async () => {
    const state = await corpus();
    const monday = timelineEvents(state, '2020-07-20');
    assert.equal(monday[0].label, 'We will discuss trade and security,');
    assert.equal(monday[0].why, 'dated by “Monday” in its sentence');
    const tuesday = timelineEvents(state, '2020-07-21');
    assert.deepEqual(tuesday.map((e) => [e.kind, e.path]), [['quotation', 'a.md'], ['document', 'b.md'], ['document', 'd.md'], ['quotation', 'd.md']]);
    assert.equal(tuesday[0].why, 'date of the event the article reports, “Tuesday”');
    assert.equal(tuesday[0].detail, 'Ali Khamenei');
    assert.equal(tuesday[1].label, 'Talks in Tehran');
    assert.equal(tuesday[1].detail, 'Tigris Review');
    // Nothing in d.md dates its quotation: it was said by publication, on the 21st.
    assert.equal(tuesday[3].label, 'The border must be secured,');
    assert.equal(tuesday[3].why, 'made by publication on 2020-07-21');
  });

  it('leaves out what nothing dates: a raw article without a publication date', async () => {
    const state = await corpus();
    assert.ok(timelineDays(state).every((d) => timelineEvents(state, d.day).every((e) => e.path !== 'raw.txt')));
  });

  it('dates a claim by its annotation, else like the quotation it sits in', async () => {
    const dated = await corpus({ 'annotations/b.md.yaml': claimFile('b.md', B, 'We will discuss trade and security', '2020-07-19') });
    const claim = timelineEvents(dated, '2020-07-19');
    assert.deepEqual(claim.map((e) => [e.kind, e.why]), [['claim', 'date given in its annotation']]);
    const undated = await corpus({ 'annotations/b.md.yaml': claimFile('b.md', B, 'We will discuss trade and security') });
    assert.deepEqual(timelineEvents(undated, '2020-07-20').map((e) => [e.kind, e.detail]), [['quotation', 'Mustafa al-Kadhimi'], ['claim', 'Trade']]);
  });

  it('takes the lead event only from the week before publication, outside quotations and datelines', () => {
    const doc = analyzeDocument('a.txt', 'December 6, 2022 Special Dispatch\n\nThe parliament first met on October 27, 2022. Leaders met on November 29, 2022.\n');
    assert.equal(doc.meta.published, '2022-12-06');
    assert.equal(leadDate(doc)?.text, 'November 29, 2022');
  });
});

describe('date hover', () => {
  it('gives value, weekday, how it was resolved, other documents and the quotations made that day, with links', async () => {
    const state = await corpus();
    const at = state.documentByPath.get('a.md')!.text.indexOf('Tuesday') + 2;
    const md = hoverAt(state, 'a.md', at, plainLinks)?.markdown ?? '';
    assert.match(md, /^\*\*2020-07-21\*\* · Tuesday/);
    assert.match(md, /“Tuesday”: Tuesday before publication on 2020-07-22/);
    assert.match(md, /_resolved against 2020-07-22, the publication date \(front matter\)_/);
    assert.match(md, /Also on 2020-07-21 in 2 other documents:\s+- \[Tigris Review, 2020-07-21\]\(b\.md#0\) \(published that day\)\s+- \[Gulf Ledger, 2020-07-21\]\(d\.md#0\) \(published that day\)/);
    assert.match(md, /Quotations made on 2020-07-21 \(2\):/);
    assert.match(md, /- “Your guest was killed under your roof,” — Ali Khamenei, \[Caspian Wire, 2020-07-22\]\(a\.md#\d+\)/);
    assert.match(md, /- “The border must be secured,” — Mustafa al-Kadhimi, \[Gulf Ledger, 2020-07-21\]\(d\.md#\d+\)/);
  });

  it('names the quoted source a date was resolved against', async () => {
    const text = `---\npublished: 2022-12-06\n---\nIn a November 30, 2022 article, Kayhan stressed the point.\n\nThe following is a translation of the Kayhan article:\n\n"Al-Sudani arrived in Tehran yesterday."\n`;
    const state = await corpus({ 'k.md': text });
    const md = hoverAt(state, 'k.md', text.indexOf('yesterday') + 1, plainLinks)?.markdown ?? '';
    assert.match(md, /^\*\*2022-11-29\*\* · Tuesday/);
    assert.match(md, /_resolved against 2022-11-30, the date of the quoted source \(“November 30, 2022”\), not the publication date_/);
  });
});

describe('published quick fix', () => {
  const apply = (text: string) => {
    const fix = publishedFix(analyzeDocument('a.md', text));
    assert.ok(fix);
    return { fix, text: text.slice(0, fix.start) + fix.newText + text.slice(fix.end) };
  };

  it('creates front matter with a placeholder when the text states no full date, which the front matter then reports', () => {
    const { fix, text } = apply('Talks resume in the capital\n\nThey met on January 8.\n');
    assert.equal(fix.proposal, 'placeholder');
    assert.equal(text, `---\npublished: ${PUBLISHED_PLACEHOLDER}\n---\nTalks resume in the capital\n\nThey met on January 8.\n`);
    assert.equal(fix.newText.slice(fix.valueStart, fix.valueEnd), PUBLISHED_PLACEHOLDER);
    const after = analyzeDocument('a.md', text);
    assert.ok(after.problems.some((p) => p.severity === 'error' && p.code.startsWith('front-matter')), 'the placeholder must be replaced');
    assert.equal(after.meta.title, 'Talks resume in the capital');
  });

  it('proposes the latest full date the text states, which then resolves the relative dates', () => {
    const filler = 'Background on the long negotiations between the two governments. '.repeat(10);
    const { fix, text } = apply(`Talks resume\n\n${filler}\n\nA deal was signed on March 2, 2023. They met again on January 8 and on February 20, 2024.\n`);
    assert.equal(fix.proposal, 'latest-date');
    assert.equal(fix.value, '2024-02-20');
    assert.match(fix.title, /published: 2024-02-20/);
    const after = analyzeDocument('a.md', text);
    assert.equal(after.meta.published, '2024-02-20');
    assert.deepEqual(after.unresolvedDates, []);
    assert.equal(after.dates.find((d) => d.text === 'January 8')?.value, '2024-01-08');
  });

  it('inserts into existing front matter in the documented key order, or corrects a bad value', () => {
    const { text } = apply('---\ntitle: Talks\noutlet: Wire\nurl: https://example.org/a\n---\nThey met on January 8.\n');
    assert.equal(text, `---\ntitle: Talks\noutlet: Wire\npublished: ${PUBLISHED_PLACEHOLDER}\nurl: https://example.org/a\n---\nThey met on January 8.\n`);
    const bad = apply('---\ntitle: Talks\npublished: last Tuesday\n---\nThey met on January 8.\n');
    assert.equal(bad.text, `---\ntitle: Talks\npublished: ${PUBLISHED_PLACEHOLDER}\n---\nThey met on January 8.\n`);
    const crlf = apply('---\r\ntitle: Talks\r\n---\r\nThey met on January 8.\r\n');
    assert.equal(crlf.text, `---\r\ntitle: Talks\r\npublished: ${PUBLISHED_PLACEHOLDER}\r\n---\r\nThey met on January 8.\r\n`);
  });

  it('records a dateline’s date, and offers nothing when the front matter has a date or is unclosed', () => {
    const { fix, text } = apply('Talks resume\n\nBAGHDAD, Jan. 9, 2025 — They met on January 8.\n');
    assert.equal(fix.proposal, 'dateline');
    assert.ok(text.startsWith('---\npublished: 2025-01-09\n---\n'));
    assert.equal(publishedFix(analyzeDocument('a.md', '---\npublished: 2025-01-09\n---\nThey met on January 8.\n')), null);
    assert.equal(publishedFix(analyzeDocument('a.md', '---\ntitle: Talks\nThey met on January 8.\n')), null);
  });
});
