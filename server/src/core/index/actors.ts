/** Resolves name candidates from all documents into actors: the corpus.yaml registry first, then discovered names merged across spelling variants. */
import type { ActorKind, NameMatch, Span } from '../model/types';
import type { ActorDecl, RoleDecl } from '../parse/corpusConfig';
import type { NameScan, TitleRef } from '../recognize/names';
import { DEMONYMS, ORG_PROPER, ORG_TRANSLATIONS, ORG_WORDS, PLACE_ALIASES, PLACE_QUALIFIERS, PLACES, STOP_WORDS, TITLE_WORDS } from '../recognize/lexicon';
import { coreKey, coreTokens, nameKey, sameToken, skeleton } from '../recognize/nameKeys';
import { memoized } from '../text/memo';
import { slugify } from '../text/hash';

export interface Actor {
  id: string;
  name: string;
  kind: ActorKind;
  /** Declared aliases and every other spelling seen in the corpus, sorted. */
  aliases: string[];
  roles: RoleDecl[];
  wikidata?: string;
  note?: string;
  declared: boolean;
}

export interface Mention extends Span {
  actor: string;
  text: string;
  /** How it was bound: the name itself, or a title standing for a name ("the Supreme Leader"). */
  via: 'name' | 'title';
}

export interface ActorResolution {
  actors: Actor[];
  /** Mentions per document path, sorted by offset. */
  mentions: Map<string, Mention[]>;
}

interface Cluster {
  index: number;
  // Every field is set when the cluster is made (undefined until known), so all clusters share one shape and the
  // resolver's reads of them stay monomorphic.
  /** Set when the cluster was merged into another: follow it to the representative. */
  parent: Cluster | undefined;
  decl: ActorDecl | undefined;
  /** Built-in display name (country aliases: "United States" for "U.S."). */
  preferred: string | undefined;
  /** Spellings seen and how often (a counter object, so a mention costs one lookup), and the same counters in the
   * order first seen, to go through without an iterator. */
  forms: Map<string, FormCount>;
  formList: FormCount[];
  kindVotes: Map<ActorKind, number>;
  tokens: string[];
  mentions: number;
  multi: boolean;
  keys: string[];
  /** The tokens of each key, split once (matching runs over them for every candidate name), and their skeletons. */
  keyToks: string[][];
  keySkels: string[][];
  /** The document (`mentionsOf` call) that last named it, and its last place in that document's `seenInDoc`. */
  seenIn: number;
  seenAt: number;
}

interface FormCount {
  text: string;
  n: number;
}

interface DocNames {
  path: string;
  scan: NameScan;
}

/** What is known about one name key: worked out once per distinct key, not once per mention. */
interface KeyStats {
  key: string;
  core: string[];
  coreKey: string;
  /** Skeletons of `core`, made when a weak mention first needs them. */
  coreSkels: string[] | undefined;
  /** Strong mentions (only those found or join clusters). */
  count: number;
  /** Kind hints in first-seen order and their votes (the first of the most voted wins). */
  kinds: ActorKind[] | undefined;
  votes: number[] | undefined;
  /** All capitals in the text ("IRGC"): an acronym, never a short form of a longer name. */
  acronym: boolean;
  declared: Cluster | undefined;
  /** The key's byKey entry once it has one (entries are never replaced, so it stays valid); else the size of byKey
   * when it was last missing (byKey only grows: while the size is the same, so is the answer). */
  cluster: Cluster | undefined;
  missedAt: number;
  /** The counter of the last spelling counted for this key, and the cluster it is in. */
  formOf: Cluster | undefined;
  form: FormCount | undefined;
}

/** Builds actors and mentions from the registry and the documents (in a fixed path order, so the result never depends on indexing order). */
export function resolveActors(decls: readonly ActorDecl[], docs: readonly DocNames[], discover = true): ActorResolution {
  const r = new Resolver();
  for (const d of decls) r.declare(d);
  const sorted = [...docs].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));

  // Strong multi-token names found clusters; single tokens and acronyms wait until those exist.
  // Indexed loops over the large lists here and in the other once-run passes: they start in the interpreter, where
  // `for…of` allocates an iterator per loop (the short acronym and gloss lists keep it). The work per document is a function of its own: called once per document it is optimised early and quickly, where
  // this function, run once, would wait for a costly compilation of all of it in the middle of its loop.
  const multi: KeyStats[] = [];
  const single: KeyStats[] = [];
  for (let d = 0; d < sorted.length; d++) countNames(r, sorted[d].scan.names, multi, single);
  if (discover) {
    multi.sort((a, b) => b.core.length - a.core.length || b.count - a.count || (a.key < b.key ? -1 : 1));
    for (let i = 0; i < multi.length; i++) r.placeMulti(multi[i].core, multi[i].coreKey, vote(multi[i]));
  }
  const glosses: { long: string; short: string }[] = [];
  for (const doc of sorted) for (const a of doc.scan.acronyms) (a.gloss ? glosses.push(a) : r.acronym(a.long, a.short));
  if (discover) {
    single.sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : 1));
    for (let i = 0; i < single.length; i++) r.placeSingle(single[i].coreKey, vote(single[i]), single[i].count);
    for (const g of glosses) r.gloss(g.long, g.short);
    r.mergeShortForms();
  }

  const mentions = new Map<string, Mention[]>();
  for (let d = 0; d < sorted.length; d++) mentions.set(sorted[d].path, r.mentionsOf(sorted[d].scan));
  return r.finish(mentions);
}

/** Counts one document's names: their keys' stats in `named` order, first sightings of strong ones in `multi` or `single`, kind votes. */
function countNames(r: Resolver, names: readonly NameMatch[], multi: KeyStats[], single: KeyStats[]): void {
  for (let i = 0; i < names.length; i++) {
    const n = names[i];
    if (n.caps) continue;
    const e = r.stats(n.key);
    r.named.push(e);
    if (n.weak || !e.core.length) continue;
    if (e.count++ === 0) {
      e.acronym = e.core.length === 1 && ACRONYM.test(n.text);
      (e.core.length > 1 ? multi : single).push(e);
    }
    const kind = n.kind ?? titleKind(n);
    if (kind) addVote(e, kind);
  }
}

const ACRONYM = /^(?:\p{Lu}\.?){2,8}s?$/u;
// One collator for every sort: localeCompare with a locale argument builds a new one per comparison.
const ENGLISH = new Intl.Collator('en');

function titleKind(n: NameMatch): ActorKind | undefined {
  return n.title ? 'person' : undefined;
}

function addVote(e: KeyStats, kind: ActorKind): void {
  if (!e.kinds || !e.votes) {
    e.kinds = [kind];
    e.votes = [1];
    return;
  }
  const i = e.kinds.indexOf(kind);
  if (i < 0) {
    e.kinds.push(kind);
    e.votes.push(1);
  } else e.votes[i]++;
}

function vote(e: KeyStats): ActorKind | undefined {
  if (!e.kinds || !e.votes) return undefined;
  let best = 0;
  for (let i = 1; i < e.votes.length; i++) if (e.votes[i] > e.votes[best]) best = i;
  return e.kinds[best];
}

/** Core key of each built-in country alias → the index of its group in PLACE_ALIASES. */
const ALIAS_GROUP = new Map<string, number>();
PLACE_ALIASES.forEach((group, i) => {
  for (const form of group) ALIAS_GROUP.set(coreKey(nameKey(form)), i);
});

/** Splits an organisation's key into the words that tell it apart and its generic heads (translated: Harakat → movement). */
function orgParts(key: string): { own: string[]; heads: string[] } {
  const own: string[] = [];
  const heads: string[] = [];
  for (const t of coreTokens(key)) {
    const translated = ORG_TRANSLATIONS.get(t);
    if (translated || (ORG_WORDS.has(t) && !ORG_PROPER.has(t))) heads.push(translated ?? t);
    else if (t !== 'of' && t !== 'and') own.push(t);
  }
  return { own, heads };
}

/** Every token of `small` matches a distinct token of `big` up to transliteration. */
function within(small: readonly string[], smallSkels: readonly string[], big: readonly string[], bigSkels: readonly string[]): boolean {
  next: for (let i = 0; i < small.length; i++) {
    for (let j = 0; j < big.length; j++) if (alike(small[i], smallSkels[i], big[j], bigSkels[j])) continue next;
    return false;
  }
  return true;
}

/** `sameToken` given both skeletons: tokens with different skeletons never match, so most pairs need no further look;
 * the rest (an edit distance each) are remembered, as the same pairs come back for every candidate. */
function alike(a: string, aSkel: string, b: string, bSkel: string): boolean {
  if (a === b) return true;
  if (aSkel !== bSkel) return false;
  let row = sameTokenMemo.get(a);
  if (!row) {
    if (sameTokenMemoSize > 200_000) {
      sameTokenMemo.clear();
      sameTokenMemoSize = 0;
    }
    row = new Map();
    sameTokenMemo.set(a, row);
  }
  let same = row.get(b);
  if (same === undefined) {
    same = sameToken(a, b);
    row.set(b, same);
    sameTokenMemoSize++;
  }
  return same;
}

const sameTokenMemo = new Map<string, Map<string, boolean>>();
let sameTokenMemoSize = 0;

class Resolver {
  private clusters: Cluster[] = [];
  /** Exact core key ("mohammed shia sudani") → cluster (follow `find`). */
  private byKey = new Map<string, Cluster>();
  /** Person-like clusters by skeleton of first|last core token. */
  private byEnds = new Map<string, Cluster[]>();
  /** Person-like clusters by skeleton of the last core token (surname references, shorter forms of a full name). */
  private bySurname = new Map<string, Cluster[]>();
  /** Person-like clusters by skeleton of the first core token (a given name alone: "Ali"). */
  private byGiven = new Map<string, Cluster[]>();
  /** Multi-token clusters by the skeletons of all tokens (the same words up to transliteration). */
  private byShape = new Map<string, Cluster[]>();
  /** Clusters of built-in country aliases, by group. */
  private aliasClusters = new Map<number, Cluster>();
  /** Declared names and aliases by their full key, "al" kept ("al kadhimi" is not "kadhimi"): a spelling the registry
   * lists wins over one that only normalises to it, so a split alias takes its mentions with it. */
  private declaredForms = new Map<string, Cluster>();
  private keyStats = new Map<string, KeyStats>();
  /** The stats of every name but ALL-CAPS runs, in document and then text order, as `mentionsOf` meets them. */
  readonly named: KeyStats[] = [];
  private namedAt = 0;
  /** Counts `mentionsOf` calls: the current document's number. */
  private docNo = 0;
  /** Each document's mentions and, in step, the cluster each names: ids are only known at the end. */
  private mentionLists: Mention[][] = [];
  private mentionClusters: Cluster[][] = [];

  /** The stats of a name key, created on first sight (after the registry is declared). */
  stats(key: string): KeyStats {
    let e = this.keyStats.get(key);
    if (!e) {
      e = {
        key,
        core: coreTokens(key),
        coreKey: coreKey(key),
        coreSkels: undefined,
        count: 0,
        kinds: undefined,
        votes: undefined,
        acronym: false,
        declared: this.declaredForms.get(key),
        cluster: undefined,
        missedAt: -1,
        formOf: undefined,
        form: undefined,
      };
      this.keyStats.set(key, e);
    }
    return e;
  }

  declare(d: ActorDecl): void {
    const c = this.newCluster(coreTokens(nameKey(d.name)), d);
    c.kindVotes.set(d.kind, 1000);
    for (const form of [d.name, ...d.aliases]) {
      const full = nameKey(form);
      if (!this.declaredForms.has(full)) this.declaredForms.set(full, c);
      const toks = coreTokens(full);
      const key = toks.join(' ');
      if (!key) continue;
      const skels = toks.map(skeleton);
      this.setKey(key, c, toks, skels);
      if (toks.length > 1) this.indexTokens(c, toks, skels, d.kind, false);
    }
  }

  /** `toks` are a key's core tokens, `core` the same joined. */
  placeMulti(toks: string[], core: string, kind: ActorKind | undefined): void {
    if (this.get(core)) return;
    // "Kurdistan Region" is Kurdistan.
    if (PLACE_QUALIFIERS.has(toks[toks.length - 1])) {
      const rest = toks.slice(0, -1).join(' ');
      if (PLACES.has(rest) || this.kindOf(this.get(rest)) === 'place') {
        this.setKey(core, this.placePlace(rest));
        return;
      }
    }
    if (PLACES.has(core)) {
      this.placePlace(core);
      return;
    }
    const skels = toks.map(skeleton);
    const found = this.findMulti(toks, skels, kind);
    const c = found ?? this.newCluster(toks);
    this.setKey(core, c, toks, skels);
    this.indexTokens(c, toks, skels, kind, !found);
  }

  acronym(long: string, short: string): void {
    const c = this.get(coreKey(long));
    const shortCore = coreKey(short);
    if (!c || this.get(shortCore)?.decl) return;
    this.setKey(shortCore, c);
  }

  /** `core` is the key's core key. */
  placeSingle(core: string, kind: ActorKind | undefined, count: number): void {
    if (this.get(core)) return;
    if (PLACES.has(core)) {
      this.placePlace(core);
      return;
    }
    const surname = this.surnameCandidates(core);
    if (surname.length) return; // resolved per document at mention time
    // "Ali" alone, with Ali Khamenei, Ali Shamkhani and Ali al-Sistani about: no one in particular, and no actor of its own.
    if ((kind === undefined || kind === 'person') && this.givenNameOfSeveral(core)) return;
    if (count >= 2 || kind) {
      const c = this.newCluster([core]);
      if (kind) c.kindVotes.set(kind, count);
      this.setKey(core, c);
    }
  }

  /** "the Hashd [PMF]": an editor's gloss says both name one body. */
  gloss(long: string, short: string): void {
    const a = this.get(coreKey(long));
    const b = this.get(coreKey(short));
    const bodies = (c: Cluster | undefined) => !!c && this.kindOf(c) !== 'person' && this.kindOf(c) !== 'place';
    if (a && b && bodies(a) && bodies(b)) this.union(a, b);
    else if (a && !b && bodies(a)) this.setKey(coreKey(short), a);
  }

  /**
   * Shorter names of one organisation join the full name when exactly one organisation fits: "Qods Force" and
   * "IRGC Qods Force", "Popular Mobilization" and "Popular Mobilization Forces", "Al-Nujaba Movement" and "Harakat
   * Hezbollah al-Nujaba" (Harakat is movement), "the Hashd" and "Hashd al-Shaabi". The shorter one's own words must all
   * appear in the longer one and its generic heads too; names that are themselves bodies ("Hezbollah") and generic
   * adjectives ("Democratic Party") never count as short forms.
   */
  mergeShortForms(): void {
    const entries: { key: string; c: Cluster; own: string[]; ownSkeletons: string[]; heads: string[] }[] = [];
    const byOwn = new Map<string, number[]>();
    this.byKey.forEach((c0, key) => {
      const c = this.find(c0);
      const kind = this.kindOf(c);
      // A single word is never the longer name, and only an organisation's single word is a short form.
      if (kind === 'person' || kind === 'place' || (kind !== 'organization' && !key.includes(' '))) return;
      const { own, heads } = orgParts(key);
      if (!own.length) return;
      const ownSkeletons = own.map(skeleton);
      const i = entries.push({ key, c, own, ownSkeletons, heads }) - 1;
      for (let k = 0; k < ownSkeletons.length; k++) {
        const t = ownSkeletons[k];
        const list = byOwn.get(t);
        // Entries are added in order: a repeated skeleton of this entry is already at the end.
        if (!list) byOwn.set(t, [i]);
        else if (list[list.length - 1] !== i) list.push(i);
      }
    });
    for (let x = 0; x < entries.length; x++) {
      const e = entries[x];
      const c = this.find(e.c);
      const single = !e.key.includes(' ');
      // Keys here are core keys, so only a single word can be an acronym.
      if (single && (this.kindOf(c) !== 'organization' || this.keyStats.get(e.key)?.acronym)) continue;
      if (e.own.every((t) => ORG_PROPER.has(t) || DEMONYMS.has(t))) continue;
      // Candidates share every own word: scan the shortest of their lists.
      let shortest: number[] | undefined;
      for (let k = 0; k < e.ownSkeletons.length; k++) {
        const list = byOwn.get(e.ownSkeletons[k]);
        if (list && (!shortest || list.length < shortest.length)) shortest = list;
      }
      if (!shortest) continue;
      // Exactly one target joins; a second one settles that none does.
      let target: Cluster | undefined;
      let several = false;
      const size = e.own.length + e.heads.length;
      for (let k = 0; k < shortest.length; k++) {
        const o = entries[shortest[k]];
        // The cheap test first: most names on a common word's list are no longer than this one.
        if (o.own.length + o.heads.length <= size) continue;
        const oc = this.find(o.c);
        if (oc === c || oc === target) continue;
        if (within(e.own, e.ownSkeletons, o.own, o.ownSkeletons) && e.heads.every((h) => o.heads.includes(h))) {
          if (target) {
            several = true;
            break;
          }
          target = oc;
        }
      }
      if (target && !several) this.union(target, c);
    }
  }

  /** Mentions of one document (the next in `named` order); surname and title references resolve to names seen in it.
   * Their actor is set by `finish`. */
  mentionsOf(scan: NameScan): Mention[] {
    const out: Mention[] = [];
    const clusters: Cluster[] = [];
    const seenInDoc: Cluster[] = [];
    this.docNo++;
    // Created on the first title: most documents have none.
    let titles: Map<string, TitleHold> | undefined;
    let early: TitleRef[] | undefined;
    // Names and title references are both sorted by offset: walk them together.
    const names = scan.names;
    const refs = scan.titleRefs;
    let ni = 0;
    let ri = 0;
    while (ni < names.length || ri < refs.length) {
      if (ri < refs.length && (ni >= names.length || refs[ri].start < names[ni].start)) {
        const ref = refs[ri++];
        const hold = titles?.get(ref.key);
        const open = !!hold?.rival && ref.start - hold.rivalAt <= RECENT_TITLE_HOLDER && hold.rival !== hold.c;
        const c = (open ? undefined : hold?.c) ?? this.get(coreKey(ref.key));
        if (!c && open) continue;
        if (c) {
          c.mentions++;
          out.push({ actor: '', start: ref.start, end: ref.end, text: ref.text, via: 'title' });
          clusters.push(c);
        } else (early ??= []).push(ref);
        continue;
      }
      const n = names[ni++];
      if (n.caps) {
        this.shoutedMentions(n, seenInDoc, out, clusters);
        continue;
      }
      const e = this.named[this.namedAt++];
      const core = e.core;
      let c = e.declared ? this.find(e.declared) : this.lookup(e);
      if (!c && core.length === 1) {
        const cands = this.surnameCandidates(core[0]);
        c = cands.length === 1 ? cands[0] : this.nearest(cands) ?? mostMentioned(cands);
      }
      if (!c && core.length > 1 && n.weak) c = this.findMulti(core, (e.coreSkels ??= core.map(skeleton)), n.kind);
      // "the Post" after "The New York Post": the last body named in this text with that head.
      if (!c && core.length === 1 && n.weak && ORG_WORDS.has(core[0]) && !ORG_PROPER.has(core[0])) c = this.bodyByHead(core[0], seenInDoc);
      if (!c) continue;
      c = this.find(c);
      c.mentions++;
      // A key is mostly spelt one way: count that spelling again without a lookup.
      if (!n.weak) {
        if (e.formOf === c && e.form!.text === n.text) e.form!.n++;
        else {
          e.form = this.countForm(c, n.text);
          e.formOf = c;
        }
      }
      this.see(c, seenInDoc);
      if (n.title) {
        titles ??= new Map();
        for (const key of titleKeys(n.title)) {
          const hold = titles.get(key);
          if (!hold) titles.set(key, { c, at: n.start, first: c, rival: undefined, rivalAt: 0 });
          else {
            // The other actor that last held the title before the current holder, and where: two holders close together leave "the Foreign Minister" open.
            if (hold.c !== c) {
              hold.rival = hold.c;
              hold.rivalAt = hold.at;
            }
            hold.c = c;
            hold.at = n.start;
          }
        }
      }
      out.push({ actor: '', start: n.start, end: n.end, text: n.text, via: 'name' });
      clusters.push(c);
    }
    // A title used before the name it stands for ("The Ayatollah stressed…" above the story) binds to the first one bound later.
    if (early && titles) {
      let added = false;
      for (const ref of early) {
        const c = titles.get(ref.key)?.first;
        if (!c) continue;
        c.mentions++;
        out.push({ actor: '', start: ref.start, end: ref.end, text: ref.text, via: 'title' });
        clusters.push(c);
        added = true;
      }
      if (added) {
        // Sorting positions with the same stable comparison keeps mentions and their clusters in step.
        const order = out.map((_, i) => i).sort((a, b) => out[a].start - out[b].start);
        const sortedOut = order.map((i) => out[i]);
        const sortedClusters = order.map((i) => clusters[i]);
        this.mentionLists.push(sortedOut);
        this.mentionClusters.push(sortedClusters);
        return sortedOut;
      }
    }
    this.mentionLists.push(out);
    this.mentionClusters.push(clusters);
    return out;
  }

  /** Notes `c` as named (last) in the current document. */
  private see(c: Cluster, seenInDoc: Cluster[]): void {
    c.seenIn = this.docNo;
    c.seenAt = seenInDoc.length;
    seenInDoc.push(c);
  }

  /** The candidate named last in the current document, if any: the stamps `see` leaves spare a scan of `seenInDoc`. */
  private nearest(cands: Cluster[]): Cluster | undefined {
    let best: Cluster | undefined;
    for (const c of cands) if (c.seenIn === this.docNo && (!best || c.seenAt > best.seenAt)) best = c;
    return best;
  }

  /** The stretches of an ALL-CAPS run that spell a known name (longest first, up to four words), as mentions; the rest is dropped. */
  private shoutedMentions(n: NameMatch, seenInDoc: Cluster[], out: Mention[], clusters: Cluster[]): void {
    const words: Span[] = [];
    for (let i = 0, at = 0; i <= n.text.length; i++) {
      if (i < n.text.length && n.text.charCodeAt(i) !== 32) continue;
      if (i > at) words.push({ start: n.start + at, end: n.start + i });
      at = i + 1;
    }
    for (let i = 0; i < words.length; ) {
      let hit: { c: Cluster; end: number } | undefined;
      for (let j = Math.min(words.length, i + 4); j > i && !hit; j--) {
        const c = this.knownName(n.text.slice(words[i].start - n.start, words[j - 1].end - n.start));
        if (c) hit = { c, end: j };
      }
      if (!hit) {
        i++;
        continue;
      }
      const c = this.find(hit.c);
      const start = words[i].start;
      const end = words[hit.end - 1].end;
      c.mentions++;
      this.see(c, seenInDoc);
      out.push({ actor: '', start, end, text: n.text.slice(start - n.start, end - n.start), via: 'name' });
      clusters.push(c);
      i = hit.end;
    }
  }

  /** The actor a spelling names if it is already known (registry, discovered names, surnames, the gazetteer); never a new one. */
  private knownName(surface: string): Cluster | undefined {
    const key = nameKey(surface);
    const core = coreTokens(key);
    if (!core.length || (core.length === 1 && (STOP_WORDS.has(core[0]) || TITLE_WORDS.has(core[0])))) return undefined;
    const joined = core.join(' ');
    const declared = this.declaredForms.get(key);
    let c = declared ?? this.get(joined);
    if (!c && core.length > 1) c = this.findMulti(core, core.map(skeleton), undefined);
    if (!c && core.length === 1) {
      const cands = this.surnameCandidates(core[0]);
      c = cands.length === 1 ? cands[0] : this.nearest(cands) ?? mostMentioned(cands);
    }
    if (!c && PLACES.has(joined)) {
      // Known only from the gazetteer and seen only in capitals: name it as a sentence would ("New York").
      c = this.placePlace(joined);
      c.preferred ??= surface.toLowerCase().replace(/(^|[\s-])(\p{L})/gu, (_, b: string, l: string) => b + l.toUpperCase());
    }
    return c;
  }

  finish(mentions: Map<string, Mention[]>): ActorResolution {
    const used = new Set<string>();
    // By cluster index.
    const ids: string[] = [];
    const names: string[] = [];
    const live: Cluster[] = [];
    for (let i = 0; i < this.clusters.length; i++) {
      const c = this.clusters[i];
      if (!c.parent && (c.decl || c.mentions > 0)) live.push(c);
    }
    // Declared ids first, then discovered ones by prominence, so slug collisions resolve the same way every time.
    const discovered: Cluster[] = [];
    for (let i = 0; i < live.length; i++) {
      const c = live[i];
      if (c.decl) {
        used.add(c.decl.id);
        ids[c.index] = c.decl.id;
      } else {
        names[c.index] = this.canonical(c);
        discovered.push(c);
      }
    }
    // Only slugs of one family ("iran", "iran-2", "iran-2-3") can take each other's ids, so only families of several
    // need the order; each is sorted alone, which keeps their relative order in the full sort.
    const bases: string[] = [];
    const families = new Map<string, Cluster | Cluster[]>();
    for (let i = 0; i < discovered.length; i++) {
      const c = discovered[i];
      const base = slugify(names[c.index]);
      bases[c.index] = base;
      const family = slugFamily(base);
      const have = families.get(family);
      if (!have) families.set(family, c);
      else if (Array.isArray(have)) have.push(c);
      else families.set(family, [have, c]);
    }
    families.forEach((family) => {
      if (!Array.isArray(family)) {
        this.assignId(family, bases[family.index], used, ids);
        return;
      }
      family.sort((a, b) => {
        if (a.mentions !== b.mentions) return b.mentions - a.mentions;
        const x = names[a.index];
        const y = names[b.index];
        return x < y ? -1 : x > y ? 1 : 0;
      });
      for (let i = 0; i < family.length; i++) this.assignId(family[i], bases[family[i].index], used, ids);
    });
    // Per-actor and per-document work in functions of their own (see countNames).
    const actors: Actor[] = [];
    for (let i = 0; i < live.length; i++) actors.push(this.actorOf(live[i], names, ids));
    actors.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    for (let k = 0; k < this.mentionLists.length; k++) this.setActorIds(this.mentionLists[k], this.mentionClusters[k], ids);
    return { actors, mentions };
  }

  /** The actor of a live cluster, given the canonical names of discovered ones and every id, by cluster index. */
  private actorOf(c: Cluster, names: string[], ids: string[]): Actor {
    const d = c.decl;
    const name = d?.name ?? names[c.index];
    let aliases: string[];
    if (d) {
      const aliasSet = new Set<string>(d.aliases);
      for (let i = 0; i < c.formList.length; i++) aliasSet.add(c.formList[i].text);
      aliasSet.delete(name);
      aliases = [...aliasSet];
    } else {
      // Forms are distinct already.
      aliases = [];
      for (let i = 0; i < c.formList.length; i++) if (c.formList[i].text !== name) aliases.push(c.formList[i].text);
    }
    if (aliases.length > 1) aliases.sort(ENGLISH.compare);
    return d
      ? {
          id: d.id,
          name,
          kind: d.kind ?? this.kindOf(c) ?? 'other',
          aliases,
          roles: d.roles ?? [],
          ...(d.wikidata ? { wikidata: d.wikidata } : {}),
          ...(d.note ? { note: d.note } : {}),
          declared: true,
        }
      : { id: ids[c.index], name, kind: this.kindOf(c) ?? 'other', aliases, roles: [], declared: false };
  }

  /** One document's mentions get the ids of their clusters' representatives. */
  private setActorIds(list: Mention[], clusters: Cluster[], ids: string[]): void {
    for (let i = 0; i < list.length; i++) list[i].actor = ids[this.find(clusters[i]).index];
  }

  /** The slug itself, or with the first free number. */
  private assignId(c: Cluster, base: string, used: Set<string>, ids: string[]): void {
    let id = base;
    for (let i = 2; used.has(id); i++) id = `${base}-${i}`;
    used.add(id);
    ids[c.index] = id;
  }

  private find(c: Cluster): Cluster {
    let root = c;
    while (root.parent) root = root.parent;
    // Path compression: later lookups go straight to the representative.
    for (let x = c; x.parent && x.parent !== root; ) {
      const next: Cluster = x.parent;
      x.parent = root;
      x = next;
    }
    return root;
  }

  private get(key: string): Cluster | undefined {
    const c = this.byKey.get(key);
    return c && this.find(c);
  }

  /** `get` of a key's core key, remembering the entry once there is one. */
  private lookup(e: KeyStats): Cluster | undefined {
    if (!e.cluster) {
      if (e.missedAt === this.byKey.size) return undefined;
      e.cluster = this.byKey.get(e.coreKey);
      if (!e.cluster) {
        e.missedAt = this.byKey.size;
        return undefined;
      }
    }
    return this.find(e.cluster);
  }

  /** Merges two clusters (a declared one stays the representative); two declared actors are never merged. */
  private union(x: Cluster, y: Cluster): Cluster | undefined {
    let a = this.find(x);
    let b = this.find(y);
    if (a === b) return a;
    this.generation++;
    if (a.decl && b.decl) return undefined;
    if (b.decl) [a, b] = [b, a];
    b.parent = a;
    for (const k of b.keys) a.keys.push(k);
    for (const t of b.keyToks) a.keyToks.push(t);
    for (const t of b.keySkels) a.keySkels.push(t);
    for (const f of b.formList) {
      const have = a.forms.get(f.text);
      if (have) have.n += f.n;
      else this.addForm(a, f.text, f.n);
    }
    for (const [k, n] of b.kindVotes) a.kindVotes.set(k, (a.kindVotes.get(k) ?? 0) + n);
    a.multi = a.multi || b.multi;
    a.mentions += b.mentions;
    a.preferred ??= b.preferred;
    if (b.tokens.length > a.tokens.length && !a.decl) a.tokens = b.tokens;
    this.surnameCache.clear();
    return a;
  }

  /** A place: the built-in alias group's cluster when the name is a country alias ("America" is the United States). */
  private placePlace(core: string): Cluster {
    const existing = this.get(core);
    if (existing) return existing;
    const group = ALIAS_GROUP.get(core);
    let c = group === undefined ? undefined : this.aliasClusters.get(group);
    if (!c && group !== undefined) {
      for (const form of PLACE_ALIASES[group]) {
        c = this.get(coreKey(nameKey(form)));
        if (c) break;
      }
    }
    if (!c) {
      c = this.newCluster(core.split(' '));
      c.kindVotes.set('place', 1);
      if (group !== undefined) c.preferred = PLACE_ALIASES[group][0];
    }
    this.setKey(core, c);
    if (group !== undefined) {
      this.aliasClusters.set(group, c);
      // Every spelling of the country now finds it, even one only seen at a sentence start.
      for (const form of PLACE_ALIASES[group]) this.setKey(coreKey(nameKey(form)), c);
    }
    return c;
  }

  /** Counts one more use of a spelling of `c` and returns its counter. */
  private countForm(c: Cluster, form: string): FormCount {
    const have = c.forms.get(form);
    if (have) {
      have.n++;
      return have;
    }
    return this.addForm(c, form, 1);
  }

  private addForm(c: Cluster, text: string, n: number): FormCount {
    const added = { text, n };
    c.forms.set(text, added);
    c.formList.push(added);
    return added;
  }

  private canonical(c: Cluster): string {
    if (c.preferred) return c.preferred;
    // Most actors are spelt one way: that spelling, with no scores to work out.
    if (c.formList.length === 1) return c.formList[0].text || c.tokens.join(' ');
    // The fullest spelling names a person or a body; a place goes by its usual name ("Kurdistan", not "Kurdistan Region").
    const place = this.kindOf(c) === 'place';
    // Mixed case beats ALL CAPS at equal length, however often a dateline shouted it ("Reuters", not "REUTERS").
    let best = '';
    let bestScore = -1;
    for (let i = 0; i < c.formList.length; i++) {
      const form = c.formList[i].text;
      const n = c.formList[i].n;
      const score = (place ? 0 : coreTokens(nameKey(form)).length * 1e9) + (hasLowerCase(form) ? 1e6 : 0) + n;
      if (score > bestScore || (score === bestScore && form < best)) {
        best = form;
        bestScore = score;
      }
    }
    return best || c.tokens.join(' ');
  }

  private kindOf(c: Cluster | undefined): ActorKind | undefined {
    if (!c) return undefined;
    let best: ActorKind | undefined;
    let n = 0;
    for (const [k, v] of c.kindVotes) {
      if (v > n) {
        best = k;
        n = v;
      }
    }
    if (best) return best;
    return c.multi ? 'person' : 'other';
  }

  private newCluster(tokens: string[], decl?: ActorDecl): Cluster {
    const c: Cluster = { index: this.clusters.length, parent: undefined, decl, preferred: undefined, forms: new Map(), formList: [], kindVotes: new Map(), tokens, mentions: 0, multi: tokens.length > 1, keys: [], keyToks: [], keySkels: [], seenIn: -1, seenAt: -1 };
    this.clusters.push(c);
    return c;
  }

  /** `skels` are the tokens' skeletons; `fresh` says `c` is new, so in no list yet. */
  private indexTokens(c: Cluster, toks: string[], skels: string[], kind: ActorKind | undefined, fresh: boolean): void {
    this.generation++;
    if (kind) c.kindVotes.set(kind, (c.kindVotes.get(kind) ?? 0) + 1);
    c.multi = c.multi || toks.length > 1;
    // A run ending in a place name ("Limits Iraq", "Explaining Tehran") is no person's name.
    const personLike = (kind === undefined || kind === 'person') && !PLACES.has(toks[toks.length - 1]);
    if (personLike && toks.length > 1) {
      const first = skels[0];
      const last = skels[skels.length - 1];
      push(this.byEnds, first + '|' + last, c, fresh);
      push(this.bySurname, last, c, fresh);
      push(this.byGiven, first, c, fresh);
    }
    if (toks.length > 1) push(this.byShape, skels.join(' '), c, fresh);
  }

  /** `skels` are the tokens' skeletons. */
  private findMulti(toks: string[], skels: string[], kind: ActorKind | undefined): Cluster | undefined {
    const sameShape = this.byShape.get(skels.join(' '));
    if (sameShape) for (const c of sameShape) if (this.sameShape(c, toks, skels)) return this.find(c);
    if (kind !== undefined && kind !== 'person') return undefined;
    const ends = this.byEnds.get(skels[0] + '|' + skels[skels.length - 1]);
    if (ends) for (const c of ends) if (this.hasEnds(c, toks, skels)) return this.find(c);
    // "Shia' Al-Sudani" is the end of exactly one longer name, "Mohammed Shia' al-Sudani".
    const bySurname = this.bySurname.get(skels[skels.length - 1]);
    if (!bySurname) return undefined;
    let longer: Cluster | undefined;
    for (const c of bySurname) {
      if (!this.endsWith(c, toks, skels)) continue;
      const root = this.find(c);
      if (longer && longer !== root) return undefined;
      longer = root;
    }
    return longer;
  }

  /** The last body named in the current document (`seen`) with a key ending in `head`. */
  private bodyByHead(head: string, seen: Cluster[]): Cluster | undefined {
    // Remembered per head for the current document: `seen` only grows, so only what was named since the last
    // question is read (a long document names thousands of bodies). A new key or a merge may change any answer.
    let memo = this.headMemo.get(head);
    if (!memo || memo.doc !== this.docNo || memo.generation !== this.generation) {
      memo = { doc: this.docNo, generation: this.generation, upTo: 0, found: undefined };
      this.headMemo.set(head, memo);
    }
    for (let i = seen.length - 1; i >= memo.upTo; i--) {
      const c = this.find(seen[i]);
      if (this.kindOf(c) !== 'organization') continue;
      if (this.keysOf(c).some((k) => k.endsWith(' ' + head))) {
        memo.found = c;
        break;
      }
    }
    memo.upTo = seen.length;
    return memo.found;
  }

  private readonly headMemo = new Map<string, { doc: number; generation: number; upTo: number; found: Cluster | undefined }>();
  /** Counts changes to keys, kinds and clusters (setKey, indexTokens, union): what bodyByHead remembers holds while it stays the same. */
  private generation = 0;

  /** Some key of `c` has the first and last token of `toks`. */
  private hasEnds(c: Cluster, toks: string[], skels: string[]): boolean {
    const root = this.find(c);
    const last = toks.length - 1;
    for (let k = 0; k < root.keyToks.length; k++) {
      const t = root.keyToks[k];
      const s = root.keySkels[k];
      if (t.length > 1 && alike(t[0], s[0], toks[0], skels[0]) && alike(t[t.length - 1], s[t.length - 1], toks[last], skels[last])) return true;
    }
    return false;
  }

  /** Some longer key of `c` ends with `toks`. */
  private endsWith(c: Cluster, toks: string[], skels: string[]): boolean {
    const root = this.find(c);
    next: for (let k = 0; k < root.keyToks.length; k++) {
      const t = root.keyToks[k];
      if (t.length <= toks.length) continue;
      const s = root.keySkels[k];
      const off = t.length - toks.length;
      for (let i = 0; i < toks.length; i++) if (!alike(t[off + i], s[off + i], toks[i], skels[i])) continue next;
      return true;
    }
    return false;
  }

  /** Some key of `c` has the same tokens as `toks`. */
  private sameShape(c: Cluster, toks: string[], skels: string[]): boolean {
    const root = this.find(c);
    next: for (let k = 0; k < root.keyToks.length; k++) {
      const t = root.keyToks[k];
      if (t.length !== toks.length) continue;
      const s = root.keySkels[k];
      for (let i = 0; i < t.length; i++) if (!alike(t[i], s[i], toks[i], skels[i])) continue next;
      return true;
    }
    return false;
  }

  private keysOf(c: Cluster): string[] {
    return this.find(c).keys;
  }

  /** `toks` and `skels`, when given, are the key's tokens already split and their skeletons. */
  private setKey(key: string, c: Cluster, toks?: string[], skels?: string[]): void {
    if (this.byKey.has(key)) return;
    this.generation++;
    this.byKey.set(key, c);
    const root = this.find(c);
    root.keys.push(key);
    toks ??= key.split(' ');
    root.keyToks.push(toks);
    root.keySkels.push(skels ?? toks.map(skeleton));
  }

  /** Two or more different people have this token as their first name. */
  private givenNameOfSeveral(token: string): boolean {
    const skel = skeleton(token);
    const list = this.byGiven.get(skel);
    if (!list) return false;
    let one: Cluster | undefined;
    for (const c of list) {
      const root = this.find(c);
      if (root === one || this.kindOf(root) !== 'person') continue;
      if (!startsWith(root, token, skel)) continue;
      if (one) return true;
      one = root;
    }
    return false;
  }

  /** Surname candidates by token; emptied by every merge, which can change them. */
  private readonly surnameCache = new Map<string, Cluster[]>();

  /** Person clusters whose surname this token spells (cached: asked once per mention). Only valid once multi-token names are placed. */
  private surnameCandidates(token: string): Cluster[] {
    let hit = this.surnameCache.get(token);
    if (!hit) {
      hit = [];
      const skel = skeleton(token);
      for (const c of this.bySurname.get(skel) ?? NO_CLUSTERS) {
        const root = this.find(c);
        // Indexed as a person; only a merge since then can have made it a body.
        if (root !== c && this.kindOf(root) !== 'person') continue;
        if (!hit.includes(root) && endsIn(root, token, skel)) hit.push(root);
      }
      this.surnameCache.set(token, hit);
    }
    return hit;
  }
}

/** How far back (characters) another holder of the same title still makes a bare title ambiguous: a few paragraphs. */
const RECENT_TITLE_HOLDER = 1500;

/** Every run of words of a title, so "Supreme Leader Ayatollah" binds "the Supreme Leader" and "the Ayatollah".
 * Remembered: the same few titles ("Prime Minister", "President") stand before thousands of names. */
const titleKeys = memoized((title) => {
  const words = nameKey(title).split(' ');
  const keys: string[] = [];
  for (let i = 0; i < words.length; i++) for (let j = i + 1; j <= words.length; j++) keys.push(words.slice(i, j).join(' '));
  return keys;
});

/** Adds `value` to the list under `key` once; a `fresh` value can be in no list yet, so the check is skipped. */
function push<K, V>(map: Map<K, V[]>, key: K, value: V, fresh = false): void {
  const list = map.get(key);
  if (list) {
    if (fresh || !list.includes(value)) list.push(value);
  } else map.set(key, [value]);
}

const NO_CLUSTERS: readonly Cluster[] = [];

/** Some key of several tokens of `c` starts with `token` (up to transliteration); `skel` is its skeleton. */
function startsWith(c: Cluster, token: string, skel: string): boolean {
  for (let k = 0; k < c.keyToks.length; k++) {
    const t = c.keyToks[k];
    if (t.length > 1 && alike(t[0], c.keySkels[k][0], token, skel)) return true;
  }
  return false;
}

/** Some key of several tokens of `c` ends with `token` (up to transliteration); `skel` is its skeleton. */
function endsIn(c: Cluster, token: string, skel: string): boolean {
  for (let k = 0; k < c.keyToks.length; k++) {
    const t = c.keyToks[k];
    if (t.length > 1 && alike(t[t.length - 1], c.keySkels[k][t.length - 1], token, skel)) return true;
  }
  return false;
}

function hasLowerCase(form: string): boolean {
  // ASCII upper-cases letter by letter; anything else goes the full way (ß → SS).
  for (let i = 0; i < form.length; i++) {
    const ch = form.charCodeAt(i);
    if (ch >= 97 && ch <= 122) return true;
    if (ch > 127) return form !== form.toUpperCase();
  }
  return false;
}

/** A slug without its trailing numbers ("iran-2-3" → "iran"): every id made from a slug by numbering stays in its family. */
function slugFamily(slug: string): string {
  let end = slug.length;
  for (;;) {
    let i = end;
    while (i > 0 && slug.charCodeAt(i - 1) >= 48 && slug.charCodeAt(i - 1) <= 57) i--;
    if (i === end || i === 0 || slug.charCodeAt(i - 1) !== 45) break;
    end = i - 1;
  }
  return end === slug.length ? slug : slug.slice(0, end);
}

interface TitleHold {
  /** The current holder and where it was named, and the first one. */
  c: Cluster;
  at: number;
  first: Cluster;
  /** The other actor that held the title before the current holder, and where. */
  rival: Cluster | undefined;
  rivalAt: number;
}

function mostMentioned(cands: Cluster[]): Cluster | undefined {
  let best: Cluster | undefined;
  for (const c of cands) if (!best || c.mentions > best.mentions || (c.mentions === best.mentions && c.index < best.index)) best = c;
  return best;
}
