/**
 * Tag Claim and Edit Claim: a short series of quick picks (speaker, tags, date, stance, note) where Enter keeps the
 * default at every step, so tagging a quotation is Ctrl+Alt+C and a few Enters. Delete Claim and re-anchoring too.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  ClaimContextRequest,
  ClaimEditRequest,
  ClaimsRequest,
  CodebookEditRequest,
  type ClaimContextResult,
  type ClaimEditParams,
  type ClaimEditResult,
  type ClaimFieldsParams,
  type ClaimInfo,
} from '../../../server/src/protocol';
import type { ClaimEditor } from './claimEdits';
import { clip } from '../text';

/** What the hover, the code lens and the Claims view pass to Edit / Delete Claim. */
export interface ClaimRef {
  uri: string;
  id: string;
}

type Range = ClaimInfo['range'];
const toLsp = (r: vscode.Range): Range => ({ start: { line: r.start.line, character: r.start.character }, end: { line: r.end.line, character: r.end.character } });
const ISO = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export function registerClaimCommands(context: vscode.ExtensionContext, client: LanguageClient, editor: ClaimEditor): void {
  const tagClaim = async () => {
    const active = vscode.window.activeTextEditor;
    if (!active) return;
    const uri = active.document.uri.toString();
    const ctx = await client.sendRequest<ClaimContextResult | null>(ClaimContextRequest, { textDocument: { uri }, range: toLsp(active.selection) });
    if (!ctx) {
      void vscode.window.showInformationMessage('Corroborate: select the passage to tag, or place the cursor inside a quotation.');
      return;
    }
    await editor.step('Tag Claim', async () => {
      const fields = await claimForm(client, editor, uri, ctx);
      if (!fields) return;
      const result = await client.sendRequest<ClaimEditResult>(ClaimEditRequest, { uri, op: 'create', range: ctx.range, ...fields } satisfies ClaimEditParams);
      if (await editor.apply(result, 'Tag Claim')) vscode.window.setStatusBarMessage(`Corroborate: claim ${result.id ?? ''} tagged`, 4000);
    });
  };

  const editClaim = async (ref?: ClaimRef | { claim?: ClaimInfo }) => {
    const claim = await resolveClaim(client, ref);
    if (!claim) return;
    const ctx = await client.sendRequest<ClaimContextResult | null>(ClaimContextRequest, { textDocument: { uri: claim.uri }, range: claim.status === 'orphaned' ? { start: claim.range.start, end: claim.range.start } : claim.range });
    const base: ClaimContextResult = ctx ?? { range: claim.range, exact: claim.exact, from: 'selection', speakers: [], unknownSpeaker: null, tags: [], date: null, dateDetail: '', stances: ['asserts', 'denies', 'questions', 'neutral'], existing: [] };
    await editor.step('Edit Claim', async () => {
      const fields = await claimForm(client, editor, claim.uri, base, claim);
      if (!fields) return;
      const changes: ClaimFieldsParams = { speaker: fields.speaker ?? null, tags: fields.tags ?? [], stance: fields.stance ?? null, date: fields.date ?? null, note: fields.note ?? null };
      const result = await client.sendRequest<ClaimEditResult>(ClaimEditRequest, { uri: claim.uri, op: 'update', id: claim.id, changes } satisfies ClaimEditParams);
      await editor.apply(result, 'Edit Claim');
    });
  };

  const deleteClaim = async (ref?: ClaimRef | { claim?: ClaimInfo }) => {
    const claim = await resolveClaim(client, ref);
    if (!claim) return;
    const result = await client.sendRequest<ClaimEditResult>(ClaimEditRequest, { uri: claim.uri, op: 'delete', id: claim.id } satisfies ClaimEditParams);
    if (await editor.apply(result, 'Delete Claim')) vscode.window.setStatusBarMessage(`Corroborate: claim ${claim.id} deleted (Undo Claim Change restores it)`, 5000);
  };

  const reanchorClaim = async (ref?: ClaimRef | { claim?: ClaimInfo }) => {
    const active = vscode.window.activeTextEditor;
    if (!active || active.selection.isEmpty) {
      void vscode.window.showInformationMessage('Corroborate: select the new text of the claim in its article first.');
      return;
    }
    const claim = ref ? await resolveClaim(client, ref) : await pickClaim(client, active.document.uri.toString(), (c) => c.status === 'orphaned', 'Re-anchor which claim to the selection?');
    if (!claim) return;
    const result = await client.sendRequest<ClaimEditResult>(ClaimEditRequest, { uri: active.document.uri.toString(), op: 'reanchor', id: claim.id, range: toLsp(active.selection) } satisfies ClaimEditParams);
    await editor.apply(result, 'Re-anchor Claim');
  };

  context.subscriptions.push(
    vscode.commands.registerCommand('corroborate.tagClaim', tagClaim),
    vscode.commands.registerCommand('corroborate.editClaim', editClaim),
    vscode.commands.registerCommand('corroborate.deleteClaim', deleteClaim),
    vscode.commands.registerCommand('corroborate.reanchorClaim', reanchorClaim),
    vscode.commands.registerCommand('corroborate.undoClaimChange', () => editor.undo()),
    vscode.commands.registerCommand('corroborate.redoClaimChange', () => editor.redo()),
  );
}

/** The claim a command is about: the one passed in, else the one under the cursor (a pick when several overlap). */
async function resolveClaim(client: LanguageClient, ref?: ClaimRef | { claim?: ClaimInfo }): Promise<ClaimInfo | undefined> {
  if (ref && 'claim' in ref && ref.claim) return ref.claim;
  if (ref && 'id' in ref && ref.id) {
    const all = await client.sendRequest<ClaimInfo[]>(ClaimsRequest, { uri: ref.uri, document: true });
    const found = all.find((c) => c.id === ref.id);
    if (!found) void vscode.window.showWarningMessage(`Corroborate: claim ${ref.id} is no longer in the corpus.`);
    return found;
  }
  const active = vscode.window.activeTextEditor;
  if (!active) return undefined;
  const pos = active.selection.active;
  return pickClaim(client, active.document.uri.toString(), (c) => c.status !== 'orphaned' && new vscode.Range(c.range.start.line, c.range.start.character, c.range.end.line, c.range.end.character).contains(pos), 'Which claim?');
}

async function pickClaim(client: LanguageClient, uri: string, keep: (c: ClaimInfo) => boolean, title: string): Promise<ClaimInfo | undefined> {
  const claims = (await client.sendRequest<ClaimInfo[]>(ClaimsRequest, { uri, document: true })).filter(keep);
  if (!claims.length) {
    void vscode.window.showInformationMessage('Corroborate: no claim here.');
    return undefined;
  }
  if (claims.length === 1) return claims[0];
  const pick = await vscode.window.showQuickPick(
    claims.map((c) => ({ label: clip(c.text, 70), description: [c.speaker?.name, c.tags.map((t) => t.label).join(', ')].filter(Boolean).join(' · '), c })),
    { title },
  );
  return pick?.c;
}

const NO_STANCE = '(no stance)';

type Fields = Omit<ClaimFieldsParams, 'tags'> & { tags?: string[] };

/** The quick-pick series; `current` pre-fills every step when editing. Undefined when the user pressed Escape. */
async function claimForm(client: LanguageClient, editor: ClaimEditor, uri: string, ctx: ClaimContextResult, current?: ClaimInfo): Promise<Fields | undefined> {
  const subject = `“${clip(ctx.exact, 60)}”`;
  const speaker = await pickSpeaker(client, editor, uri, ctx, subject, current);
  if (speaker === undefined) return undefined;
  const tags = await pickTags(client, editor, uri, ctx, subject, current);
  if (tags === undefined) return undefined;
  const date = await vscode.window.showInputBox({
    title: `Claim ${subject}: date it was made (3/5)`,
    value: current ? (current.date ?? '') : (ctx.date ?? ''),
    prompt: current ? 'YYYY-MM-DD, or empty for none' : `Default: ${ctx.dateDetail}. YYYY-MM-DD, or empty for none`,
    validateInput: (v) => (v.trim() === '' || ISO.test(v.trim()) ? null : 'Write the date as YYYY-MM-DD, or leave it empty'),
  });
  if (date === undefined) return undefined;
  // Enter keeps the default: the current stance (or none) when editing, 'asserts' for a new claim.
  const first = current ? (current.stance ?? NO_STANCE) : 'asserts';
  const stance = await vscode.window.showQuickPick([first, ...[...ctx.stances, NO_STANCE].filter((s) => s !== first)].map((s) => ({ label: s, ...(s === first && current ? { description: 'current' } : {}) })), { title: `Claim ${subject}: stance (4/5)` });
  if (!stance) return undefined;
  const note = await vscode.window.showInputBox({ title: `Claim ${subject}: note (5/5, optional)`, value: current?.note ?? '', prompt: 'Free text, or empty' });
  if (note === undefined) return undefined;
  return {
    ...(speaker ? { speaker } : {}),
    tags,
    ...(date.trim() ? { date: date.trim() } : {}),
    ...(stance.label !== NO_STANCE ? { stance: stance.label as ClaimFieldsParams['stance'] } : {}),
    ...(note.trim() ? { note: note.trim() } : {}),
  };
}

type SpeakerItem = vscode.QuickPickItem & { id?: string | null; newActor?: string };

/**
 * Returns the actor id, null for no speaker, undefined when cancelled. The first item is what Enter takes: the
 * current speaker (or "No speaker") when editing, so Enter changes nothing; for a new claim a known actor the text
 * attributes it to, else the most frequent actor, but never "New actor" (Enter must not write corpus.yaml).
 */
async function pickSpeaker(client: LanguageClient, editor: ClaimEditor, uri: string, ctx: ClaimContextResult, subject: string, current?: ClaimInfo): Promise<string | null | undefined> {
  const noSpeaker: SpeakerItem = { label: 'No speaker', id: null };
  const candidates = ctx.speakers.filter((s) => s.id !== current?.speaker?.id);
  const item = (s: ClaimContextResult['speakers'][number]): SpeakerItem => ({ label: s.name, description: s.detail, id: s.id, ...(s.suggested ? { detail: '$(sparkle) attributed by the text' } : {}) });
  const attributed = candidates.filter((s) => s.suggested).map(item);
  const others = candidates.filter((s) => !s.suggested).map(item);
  const unknown: SpeakerItem[] = ctx.unknownSpeaker ? [{ label: `$(add) New actor: ${ctx.unknownSpeaker}`, description: 'speaker named by the text, not yet an actor', newActor: ctx.unknownSpeaker }] : [];
  const first: SpeakerItem[] = current
    ? [current.speaker ? { label: current.speaker.name, description: 'current speaker', id: current.speaker.id } : { ...noSpeaker, description: 'current' }]
    : attributed.length
      ? [attributed.shift()!]
      : ctx.unknownSpeaker || !others.length
        ? [noSpeaker] // the text names someone who is not an actor: no guess is better than a frequent stranger
        : [others.shift()!];
  const items: SpeakerItem[] = [...first, ...attributed, ...unknown, ...others, { label: '$(add) New actor…', newActor: '' }];
  if (first[0].id !== null) items.push(noSpeaker);
  const pick = await vscode.window.showQuickPick(items, { title: `Claim ${subject}: speaker (1/5)`, placeHolder: 'Enter keeps the first; type to search actors', matchOnDescription: true });
  if (!pick) return undefined;
  if (pick.newActor === undefined) return pick.id ?? null;
  const name = pick.newActor || (await vscode.window.showInputBox({ title: 'New actor: name', prompt: 'Added to corpus.yaml as a person; edit the entry there for more' }));
  if (!name?.trim()) return undefined;
  const result = await client.sendRequest<ClaimEditResult>(CodebookEditRequest, { uri, actor: { name: name.trim() } });
  return (await editor.applyRegistry(result, 'New actor')) ? result.id : undefined;
}

type TagItem = vscode.QuickPickItem & { id?: string; newTag?: boolean };

/** Returns tag ids ([] for none), undefined when cancelled. Enter after typing adds the first matching tag unless a ticked one matches. */
async function pickTags(client: LanguageClient, editor: ClaimEditor, uri: string, ctx: ClaimContextResult, subject: string, current?: ClaimInfo): Promise<string[] | undefined> {
  const qp = vscode.window.createQuickPick<TagItem>();
  qp.title = `Claim ${subject}: tags (2/5)`;
  qp.placeholder = 'Tick tags (Space or click), or type one and press Enter; Enter alone keeps the ticked ones';
  qp.canSelectMany = true;
  qp.matchOnDescription = true;
  qp.matchOnDetail = true;
  const known = new Set(ctx.tags.map((t) => t.id));
  const items: TagItem[] = ctx.tags.map((t) => ({ label: t.label, description: `${t.id}${t.uses ? ` · used ${t.uses}×` : ''}`, ...(t.description ? { detail: t.description } : {}), id: t.id }));
  for (const t of current?.tags ?? []) if (!known.has(t.id)) items.push({ label: t.label, description: `${t.id} · not in the codebook`, id: t.id });
  items.push({ label: '$(add) New tag…', newTag: true, alwaysShow: true });
  qp.items = items;
  qp.selectedItems = items.filter((i) => current?.tags.some((t) => t.id === i.id));
  const chosen = await new Promise<TagItem[] | undefined>((resolve) => {
    qp.onDidAccept(() => {
      const picked = [...qp.selectedItems];
      // Multi-select lists highlight no item while typing: take the first tag that the typed words match.
      const typed = qp.value.trim().toLowerCase();
      const matching = (i: TagItem) => !i.newTag && typed.split(/\s+/).every((w) => `${i.label} ${i.description ?? ''} ${i.detail ?? ''}`.toLowerCase().includes(w));
      const first = qp.activeItems.find(matching) ?? items.find(matching);
      // Typing a tag and pressing Enter adds it, also to tags already ticked (editing a claim that has some).
      if (typed && first && !picked.some(matching)) picked.push(first);
      resolve(picked);
      qp.hide();
    });
    qp.onDidHide(() => resolve(undefined));
    qp.show();
  });
  const typed = qp.value.trim();
  qp.dispose();
  if (!chosen) return undefined;
  const ids = chosen.filter((i) => i.id).map((i) => i.id!);
  if (chosen.some((i) => i.newTag)) {
    const label = await vscode.window.showInputBox({ title: 'New tag: label', value: typed.toLowerCase().startsWith('new tag') ? '' : typed, prompt: 'Added to the codebook in corpus.yaml' });
    if (!label?.trim()) return undefined;
    const result = await client.sendRequest<ClaimEditResult>(CodebookEditRequest, { uri, tag: { label: label.trim() } });
    if (!(await editor.applyRegistry(result, 'New tag')) || !result.id) return undefined;
    ids.push(result.id);
  }
  return ids;
}

