import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';

const CORE = path.resolve(__dirname, '../../../server/src/core');
const FORBIDDEN = /from\s+['"](vscode|vscode-languageserver(?:\/node)?|vscode-languageclient(?:\/node)?|node:[\w/]+|fs|path|os|child_process|net|http|https|url|util|crypto|stream|worker_threads)['"]/;

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
