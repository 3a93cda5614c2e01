// Runs inside the VS Code extension host: the same user paths as the code-server test, through the VS Code API.
const assert = require('node:assert/strict');
const path = require('node:path');
const vscode = require('vscode');

async function until(what, f, ms = 30000) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function open(rel) {
  const folder = vscode.workspace.workspaceFolders[0].uri.fsPath;
  const doc = await vscode.workspace.openTextDocument(path.join(folder, rel));
  return vscode.window.showTextDocument(doc);
}

function positionOf(doc, needle, delta = 1) {
  return doc.positionAt(doc.getText().indexOf(needle) + delta);
}

exports.run = async function run() {
  const ext = vscode.extensions.getExtension('corroborate.corroborate');
  const editor = await open('articles/2022-11-29-gulf-ledger.md');
  await ext.activate();
  const hovers = await until('actor hover', async () => {
    const h = await vscode.commands.executeCommand('vscode.executeHoverProvider', editor.document.uri, positionOf(editor.document, "Mohammed Shia' al-Sudani", 3));
    return h && h.length && h;
  });
  const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
  assert.match(text, /Mohammed Shia' al-Sudani\*\* · person/);

  const raw = await open('articles/2025-01-09-baghdad-evening-post.txt');
  await until('raw article language', () => raw.document.languageId === 'corroborate');

  const tigris = await open('articles/2020-07-21-tigris-review.md');
  const at = positionOf(tigris.document, 'They murdered your guest', 5);
  tigris.selection = new vscode.Selection(at, at);
  await vscode.commands.executeCommand('corroborate.goToRelatedQuote');
  await until('related quote', () => vscode.window.activeTextEditor && vscode.window.activeTextEditor.document.uri.fsPath.endsWith('2020-07-22-caspian-wire.md'));
};
