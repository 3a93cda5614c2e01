/** The Claims view: every claim of the open corpora grouped by actor, tag or date, with a text filter; a click opens the passage. */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ClaimsRequest, type ClaimInfo } from '../../../server/src/protocol';

export type GroupBy = 'actor' | 'tag' | 'date';

type Node = { kind: 'group'; key: string; label: string; claims: ClaimInfo[] } | { kind: 'claim'; claim: ClaimInfo; group: string };

const GROUP_LABEL: Record<GroupBy, string> = { actor: 'actor', tag: 'tag', date: 'date' };

export class ClaimsView implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private claims: ClaimInfo[] = [];
  private groupBy: GroupBy = 'actor';
  private filter = '';
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

  /** Keeps claims whose text, speaker, tags, date, note or document contain every word of `filter` (case-insensitive). */
  setFilter(filter: string): void {
    this.filter = filter.trim();
    void vscode.commands.executeCommand('setContext', 'corroborate.claimsFiltered', this.filter !== '');
    this.describe();
    this.changed.fire(undefined);
  }

  get currentFilter(): string {
    return this.filter;
  }

  private visible(): ClaimInfo[] {
    const words = this.filter.toLowerCase().split(/\s+/).filter(Boolean);
    if (!words.length) return this.claims;
    return this.claims.filter((c) => {
      const hay = [c.text, c.speaker?.name, c.speaker?.id, ...c.tags.flatMap((t) => [t.id, t.label]), c.date, c.note, c.stance, c.document, c.status].filter(Boolean).join(' ').toLowerCase();
      return words.every((w) => hay.includes(w));
    });
  }

  private describe(): void {
    const shown = this.visible().length;
    this.view.description = `by ${GROUP_LABEL[this.groupBy]}${this.filter ? ` · “${this.filter}” ${shown}/${this.claims.length}` : ` · ${this.claims.length}`}`;
    this.view.message = this.claims.length ? (shown ? undefined : 'No claim matches the filter.') : 'No claims yet: select a passage in an article and run Corroborate: Tag Claim (Ctrl+Alt+C).';
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
      if (this.groupBy === 'actor') add(c.speaker?.id ?? '\uffff', c.speaker?.name ?? '(no speaker)', c);
      else if (this.groupBy === 'date') add(c.date ?? '\uffff', c.date ?? '(no date)', c);
      else if (!c.tags.length) add('\uffff', '(untagged)', c);
      else for (const t of c.tags) add(t.id, t.label, c);
    }
    const keys = [...groups.keys()].sort((a, b) => (this.groupBy === 'date' ? (a < b ? -1 : a > b ? 1 : 0) : groups.get(a)!.label.localeCompare(groups.get(b)!.label)));
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

function clip(s: string, n: number): string {
  const one = s.replace(/\s+/g, ' ');
  return one.length > n ? one.slice(0, n - 1) + '…' : one;
}
