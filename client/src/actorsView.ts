/**
 * The Corroborate Actors view (kind → actor → documents → mentions, with counts; a mention opens its place) and the
 * registry commands: Add Actor to corpus.yaml, Merge Actors, Split Alias. The server computes each edit; it is
 * applied here as one workspace edit (one Undo) and the touched files are saved so the index follows.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { IndexedTreeProvider, followIndex } from './indexedTree';
import { count } from './text';
import {
  ActorAtRequest,
  ActorMentionsRequest,
  ActorRegistryEditRequest,
  ActorsRequest,
  type ActorAtResult,
  type ActorMentionsResult,
  type ActorRegistryEditParams,
  type ActorRegistryEditResult,
  type ActorsResult,
  type ActorSummary,
  type StatusParams,
} from '../../server/src/protocol';

export const ACTORS_VIEW = 'corroborate.actors';

type Range = { start: { line: number; character: number }; end: { line: number; character: number } };
type Corpus = ActorsResult['corpora'][number];
type DocEntry = ActorMentionsResult['documents'][number];

type Node =
  | { type: 'corpus'; corpus: Corpus }
  | { type: 'kind'; corpus: Corpus; kind: string; actors: ActorSummary[] }
  | { type: 'actor'; corpus: Corpus; actor: ActorSummary }
  | { type: 'document'; corpus: Corpus; actor: ActorSummary; doc: DocEntry }
  | { type: 'mention'; doc: DocEntry; mention: DocEntry['mentions'][number]; index: number };

const KINDS: { kind: string; label: string; icon: string }[] = [
  { kind: 'person', label: 'People', icon: 'person' },
  { kind: 'organization', label: 'Organisations', icon: 'organization' },
  { kind: 'place', label: 'Places', icon: 'location' },
  { kind: 'other', label: 'Other', icon: 'symbol-misc' },
];

/** What a registry command was invoked on: a tree node, a code action's argument, or nothing (the cursor). */
type Target = Node | { uri: string; actor: string; alias?: string } | undefined;

class ActorsProvider extends IndexedTreeProvider<Node> {
  constructor(private readonly client: LanguageClient) {
    super();
  }

  protected async children(node?: Node): Promise<Node[]> {
    if (!node) {
      const { corpora } = await this.client.sendRequest<ActorsResult>(ActorsRequest, {});
      const total = corpora.reduce((n, c) => n + c.actors.length, 0);
      this.setMessage(total ? undefined : 'No actors found yet: names of people, organisations and places appear here once articles are indexed.');
      if (corpora.length === 1) return kindsOf(corpora[0]);
      return corpora.map((corpus) => ({ type: 'corpus', corpus }));
    }
    switch (node.type) {
      case 'corpus':
        return kindsOf(node.corpus);
      case 'kind':
        return node.actors.map((actor) => ({ type: 'actor', corpus: node.corpus, actor }));
      case 'actor': {
        const { documents } = await this.client.sendRequest<ActorMentionsResult>(ActorMentionsRequest, { corpus: node.corpus.uri, actor: node.actor.id });
        return documents.map((doc) => ({ type: 'document', corpus: node.corpus, actor: node.actor, doc }));
      }
      case 'document':
        return node.doc.mentions.map((mention, index) => ({ type: 'mention', doc: node.doc, mention, index }));
      default:
        return [];
    }
  }

  getTreeItem(node: Node): vscode.TreeItem {
    const collapsed = vscode.TreeItemCollapsibleState.Collapsed;
    switch (node.type) {
      case 'corpus': {
        const item = new vscode.TreeItem(node.corpus.name, vscode.TreeItemCollapsibleState.Expanded);
        item.id = `corpus:${node.corpus.uri}`;
        item.description = count(node.corpus.actors.length, 'actor');
        item.iconPath = new vscode.ThemeIcon('library');
        return item;
      }
      case 'kind': {
        const meta = KINDS.find((k) => k.kind === node.kind)!;
        const item = new vscode.TreeItem(meta.label, collapsed);
        item.id = `kind:${node.corpus.uri}:${node.kind}`;
        item.description = `${node.actors.length}`;
        item.iconPath = new vscode.ThemeIcon(meta.icon);
        return item;
      }
      case 'actor': {
        const a = node.actor;
        const item = new vscode.TreeItem(a.name, collapsed);
        item.id = `actor:${node.corpus.uri}:${a.id}`;
        item.description = `${count(a.mentions, 'mention')} · ${count(a.documents, 'document')}${a.declared ? '' : ' · discovered'}`;
        item.tooltip = new vscode.MarkdownString().appendMarkdown(`**${escape(a.name)}** · ${a.kind} · id \`${a.id}\`${a.declared ? '' : ' (discovered, not in corpus.yaml)'}`).appendMarkdown(a.aliases.length ? `\n\nAlso: ${a.aliases.map(escape).join(', ')}` : '');
        item.iconPath = new vscode.ThemeIcon(KINDS.find((k) => k.kind === a.kind)?.icon ?? 'symbol-misc');
        item.contextValue = a.declared ? 'actor.declared' : 'actor.discovered';
        return item;
      }
      case 'document': {
        const item = new vscode.TreeItem(node.doc.label, collapsed);
        item.id = `doc:${node.corpus.uri}:${node.actor.id}:${node.doc.uri}`;
        item.description = count(node.doc.mentions.length, 'mention');
        item.resourceUri = vscode.Uri.parse(node.doc.uri);
        item.iconPath = vscode.ThemeIcon.File;
        return item;
      }
      case 'mention': {
        const m = node.mention;
        const at = m.preview.indexOf(m.text);
        const item = new vscode.TreeItem(at >= 0 ? { label: m.preview, highlights: [[at, at + m.text.length]] } : m.preview, vscode.TreeItemCollapsibleState.None);
        item.id = `mention:${node.doc.uri}:${m.range.start.line}:${m.range.start.character}:${node.index}`;
        item.description = `line ${m.range.start.line + 1}`;
        item.command = { command: 'vscode.open', title: 'Open Mention', arguments: [vscode.Uri.parse(node.doc.uri), { selection: toRange(m.range), preview: false } satisfies vscode.TextDocumentShowOptions] };
        return item;
      }
    }
  }
}

function kindsOf(corpus: Corpus): Node[] {
  return KINDS.map(({ kind }) => ({ type: 'kind' as const, corpus, kind, actors: corpus.actors.filter((a) => a.kind === kind) })).filter((n) => n.actors.length);
}

/** Registers the view and the registry commands; the returned callback takes every index status the server sends. */
export function registerActorsView(context: vscode.ExtensionContext, client: LanguageClient): (status: StatusParams) => void {
  const provider = new ActorsProvider(client);
  const view = vscode.window.createTreeView(ACTORS_VIEW, { treeDataProvider: provider, showCollapseAll: true });
  provider.view = view;

  const edit = async (params: ActorRegistryEditParams) => {
    const res = await client.sendRequest<ActorRegistryEditResult>(ActorRegistryEditRequest, params);
    if (!res.edit) {
      void vscode.window.showWarningMessage(`Corroborate: ${res.error ?? 'nothing to change'}`);
      return;
    }
    const workspaceEdit = await client.protocol2CodeConverter.asWorkspaceEdit(res.edit);
    if (!(await vscode.workspace.applyEdit(workspaceEdit))) {
      void vscode.window.showWarningMessage('Corroborate: the edit could not be applied (was corpus.yaml changed meanwhile?)');
      return;
    }
    for (const [uri] of workspaceEdit.entries()) await vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString())?.save();
    void vscode.window.showInformationMessage(`Corroborate: ${res.message} (Undo reverts it).`);
  };

  context.subscriptions.push(
    view,
    vscode.commands.registerCommand('corroborate.showActors', () => vscode.commands.executeCommand(`${ACTORS_VIEW}.focus`)),
    vscode.commands.registerCommand('corroborate.refreshActors', () => provider.refresh()),
    vscode.commands.registerCommand('corroborate.addActorToRegistry', async (target?: Target) => {
      const t = await resolveTarget(client, target);
      if (t) await edit({ uri: t.uri, action: 'add', actor: t.actor });
    }),
    vscode.commands.registerCommand('corroborate.mergeActors', async (target?: Target) => {
      const t = await resolveTarget(client, target);
      if (!t) return;
      const { corpora } = await client.sendRequest<ActorsResult>(ActorsRequest, { uri: t.uri });
      const actors = corpora[0]?.actors ?? [];
      const self = actors.find((a) => a.id === t.actor);
      const pick = await vscode.window.showQuickPick(
        actors.filter((a) => a.id !== t.actor).map((a) => ({ label: a.name, description: `${a.kind} · ${count(a.mentions, 'mention')}${a.declared ? '' : ' · discovered'}`, detail: a.aliases.length ? `also ${a.aliases.slice(0, 6).join(', ')}` : undefined, id: a.id })),
        { title: `Merge '${self?.name ?? t.actor}' into…`, placeHolder: 'The actor that stays (its id is kept)', matchOnDescription: true, matchOnDetail: true },
      );
      if (pick) await edit({ uri: t.uri, action: 'merge', actor: t.actor, into: pick.id });
    }),
    vscode.commands.registerCommand('corroborate.splitAlias', async (target?: Target) => {
      const t = await resolveTarget(client, target);
      if (!t) return;
      let alias = t.alias;
      if (!alias) {
        const { corpora } = await client.sendRequest<ActorsResult>(ActorsRequest, { uri: t.uri });
        const actor = corpora[0]?.actors.find((a) => a.id === t.actor);
        if (!actor?.aliases.length) {
          void vscode.window.showInformationMessage(`Corroborate: '${actor?.name ?? t.actor}' has no other spelling to split.`);
          return;
        }
        alias = await vscode.window.showQuickPick(actor.aliases, { title: `Split a spelling from '${actor.name}' into an actor of its own` });
      }
      if (alias) await edit({ uri: t.uri, action: 'split', actor: t.actor, alias });
    }),
  );

  return followIndex(provider);
}

/** The corpus file and actor a command applies to: the tree node, the code action's argument, else the actor under the cursor. */
async function resolveTarget(client: LanguageClient, target: Target): Promise<{ uri: string; actor: string; alias?: string } | undefined> {
  if (target && 'type' in target) {
    if (target.type === 'actor' || target.type === 'document') return { uri: target.corpus.uri, actor: target.actor.id };
    return undefined;
  }
  if (target) return target;
  const editor = vscode.window.activeTextEditor;
  if (!editor) return undefined;
  const uri = editor.document.uri.toString();
  const actor = await client.sendRequest<ActorAtResult | null>(ActorAtRequest, { textDocument: { uri }, position: editor.selection.active });
  if (!actor) {
    void vscode.window.showInformationMessage('Corroborate: place the cursor on a name (or pick an actor in the Actors view).');
    return undefined;
  }
  return { uri, actor: actor.id };
}

function toRange(r: Range): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}


function escape(s: string): string {
  return s.replace(/([\\`*_[\]<>|#])/g, '\\$1');
}
