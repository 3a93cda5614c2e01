/**
 * Speakers named by a description instead of a name ("the Iraqi prime minister", "The Iranian leader", "the
 * ayatollah"): they stand for the person the same document introduced with that title, so that a quotation's speaker
 * is an actor whenever the document says who it is.
 */
import type { Mention } from './actors';
import type { NameMatch } from '../model/types';
import { partitionPoint, runningMaxEndOf } from '../text/search';
import { memoized, rememberedPer } from '../text/memo';

const DETERMINERS = new Set(['the', 'a', 'an', 'this', 'that']);

/**
 * The actor a descriptive speaker stands for: the latest titled name before `at` (else the first after it) whose title
 * contains the description's head word; undefined when none or when the description is plural. `names` and `mentions`
 * are one document's, sorted by start and not changed afterwards (what is derived from them is remembered per list).
 */
export function actorForDescription(description: string, at: number, names: readonly NameMatch[], mentions: readonly Mention[]): string | undefined {
  const words = description.toLowerCase().split(/\s+/).filter((w) => w && !DETERMINERS.has(w));
  if (!words.length || words.some((w) => /['’]s$/.test(w))) return undefined; // "the ministry's representative" is someone else
  const head = words[words.length - 1].replace(/[^\p{L}]/gu, '');
  // "leaders", "officials": several people, not the one who was named
  if (!head || (head.endsWith('s') && !head.endsWith('ss'))) return undefined;
  // "prime minister" must meet "Prime Minister", not any "Minister"
  const modifier = words.length > 1 ? words[words.length - 2] : '';
  const fits = (n: NameMatch): string | undefined => {
    if (!n.title) return undefined;
    const title = titleWords(n.title);
    const k = title.indexOf(head);
    if (k < 0) return undefined;
    if (k > 0 && modifier && !isNationality(modifier) && title[k - 1] !== modifier) return undefined;
    return firstOverlapping(mentions, n)?.actor;
  };
  // The latest such name before the speaker, else (a lede that names the person only later) the first after it.
  // Only names with a title can fit: those of a long document are gone through, not all its names.
  const titled = titledNames(names);
  for (let i = titled.length - 1; i >= 0; i--) {
    if (titled[i].start >= at) continue;
    const actor = fits(titled[i]);
    if (actor) return actor;
  }
  for (const n of titled) {
    if (n.start < at) continue;
    const actor = fits(n);
    if (actor) return actor;
  }
  return undefined;
}

/** A title's words, lower case, letters only; remembered, since a few titles stand before most names. */
const titleWords = memoized((title: string) => title.toLowerCase().split(/\s+/).map((w) => w.replace(/[^\p{L}]/gu, '')));

/** The names that have a title, in their order (made once per list). */
const titledNames = rememberedPer((names: readonly NameMatch[]) => names.filter((n) => n.title));

const reachOf = runningMaxEndOf((m: Mention) => m.end);

/**
 * The first mention (in list order) overlapping `span`, for mentions sorted by start: of those starting before the
 * span ends, the first whose end passes its start, which is where the running furthest end first passes it.
 */
export function firstOverlapping(mentions: readonly Mention[], span: { start: number; end: number }): Mention | undefined {
  const reach = reachOf(mentions);
  const before = partitionPoint(mentions.length, (k) => mentions[k].start < span.end);
  const k = partitionPoint(before, (x) => reach[x] <= span.start);
  return k < before ? mentions[k] : undefined;
}

/** "Iraqi", "Iranian", "American": describes where the person is from, which a title does not repeat. */
function isNationality(word: string): boolean {
  return /^[a-z]+(?:ian|ese|i|ish|an)$/.test(word) && !['prime', 'vice', 'chief', 'deputy', 'foreign', 'supreme'].includes(word);
}
