import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';

const CORE = path.resolve(__dirname, '../../../server/src/core');
// `import … from 'x'`, `import 'x'`, `import('x')`, `require('x')`, `export … from 'x'`.
const FORBIDDEN = /(?:\bfrom\s+|\bimport\s*\(?\s*|\brequire\s*\(\s*)['"](vscode|vscode-languageserver(?:\/node)?|vscode-languageclient(?:\/node)?|node:[\w/]+|fs|path|os|child_process|net|http|https|url|util|crypto|stream|worker_threads)['"]/;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

test('the core imports neither an editor API nor Node built-ins', () => {
  const all = files(CORE);
  assert.ok(all.length > 10, `core sources found at ${CORE}`);
  const offenders = all.filter((f) => FORBIDDEN.test(readFileSync(f, 'utf8'))).map((f) => path.relative(CORE, f));
  assert.deepEqual(offenders, []);
});

test('the boundary check sees every form of import', () => {
  for (const line of ["import * as vscode from 'vscode';", "import 'vscode';", "const fs = require('fs');", "await import('node:fs')", "export { x } from 'worker_threads';"]) {
    assert.ok(FORBIDDEN.test(line), line);
  }
  assert.ok(!FORBIDDEN.test("import { URI } from 'vscode-uri';"), 'vscode-uri is allowed');
});
