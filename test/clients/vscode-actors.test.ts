/** Real VS Code (code-server in headless Chromium): the Corroborate Actors view opens a mention; Add Actor to corpus.yaml declares a discovered actor. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startCodeServer, type Session } from './codeserver';
import { EXTENSION_ID, ROOT, VSIX, lineOf, skip } from './vscodeKit';

/** The rows of the Actors view whose text contains `text`. */
function actorsRow(s: Session, text: string | RegExp) {
  const pane = s.page.locator('.pane', { has: s.page.locator('.pane-header', { hasText: 'Corroborate Actors' }) });
  return pane.locator('.monaco-list-row', { hasText: text });
}

async function poll(what: string, f: () => Promise<boolean> | boolean, ms = 30_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await f())) {
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

test('VS Code: the Actors view lists kind → actor → documents → mentions and opens a mention; Add Actor to corpus.yaml writes the entry', { skip, timeout: 240_000 }, async () => {
  const workspace = mkdtempSync(path.join(os.tmpdir(), 'corroborate-vscode-actors-'));
  cpSync(path.join(ROOT, 'samples'), workspace, { recursive: true });
  const s = await startCodeServer({ vsix: VSIX, workspace, name: 'vscode-actors' });
  try {
    // Start in an article that never names al-Sudani, so opening one of his mentions must switch documents.
    await s.openFile('articles/2020-07-21-tigris-review.md');
    await s.waitForExtensionActivation(EXTENSION_ID);
    await s.waitForText('.statusbar', /\d+ docs · \d+ actors · \d+ quotes/, { timeoutMs: 60_000 });

    await s.runCommand('Corroborate: Show Actors');
    // Fold the file tree so the Actors view has room for its rows (lists only render what is in view).
    await s.page.locator('.pane-header', { hasText: path.basename(workspace) }).first().click();
    const people = actorsRow(s, 'People');
    await s.step('the view groups actors by kind', () => people.first().waitFor({ state: 'visible', timeout: 30_000 }));
    await people.first().click();
    const sudani = actorsRow(s, "Mohammed Shia' al-Sudani");
    await s.step('the kind lists its actors with counts', () => sudani.first().waitFor({ state: 'visible', timeout: 30_000 }));
    assert.match(await sudani.first().innerText(), /\d+ mentions · \d+ documents/);
    await sudani.first().click();
    const doc = actorsRow(s, /, \d{4}-\d{2}-\d{2}/);
    await s.step('the actor lists the documents that mention it', () => doc.first().waitFor({ state: 'visible', timeout: 30_000 }));
    assert.match(await doc.first().innerText(), /\d+ mentions?/);
    await doc.first().click();
    const mention = actorsRow(s, /line \d+/);
    await s.step('the document lists its mentions', () => mention.first().waitFor({ state: 'visible', timeout: 30_000 }));
    assert.match(await mention.first().innerText(), /Sudani/);
    await mention.first().click();
    const sudaniDocs = ['2022-11-29-gulf-ledger.md', '2022-11-30-northern-crescent-daily.md', '2025-01-08-caspian-wire.md', '2025-01-09-baghdad-evening-post.txt'];
    await s.step('clicking a mention opens its document', () => poll('a document naming al-Sudani is active', async () => sudaniDocs.includes(await s.activeEditorTitle())));
    await s.step('the mention is in view', () => poll('al-Sudani visible', async () => /Sudani/.test(await s.visibleEditorText())));

    // A discovered actor (not in corpus.yaml) declared from the cursor: the file on disk gains its entry.
    await s.openFile('articles/2020-07-21-tigris-review.md');
    const at = lineOf(path.join(workspace, 'articles/2020-07-21-tigris-review.md'), 'Adel Abdul Mahdi');
    await s.moveCursorTo(at.line, at.column + 2);
    await s.runCommand('Corroborate: Add Actor to corpus.yaml');
    await s.waitForNotification(/Added 'Adel Abdul Mahdi' to corpus.yaml/, { timeoutMs: 30_000 });
    await s.step('corpus.yaml is saved with the new entry, the rest as it was', () =>
      poll('entry on disk', () => /\n  - id: adel-abdul-mahdi\n    kind: person\n    name: Adel Abdul Mahdi\n/.test(readFileSync(path.join(workspace, 'corpus.yaml'), 'utf8'))),
    );
    const yaml = readFileSync(path.join(workspace, 'corpus.yaml'), 'utf8');
    const original = readFileSync(path.join(ROOT, 'samples/corpus.yaml'), 'utf8');
    assert.ok(yaml.startsWith(original.slice(0, original.indexOf('\nsettings:'))), 'the user text before the new entry is untouched');
    // The view follows: the actor is now declared (no "discovered" mark).
    await s.runCommand('Corroborate: Refresh Actors');
    await people.first().waitFor({ state: 'visible', timeout: 30_000 });
    const adel = actorsRow(s, 'Adel Abdul Mahdi');
    await s.step('the declared actor shows without the discovered mark', () =>
      poll('declared in the view', async () => (await adel.count()) > 0 && !/discovered/.test(await adel.first().innerText())),
    );
  } finally {
    await s.close();
    rmSync(workspace, { recursive: true, force: true });
  }
});

