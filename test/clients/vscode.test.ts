/** Real VS Code (code-server in headless Chromium): the packaged .vsix on samples/ and on the raw seed articles. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startCodeServer } from './codeserver';
import { EXTENSION_ID, ROOT, VSIX, lineOf, skip } from './vscodeKit';

const SEED = path.resolve(ROOT, '../shared/corpus');

test('VS Code: actor hover card, date hover, Go to Related Quote lands in another document', { skip, timeout: 240_000 }, async () => {
  const workspace = mkdtempSync(path.join(os.tmpdir(), 'corroborate-vscode-'));
  cpSync(path.join(ROOT, 'samples'), workspace, { recursive: true });
  const s = await startCodeServer({ vsix: VSIX, workspace, name: 'vscode-samples' });
  try {
    await s.openFile('articles/2022-11-29-gulf-ledger.md');
    await s.waitForExtensionActivation(EXTENSION_ID);
    const hover = await s.hoverAt("Mohammed Shia' al-Sudani", { timeoutMs: 60_000 });
    assert.match(hover, /Mohammed Shia' al-Sudani/);
    assert.match(hover, /person/);
    assert.match(hover, /Prime Minister of Iraq on 2022-11-29/);
    assert.match(hover, /\d+ mentions in \d+ documents/);
    if (process.env.CORROBORATE_SCREENSHOT) {
      await s.page.waitForTimeout(800); // let the hover finish fading in: for the README picture only
      await s.screenshot(process.env.CORROBORATE_SCREENSHOT);
    }
    await s.dismiss();
    const status = await s.waitForText('.statusbar', /\d+ docs · \d+ actors · \d+ quotes/);
    assert.match(status, /7 docs/);

    const dateHover = await s.hoverAt('on Tuesday', { offset: 4 });
    assert.match(dateHover, /2022-11-29/);
    assert.match(dateHover, /Tuesday/);
    await s.dismiss();

    const file = path.join(workspace, 'articles/2020-07-21-tigris-review.md');
    await s.openFile('articles/2020-07-21-tigris-review.md');
    const at = lineOf(file, 'They murdered your guest');
    await s.moveCursorTo(at.line, at.column + 5);
    await s.runCommand('Go to Related Quote');
    await s.step('land in the other rendering', async () => {
      const end = Date.now() + 20_000;
      while ((await s.activeEditorTitle()) !== '2020-07-22-caspian-wire.md') {
        if (Date.now() > end) throw new Error(`active editor is ${await s.activeEditorTitle()}`);
        await s.page.waitForTimeout(100);
      }
    });
    assert.match(await s.visibleEditorText(), /Your guest was killed under your roof/);
  } finally {
    await s.close();
    rmSync(workspace, { recursive: true, force: true });
  }
});

test('VS Code: a raw .txt article in a folder with no configuration gets the Corroborate language and hovers', { skip: skip || (!existsSync(SEED) && 'no ../shared/corpus'), timeout: 240_000 }, async () => {
  const workspace = mkdtempSync(path.join(os.tmpdir(), 'corroborate-seed-'));
  mkdirSync(workspace, { recursive: true });
  cpSync(SEED, workspace, { recursive: true });
  const s = await startCodeServer({ vsix: VSIX, workspace, name: 'vscode-seed' });
  try {
    await s.openFile('004_c5283d59746e3ef3.txt');
    await s.waitForExtensionActivation(EXTENSION_ID);
    await s.waitForText('.statusbar', /Corroborate Article/);
    const hover = await s.hoverAt('Mustafa al-Kadhimi', { timeoutMs: 60_000 });
    assert.match(hover, /Mustafa al-Kadhimi/);
    assert.match(hover, /person/);
    assert.match(hover, /mentions in [2-9] documents/, 'spellings merged across articles');
  } finally {
    await s.close();
    rmSync(workspace, { recursive: true, force: true });
  }
});
