/** The `corroborate` command's launcher: node options sized to the machine, a child that gets them, exit codes and signals passed through. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { engineNodeOptions, v8PoolSize } from '../../server/src/cli/nodeOptions';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'dist/cli.js');

test('V8 gets one helper thread per core the main thread leaves, and Node keeps its default from five cores up', () => {
  assert.deepEqual([1, 2, 3, 4, 5, 16].map((n) => v8PoolSize(n)), [1, 1, 2, 3, undefined, undefined]);
  assert.deepEqual(engineNodeOptions(2), ['--v8-pool-size=1']);
  assert.deepEqual(engineNodeOptions(8), []);
});

test('exit codes come back through the launcher', () => {
  const unknown = spawnSync(process.execPath, [CLI, 'no-such-command'], { encoding: 'utf8' });
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /unknown command 'no-such-command'/);
  const version = spawnSync(process.execPath, [CLI, '--version'], { encoding: 'utf8' });
  assert.equal(version.status, 0);
  assert.match(version.stdout, /^\d+\.\d+\.\d+\n$/);
});

/** Pids of the live processes whose parent is `pid` (Linux /proc). */
function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[1]) === pid && fields[0] !== 'Z') out.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

async function until<T>(what: string, probe: () => T | undefined, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

test('the language server runs in a child with the node options, and SIGTERM to the command ends it', { skip: !existsSync('/proc/self/stat') || engineNodeOptions().length === 0 ? 'needs Linux /proc and a machine where the launcher respawns' : false }, async () => {
  const launcher = spawn(process.execPath, [CLI, 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let child = -1;
  // Whether the server was still running when the command ended: the command waits for it before it ends itself.
  const exited = new Promise<{ signal: NodeJS.Signals | null; serverAlive: boolean }>((resolve) => launcher.on('exit', (_code, signal) => resolve({ signal, serverAlive: alive(child) })));
  try {
    child = await until('the server process', () => childrenOf(launcher.pid!)[0]);
    const cmdline = readFileSync(`/proc/${child}/cmdline`, 'utf8').split('\0');
    for (const option of engineNodeOptions()) assert.ok(cmdline.includes(option), `${option} in ${cmdline.join(' ')}`);
    assert.ok(cmdline.some((a) => a.endsWith('cliMain.js')) && cmdline.includes('lsp'));
    launcher.kill('SIGTERM');
    const end = await exited;
    assert.equal(end.signal, 'SIGTERM', 'the command ends as its child did');
    assert.equal(end.serverAlive, false, 'the signal reached the server, which ended first');
  } finally {
    launcher.kill('SIGKILL');
  }
});
