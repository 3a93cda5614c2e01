/** The Corroborate Timeline view: days with documents published and statements made on them; an entry opens its place. */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { TimelineRequest, type StatusParams, type TimelineDayInfo, type TimelineEventInfo, type TimelineResult } from '../../server/src/protocol';

export const TIMELINE_VIEW = 'corroborate.timeline';

type Node = { type: 'day'; info: TimelineDayInfo } | { type: 'event'; info: TimelineEventInfo; day: string };

const ICONS: Record<TimelineEventInfo['kind'], string> = { document: 'file', quotation: 'quote', claim: 'tag' };

class TimelineProvider implements vscode.TreeDataProvider<Node> {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  /** Requests wait for the first index: before that the server has nothing to say. */
  indexed = false;
  view: vscode.TreeView<Node> | undefined;

  constructor(private readonly client: LanguageClient) {}

  refresh(): void {
    this.changed.fire(undefined);
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (!this.indexed) {
      this.setMessage('Indexing the corpus…');
      return [];
    }
    if (!node) {
      const result = await this.client.sendRequest<TimelineResult>(TimelineRequest, {});
      this.setMessage(result.days.length ? undefined : 'No dated documents, quotations or claims yet. Dates come from `published` in the front matter or from a dateline.');
      return result.days.map((info) => ({ type: 'day', info }));
    }
    if (node.type === 'event') return [];
    const result = await this.client.sendRequest<TimelineResult>(TimelineRequest, { day: node.info.day });
    return (result.events ?? []).map((info) => ({ type: 'event', info, day: node.info.day }));
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.type === 'day') {
      const d = node.info;
      const item = new vscode.TreeItem(`${d.day}${d.weekday ? ` · ${d.weekday}` : ''}`, vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `day:${d.day}`;
      item.description = [count(d.documents, 'document'), count(d.quotations, 'quotation'), count(d.claims, 'claim')].filter(Boolean).join(' · ');
      item.iconPath = new vscode.ThemeIcon('calendar');
      item.contextValue = 'day';
      return item;
    }
    const e = node.info;
    const label = e.kind === 'quotation' ? `“${clip(e.label, 80)}”` : e.kind === 'claim' ? `Claim: ${clip(e.label, 70)}` : clip(e.label, 90);
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
    item.id = `${node.day}:${e.kind}:${e.uri}#${e.range.start.line}:${e.range.start.character}`;
    item.description = [e.detail, e.kind === 'document' ? '' : e.document].filter(Boolean).join(' — ');
    item.tooltip = new vscode.MarkdownString().appendText(`${e.label}\n\n${e.document}\n${e.why}`);
    item.iconPath = new vscode.ThemeIcon(ICONS[e.kind]);
    item.contextValue = e.kind;
    const range = new vscode.Range(e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character);
    item.command = { command: 'vscode.open', title: 'Open', arguments: [vscode.Uri.parse(e.uri), { selection: range, preview: false } satisfies vscode.TextDocumentShowOptions] };
    return item;
  }

  private setMessage(message: string | undefined): void {
    if (this.view) this.view.message = message;
  }
}

/** Registers the view and its commands; the returned callback takes every index status the server sends. */
export function registerTimeline(context: vscode.ExtensionContext, client: LanguageClient): (status: StatusParams) => void {
  const provider = new TimelineProvider(client);
  const view = vscode.window.createTreeView(TIMELINE_VIEW, { treeDataProvider: provider, showCollapseAll: true });
  provider.view = view;
  context.subscriptions.push(
    view,
    vscode.commands.registerCommand('corroborate.showTimeline', () => vscode.commands.executeCommand(`${TIMELINE_VIEW}.focus`)),
    vscode.commands.registerCommand('corroborate.refreshTimeline', () => provider.refresh()),
  );
  let timer: NodeJS.Timeout | undefined;
  return (status) => {
    if (status.state !== 'ready') return;
    provider.indexed = true;
    // Edits send a status each time: refresh once they pause.
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => provider.refresh(), 250);
  };
}

function count(n: number, what: string): string {
  return n ? `${n} ${what}${n === 1 ? '' : 's'}` : '';
}

function clip(s: string, n: number): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > n ? one.slice(0, n - 1) + '…' : one;
}
