/** The .vsix holds what the extension and its README need: every bundle the manifest and the launcher load, every image the README shows. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');

test('the package lists the bundles, the README and the README images', () => {
  // `vsce ls` prints the files `vsce package` puts in the .vsix, one per line.
  const listed = new Set(execFileSync(process.execPath, [path.join(ROOT, 'node_modules/@vscode/vsce/vsce'), 'ls', '--no-dependencies'], { cwd: ROOT, encoding: 'utf8' }).split('\n').filter(Boolean));
  const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { main: string; bin: Record<string, string> };
  const needed = [manifest.main, ...Object.values(manifest.bin), 'dist/cliMain.js', 'dist/server.js', 'dist/analysisWorker.js', 'README.md'];
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]).filter((src) => !/^[a-z]+:/i.test(src));
  assert.ok(images.length >= 2, 'the README shows images');
  for (const file of [...needed, ...images]) assert.ok(listed.has(file.replace(/^\.\//, '')), `${file} is packaged`);
});
