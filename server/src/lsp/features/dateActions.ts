/** Quick fix for relative dates left unresolved: add `published` to the front matter (core: features/publishedFix.ts). */
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type TextDocumentEdit, type WorkspaceEdit } from 'vscode-languageserver/node';
import { publishedFix, type PublishedFix } from '../../core/features/publishedFix';
import type { LineIndex } from '../../core/text/lines';
import { rangeOf } from '../convert';
import type { ServerContext } from '../context';

export const UNRESOLVED_DATE_CODE = 'date-unresolved';

/** Code actions on unresolved relative dates (and on an inferred dateline): listed in features/codeActions.ts. */
export async function dateCodeActions(ctx: ServerContext, { textDocument, range, context }: CodeActionParams): Promise<CodeAction[]> {
  const fc = await ctx.stateFor(textDocument.uri);
  const doc = fc?.state.documentByPath.get(fc.path);
  if (!fc || !doc) return [];
  const from = doc.lines.offsetAt(range.start.line, range.start.character);
  const to = doc.lines.offsetAt(range.end.line, range.end.character);
  const diagnostics = context.diagnostics.filter((d: Diagnostic) => d.code === UNRESOLVED_DATE_CODE);
  const onUnresolved = diagnostics.length > 0 || doc.unresolvedDates.some((u) => u.start <= to && from <= u.end);
  const onDateline = doc.publishedSource === 'dateline' && doc.publishedSpan && doc.publishedSpan.start <= to && from <= doc.publishedSpan.end;
  if (!onUnresolved && !onDateline) return [];
  const fix = publishedFix(doc);
  if (!fix) return [];
  const snippets = !!ctx.clientCapabilities().workspace?.workspaceEdit?.snippetEditSupport;
  const version = ctx.documents.get(textDocument.uri)?.version ?? null;
  const action: CodeAction = {
    title: fix.title,
    // Writing down an inferred dateline fixes nothing: it is a rewrite the user may want.
    kind: onUnresolved ? CodeActionKind.QuickFix : CodeActionKind.RefactorRewrite,
    isPreferred: fix.proposal !== 'placeholder',
    edit: toWorkspaceEdit(textDocument.uri, version, doc.lines, fix, snippets),
  };
  if (diagnostics.length) action.diagnostics = diagnostics;
  return [action];
}

/** A snippet edit when the client takes them (the proposed value is selected for typing over), else a plain one. */
function toWorkspaceEdit(uri: string, version: number | null, lines: LineIndex, fix: PublishedFix, snippets: boolean): WorkspaceEdit {
  const range = rangeOf(lines, fix.start, fix.end);
  if (!snippets) return { changes: { [uri]: [{ range, newText: fix.newText }] } };
  const escape = (s: string) => s.replace(/[$}\\]/g, '\\$&');
  const value = `${escape(fix.newText.slice(0, fix.valueStart))}\${1:${escape(fix.value)}}${escape(fix.newText.slice(fix.valueEnd))}`;
  const edit = { textDocument: { uri, version }, edits: [{ range, snippet: { kind: 'snippet', value } }] } as unknown as TextDocumentEdit;
  return { documentChanges: [edit] };
}
