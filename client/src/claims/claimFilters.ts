/** The Claims view's filter commands: quick picks for the speaker, the tag and the date range (offered from the claims themselves), and words. */
import * as vscode from 'vscode';
import type { ClaimInfo } from '../../../server/src/protocol';
import type { ClaimFilters, ClaimsView } from './claimsView';

const ANY = '$(clear-all) Any';
const RANGE = /^\s*(\d{4}(?:-\d{2}(?:-\d{2})?)?)?\s*(?:\.\.|–|to)\s*(\d{4}(?:-\d{2}(?:-\d{2})?)?)?\s*$/;

type Pick<T> = vscode.QuickPickItem & { value?: T };

export function registerClaimFilterCommands(context: vscode.ExtensionContext, view: ClaimsView): void {
  const byActor = async () => {
    const counts = countBy(view.allClaims, (c) => [c.speaker ? [c.speaker.id, c.speaker.name] : [null, '(no speaker)']]);
    const actor = await choose('Show the claims of…', 'Type to find an actor', counts, view.currentFilters.actor?.id);
    if (actor !== undefined) view.setFilters({ actor: actor ?? undefined });
  };
  const byTag = async () => {
    const counts = countBy(view.allClaims, (c) => (c.tags.length ? c.tags.map((t) => [t.id, t.label]) : [[null, '(untagged)']]));
    const tag = await choose('Show the claims tagged…', 'Type to find a tag', counts, view.currentFilters.tag?.id);
    if (tag !== undefined) view.setFilters({ tag: tag ?? undefined });
  };
  const byDate = async () => {
    const dates = view.allClaims.map((c) => c.date).filter((d): d is string => !!d);
    const periods = [...new Set(dates.flatMap((d) => [d.slice(0, 4), d.slice(0, 7)]))].sort().reverse();
    const items: Pick<ClaimFilters['dates'] | 'custom' | null>[] = [
      { label: ANY, value: null },
      ...periods.map((p) => ({ label: p, description: `${dates.filter((d) => d.startsWith(p)).length} claims`, value: rangeOf(p, p) })),
      { label: '$(calendar) Custom range…', description: 'from..to, either side optional', value: 'custom' },
    ];
    const pick = await vscode.window.showQuickPick(items, { title: 'Show the claims made in…', placeHolder: 'A year, a month, or a custom range' });
    if (!pick) return;
    if (pick.value !== 'custom') return view.setFilters({ dates: pick.value ?? undefined });
    const typed = await vscode.window.showInputBox({
      title: 'Claims made between',
      value: view.currentFilters.dates ? view.currentFilters.dates.label.replace('…', '..') : '',
      prompt: 'YYYY[-MM[-DD]]..YYYY[-MM[-DD]], e.g. 2022-11-01..2023-03 (leave a side empty for no bound)',
      validateInput: (v) => (RANGE.test(v) && v.replace(/[\s.–to]/g, '') !== '' ? null : 'Write from..to, e.g. 2022-11..2023'),
    });
    const m = typed !== undefined ? RANGE.exec(typed) : null;
    if (m) view.setFilters({ dates: rangeOf(m[1], m[2]) });
  };
  const byWords = async (value?: string) => {
    const text = typeof value === 'string' ? value : await vscode.window.showInputBox({ title: 'Filter claims', value: view.currentFilters.text ?? '', prompt: 'Words that must all appear in the claim, its speaker, tags, date, note or document' });
    if (text !== undefined) view.setFilters({ text });
  };
  const menu = async (value?: string) => {
    if (typeof value === 'string') return byWords(value);
    const f = view.currentFilters;
    const items: Pick<() => unknown>[] = [
      { label: '$(person) Speaker…', description: f.actor?.label, value: byActor },
      { label: '$(tag) Tag…', description: f.tag?.label, value: byTag },
      { label: '$(calendar) Date range…', description: f.dates?.label, value: byDate },
      { label: '$(search) Words…', description: f.text, value: () => byWords() },
      ...(Object.keys(f).length ? [{ label: '$(clear-all) Clear all filters', value: () => view.clearFilters() }] : []),
    ];
    const pick = await vscode.window.showQuickPick(items, { title: 'Filter claims by' });
    await pick?.value?.();
  };
  context.subscriptions.push(
    vscode.commands.registerCommand('corroborate.claims.filter', menu),
    vscode.commands.registerCommand('corroborate.claims.filterByActor', byActor),
    vscode.commands.registerCommand('corroborate.claims.filterByTag', byTag),
    vscode.commands.registerCommand('corroborate.claims.filterByDate', byDate),
    vscode.commands.registerCommand('corroborate.claims.filterByWords', byWords),
    vscode.commands.registerCommand('corroborate.claims.clearFilter', () => view.clearFilters()),
  );
}

type Counted = Map<string | null, { label: string; n: number }>;

function countBy(claims: readonly ClaimInfo[], keys: (c: ClaimInfo) => (string | null)[][]): Counted {
  const out: Counted = new Map();
  for (const c of claims)
    for (const [id, label] of keys(c)) {
      const e = out.get(id) ?? { label: label ?? '', n: 0 };
      e.n++;
      out.set(id, e);
    }
  return out;
}

/** A quick pick of ids by frequency, "Any" first; null for Any, undefined when cancelled. */
async function choose(title: string, placeHolder: string, counts: Counted, current: string | null | undefined): Promise<{ id: string | null; label: string } | null | undefined> {
  const entries = [...counts].sort((a, b) => b[1].n - a[1].n || a[1].label.localeCompare(b[1].label));
  const items: Pick<{ id: string | null; label: string } | null>[] = [
    { label: ANY, value: null },
    ...entries.map(([id, e]) => ({ label: e.label, description: `${e.n} claim${e.n === 1 ? '' : 's'}${current !== undefined && id === current ? ' · current filter' : ''}`, value: { id, label: e.label } })),
  ];
  const pick = await vscode.window.showQuickPick(items, { title, placeHolder });
  return pick ? (pick.value ?? null) : undefined;
}

/** Inclusive bounds for partial dates: "2022" runs from 2022-01-01 to 2022-12-31 (string order is date order). */
function rangeOf(from: string | undefined, to: string | undefined): NonNullable<ClaimFilters['dates']> {
  const low = from ? from.padEnd(10, from.length === 4 ? '-01-01' : '-01').slice(0, 10) : undefined;
  const high = to ? (to.length === 4 ? `${to}-12-31` : to.length === 7 ? `${to}-31` : to) : undefined;
  const label = from === to && from ? from : `${from ?? ''}…${to ?? ''}`;
  return { ...(low ? { from: low } : {}), ...(high ? { to: high } : {}), label };
}
