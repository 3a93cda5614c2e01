/** Actors over the protocol: rename of an actor id, the registry commands (requests and code actions), the Actors view's data. */
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { CodeActionKind, CreateFile, LSPErrorCodes, ResponseError, TextDocumentEdit, TextEdit, type CodeAction, type WorkspaceEdit } from 'vscode-languageserver/node';
import { actorCounts, mentionsByDocument } from '../../core/features/actorsView';
import { itemsAt } from '../../core/features/lookup';
import { actorIdInConfig, planAddActor, planMergeActors, planRenameActor, planSplitAlias, RegistryEditError, speakerInAnnotation, type FileChanges, type RegistryContext } from '../../core/features/registryEdits';
import { CONFIG_FILE } from '../../core/parse/corpusConfig';
import { LineIndex } from '../../core/text/lines';
import { rangeOf, uriOf } from '../convert';
import type { Corpus } from '../corpora';
import type { FeatureRegistration, FileContext, ServerContext } from '../context';
import type { CodeActionProvider } from './codeActions';
import {
  ActorMentionsRequest,
  ActorRegistryEditRequest,
  ActorsRequest,
  type ActorMentionsParams,
  type ActorMentionsResult,
  type ActorRegistryEditParams,
  type ActorRegistryEditResult,
  type ActorsParams,
  type ActorsResult,
} from '../../protocol';

type Position = { line: number; character: number };

export const registerActors: FeatureRegistration = (ctx) => {
  ctx.connection.onPrepareRename(async ({ textDocument, position }) => {
    const hit = await actorIdAt(ctx, textDocument.uri, position);
    if (!hit) return null;
    return { range: rangeOf(hit.lines, hit.start, hit.end), placeholder: hit.id };
  });

  ctx.connection.onRenameRequest(async ({ textDocument, position, newName }) => {
    const hit = await actorIdAt(ctx, textDocument.uri, position);
    if (!hit) return null;
    try {
      return toWorkspaceEdit(ctx, hit.corpus, planRenameActor(registryContext(hit), hit.id, newName.trim()));
    } catch (e) {
      if (e instanceof RegistryEditError) throw new ResponseError(LSPErrorCodes.RequestFailed, e.message);
      throw e;
    }
  });

  ctx.connection.onRequest(ActorRegistryEditRequest, async (params: ActorRegistryEditParams): Promise<ActorRegistryEditResult> => {
    const c = await corpusOf(ctx, params.uri);
    if (!c) return { edit: null, message: '', error: 'this file is not in a Corroborate corpus' };
    const rc = registryContext(c);
    try {
      const files =
        params.action === 'add'
          ? planAddActor(rc, params.actor)
          : params.action === 'merge'
            ? planMergeActors(rc, params.into ?? '', params.actor)
            : planSplitAlias(rc, params.actor, params.alias ?? '');
      const name = (id: string | undefined) => c.state.actorById.get(id ?? '')?.name ?? id;
      const message =
        params.action === 'add'
          ? `Added '${name(params.actor)}' to corpus.yaml`
          : params.action === 'merge'
            ? `Merged '${name(params.actor)}' into '${name(params.into)}'`
            : `Split '${params.alias}' from '${name(params.actor)}'`;
      return { edit: toWorkspaceEdit(ctx, c.corpus, files), message };
    } catch (e) {
      if (e instanceof RegistryEditError) return { edit: null, message: '', error: e.message };
      throw e;
    }
  });

  ctx.connection.onRequest(ActorsRequest, async (params: ActorsParams): Promise<ActorsResult> => {
    await ctx.ready();
    const only = params.uri ? await corpusOf(ctx, params.uri) : undefined;
    const corpora: ActorsResult['corpora'] = [];
    for (const corpus of ctx.corpora.corpora) {
      if (only && only.corpus !== corpus) continue;
      await corpus.engine.settled();
      corpora.push({ uri: URI.file(corpus.root).toString(), name: path.basename(corpus.root), actors: actorCounts(corpus.engine.getState()) });
    }
    return { corpora };
  });

  ctx.connection.onRequest(ActorMentionsRequest, async (params: ActorMentionsParams): Promise<ActorMentionsResult> => {
    const c = await corpusOf(ctx, params.corpus);
    if (!c) return { documents: [] };
    return {
      documents: mentionsByDocument(c.state, params.actor).map((d) => {
        const lines = c.state.documentByPath.get(d.path)!.lines;
        return { uri: uriOf(c.corpus, d.path), label: d.label, mentions: d.mentions.map((m) => ({ range: rangeOf(lines, m.start, m.end), text: m.text, preview: m.preview })) };
      }),
    };
  });
};

/** Lightbulb actions on an actor (a mention in a document, an id in corpus.yaml or a claim's speaker): Add to corpus.yaml, Split Alias, Merge. */
export const actorCodeActions: CodeActionProvider = async (ctx, params) => {
  const hit = await actorIdAt(ctx, params.textDocument.uri, params.range.start);
  const actor = hit && hit.state.actorById.get(hit.id);
  if (!hit || !actor) return [];
  const rc = registryContext(hit);
  const actions: CodeAction[] = [];
  const edit = (plan: () => FileChanges[]) => {
    try {
      return toWorkspaceEdit(ctx, hit.corpus, plan());
    } catch (e) {
      if (e instanceof RegistryEditError) return undefined;
      throw e;
    }
  };
  if (!actor.declared) {
    const add = edit(() => planAddActor(rc, actor.id));
    if (add) actions.push({ title: `Add '${actor.name}' to corpus.yaml`, kind: CodeActionKind.QuickFix, edit: add });
  }
  if (hit.text && hit.text !== actor.name && actor.aliases.includes(hit.text)) {
    const split = edit(() => planSplitAlias(rc, actor.id, hit.text!));
    if (split) actions.push({ title: `Split '${hit.text}' from '${actor.name}' into an actor of its own`, kind: CodeActionKind.QuickFix, edit: split });
  }
  actions.push({
    title: `Merge '${actor.name}' into another actor…`,
    kind: CodeActionKind.QuickFix,
    command: { title: 'Merge Actors', command: 'corroborate.mergeActors', arguments: [{ uri: params.textDocument.uri, actor: actor.id }] },
  });
  return actions;
};

interface ActorHit extends FileContext {
  id: string;
  start: number;
  end: number;
  /** The mention's words, when the cursor is on a mention in a document. */
  text?: string;
  lines: LineIndex;
}

/** The actor id at a position: a mention in a document, an `id:` in corpus.yaml, a claim's `speaker:` in an annotation file. */
async function actorIdAt(ctx: ServerContext, uri: string, position: Position): Promise<ActorHit | undefined> {
  const c = await ctx.stateFor(uri);
  if (!c) return undefined;
  const text = c.corpus.engine.getText(c.path);
  if (text === undefined) return undefined;
  const lines = c.corpus.engine.getDocument(c.path)?.lines ?? new LineIndex(text);
  const offset = lines.offsetAt(position.line, position.character);
  if (c.path === CONFIG_FILE) {
    const id = actorIdInConfig(c.state, offset);
    return id && { ...c, ...id, lines };
  }
  if (c.corpus.engine.roleOf(c.path) === 'annotation') {
    const speaker = speakerInAnnotation(c.state, c.path, offset);
    return speaker && c.state.actorById.has(speaker.id) ? { ...c, ...speaker, lines } : undefined;
  }
  const mention = itemsAt(c.state, c.path, offset).mention;
  return mention && { ...c, id: mention.actor, start: mention.start, end: mention.end, text: mention.via === 'name' ? mention.text : undefined, lines };
}

/** The corpus of a file or of a corpus folder's own URI. */
async function corpusOf(ctx: ServerContext, uri: string): Promise<{ corpus: Corpus; state: FileContext['state'] } | undefined> {
  const inside = await ctx.stateFor(uri);
  if (inside) return inside;
  await ctx.ready();
  if (!uri.startsWith('file:')) return undefined;
  const fsPath = URI.parse(uri).fsPath;
  const corpus = ctx.corpora.corpora.find((c) => path.resolve(c.root) === path.resolve(fsPath));
  if (!corpus) return undefined;
  await corpus.engine.settled();
  return { corpus, state: corpus.engine.getState() };
}

function registryContext(c: { corpus: Corpus; state: FileContext['state'] }): RegistryContext {
  return { state: c.state, textOf: (p) => c.corpus.engine.getText(p) };
}

/** File changes as one WorkspaceEdit: a file to create first, then text edits guarded by the open buffer's version. */
function toWorkspaceEdit(ctx: ServerContext, corpus: Corpus, files: FileChanges[]): WorkspaceEdit {
  const documentChanges: (CreateFile | TextDocumentEdit)[] = [];
  const changes: Record<string, TextEdit[]> = {};
  for (const f of files) {
    const uri = uriOf(corpus, f.path);
    if (f.create) documentChanges.push(CreateFile.create(uri, { ignoreIfExists: true }));
    const lines = new LineIndex(f.create ? '' : corpus.engine.getText(f.path) ?? '');
    const edits = f.changes.map((ch) => TextEdit.replace(rangeOf(lines, ch.start, ch.end), ch.newText));
    documentChanges.push(TextDocumentEdit.create({ uri, version: ctx.documents.get(uri)?.version ?? null }, edits));
    changes[uri] = edits;
  }
  const caps = ctx.clientCapabilities().workspace?.workspaceEdit;
  return caps?.documentChanges ? { documentChanges } : { changes };
}
