/** Problems as `file:line:col: severity: message` lines, the format compilers and editors' problem matchers read. */
import type { Problem } from '../model/types';
import { LineIndex } from '../text/lines';

export interface LocatedProblem extends Problem {
  line: number;
  column: number;
}

/** Adds one-based line and column to each problem, using the file's text. */
export function locateProblems(problems: readonly Problem[], textOf: (path: string) => string | undefined): LocatedProblem[] {
  const indexes = new Map<string, LineIndex>();
  const out = problems.map((p) => {
    let index = indexes.get(p.path);
    if (!index) {
      index = new LineIndex(textOf(p.path) ?? '');
      indexes.set(p.path, index);
    }
    const pos = index.positionAt(p.start);
    return { ...p, line: pos.line + 1, column: pos.character + 1 };
  });
  const rank = { error: 0, warning: 1, information: 2 };
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line || a.column - b.column || rank[a.severity] - rank[b.severity]));
}

/** One line per problem; `prefix` is joined to the corpus-relative path (the folder the user named). */
export function formatProblem(p: LocatedProblem, prefix = ''): string {
  return `${prefix}${p.path}:${p.line}:${p.column}: ${p.severity}: ${p.message} [${p.code}]`;
}
