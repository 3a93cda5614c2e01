/** The human-readable `analyze` report: what an analyst wants to see first about a corpus. */
import type { CorpusState } from '../model/corpusState';

export interface SummaryOptions {
  /** How many actors, quotes and links to list. */
  limit?: number;
}

/** Renders the corpus state as plain text. */
export function renderSummary(state: CorpusState, options: SummaryOptions = {}): string {
  const limit = options.limit ?? 15;
  const out: string[] = [];
  const quoteCount = [...state.quotes.values()].reduce((n, l) => n + l.length, 0);
  const statementCount = [...state.quotes.values()].reduce((n, l) => n + l.filter((q) => q.kind === 'statement').length, 0);
  const dateCount = state.documents.reduce((n, d) => n + d.dates.length, 0);
  out.push(`Corpus: ${state.documents.length} documents, ${state.actors.length} actors, ${dateCount} dates, ${quoteCount} quotations (${statementCount} statements), ${state.links.length} quote links`);
  out.push('');
  out.push('Documents');
  for (const d of state.documents.slice(0, Math.max(limit, 50))) {
    const meta = [d.meta.published ?? 'no date', d.meta.outlet].filter(Boolean).join(', ');
    out.push(`  ${d.path}  (${meta})`);
    if (d.meta.title) out.push(`    ${clip(d.meta.title, 100)}`);
  }
  if (state.documents.length > Math.max(limit, 50)) out.push(`  ... and ${state.documents.length - Math.max(limit, 50)} more`);
  out.push('');
  out.push('Actors (by mentions)');
  const ranked = state.actors
    .map((a) => {
      const ms = state.mentionsByActor.get(a.id) ?? [];
      return { a, mentions: ms.length, docs: new Set(ms.map((m) => m.doc)).size };
    })
    .filter((x) => x.mentions > 0 || x.a.declared)
    .sort((x, y) => y.mentions - x.mentions || x.a.name.localeCompare(y.a.name));
  const listed = ranked.slice(0, limit);
  // The name column fits the longest name listed (up to 40 characters; longer ones are clipped).
  const width = Math.min(40, Math.max(12, ...listed.map((x) => x.a.name.length)));
  for (const { a, mentions, docs } of listed) {
    const aliases = a.aliases.length ? `  aka ${a.aliases.slice(0, 4).join(', ')}${a.aliases.length > 4 ? ', ...' : ''}` : '';
    out.push(`  ${pad(clip(a.name, width), width)}  ${pad(a.kind, 12)} ${String(mentions).padStart(5)} mention${mentions === 1 ? ' ' : 's'} in ${docs} doc${docs === 1 ? '' : 's'}${aliases}`);
  }
  if (ranked.length > limit) out.push(`  ... and ${ranked.length - limit} more`);
  out.push('');
  out.push('Dates (most mentioned)');
  const byValue = new Map<string, { n: number; docs: Set<string> }>();
  for (const d of state.documents) {
    for (const x of d.dates) {
      const e = byValue.get(x.value) ?? { n: 0, docs: new Set<string>() };
      e.n++;
      e.docs.add(d.path);
      byValue.set(x.value, e);
    }
  }
  for (const [value, e] of [...byValue].sort((a, b) => b[1].n - a[1].n || (a[0] < b[0] ? -1 : 1)).slice(0, limit)) {
    out.push(`  ${pad(value, 12)} ${String(e.n).padStart(4)} mention${e.n === 1 ? ' ' : 's'} in ${e.docs.size} doc${e.docs.size === 1 ? '' : 's'}`);
  }
  out.push('');
  out.push('Quote links across documents');
  const cross = state.links.filter((l) => state.quoteById.get(l.from)?.doc !== state.quoteById.get(l.to)?.doc);
  for (const l of cross.slice(0, limit)) {
    const a = state.quoteById.get(l.from)!;
    const b = state.quoteById.get(l.to)!;
    out.push(`  ${l.kind === 'manual' ? 'manual' : l.relation} ${l.score.toFixed(2)}`);
    out.push(`    ${a.doc}: "${clip(a.text, 90)}"${a.speaker ? ` (${a.speaker.text})` : ''}`);
    out.push(`    ${b.doc}: "${clip(b.text, 90)}"${b.speaker ? ` (${b.speaker.text})` : ''}`);
  }
  if (!cross.length) out.push('  none');
  else if (cross.length > limit) out.push(`  ... and ${cross.length - limit} more`);
  const errors = state.problems.filter((p) => p.severity === 'error').length;
  const warnings = state.problems.filter((p) => p.severity === 'warning').length;
  if (errors || warnings) {
    out.push('');
    out.push(`Problems: ${errors} error(s), ${warnings} warning(s); run 'corroborate check' for details`);
  }
  return out.join('\n') + '\n';
}

function clip(s: string, n: number): string {
  const one = s.replace(/\s+/g, ' ');
  return one.length > n ? one.slice(0, n - 1) + '…' : one;
}

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}
