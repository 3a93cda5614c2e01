/** Help inside corpus.yaml and annotation files: hover and completion of actor ids and tag ids. */
import type { CorpusState } from '../model/corpusState';
import { actorCard } from './hover';
import type { LinkTarget } from './links';
import type { Span } from '../model/types';

export interface CompletionEntry {
  label: string;
  detail: string;
  documentation: string;
  kind: 'actor' | 'tag' | 'value';
  /** Span of the text the completion replaces. */
  replace: Span;
}

type Slot = 'actor' | 'tag' | 'stance' | 'kind' | 'status' | null;

/** Which kind of value belongs at the cursor, from the key on the line or the list it sits in. */
function slotAt(text: string, offset: number, isConfig: boolean): { slot: Slot; word: Span } {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  let wordStart = offset;
  while (wordStart > lineStart && /[\w.-]/.test(text[wordStart - 1])) wordStart--;
  let wordEnd = offset;
  while (wordEnd < text.length && /[\w.-]/.test(text[wordEnd])) wordEnd++;
  const word = { start: wordStart, end: wordEnd };
  const key = /^\s*(?:-\s+)?([A-Za-z]+):/.exec(before)?.[1];
  if (key === 'speaker') return { slot: 'actor', word };
  if (key === 'parent') return { slot: isConfig ? 'tag' : null, word };
  if (key === 'tags') return { slot: 'tag', word };
  if (key === 'stance') return { slot: 'stance', word };
  if (key === 'kind') return { slot: isConfig ? 'kind' : null, word };
  if (key === 'status') return { slot: 'status', word };
  if (key === 'id' && isConfig) {
    // An id in the actors or tags list: hover shows what it is.
    const section = lastSection(text, lineStart);
    return { slot: section === 'actors' ? 'actor' : section === 'tags' ? 'tag' : null, word };
  }
  // "- tag-id" items of a block list under "tags:"
  if (/^\s*-\s+[\w.-]*$/.test(before)) {
    const prev = text.slice(0, lineStart).split('\n').reverse().find((l) => !/^\s*-\s/.test(l) && l.trim() !== '');
    if (prev && /^\s*tags:\s*$/.test(prev)) return { slot: 'tag', word };
  }
  return { slot: null, word };
}

function lastSection(text: string, before: number): string | undefined {
  const head = text.slice(0, before);
  const re = /^([A-Za-z]+):/gm;
  let last: string | undefined;
  for (let m = re.exec(head); m; m = re.exec(head)) last = m[1];
  return last;
}

const STANCES = ['asserts', 'denies', 'questions', 'neutral'];
const KINDS = ['person', 'organization', 'place', 'other'];

/** Completion entries for the value at the cursor. */
export function yamlCompletions(state: CorpusState, text: string, offset: number, isConfig: boolean): CompletionEntry[] {
  const { slot, word } = slotAt(text, offset, isConfig);
  const value = (label: string, detail = '') => ({ label, detail, documentation: '', kind: 'value' as const, replace: word });
  switch (slot) {
    case 'actor': {
      const counts = new Map([...state.mentionsByActor].map(([id, l]) => [id, l.length]));
      return [...state.actors]
        .sort((a, b) => Number(b.declared) - Number(a.declared) || (counts.get(b.id) ?? 0) - (counts.get(a.id) ?? 0))
        .map((a) => ({ label: a.id, detail: `${a.name} · ${a.kind}${a.declared ? '' : ' · discovered'}`, documentation: a.aliases.length ? `Also: ${a.aliases.join(', ')}` : '', kind: 'actor' as const, replace: word }));
    }
    case 'tag':
      return state.config.tags.map((t) => ({ label: t.id, detail: t.label, documentation: [t.description, t.parent ? `parent: ${t.parent}` : ''].filter(Boolean).join('\n'), kind: 'tag' as const, replace: word }));
    case 'stance':
      return STANCES.map((s) => value(s));
    case 'kind':
      return KINDS.map((k) => value(k));
    case 'status':
      return [value('confirmed', 'keep this link'), value('rejected', 'suppress the automatic link for good')];
    default:
      return [];
  }
}

/** Hover for an actor id or tag id in corpus.yaml or an annotation file. */
export function yamlHover(state: CorpusState, text: string, offset: number, isConfig: boolean, links: LinkTarget): { markdown: string; start: number; end: number } | null {
  const { word } = slotAt(text, offset, isConfig);
  const id = text.slice(word.start, word.end);
  if (!id) return null;
  const { slot } = slotAt(text, offset, isConfig);
  if (slot === 'actor' || slot === null) {
    const actor = state.actorById.get(id);
    if (actor) return { markdown: actorCard(state, actor, null, links), ...word };
    if (slot === 'actor') return { markdown: `Unknown actor id \`${id}\``, ...word };
  }
  if (slot === 'tag' || slot === null) {
    const tag = state.config.tags.find((t) => t.id === id);
    if (tag) {
      const uses = [...state.claims.values()].flat().filter((c) => c.claim.tags.includes(id)).length;
      const children = state.config.tags.filter((t) => t.parent === id).map((t) => t.id);
      return { markdown: [`**${tag.label}** · tag \`${tag.id}\``, tag.description ?? '', tag.parent ? `Parent: \`${tag.parent}\`` : '', children.length ? `Children: ${children.map((c) => `\`${c}\``).join(', ')}` : '', `Used by ${uses} claim${uses === 1 ? '' : 's'}`].filter(Boolean).join('  \n'), ...word };
    }
  }
  return null;
}
