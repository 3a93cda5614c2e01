/** The actor hover card: name, kind, the role held on the document's date, spellings seen, counts and documents, quotations, Wikidata. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createEngine } from '../../server/src/core/engine';
import { MemoryWorkspace } from '../../server/src/core/workspace';
import { actorCard, hoverAt } from '../../server/src/core/features/hover';
import { plainLinks } from '../../server/src/core/features/links';

const CONFIG = `actors:
  - aliases: [Khamenei, Supreme Leader]
    id: khamenei
    kind: person
    name: Ali Khamenei
    roles:
      - from: 1989-06-04
        title: Supreme Leader of Iran
    wikidata: Q57336
version: 1
`;

const A = `---
outlet: Gulf Ledger
published: 2022-11-29
---
Ayatollah Ali Khamenei met the Iraqi prime minister in Tehran. "Iraq's security is Iran's security," Khamenei said.
`;
const B = `---
outlet: Caspian Wire
published: 2020-07-21
---
Iran's Supreme Leader Ayatollah Ali Khamenei vowed revenge. Later, Khamenei met Iraqi Prime Minister Mustafa al-Kadhimi.
`;

test('actor card: everything the reader needs, with links to documents and quotations', async () => {
  const engine = createEngine({ workspace: new MemoryWorkspace({ 'corpus.yaml': CONFIG, 'a.md': A, 'b.md': B }) });
  await engine.load();
  const state = engine.getState();
  const card = actorCard(state, state.actorById.get('khamenei')!, '2022-11-29', plainLinks);
  const lines = card.split('  \n');
  assert.equal(lines[0], '**Ali Khamenei** · person');
  assert.equal(lines[1], '*Supreme Leader of Iran* on 2022-11-29 (since 1989-06-04)');
  assert.equal(lines[2], 'Also: Khamenei (2)', 'spellings seen, with counts; the declared but unseen "Supreme Leader" is not listed');
  // Documents with most mentions first (a tie goes by path), each linking to its first mention.
  assert.equal(lines[3], `4 mentions in 2 documents: [Gulf Ledger, 2022-11-29](a.md#${A.indexOf('Ali Khamenei')}) (2), [Caspian Wire, 2020-07-21](b.md#${B.indexOf('Ali Khamenei')}) (2)`);
  assert.equal(lines[4], 'Quotations (1):');
  assert.equal(lines[5], `- “Iraq's security is Iran's security,” — [Gulf Ledger, 2022-11-29](a.md#${A.indexOf("Iraq's security")})`);
  assert.ok(lines.includes('[Wikidata Q57336](https://www.wikidata.org/wiki/Q57336)'));
  // Hovering a mention shows the card with the role held on that document's date.
  const hover = hoverAt(state, 'b.md', B.indexOf('Khamenei met') + 2, plainLinks)!;
  assert.match(hover.markdown, /\*Supreme Leader of Iran\* on 2020-07-21/);
  assert.equal(B.slice(hover.start, hover.end), 'Khamenei');
});

test('actor card: a discovered actor says so, and a date outside every role lists the roles instead', async () => {
  const config = CONFIG.replace('      - from: 1989-06-04\n        title: Supreme Leader of Iran\n', '      - from: 1989-06-04\n        title: Supreme Leader of Iran\n        to: 2021-01-01\n');
  const engine = createEngine({ workspace: new MemoryWorkspace({ 'corpus.yaml': config, 'a.md': A, 'b.md': B }) });
  await engine.load();
  const state = engine.getState();
  const card = actorCard(state, state.actorById.get('khamenei')!, '2022-11-29', plainLinks);
  assert.match(card, /Roles: Supreme Leader of Iran \(1989-06-04 – 2021-01-01\)/);
  const kadhimi = state.actors.find((a) => a.name === 'Mustafa al-Kadhimi')!;
  assert.match(actorCard(state, kadhimi, '2020-07-21', plainLinks), /^\*\*Mustafa al-Kadhimi\*\* · person · discovered/);
});
