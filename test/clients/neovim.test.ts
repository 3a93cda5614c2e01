/** Neovim 0.7 as a real LSP client: `corroborate lsp --stdio` attached to a sample article; hover and definition. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { neovimAvailable, neovimMissing, runNeovimLspDetailed } from './neovim';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'dist/cli.js');
const SAMPLES = path.join(ROOT, 'samples');
const SEED = path.resolve(ROOT, '../shared/corpus');

function position(file: string, needle: string, delta = 1) {
  const text = readFileSync(file, 'utf8');
  const offset = text.indexOf(needle) + delta;
  const before = text.slice(0, offset);
  return { line: before.split('\n').length - 1, character: offset - before.lastIndexOf('\n') - 1 };
}

const hoverValue = (r: { result?: { contents?: { value?: string } } }) => r.result?.contents?.value ?? '';

test('Neovim: hover on an actor and a date, definition on a quotation across documents', { skip: !neovimAvailable() && neovimMissing() }, async () => {
  const file = path.join(SAMPLES, 'articles/2020-07-21-tigris-review.md');
  const actor = position(file, 'Mustafa al-Kadhimi', 3);
  const date = position(file, 'on Tuesday', 4);
  const quote = position(file, 'They murdered your guest', 6);
  const run = await runNeovimLspDetailed({
    serverCmd: [process.execPath, CLI, 'lsp', '--stdio'],
    rootDir: SAMPLES,
    file,
    requests: [
      { method: 'textDocument/hover', ...actor },
      { method: 'textDocument/hover', ...date },
      { method: 'textDocument/definition', ...quote },
      { method: 'textDocument/references', ...actor, params: { context: { includeDeclaration: true } } },
    ],
  });
  assert.deepEqual(run.errors, [], run.lspLog + run.stderr);
  const [hoverActor, hoverDate, definition, references] = run.responses;
  assert.match(hoverValue(hoverActor), /\*\*Mustafa al-Kadhimi\*\* · person/);
  assert.match(hoverValue(hoverActor), /Prime Minister of Iraq\* on 2020-07-21/);
  assert.match(hoverValue(hoverDate), /\*\*2020-07-21\*\* · Tuesday/);
  const targets = (definition.result as { uri: string }[]).map((l) => path.basename(l.uri));
  assert.ok(targets.includes('2020-07-22-caspian-wire.md'), JSON.stringify(definition));
  assert.ok((references.result as unknown[]).length >= 5);
});

test('Neovim: zero-configuration hover on a raw seed article', { skip: (!neovimAvailable() && neovimMissing()) || (!existsSync(SEED) && 'no ../shared/corpus') }, async () => {
  const file = path.join(SEED, '001_55ec7aaa402d5f73.txt');
  const run = await runNeovimLspDetailed({
    serverCmd: [process.execPath, CLI, 'lsp', '--stdio'],
    rootDir: SEED,
    file,
    requests: [{ method: 'textDocument/hover', ...position(file, 'Hassan Rouhani', 8) }],
  });
  assert.deepEqual(run.errors, [], run.lspLog + run.stderr);
  assert.match(hoverValue(run.responses[0]), /\*\*Hassan Rouhani\*\* · person/);
});
