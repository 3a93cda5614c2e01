/** The hover card of a claim: every field, how its anchor was found, and Edit / Delete command links. */
import type { CorpusState, ResolvedClaim } from '../model/corpusState';
import type { LinkTarget } from './links';

/** Client commands the card links to; they take one argument `{ uri, id }` (the article's URI and the claim id). */
export const EDIT_CLAIM_COMMAND = 'corroborate.editClaim';
export const DELETE_CLAIM_COMMAND = 'corroborate.deleteClaim';

/** Markdown card for a claim under the cursor. */
export function claimHoverCard(state: CorpusState, rc: ResolvedClaim, links: LinkTarget): string {
  const { claim, anchor } = rc;
  const speaker = claim.speaker ? (state.actorById.get(claim.speaker)?.name ?? `${claim.speaker} (unknown actor)`) : 'no speaker';
  const tags = claim.tags.map((t) => state.config.tags.find((x) => x.id === t)?.label ?? `${t} (not in the codebook)`);
  const lines = [`**Claim** · ${md(speaker)}${claim.stance ? ` · *${claim.stance}*` : ''}`];
  lines.push(tags.length ? `Tags: ${tags.map(md).join(', ')}` : 'No tags');
  if (claim.date) lines.push(`Made on ${claim.date}`);
  if (claim.note) lines.push(`_${md(claim.note)}_`);
  if (anchor.status === 'moved') lines.push('Anchor: text moved; the new position is written when the article is saved');
  if (anchor.status === 'fuzzy') lines.push(`Anchor: the text changed; found again by similarity ${(anchor.score ?? 0).toFixed(2)} (was “${md(clip(claim.anchor.exact, 80))}”)`);
  const uri = links.uriAt(rc.source, 0).replace(/#.*$/, '');
  const args = encodeURIComponent(JSON.stringify([{ uri, id: claim.id }]));
  lines.push(`[Edit](command:${EDIT_CLAIM_COMMAND}?${args} "Edit this claim") · [Delete](command:${DELETE_CLAIM_COMMAND}?${args} "Delete this claim") · \`${claim.id}\``);
  return lines.join('  \n');
}

function clip(s: string, n: number): string {
  const one = s.replace(/\s+/g, ' ');
  return one.length > n ? one.slice(0, n - 1) + '…' : one;
}

function md(s: string): string {
  return s.replace(/([\\`*_[\]<>|#])/g, '\\$1');
}
