/** Resolves name candidates from all documents into actors: the corpus.yaml registry first, then discovered names merged across spelling variants. */
import type { ActorKind, NameMatch, Span } from '../model/types';
import type { ActorDecl, RoleDecl } from '../parse/corpusConfig';
import type { NameScan, TitleRef } from '../recognize/names';
import { DEMONYMS, ORG_PROPER, ORG_TRANSLATIONS, ORG_WORDS, PLACE_ALIASES, PLACE_QUALIFIERS, PLACES, STOP_WORDS, TITLE_WORDS } from '../recognize/lexicon';
import { coreKey, coreTokens, nameKey, sameToken, skeleton } from '../recognize/nameKeys';
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
  /** Set when the cluster was merged into another: follow it to the representative. */
  parent?: Cluster;
  decl?: ActorDecl;
  /** Built-in display name (country aliases: "United States" for "U.S."). */
  preferred?: string;
  forms: Map<string, number>;
  kindVotes: Map<ActorKind, number>;
  tokens: string[];
  mentions: number;
  multi: boolean;
  keys: string[];
  /** The tokens of each key, split once (matching runs over them for every candidate name). */
  keyToks: string[][];
}

interface DocNames {
  path: string;
  scan: NameScan;
}

interface KeyStats {
  count: number;
  kinds: (ActorKind | undefined)[];
  /** All capitals in the text ("IRGC"): an acronym, never a short form of a longer name. */
  acronym: boolean;
}

/** Builds actors and mentions from the registry and the documents (in a fixed path order, so the result never depends on indexing order). */
export function resolveActors(decls: readonly ActorDecl[], docs: readonly DocNames[], discover = true): ActorResolution {
  const r = new Resolver();
  for (const d of decls) r.declare(d);
  const sorted = [...docs].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));

  // Strong multi-token names found clusters; single tokens and acronyms wait until those exist.
  const multi = new Map<string, KeyStats>();
  const single = new Map<string, KeyStats>();
  for (const doc of sorted) {
    for (const n of doc.scan.names) {
      if (n.weak) continue;
      let e = multi.get(n.key) ?? single.get(n.key);
      if (!e) {
        const core = coreTokens(n.key);
        if (!core.length) continue;
        e = { count: 0, kinds: [], acronym: core.length === 1 && ACRONYM.test(n.text) };
        (core.length > 1 ? multi : single).set(n.key, e);
      }
      e.count++;
      const kind = n.kind ?? titleKind(n);
      if (kind) e.kinds.push(kind);
    }
  }
  if (discover) {
    const keys = [...multi].map(([key, e]) => ({ key, e, len: coreTokens(key).length }));
    keys.sort((a, b) => b.len - a.len || b.e.count - a.e.count || (a.key < b.key ? -1 : 1));
    for (const { key, e } of keys) r.placeMulti(key, vote(e.kinds));
  }
  const glosses: { long: string; short: string }[] = [];
  for (const doc of sorted) for (const a of doc.scan.acronyms) (a.gloss ? glosses.push(a) : r.acronym(a.long, a.short));
  if (discover) {
    const keys = [...single.keys()].sort((a, b) => single.get(b)!.count - single.get(a)!.count || (a < b ? -1 : 1));
    for (const key of keys) {
      const e = single.get(key)!;
      r.placeSingle(key, vote(e.kinds), e.count);
    }
    for (const g of glosses) r.gloss(g.long, g.short);
    r.mergeShortForms((key) => single.get(key)?.acronym ?? false);
  }

  const mentions = new Map<string, Mention[]>();
  for (const doc of sorted) mentions.set(doc.path, r.mentionsOf(doc.scan));
  return r.finish(mentions);
}

const ACRONYM = /^(?:\p{Lu}\.?){2,8}s?$/u;
// One collator for every sort: localeCompare with a locale argument builds a new one per comparison.
const ENGLISH = new Intl.Collator('en');

function titleKind(n: NameMatch): ActorKind | undefined {
  return n.title ? 'person' : undefined;
}

function vote(kinds: (ActorKind | undefined)[]): ActorKind | undefined {
  const counts = new Map<ActorKind, number>();
  for (const k of kinds) if (k) counts.set(k, (counts.get(k) ?? 0) + 1);
  let best: ActorKind | undefined;
  let n = 0;
  for (const [k, c] of counts) if (c > n) [best, n] = [k, c];
  return best;
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
function within(small: readonly string[], big: readonly string[]): boolean {
  return small.every((t) => big.some((u) => sameToken(t, u)));
}

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

  declare(d: ActorDecl): void {
    const c = this.newCluster(coreTokens(nameKey(d.name)), d);
    c.kindVotes.set(d.kind, 1000);
    for (const form of [d.name, ...d.aliases]) {
      const full = nameKey(form);
      if (!this.declaredForms.has(full)) this.declaredForms.set(full, c);
      const toks = coreTokens(full);
      const key = toks.join(' ');
      if (key) this.setKey(key, c);
      if (toks.length > 1) this.indexTokens(c, toks, d.kind);
    }
  }

  placeMulti(key: string, kind: ActorKind | undefined): void {
    const toks = coreTokens(key);
    const core = toks.join(' ');
    if (this.get(core)) return;
    // "Kurdistan Region" is Kurdistan.
    const rest = toks.slice(0, -1).join(' ');
    if (PLACE_QUALIFIERS.has(toks[toks.length - 1]) && (PLACES.has(rest) || this.kindOf(this.get(rest)) === 'place')) {
      this.setKey(core, this.placePlace(rest));
      return;
    }
    if (PLACES.has(core)) {
      this.placePlace(core);
      return;
    }
    const found = this.findMulti(toks, kind);
    const c = found ?? this.newCluster(toks);
    this.setKey(core, c);
    this.indexTokens(c, toks, kind);
  }

  acronym(long: string, short: string): void {
    const c = this.get(coreKey(long));
    const shortCore = coreKey(short);
    if (!c || this.get(shortCore)?.decl) return;
    this.setKey(shortCore, c);
  }

  placeSingle(key: string, kind: ActorKind | undefined, count: number): void {
    const core = coreKey(key);
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
  mergeShortForms(isAcronym: (key: string) => boolean): void {
    const entries: { key: string; c: Cluster; own: string[]; heads: string[] }[] = [];
    const byOwn = new Map<string, number[]>();
    for (const [key, c0] of this.byKey) {
      const c = this.find(c0);
      const kind = this.kindOf(c);
      // A single word is never the longer name, and only an organisation's single word is a short form.
      if (kind === 'person' || kind === 'place' || (kind !== 'organization' && !key.includes(' '))) continue;
      const { own, heads } = orgParts(key);
      if (!own.length) continue;
      const i = entries.push({ key, c, own, heads }) - 1;
      for (const t of new Set(own.map(skeleton))) push(byOwn, t, i);
    }
    for (const e of entries) {
      const c = this.find(e.c);
      if (isAcronym(e.key) || e.own.every((t) => ORG_PROPER.has(t) || DEMONYMS.has(t))) continue;
      const single = !e.key.includes(' ');
      if (single && this.kindOf(c) !== 'organization') continue;
      const targets = new Set<Cluster>();
      // Candidates share every own word: scan the shortest of their lists.
      let shortest: number[] | undefined;
      for (const t of e.own) {
        const list = byOwn.get(skeleton(t)) ?? [];
        if (!shortest || list.length < shortest.length) shortest = list;
      }
      for (const j of shortest ?? []) {
        const o = entries[j];
        const oc = this.find(o.c);
        if (oc === c || o.own.length + o.heads.length <= e.own.length + e.heads.length) continue;
        if (within(e.own, o.own) && e.heads.every((h) => o.heads.includes(h))) targets.add(oc);
      }
      if (targets.size === 1) this.union([...targets][0], c);
    }
  }

  /** Mentions of one document; surname and title references resolve to names seen in it. */
  mentionsOf(scan: NameScan): Mention[] {
    const out: Mention[] = [];
    const seenInDoc: Cluster[] = [];
    const titleBound = new Map<string, Cluster>();
    // The other actor that last held a title before the current holder, and where: two holders close together leave "the Foreign Minister" open.
    const titleRival = new Map<string, { c: Cluster; at: number }>();
    const titleAt = new Map<string, number>();
    const firstBound = new Map<string, Cluster>();
    const early: TitleRef[] = [];
    // Names and title references are both sorted by offset: walk them together.
    const names = scan.names;
    const refs = scan.titleRefs;
    let ni = 0;
    let ri = 0;
    while (ni < names.length || ri < refs.length) {
      if (ri < refs.length && (ni >= names.length || refs[ri].start < names[ni].start)) {
        const ref = refs[ri++];
        const rival = titleRival.get(ref.key);
        const open = !!rival && ref.start - rival.at <= RECENT_TITLE_HOLDER && rival.c !== titleBound.get(ref.key);
        const c = (open ? undefined : titleBound.get(ref.key)) ?? this.get(coreKey(ref.key));
        if (!c && open) continue;
        if (c) {
          this.count(c, undefined);
          out.push({ actor: String(c.index), start: ref.start, end: ref.end, text: ref.text, via: 'title' });
        } else early.push(ref);
        continue;
      }
      const n = names[ni++];
      if (n.caps) {
        this.shoutedMentions(n, seenInDoc, out);
        continue;
      }
      const core = coreTokens(n.key);
      const declared = this.declaredForms.get(n.key);
      let c = declared ? this.find(declared) : this.get(coreKey(n.key));
      if (!c && core.length === 1) {
        const cands = this.surnameCandidates(core[0]);
        c = cands.length === 1 ? cands[0] : pickNearest(cands, seenInDoc) ?? mostMentioned(cands);
      }
      if (!c && core.length > 1 && n.weak) c = this.findMulti(core, n.kind);
      // "the Post" after "The New York Post": the last body named in this text with that head.
      if (!c && core.length === 1 && n.weak && ORG_WORDS.has(core[0]) && !ORG_PROPER.has(core[0])) c = this.bodyByHead(core[0], seenInDoc);
      if (!c) continue;
      c = this.find(c);
      this.count(c, n.weak ? undefined : n.text);
      seenInDoc.push(c);
      if (n.title) {
        for (const key of titleKeys(n.title)) {
          const held = titleBound.get(key);
          if (held && held !== c) titleRival.set(key, { c: held, at: titleAt.get(key)! });
          titleBound.set(key, c);
          titleAt.set(key, n.start);
          if (!firstBound.has(key)) firstBound.set(key, c);
        }
      }
      out.push({ actor: String(c.index), start: n.start, end: n.end, text: n.text, via: 'name' });
    }
    // A title used before the name it stands for ("The Ayatollah stressed…" above the story) binds to the first one bound later.
    if (early.length) {
      let added = false;
      for (const ref of early) {
        const c = firstBound.get(ref.key);
        if (!c) continue;
        this.count(c, undefined);
        out.push({ actor: String(c.index), start: ref.start, end: ref.end, text: ref.text, via: 'title' });
        added = true;
      }
      if (added) out.sort((a, b) => a.start - b.start);
    }
    return out;
  }

  /** The stretches of an ALL-CAPS run that spell a known name (longest first, up to four words), as mentions; the rest is dropped. */
  private shoutedMentions(n: NameMatch, seenInDoc: Cluster[], out: Mention[]): void {
    const words: Span[] = [];
    for (let i = 0, at = 0; i <= n.text.length; i++) {
      if (i < n.text.length && n.text.charCodeAt(i) !== 32) continue;
      if (i > at) words.push({ start: n.start + at, end: n.start + i });
      at = i + 1;
    }
    for (let i = 0; i < words.length; ) {
      let hit: { c: Cluster; end: number } | undefined;
      for (let j = Math.min(words.length, i + 4); j > i && !hit; j--) {
        const c = this.knownName(n.text.slice(words[i].start - n.start, words[j - 1].end - n.start), seenInDoc);
        if (c) hit = { c, end: j };
      }
      if (!hit) {
        i++;
        continue;
      }
      const c = this.find(hit.c);
      const start = words[i].start;
      const end = words[hit.end - 1].end;
      this.count(c, undefined);
      seenInDoc.push(c);
      out.push({ actor: String(c.index), start, end, text: n.text.slice(start - n.start, end - n.start), via: 'name' });
      i = hit.end;
    }
  }

  /** The actor a spelling names if it is already known (registry, discovered names, surnames, the gazetteer); never a new one. */
  private knownName(surface: string, seenInDoc: Cluster[]): Cluster | undefined {
    const key = nameKey(surface);
    const core = coreTokens(key);
    if (!core.length || (core.length === 1 && (STOP_WORDS.has(core[0]) || TITLE_WORDS.has(core[0])))) return undefined;
    const joined = core.join(' ');
    const declared = this.declaredForms.get(key);
    let c = declared ?? this.get(joined);
    if (!c && core.length > 1) c = this.findMulti(core, undefined);
    if (!c && core.length === 1) {
      const cands = this.surnameCandidates(core[0]);
      c = cands.length === 1 ? cands[0] : pickNearest(cands, seenInDoc) ?? mostMentioned(cands);
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
    const ids = new Map<number, string>();
    const live = this.clusters.filter((c) => !c.parent && (c.decl || c.mentions > 0));
    // Declared ids first, then discovered ones by prominence, so slug collisions resolve the same way every time.
    for (const c of live) if (c.decl) used.add(c.decl.id);
    const discovered = live.filter((c) => !c.decl).map((c) => ({ c, name: this.canonical(c) }));
    discovered.sort((a, b) => b.c.mentions - a.c.mentions || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const { c, name } of discovered) {
      const base = slugify(name);
      let id = base;
      for (let i = 2; used.has(id); i++) id = `${base}-${i}`;
      used.add(id);
      ids.set(c.index, id);
    }
    for (const c of live) if (c.decl) ids.set(c.index, c.decl.id);
    const actors: Actor[] = live.map((c) => {
      const name = c.decl?.name ?? this.canonical(c);
      const aliasSet = new Set<string>([...(c.decl?.aliases ?? []), ...c.forms.keys()]);
      aliasSet.delete(name);
      return {
        id: ids.get(c.index)!,
        name,
        kind: c.decl?.kind ?? this.kindOf(c) ?? 'other',
        aliases: [...aliasSet].sort(ENGLISH.compare),
        roles: c.decl?.roles ?? [],
        ...(c.decl?.wikidata ? { wikidata: c.decl.wikidata } : {}),
        ...(c.decl?.note ? { note: c.decl.note } : {}),
        declared: !!c.decl,
      };
    });
    actors.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    for (const list of mentions.values()) for (const m of list) m.actor = ids.get(this.find(this.clusters[Number(m.actor)]).index)!;
    return { actors, mentions };
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

  /** Merges two clusters (a declared one stays the representative); two declared actors are never merged. */
  private union(x: Cluster, y: Cluster): Cluster | undefined {
    let a = this.find(x);
    let b = this.find(y);
    if (a === b) return a;
    if (a.decl && b.decl) return undefined;
    if (b.decl) [a, b] = [b, a];
    b.parent = a;
    for (const k of b.keys) a.keys.push(k);
    for (const t of b.keyToks) a.keyToks.push(t);
    for (const [f, n] of b.forms) a.forms.set(f, (a.forms.get(f) ?? 0) + n);
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

  private count(c: Cluster, form: string | undefined): void {
    c.mentions++;
    if (form) c.forms.set(form, (c.forms.get(form) ?? 0) + 1);
  }

  private canonical(c: Cluster): string {
    if (c.preferred) return c.preferred;
    // The fullest spelling names a person or a body; a place goes by its usual name ("Kurdistan", not "Kurdistan Region").
    const place = this.kindOf(c) === 'place';
    // Mixed case beats ALL CAPS at equal length, however often a dateline shouted it ("Reuters", not "REUTERS").
    let best = '';
    let bestScore = -1;
    for (const [form, n] of c.forms) {
      const score = (place ? 0 : coreTokens(nameKey(form)).length * 1e9) + (hasLowerCase(form) ? 1e6 : 0) + n;
      if (score > bestScore || (score === bestScore && form < best)) [best, bestScore] = [form, score];
    }
    return best || c.tokens.join(' ');
  }

  private kindOf(c: Cluster | undefined): ActorKind | undefined {
    if (!c) return undefined;
    let best: ActorKind | undefined;
    let n = 0;
    for (const [k, v] of c.kindVotes) if (v > n) [best, n] = [k, v];
    if (best) return best;
    return c.multi ? 'person' : 'other';
  }

  private newCluster(tokens: string[], decl?: ActorDecl): Cluster {
    const c: Cluster = { index: this.clusters.length, decl, forms: new Map(), kindVotes: new Map(), tokens, mentions: 0, multi: tokens.length > 1, keys: [], keyToks: [] };
    this.clusters.push(c);
    return c;
  }

  private indexTokens(c: Cluster, toks: string[], kind: ActorKind | undefined): void {
    if (kind) c.kindVotes.set(kind, (c.kindVotes.get(kind) ?? 0) + 1);
    c.multi = c.multi || toks.length > 1;
    // A run ending in a place name ("Limits Iraq", "Explaining Tehran") is no person's name.
    const personLike = (kind === undefined || kind === 'person') && !PLACES.has(toks[toks.length - 1]);
    if (personLike && toks.length > 1) {
      push(this.byEnds, skeleton(toks[0]) + '|' + skeleton(toks[toks.length - 1]), c);
      push(this.bySurname, skeleton(toks[toks.length - 1]), c);
      push(this.byGiven, skeleton(toks[0]), c);
    }
    if (toks.length > 1) push(this.byShape, toks.map(skeleton).join(' '), c);
  }

  private findMulti(toks: string[], kind: ActorKind | undefined): Cluster | undefined {
    const shape = (this.byShape.get(toks.map(skeleton).join(' ')) ?? []).find((c) => this.sameShape(c, toks));
    if (shape) return this.find(shape);
    if (kind !== undefined && kind !== 'person') return undefined;
    const first = toks[0];
    const last = toks[toks.length - 1];
    const hit = (this.byEnds.get(skeleton(first) + '|' + skeleton(last)) ?? []).find((c) => this.hasEnds(c, first, last));
    if (hit) return this.find(hit);
    // "Shia' Al-Sudani" is the end of exactly one longer name, "Mohammed Shia' al-Sudani".
    const longer = new Set<Cluster>();
    for (const c of this.bySurname.get(skeleton(last)) ?? []) if (this.endsWith(c, toks)) longer.add(this.find(c));
    return longer.size === 1 ? [...longer][0] : undefined;
  }

  private bodyByHead(head: string, seen: Cluster[]): Cluster | undefined {
    for (let i = seen.length - 1; i >= 0; i--) {
      const c = this.find(seen[i]);
      if (this.kindOf(c) !== 'organization') continue;
      if (this.keysOf(c).some((k) => k.endsWith(' ' + head))) return c;
    }
    return undefined;
  }

  private hasEnds(c: Cluster, first: string, last: string): boolean {
    for (const t of this.find(c).keyToks) {
      if (t.length > 1 && sameToken(t[0], first) && sameToken(t[t.length - 1], last)) return true;
    }
    return false;
  }

  private endsWith(c: Cluster, toks: string[]): boolean {
    for (const t of this.find(c).keyToks) {
      if (t.length <= toks.length) continue;
      const off = t.length - toks.length;
      if (toks.every((x, i) => sameToken(t[off + i], x))) return true;
    }
    return false;
  }

  private sameShape(c: Cluster, toks: string[]): boolean {
    for (const t of this.find(c).keyToks) {
      if (t.length === toks.length && t.every((x, i) => sameToken(x, toks[i]))) return true;
    }
    return false;
  }

  private keysOf(c: Cluster): string[] {
    return this.find(c).keys;
  }

  private setKey(key: string, c: Cluster): void {
    if (this.byKey.has(key)) return;
    this.byKey.set(key, c);
    const root = this.find(c);
    root.keys.push(key);
    root.keyToks.push(key.split(' '));
  }

  /** Two or more different people have this token as their first name. */
  private givenNameOfSeveral(token: string): boolean {
    const found = new Set<Cluster>();
    for (const c of this.byGiven.get(skeleton(token)) ?? []) {
      const root = this.find(c);
      if (this.kindOf(root) === 'person' && root.keyToks.some((t) => t.length > 1 && sameToken(t[0], token))) found.add(root);
    }
    return found.size >= 2;
  }

  private readonly surnameCache = new Map<string, Cluster[]>();

  /** Person clusters whose surname this token spells (cached: asked once per mention). Only valid once multi-token names are placed. */
  private surnameCandidates(token: string): Cluster[] {
    let hit = this.surnameCache.get(token);
    if (!hit) {
      const found = new Set<Cluster>();
      for (const c of this.bySurname.get(skeleton(token)) ?? []) {
        const root = this.find(c);
        // Indexed as a person; only a merge since then can have made it a body.
        if (root !== c && this.kindOf(root) !== 'person') continue;
        if (root.keyToks.some((t) => t.length > 1 && sameToken(t[t.length - 1], token))) found.add(root);
      }
      hit = [...found];
      this.surnameCache.set(token, hit);
    }
    return hit;
  }
}

/** How far back (characters) another holder of the same title still makes a bare title ambiguous: a few paragraphs. */
const RECENT_TITLE_HOLDER = 1500;

/** Every run of words of a title, so "Supreme Leader Ayatollah" binds "the Supreme Leader" and "the Ayatollah". */
function titleKeys(title: string): string[] {
  let keys = titleKeyCache.get(title);
  if (!keys) {
    const words = nameKey(title).split(' ');
    keys = [];
    for (let i = 0; i < words.length; i++) for (let j = i + 1; j <= words.length; j++) keys.push(words.slice(i, j).join(' '));
    titleKeyCache.set(title, keys);
  }
  return keys;
}

// The same few titles ("Prime Minister", "President") stand before thousands of names.
const titleKeyCache = new Map<string, string[]>();

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) {
    if (!list.includes(value)) list.push(value);
  } else map.set(key, [value]);
}

function hasLowerCase(form: string): boolean {
  return form !== form.toUpperCase();
}

function pickNearest(cands: Cluster[], seen: Cluster[]): Cluster | undefined {
  for (let i = seen.length - 1; i >= 0; i--) if (cands.includes(seen[i])) return seen[i];
  return undefined;
}

function mostMentioned(cands: Cluster[]): Cluster | undefined {
  let best: Cluster | undefined;
  for (const c of cands) if (!best || c.mentions > best.mentions || (c.mentions === best.mentions && c.index < best.index)) best = c;
  return best;
}
