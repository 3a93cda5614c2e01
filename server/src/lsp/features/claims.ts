/**
 * Claims over the protocol: the list for views and decorations, Tag Claim suggestions, the workspace edits behind
 * every claim command (computed here, written atomically by the client, which keeps the undo steps), quick fixes for orphaned and
 * moved anchors, and writing re-found anchors back when an article is saved.
 */
import * as path from 'node:path';
import { promises as fs } from 'node:fs';
import { CodeActionKind, type CodeAction, type CodeActionParams, type CreateFile, type TextDocumentEdit, type WorkspaceEdit } from 'vscode-languageserver/node';
import { annotationFileOf, claimEdit, claimSuggestions, listClaims, staleAnchors, type ClaimOperation, type ClaimView } from '../../core/features/claims';
import { addActor, addTag } from '../../core/annotations/codebook';
import type { FileChanges } from '../../core/features/registryEdits';
import { LineIndex } from '../../core/text/lines';
import { writeFileAtomic } from '../../cli/atomicWrite';
import { rangeOf, uriOf } from '../convert';
import type { Corpus } from '../corpora';
import type { FeatureRegistration, FileContext, ServerContext } from '../context';
import {
  ClaimContextRequest,
  ClaimEditRequest,
  ClaimsRequest,
  CodebookEditRequest,
  type ClaimContextParams,
  type ClaimContextResult,
  type ClaimEditParams,
  type ClaimEditResult,
  type ClaimInfo,
  type ClaimsParams,
  type CodebookEditParams,
} from '../../protocol';

export const registerClaims: FeatureRegistration = (ctx) => {
  ctx.connection.onRequest(ClaimsRequest, async (params: ClaimsParams = {}): Promise<ClaimInfo[]> => {
    await ctx.ready();
    const contexts: FileContext[] = [];
    if (params.uri) {
      const c = await ctx.stateFor(params.uri);
      if (c) contexts.push(c);
    } else {
      for (const corpus of ctx.corpora.corpora) {
        await corpus.engine.settled();
        contexts.push({ corpus, path: '', state: corpus.engine.getState() });
      }
    }
    return contexts.flatMap((c) => listClaims(c.state, params.uri && params.document ? c.path : undefined).map((v) => claimInfo(c, v)));
  });

  ctx.connection.onRequest(ClaimContextRequest, async (params: ClaimContextParams): Promise<ClaimContextResult | null> => {
    const c = await ctx.stateFor(params.textDocument.uri);
    const doc = c?.state.documentByPath.get(c.path);
    if (!c || !doc) return null;
    const start = doc.lines.offsetAt(params.range.start.line, params.range.start.character);
    const end = doc.lines.offsetAt(params.range.end.line, params.range.end.character);
    const s = claimSuggestions(c.state, c.path, { start: Math.min(start, end), end: Math.max(start, end) });
    if (!s) return null;
    return { ...s, range: rangeOf(doc.lines, s.start, s.end), stances: [...s.stances], existing: s.existing.map((v) => claimInfo(c, v)) };
  });

  ctx.connection.onRequest(ClaimEditRequest, async (params: ClaimEditParams): Promise<ClaimEditResult> => {
    const c = await ctx.stateFor(params.uri);
    const doc = c?.state.documentByPath.get(c.path);
    if (!c || !doc) return { edit: null, files: [], error: 'not an article of a corpus' };
    const offsets = (r: ClaimContextParams['range']) => ({ start: doc.lines.offsetAt(r.start.line, r.start.character), end: doc.lines.offsetAt(r.end.line, r.end.character) });
    let operation: ClaimOperation;
    switch (params.op) {
      case 'create': {
        const { start, end } = offsets(params.range);
        operation = { op: 'create', start, end, ...definedFields(params) };
        break;
      }
      case 'update':
        operation = { op: 'update', id: params.id, changes: params.changes };
        break;
      case 'delete':
        operation = { op: 'delete', id: params.id };
        break;
      case 'reanchor':
        operation = { op: 'reanchor', id: params.id, ...offsets(params.range) };
        break;
      case 'refreshAnchors':
        operation = { op: 'refreshAnchors' };
        break;
      default:
        return { edit: null, files: [], error: `unknown claim operation` };
    }
    return claimWorkspaceEdit(ctx, c, operation);
  });

  ctx.connection.onRequest(CodebookEditRequest, async (params: CodebookEditParams): Promise<ClaimEditResult> => {
    const c = await ctx.stateFor(params.uri);
    if (!c) return { edit: null, files: [], error: 'not inside a corpus' };
    const config = textOf(ctx, c.corpus, 'corpus.yaml') ?? undefined;
    const result = params.tag ? addTag(c.state, config, params.tag) : params.actor ? addActor(c.state, config, params.actor) : { ok: false as const, error: 'nothing to add' };
    if (!result.ok) return { edit: null, files: [], error: result.error };
    return { edit: changesEdit(ctx, c.corpus, result.change), id: result.id, files: [uriOf(c.corpus, result.change.path)] };
  });

  // Anchors found again after an edit are written back when the article is saved, so the file on disk stays exact.
  ctx.documents.onDidSave((e) => void writeBackAnchors(ctx, e.document.uri));
};

function definedFields(p: { speaker?: string | null; tags?: string[]; stance?: string | null; date?: string | null; note?: string | null }): Omit<Extract<ClaimOperation, { op: 'create' }>, 'op' | 'start' | 'end'> {
  return {
    ...(p.speaker ? { speaker: p.speaker } : {}),
    ...(p.tags ? { tags: p.tags } : {}),
    ...(p.stance ? { stance: p.stance as 'asserts' } : {}),
    ...(p.date ? { date: p.date } : {}),
    ...(p.note ? { note: p.note } : {}),
  };
}

function claimInfo(c: FileContext, v: ClaimView): ClaimInfo {
  const doc = c.state.documentByPath.get(v.source);
  const lines = doc?.lines ?? new LineIndex('');
  return {
    id: v.id,
    uri: uriOf(c.corpus, v.source),
    range: rangeOf(lines, Math.min(v.start, doc?.text.length ?? 0), Math.min(v.end, doc?.text.length ?? 0)),
    annotationUri: uriOf(c.corpus, v.file),
    status: v.status,
    exact: v.exact,
    text: v.text,
    speaker: v.speaker,
    tags: v.tags,
    stance: v.stance,
    date: v.date,
    note: v.note,
    score: v.score,
    document: v.document,
  };
}

/** The text of a corpus file as the editor has it: the open buffer, else what the engine read; null when it does not exist. */
function textOf(ctx: ServerContext, corpus: Corpus, rel: string): string | null {
  return ctx.documents.get(uriOf(corpus, rel))?.getText() ?? corpus.engine.getText(rel) ?? null;
}

/** The workspace edit for a claim operation on the article of `c`, or the store's refusal. */
function claimWorkspaceEdit(ctx: ServerContext, c: FileContext, operation: ClaimOperation): ClaimEditResult {
  const file = annotationFileOf(c.state, c.path);
  const before = textOf(ctx, c.corpus, file);
  const { result } = claimEdit(c.state, c.path, before, operation);
  if (!result.ok) return { edit: null, files: [], error: result.error };
  if (before !== null && result.text === before) return { edit: null, files: [], ...(result.ids[0] ? { id: result.ids[0] } : {}) };
  return { edit: textEdit(ctx, c.corpus, file, before, result.text), ...(result.ids[0] ? { id: result.ids[0] } : {}), files: [uriOf(c.corpus, file)] };
}

/** One text edit replacing only the part that differs (small undo steps, cursor kept), creating the file if needed. */
function textEdit(ctx: ServerContext, corpus: Corpus, rel: string, before: string | null, after: string): WorkspaceEdit {
  const uri = uriOf(corpus, rel);
  const old = before ?? '';
  let head = 0;
  while (head < old.length && head < after.length && old.charCodeAt(head) === after.charCodeAt(head)) head++;
  let tail = 0;
  while (tail < old.length - head && tail < after.length - head && old.charCodeAt(old.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  const lines = new LineIndex(old);
  const changes: (TextDocumentEdit | CreateFile)[] = [];
  if (before === null) changes.push({ kind: 'create', uri, options: { ignoreIfExists: true } });
  changes.push({ textDocument: { uri, version: ctx.documents.get(uri)?.version ?? null }, edits: [{ range: rangeOf(lines, head, old.length - tail), newText: after.slice(head, after.length - tail) }] });
  return { documentChanges: changes };
}

function changesEdit(ctx: ServerContext, corpus: Corpus, change: FileChanges): WorkspaceEdit {
  const uri = uriOf(corpus, change.path);
  const lines = new LineIndex(textOf(ctx, corpus, change.path) ?? '');
  const out: (TextDocumentEdit | CreateFile)[] = [];
  if (change.create) out.push({ kind: 'create', uri, options: { ignoreIfExists: true } });
  out.push({ textDocument: { uri, version: ctx.documents.get(uri)?.version ?? null }, edits: change.changes.map((ch) => ({ range: rangeOf(lines, ch.start, ch.end), newText: ch.newText })) });
  return { documentChanges: out };
}

/**
 * After an article is saved: anchors that moved or were found by similarity are written to its annotation file on
 * disk, atomically. An annotation file open with unsaved changes is left alone (writing the disk would be undone by
 * its next save, editing the buffer would leave it dirty); the anchors are found again meanwhile and written at a
 * later save. An open clean buffer reloads from disk by itself. A file that does not parse is never written.
 */
async function writeBackAnchors(ctx: ServerContext, uri: string): Promise<void> {
  const c = await ctx.stateFor(uri);
  if (!c || !c.state.documentByPath.has(c.path)) return;
  if (staleAnchors(c.state, c.path) === 0) {
    ctx.logger.info(`anchors of ${c.path}: none moved, nothing to write`);
    return;
  }
  const file = annotationFileOf(c.state, c.path);
  const target = path.join(c.corpus.root, ...file.split('/'));
  const onDisk = await fs.readFile(target, 'utf8').catch(() => null);
  const open = ctx.documents.get(uriOf(c.corpus, file));
  if (open && open.getText() !== onDisk) {
    ctx.logger.info(`anchors of ${c.path} not written: ${file} has unsaved changes`);
    return;
  }
  const { result: store } = claimEdit(c.state, c.path, onDisk, { op: 'refreshAnchors' });
  if (!store.ok) {
    ctx.logger.warn(`anchors of ${c.path} not written: ${store.error}`);
    return;
  }
  if (store.text === onDisk) return;
  try {
    await writeFileAtomic(target, store.text);
    c.corpus.workspace.fire([{ path: file, type: 'changed' }]);
    await c.corpus.engine.settled();
    ctx.schedulePublish();
  } catch (e) {
    ctx.logger.error(`cannot write ${file}: ${(e as Error).message}`);
  }
}

const CLAIM_ID = /\bclaim (claim-[0-9a-z]+)\b/;
/** Diagnostics name their claim ("claim claim-1a2b3c4d: ..."); that is how a quick fix finds it again. */
const claimIdOf = (d: { message: string | { value: string } }) => CLAIM_ID.exec(typeof d.message === 'string' ? d.message : d.message.value);

/** Quick fixes: re-anchor an orphaned claim to the selection or delete it (in the article), delete it or write moved anchors (in the annotation file). */
export async function claimCodeActions(ctx: ServerContext, params: CodeActionParams): Promise<CodeAction[]> {
  const c = await ctx.stateFor(params.textDocument.uri);
  if (!c) return [];
  const actions: CodeAction[] = [];
  const doc = c.state.documentByPath.get(c.path);
  if (doc) {
    const orphans = (c.state.claims.get(c.path) ?? []).filter((rc) => rc.anchor.status === 'orphaned');
    if (!orphans.length) return [];
    const start = doc.lines.offsetAt(params.range.start.line, params.range.start.character);
    const end = doc.lines.offsetAt(params.range.end.line, params.range.end.character);
    const flagged = new Set(params.context.diagnostics.filter((d) => d.code === 'claim-orphaned').map((d) => claimIdOf(d)?.[1]));
    for (const rc of orphans) {
      const diagnostics = params.context.diagnostics.filter((d) => d.code === 'claim-orphaned' && claimIdOf(d)?.[1] === rc.claim.id);
      if (end > start) {
        const r = claimWorkspaceEdit(ctx, c, { op: 'reanchor', id: rc.claim.id, start, end });
        if (r.edit) actions.push({ title: `Re-anchor claim ${rc.claim.id} (“${clip(rc.claim.anchor.exact)}”) to the selection`, kind: CodeActionKind.QuickFix, diagnostics, edit: r.edit, isPreferred: flagged.has(rc.claim.id) });
      }
      if (flagged.has(rc.claim.id)) {
        const r = claimWorkspaceEdit(ctx, c, { op: 'delete', id: rc.claim.id });
        if (r.edit) actions.push({ title: `Delete orphaned claim ${rc.claim.id}`, kind: CodeActionKind.QuickFix, diagnostics, edit: r.edit });
      }
    }
    return actions;
  }
  if (c.corpus.engine.roleOf(c.path) !== 'annotation') return [];
  const file = c.state.annotationFiles.find((f) => f.path === c.path);
  if (!file?.valid || !file.source || !c.state.documentByPath.has(file.source)) return [];
  const sourceContext: FileContext = { ...c, path: file.source };
  let refreshOffered = false;
  for (const d of params.context.diagnostics) {
    const id = claimIdOf(d)?.[1];
    if (d.code === 'anchor-orphaned' && id) {
      const r = claimWorkspaceEdit(ctx, sourceContext, { op: 'delete', id });
      if (r.edit) actions.push({ title: `Delete orphaned claim ${id}`, kind: CodeActionKind.QuickFix, diagnostics: [d], edit: r.edit });
    } else if ((d.code === 'anchor-moved' || d.code === 'anchor-fuzzy') && !refreshOffered) {
      refreshOffered = true;
      const r = claimWorkspaceEdit(ctx, sourceContext, { op: 'refreshAnchors' });
      if (r.edit) actions.push({ title: 'Write the current positions of moved claims', kind: CodeActionKind.QuickFix, diagnostics: params.context.diagnostics.filter((x) => x.code === 'anchor-moved' || x.code === 'anchor-fuzzy'), edit: r.edit });
    }
  }
  return actions;
}

function clip(s: string): string {
  const one = s.replace(/\s+/g, ' ');
  return one.length > 40 ? one.slice(0, 39) + '…' : one;
}
