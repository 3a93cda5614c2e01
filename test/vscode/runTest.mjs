// In-editor suite with @vscode/test-electron: downloads a real VS Code, so it needs internet access.
// CI here runs the offline routes instead (test/clients: code-server in Chromium, Neovim; test/protocol).
import { runTests } from '@vscode/test-electron';
import { cpSync, mkdtempSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const workspace = mkdtempSync(path.join(os.tmpdir(), 'corroborate-electron-'));
cpSync(path.join(root, 'samples'), workspace, { recursive: true });
try {
  await runTests({
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(root, 'test/vscode/suite/index.cjs'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
  });
} catch (e) {
  console.error('in-editor tests failed:', e);
  process.exit(1);
}
