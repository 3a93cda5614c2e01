/** The Claims view: every claim of the open corpora grouped by actor, tag or date, filtered by words, actor, tag and date range; a click opens the passage. */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ClaimsRequest, type ClaimInfo } from '../../../server/src/protocol';
import { clip } from '../text';

export type GroupBy = 'actor' | 'tag' | 'date';

type Node = { kind: 'group'; key: string; label: string; claims: ClaimInfo[] } | { kind: 'claim'; claim: ClaimInfo; group: string };

/** Group key of claims without a speaker, tag or date. */
const NONE = '\uffff';

const GROUP_LABEL: Record<GroupBy, string> = { actor: 'actor', tag: 'tag', date: 'date' };

/** What the view keeps: every set field must match. `id: null` means "no speaker" / "untagged". */
export interface ClaimFilters {
  text?: string;
  actor?: { id: string | null; label: string };
  tag?: { id: string | null; label: string };
  /** Inclusive ISO bounds ("2022-11-01"); claims without a date are hidden while a range is set. */
  dates?: { from?: string; to?: string; label: string };
}

export class ClaimsView implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private claims: ClaimInfo[] = [];
  private groupBy: GroupBy = 'actor';
  private filters: ClaimFilters = {};
  readonly view: vscode.TreeView<Node>;

  constructor(private readonly client: LanguageClient) {
    this.view = vscode.window.createTreeView('corroborate.claims', { treeDataProvider: this, showCollapseAll: true });
  }

  async refresh(): Promise<void> {
    this.claims = await this.client.sendRequest<ClaimInfo[]>(ClaimsRequest, {}).catch(() => this.claims);
    this.describe();
    this.changed.fire(undefined);
  }

  setGroupBy(groupBy: GroupBy): void {
    this.groupBy = groupBy;
    this.describe();
    this.changed.fire(undefined);
  }

  /** Changes some filters (undefined clears one); `text` keeps claims whose fields contain every word (case-insensitive). */
  setFilters(change: Partial<ClaimFilters>): void {
    this.filters = { ...this.filters, ...change };
    if (this.filters.text !== undefined) this.filters.text = this.filters.text.trim() || undefined;
    for (const k of Object.keys(this.filters) as (keyof ClaimFilters)[]) if (this.filters[k] === undefined) delete this.filters[k];
    void vscode.commands.executeCommand('setContext', 'corroborate.claimsFiltered', Object.keys(this.filters).length > 0);
    this.describe();
    this.changed.fire(undefined);
  }

  clearFilters(): void {
    this.filters = {};
    this.setFilters({});
  }

  get currentFilters(): Readonly<ClaimFilters> {
    return this.filters;
  }

  /** Every claim the view holds, before filtering (the filter pickers offer their actors, tags and dates). */
  get allClaims(): readonly ClaimInfo[] {
    return this.claims;
  }

  private visible(): ClaimInfo[] {
    const { text, actor, tag, dates } = this.filters;
    const words = (text ?? '').toLowerCase().split(/\s+/).filter(Boolean);
    return this.claims.filter((c) => {
      if (actor && (c.speaker?.id ?? null) !== actor.id) return false;
      if (tag && (tag.id === null ? c.tags.length > 0 : !c.tags.some((t) => t.id === tag.id))) return false;
      if (dates && (!c.date || (dates.from && c.date < dates.from) || (dates.to && c.date > dates.to))) return false;
      if (!words.length) return true;
      const hay = [c.text, c.speaker?.name, c.speaker?.id, ...c.tags.flatMap((t) => [t.id, t.label]), c.date, c.note, c.stance, c.document, c.status].filter(Boolean).join(' ').toLowerCase();
      return words.every((w) => hay.includes(w));
    });
  }

  private describe(): void {
    const shown = this.visible().length;
    const { text, actor, tag, dates } = this.filters;
    const active = [actor && `speaker: ${actor.label}`, tag && `tag: ${tag.label}`, dates && dates.label, text && `“${text}”`].filter(Boolean);
    this.view.description = [`by ${GROUP_LABEL[this.groupBy]}`, ...active, active.length ? `${shown}/${this.claims.length}` : `${this.claims.length}`].join(' · ');
    this.view.message = this.claims.length ? (shown ? undefined : 'No claim matches the filters (Clear Claims Filter shows all).') : 'No claims yet: select a passage in an article and run Corroborate: Tag Claim (Ctrl+Alt+C).';
  }

  getChildren(node?: Node): Node[] {
    if (node?.kind === 'claim') return [];
    if (node?.kind === 'group') return node.claims.map((claim) => ({ kind: 'claim', claim, group: node.key }));
    const groups = new Map<string, { label: string; claims: ClaimInfo[] }>();
    const add = (key: string, label: string, c: ClaimInfo) => {
      const g = groups.get(key) ?? { label, claims: [] };
      g.claims.push(c);
      groups.set(key, g);
    };
    for (const c of this.visible()) {
      if (this.groupBy === 'actor') add(c.speaker?.id ?? NONE, c.speaker?.name ?? '(no speaker)', c);
      else if (this.groupBy === 'date') add(c.date ?? NONE, c.date ?? '(no date)', c);
      else if (!c.tags.length) add(NONE, '(untagged)', c);
      else for (const t of c.tags) add(t.id, t.label, c);
    }
    // "(no speaker)", "(untagged)" and "(no date)" come last, after the real groups.
    const keys = [...groups.keys()].sort((a, b) => Number(a === NONE) - Number(b === NONE) || (this.groupBy === 'date' ? (a < b ? -1 : a > b ? 1 : 0) : groups.get(a)!.label.localeCompare(groups.get(b)!.label)));
    return keys.map((key) => ({ kind: 'group', key, ...groups.get(key)! }));
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'group') {
      const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Expanded);
      item.description = `${node.claims.length}`;
      item.id = `group:${this.groupBy}:${node.key}`;
      item.iconPath = new vscode.ThemeIcon(this.groupBy === 'actor' ? 'person' : this.groupBy === 'tag' ? 'tag' : 'calendar');
      return item;
    }
    const c = node.claim;
    const item = new vscode.TreeItem(clip(c.text, 70), vscode.TreeItemCollapsibleState.None);
    item.id = `claim:${node.group}:${c.annotationUri}:${c.id}`;
    const others = this.groupBy === 'actor' ? c.tags.map((t) => t.label).join(', ') : c.speaker?.name ?? '';
    item.description = [others, c.document, c.status === 'orphaned' ? 'orphaned' : c.status === 'fuzzy' ? 'text changed' : ''].filter(Boolean).join(' · ');
    item.iconPath = new vscode.ThemeIcon(c.status === 'orphaned' ? 'warning' : 'quote');
    item.contextValue = c.status === 'orphaned' ? 'claim-orphaned' : 'claim';
    item.tooltip = tooltip(c);
    item.command = { command: 'corroborate.openClaim', title: 'Open', arguments: [c] };
    return item;
  }

  dispose(): void {
    this.view.dispose();
    this.changed.dispose();
  }
}

function tooltip(c: ClaimInfo): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**${esc(c.speaker?.name ?? 'no speaker')}**${c.stance ? ` · *${c.stance}*` : ''}  \n`);
  md.appendText(`“${clip(c.text, 300)}”`);
  md.appendMarkdown(`  \nTags: ${c.tags.length ? c.tags.map((t) => esc(t.label)).join(', ') : 'none'}  \n`);
  if (c.date) md.appendMarkdown(`Made on ${c.date}  \n`);
  if (c.note) md.appendMarkdown(`_${esc(c.note)}_  \n`);
  md.appendMarkdown(`${esc(c.document)} · \`${c.id}\`${c.status === 'orphaned' ? '  \n$(warning) orphaned: its text is no longer in the article' : ''}`);
  md.supportThemeIcons = true;
  return md;
}

function esc(s: string): string {
  return s.replace(/([\\`*_[\]<>|#])/g, '\\$1');
}

