/**
 * Entry of the `corroborate` command (dist/cli.js). Runs the CLI (dist/cliMain.js) in a Node process started with
 * engineNodeOptions (nodeOptions.ts): when this process lacks them, it starts one child that has them, hands it its
 * standard streams, passes signals on and exits as the child does. Node options given by the user (node flags or
 * NODE_OPTIONS naming the pool size) are left alone, and so is a machine where Node's defaults suit.
 */
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { engineNodeOptions, setsPoolSize } from './nodeOptions';

const script = path.join(__dirname, 'cliMain.js');
const args = process.argv.slice(2);
const wanted = engineNodeOptions();
// Any node flag of the user's stays with this process (a respawn would drop --inspect and the like).
const userChose = process.execArgv.length > 0 || setsPoolSize((process.env.NODE_OPTIONS ?? '').split(/\s+/));

if (!wanted.length || userChose) {
  runHere();
} else {
  const child = spawn(process.execPath, [...wanted, script, ...args], { stdio: 'inherit' });
  const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const s of signals) process.on(s, forward(s));
  child.on('error', () => runHere());
  child.on('exit', (code, signal) => {
    if (signal) {
      for (const s of signals) process.removeAllListeners(s);
      process.kill(process.pid, signal);
    } else process.exit(code ?? 1);
  });
}

function runHere(): void {
  (require(script) as typeof import('./main')).run();
}
