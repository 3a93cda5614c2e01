/** The Corroborate Timeline view: days with documents published and statements made on them; an entry opens its place. */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { IndexedTreeProvider, followIndex } from './indexedTree';
import { clip, count } from './text';
import { TimelineRequest, type StatusParams, type TimelineDayInfo, type TimelineEventInfo, type TimelineResult } from '../../server/src/protocol';

export const TIMELINE_VIEW = 'corroborate.timeline';

type Node = { type: 'day'; info: TimelineDayInfo } | { type: 'event'; info: TimelineEventInfo; day: string };

const ICONS: Record<TimelineEventInfo['kind'], string> = { document: 'file', quotation: 'quote', claim: 'tag' };

class TimelineProvider extends IndexedTreeProvider<Node> {
  constructor(private readonly client: LanguageClient) {
    super();
  }

  protected async children(node?: Node): Promise<Node[]> {
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
      item.description = ([[d.documents, 'document'], [d.quotations, 'quotation'], [d.claims, 'claim']] as const).filter(([n]) => n > 0).map(([n, what]) => count(n, what)).join(' · ');
      item.iconPath = new vscode.ThemeIcon('calendar');
      item.contextValue = 'day';
      return item;
    }
    const e = node.info;
    const text = e.label.trim();
    const label = e.kind === 'quotation' ? `“${clip(text, 80)}”` : e.kind === 'claim' ? `Claim: ${clip(text, 70)}` : clip(text, 90);
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
  return followIndex(provider);
}

