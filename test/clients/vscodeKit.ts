/** What the VS Code (code-server) tests share: the packaged extension, when to skip, positions in files, polling. */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { codeServerAvailable, codeServerMissing, type Session } from './codeserver';

export const ROOT = path.resolve(__dirname, '../../..');
export const VSIX = process.env.CORROBORATE_VSIX ?? path.join(ROOT, 'dist/corroborate.vsix');
export const EXTENSION_ID = 'corroborate.corroborate';

/** Why these tests cannot run here (a test's `skip`), or false. In CI a missing code-server fails instead (codeServerAvailable). */
export const skip = (!codeServerAvailable() && codeServerMissing()) || (!existsSync(VSIX) && 'no dist/corroborate.vsix: run npm run package');

/** 1-based line and column of the first occurrence of `needle` in a file. */
export function lineOf(file: string, needle: string): { line: number; column: number } {
  const text = readFileSync(file, 'utf8');
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, `${needle} in ${file}`);
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
}

/** Polls `f` until it gives a truthy value, as a named step (a screenshot is saved if it times out). */
export async function until<T>(s: Session, what: string, f: () => Promise<T | undefined | false> | T | undefined | false, ms = 30_000): Promise<T> {
  return s.step(what, async () => {
    const end = Date.now() + ms;
    for (;;) {
      const v = await f();
      if (v) return v;
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await s.page.waitForTimeout(100);
    }
  });
}
