/** Real VS Code (code-server in headless Chromium): the quotation commands of the packaged .vsix on a copy of samples/. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startCodeServer, type Session } from './codeserver';
import { EXTENSION_ID, ROOT, VSIX, lineOf, skip, until } from './vscodeKit';

/** Rows of the open quick pick (label and description), visible ones only. */
async function quickPickRows(s: Session): Promise<string[]> {
  return s.page.locator('.quick-input-widget .monaco-list-row').allInnerTexts();
}

test('VS Code: Link Quotes picks a target from the ranked list and stores the link; code lens; Compare Quotes opens a diff editor', { skip, timeout: 300_000 }, async () => {
  const workspace = mkdtempSync(path.join(os.tmpdir(), 'corroborate-vscode-quotes-'));
  cpSync(path.join(ROOT, 'samples'), workspace, { recursive: true });
  const article = path.join(workspace, 'articles/2020-07-21-tigris-review.md');
  const annotations = path.join(workspace, 'annotations/articles/2020-07-21-tigris-review.md.yaml');
  const s = await startCodeServer({ vsix: VSIX, workspace, name: 'vscode-quotes' });
  try {
    await s.openFile('articles/2020-07-21-tigris-review.md');
    await s.waitForExtensionActivation(EXTENSION_ID);
    await s.waitForText('.statusbar', /\d+ docs · \d+ actors · \d+ quotes/, { timeoutMs: 60_000 });

    // The lens above the "guest" quotation counts its other report; clicking it goes there.
    const lens = await s.waitForText('.contentWidgets .codelens-decoration, .codelens-decoration', /1 other report/, { timeoutMs: 60_000 });
    assert.match(lens, /1 other report/);
    await s.page.locator('.codelens-decoration a', { hasText: '1 other report' }).first().click();
    await until(s, 'Go to Related Quote from the lens', async () => ((await s.activeEditorTitle()) === '2020-07-22-caspian-wire.md' ? true : undefined));
    await s.page.locator('.tab[data-resource-name="2020-07-21-tigris-review.md"]').click();
    await until(s, 'back in the article', async () => ((await s.activeEditorTitle()) === '2020-07-21-tigris-review.md' ? true : undefined));

    // Link Quotes on a quotation that has no automatic link.
    const insecurity = lineOf(article, 'Wherever the Americans are present');
    await s.moveCursorTo(insecurity.line, insecurity.column + 3);
    await s.runCommand('Link Quotes', { timeoutMs: 10_000 });
    const rows = await until(s, 'the ranked candidates', async () => {
      const r = await quickPickRows(s);
      return r.length > 3 ? r : undefined;
    });
    assert.ok(rows.some((r) => /\d\.\d\d/.test(r)), `scores shown: ${rows.slice(0, 3).join(' | ')}`);
    await s.page.keyboard.type('stationing of American occupation');
    await until(s, 'the filtered candidate', async () => {
      const r = await quickPickRows(s);
      return r.length >= 1 && r[0].includes('The stationing of American occupation forces') ? r : undefined;
    });
    await s.page.keyboard.press('Enter');
    await s.waitForNotification(/linked/);
    const stored = await until(s, 'the link saved in the annotation file', () => {
      const text = readFileSync(annotations, 'utf8');
      return /status: confirmed/.test(text) && text.includes('source: articles/2025-01-09-baghdad-evening-post.txt') ? text : undefined;
    });
    assert.match(stored, /exact: "Wherever the Americans are present, insecurity follows,"/);
    assert.match(stored, /claim-3e9a41c7/, 'the claims of the file are kept');
    // The new link shows up as a lens on that quotation as well.
    await until(s, 'two lenses', async () => ((await s.page.locator('.codelens-decoration').allInnerTexts()).filter((t) => /other report/.test(t)).length >= 2 ? true : undefined), 60_000);

    // Compare Quotes: the two renderings of the guest remark side by side, with their outlet, date and speaker.
    const guest = lineOf(article, 'They murdered your guest');
    await s.moveCursorTo(guest.line, guest.column + 5);
    await s.runCommand('Compare Quotes', { timeoutMs: 10_000 });
    await until(s, 'a diff editor', async () => ((await s.page.locator('.monaco-diff-editor').count()) > 0 ? true : undefined));
    await s.waitForText('.tab.active', /The Tigris Review, 2020-07-21 ↔ Caspian Wire, 2020-07-22/);
    // (Monaco renders spaces as no-break spaces: \s matches both)
    const diff = await s.waitForText('.monaco-diff-editor', /Your\sguest\swas\skilled\sunder\syour\sroof/);
    assert.match(diff, /They\smurdered\syour\sguest/);
    assert.match(diff, /Outlet:\s+The\sTigris\sReview/);
    assert.match(diff, /Outlet:\s+Caspian\sWire/);
    // both outlets date the remark to the meeting on Tuesday 2020-07-21, whatever day they published it
    assert.equal(diff.match(/Date:\s+2020-07-21/g)?.length, 2, diff);
    assert.match(diff, /Speaker:\sAli\sKhamenei/);
  } finally {
    await s.close();
    rmSync(workspace, { recursive: true, force: true });
  }
});
