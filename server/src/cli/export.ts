/** `corroborate export <dir> --format w3c|csv [--out <file>] [--base <iri>]`: claims (and quote links) for other tools. */
import * as path from 'node:path';
import { promises as fs } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { createEngine } from '../core/engine';
import { toClaimsCsv, toW3cAnnotations } from '../core/features/export';
import { formatProblem, locateProblems } from '../core/features/problems';
import { FileSystemWorkspace } from './fsWorkspace';
import { writeFileAtomic } from './atomicWrite';

export const EXPORT_USAGE = `  export <dir> --format w3c|csv [--out <file>] [--base <iri>]
                             Claims as W3C Web Annotation JSON-LD (with quote links) or CSV, one row
                             per claim. Prints to stdout unless --out is given (written atomically).
                             --base: IRI for the corpus root in w3c ids (default: its file:// URL).
                             Refuses (exit 1, file:line:col errors on stderr) while an annotation file
                             has errors, rather than export without its claims.
`;

/** Runs the export command; returns the exit code (2 on a usage error, 1 when an annotation file has errors). */
export async function exportCommand(args: string[], out: (text: string) => Promise<void>, err: (text: string) => void): Promise<number> {
  const options = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const eq = a.match(/^--(format|out|base)=(.*)$/);
    if (eq) options.set(eq[1], eq[2]);
    else if (/^--(format|out|base)$/.test(a)) {
      if (i + 1 >= args.length) return usage(err, `${a} needs a value`);
      options.set(a.slice(2), args[++i]);
    } else if (a.startsWith('--')) return usage(err, `unknown option ${a}`);
    else positional.push(a);
  }
  const format = options.get('format');
  if (!positional[0]) return usage(err, 'missing <dir>');
  if (format !== 'w3c' && format !== 'csv') return usage(err, `--format must be w3c or csv${format ? `, not '${format}'` : ''}`);
  const root = path.resolve(positional[0]);
  if (!(await fs.stat(root).catch(() => undefined))?.isDirectory()) return usage(err, `'${positional[0]}' is not a folder`);
  const engine = createEngine({ workspace: new FileSystemWorkspace(root) });
  await engine.load();
  const state = engine.getState();
  // An annotation file that does not parse contributes no claims: exporting anyway would drop them unnoticed.
  const annotationFiles = new Set(state.annotationFiles.map((f) => f.path));
  const broken = locateProblems(
    state.problems.filter((p) => p.severity === 'error' && annotationFiles.has(p.path)),
    (p) => engine.getText(p),
  );
  if (broken.length) {
    const prefix = positional[0].endsWith('/') ? positional[0] : positional[0] + '/';
    for (const p of broken) err(formatProblem(p, prefix) + '\n');
    const files = new Set(broken.map((p) => p.path)).size;
    err(`corroborate export: nothing exported: ${files} annotation file${files === 1 ? ' has' : 's have'} errors, and ${files === 1 ? 'its' : 'their'} claims would be missing; fix ${files === 1 ? 'it' : 'them'} first\n`);
    return 1;
  }
  const base = options.get('base') ?? pathToFileURL(root + path.sep).href;
  const text = format === 'w3c' ? JSON.stringify(toW3cAnnotations(state, { base }), null, 2) + '\n' : toClaimsCsv(state);
  const target = options.get('out');
  if (target) await writeFileAtomic(path.resolve(target), text);
  else await out(text);
  const claims = [...state.claims.values()].reduce((n, l) => n + l.length, 0);
  err(`exported ${claims} claims${format === 'w3c' ? ` and ${state.links.length} quote links` : ''} from ${state.documents.length} documents${target ? ` to ${target}` : ''}\n`);
  return 0;
}

function usage(err: (text: string) => void, message: string): number {
  err(`corroborate export: ${message}\n\nUsage: corroborate ${EXPORT_USAGE.trimStart()}`);
  return 2;
}
