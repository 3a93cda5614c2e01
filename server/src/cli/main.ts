/** `corroborate`: the engine without an editor (analyze, check, lsp). */
import * as path from 'node:path';
import { promises as fs } from 'node:fs';
import { createEngine } from '../core/engine';
import { createAnalysisPool } from './analysisPool';
import { toAnalysisJson } from '../core/features/analysis';
import { renderSummary } from '../core/features/summary';
import { formatProblem, locateProblems } from '../core/features/problems';
import { FileSystemWorkspace } from './fsWorkspace';
import { startServer } from '../lsp/server';
import { EXPORT_USAGE, exportCommand } from './export';

const VERSION = '0.1.0';

const USAGE = `Usage: corroborate <command> [options]

Commands:
  analyze <dir> [--json]     Summarise a corpus: documents, actors, dates, quotations, quote links.
                             --json prints the stable JSON contract (see README).
  check <dir> [--strict]     Validate corpus.yaml, annotation files and documents; prints
                             file:line:col: severity: message for each problem. Exits 1 on errors
                             (with --strict, on warnings too).
${EXPORT_USAGE}  lsp --stdio                Run the language server over stdin/stdout (for Neovim, Helix, Emacs, Kate...).
  --version, --help
`;

/** Runs the CLI; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const flags = new Set(rest.filter((a) => a.startsWith('--')));
  const positional = rest.filter((a) => !a.startsWith('--'));
  switch (command) {
    case 'analyze':
      return analyze(positional, flags);
    case 'check':
      return check(positional, flags);
    case 'export':
      return exportCommand(rest, write, (t) => process.stderr.write(t));
    case 'lsp':
      if (!flags.has('--stdio')) process.stderr.write('corroborate lsp: only --stdio is supported; using stdio\n');
      startServer();
      return -1;
    case '--version':
    case '-v':
      process.stdout.write(VERSION + '\n');
      return 0;
    case undefined:
    case '--help':
    case '-h':
    case 'help':
      process.stdout.write(USAGE);
      return command === undefined ? 2 : 0;
    default:
      process.stderr.write(`corroborate: unknown command '${command}'\n\n${USAGE}`);
      return 2;
  }
}

async function openCorpus(positional: string[], command: string) {
  const dir = positional[0];
  if (!dir) throw new UsageError(`corroborate ${command}: missing <dir>`);
  const root = path.resolve(dir);
  const stat = await fs.stat(root).catch(() => undefined);
  if (!stat?.isDirectory()) throw new UsageError(`corroborate ${command}: '${dir}' is not a folder`);
  const engine = createEngine({ workspace: new FileSystemWorkspace(root), analyzer: createAnalysisPool() });
  await engine.load();
  return { engine, dir };
}

async function analyze(positional: string[], flags: Set<string>): Promise<number> {
  const { engine } = await openCorpus(positional, 'analyze');
  const state = engine.getState();
  if (flags.has('--json')) await write(JSON.stringify(toAnalysisJson(state), null, 2) + '\n');
  else await write(renderSummary(state));
  return 0;
}

async function check(positional: string[], flags: Set<string>): Promise<number> {
  const { engine, dir } = await openCorpus(positional, 'check');
  const state = engine.getState();
  const prefix = dir.endsWith('/') ? dir : dir + '/';
  const located = locateProblems(state.problems, (p) => engine.getText(p));
  const shown = located.filter((p) => p.severity !== 'information' || flags.has('--verbose'));
  for (const p of shown) await write(formatProblem(p, prefix) + '\n');
  const errors = located.filter((p) => p.severity === 'error').length;
  const warnings = located.filter((p) => p.severity === 'warning').length;
  const claims = [...state.claims.values()].reduce((n, l) => n + l.length, 0);
  process.stderr.write(`checked ${state.documents.length} documents, ${state.annotationFiles.length} annotation files (${claims} claims)${state.config.present ? ', corpus.yaml' : ''}: ${errors} error(s), ${warnings} warning(s)\n`);
  return errors > 0 || (flags.has('--strict') && warnings > 0) ? 1 : 0;
}

/** Writes to stdout and waits for the pipe to drain, so large JSON is never cut off by exit. */
function write(text: string): Promise<void> {
  return new Promise((resolve, reject) => process.stdout.write(text, (e) => (e ? reject(e) : resolve())));
}

class UsageError extends Error {}

/** Runs the CLI on this process's arguments and sets its exit code (the launcher, launcher.ts, calls it). */
export function run(): void {
  main(process.argv.slice(2)).then(
    (code) => {
      if (code >= 0) process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(e instanceof UsageError ? `${e.message}\n` : `corroborate: ${(e as Error).stack ?? e}\n`);
      process.exitCode = e instanceof UsageError ? 2 : 1;
    },
  );
}

if (require.main === module) run();
