/** Resolves name candidates from all documents into actors: the corpus.yaml registry first, then discovered names merged across spelling variants. */
import type { ActorKind, NameMatch, Span } from '../model/types';
import type { ActorDecl, RoleDecl } from '../parse/corpusConfig';
import type { NameScan } from '../recognize/names';
import { PLACES } from '../recognize/lexicon';
import { coreTokens, nameKey, sameToken, skeleton } from '../recognize/nameKeys';
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
  decl?: ActorDecl;
  forms: Map<string, number>;
  kindVotes: Map<ActorKind, number>;
  tokens: string[];
  mentions: number;
  multi: boolean;
  keys: string[];
}

interface DocNames {
  path: string;
  scan: NameScan;
}

/** Builds actors and mentions from the registry and the documents (in a fixed path order, so the result never depends on indexing order). */
export function resolveActors(decls: readonly ActorDecl[], docs: readonly DocNames[], discover = true): ActorResolution {
  const r = new Resolver();
  for (const d of decls) r.declare(d);
  const sorted = [...docs].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));

  // Strong multi-token names found clusters; single tokens and acronyms wait until those exist.
  const multi = new Map<string, { count: number; kinds: (ActorKind | undefined)[] }>();
  const single = new Map<string, { count: number; kinds: (ActorKind | undefined)[] }>();
  for (const doc of sorted) {
    for (const n of doc.scan.names) {
      if (n.weak) continue;
      let e = multi.get(n.key) ?? single.get(n.key);
      if (!e) {
        const core = coreTokens(n.key);
        if (!core.length) continue;
        e = { count: 0, kinds: [] };
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
  for (const doc of sorted) for (const a of doc.scan.acronyms) r.acronym(a.long, a.short);
  if (discover) {
    const keys = [...single.keys()].sort((a, b) => single.get(b)!.count - single.get(a)!.count || (a < b ? -1 : 1));
    for (const key of keys) {
      const e = single.get(key)!;
      r.placeSingle(key, vote(e.kinds), e.count);
    }
  }

  const mentions = new Map<string, Mention[]>();
  for (const doc of sorted) mentions.set(doc.path, r.mentionsOf(doc.scan));
  return r.finish(mentions);
}

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

class Resolver {
  private clusters: Cluster[] = [];
  /** Exact core key ("mohammed shia sudani") → cluster. */
  private byKey = new Map<string, Cluster>();
  /** Person clusters by skeleton of first|last core token. */
  private byEnds = new Map<string, Cluster[]>();
  /** Person clusters by skeleton of the last core token (surname references). */
  private bySurname = new Map<string, Cluster[]>();
  /** Non-person multi-token clusters by the skeletons of all tokens. */
  private byShape = new Map<string, Cluster[]>();

  declare(d: ActorDecl): void {
    const c = this.newCluster(coreTokens(nameKey(d.name)), d);
    c.kindVotes.set(d.kind, 1000);
    for (const form of [d.name, ...d.aliases]) {
      const key = coreTokens(nameKey(form)).join(' ');
      if (key) this.setKey(key, c);
      const toks = coreTokens(nameKey(form));
      if (toks.length > 1) this.indexTokens(c, toks, d.kind);
    }
  }

  placeMulti(key: string, kind: ActorKind | undefined): void {
    const toks = coreTokens(key);
    const core = toks.join(' ');
    if (this.byKey.has(core)) return;
    const found = this.findMulti(toks, kind);
    const c = found ?? this.newCluster(toks);
    if (!found && PLACES.has(core)) c.kindVotes.set('place', 1);
    this.setKey(core, c);
    this.indexTokens(c, toks, kind ?? this.kindOf(c));
  }

  acronym(long: string, short: string): void {
    const longCore = coreTokens(long).join(' ');
    const shortCore = coreTokens(short).join(' ');
    const c = this.byKey.get(longCore);
    if (!c || this.byKey.get(shortCore)?.decl) return;
    this.setKey(shortCore, c);
  }

  placeSingle(key: string, kind: ActorKind | undefined, count: number): void {
    const core = coreTokens(key).join(' ');
    if (this.byKey.has(core)) return;
    if (PLACES.has(core)) {
      const c = this.newCluster([core]);
      c.kindVotes.set('place', 1);
      this.setKey(core, c);
      return;
    }
    const surname = this.surnameCandidates(core);
    if (surname.length) return; // resolved per document at mention time
    if (count >= 2 || kind) {
      const c = this.newCluster([core]);
      if (kind) c.kindVotes.set(kind, 1);
      this.setKey(core, c);
    }
  }

  /** Mentions of one document; surname and title references resolve to names seen earlier in it. */
  mentionsOf(scan: NameScan): Mention[] {
    const out: Mention[] = [];
    const seenInDoc: Cluster[] = [];
    const titleBound = new Map<string, Cluster>();
    // Names and title references are both sorted by offset: walk them together.
    const names = scan.names;
    const refs = scan.titleRefs;
    let ni = 0;
    let ri = 0;
    while (ni < names.length || ri < refs.length) {
      if (ri < refs.length && (ni >= names.length || refs[ri].start < names[ni].start)) {
        const ref = refs[ri++];
        const c = titleBound.get(ref.key) ?? this.byKey.get(coreTokens(ref.key).join(' '));
        if (c) {
          this.count(c, undefined);
          out.push({ actor: String(c.index), start: ref.start, end: ref.end, text: ref.text, via: 'title' });
        }
        continue;
      }
      const n = names[ni++];
      const core = coreTokens(n.key);
      let c = this.byKey.get(core.length === 1 ? core[0] : core.join(' '));
      if (!c && core.length === 1) {
        const cands = this.surnameCandidates(core[0]);
        c = cands.length === 1 ? cands[0] : pickNearest(cands, seenInDoc) ?? mostMentioned(cands);
      }
      if (!c && core.length > 1 && n.weak) c = this.findMulti(core, n.kind);
      if (!c) continue;
      this.count(c, n.weak ? undefined : n.text);
      seenInDoc.push(c);
      if (n.title) for (const key of titleKeys(n.title)) titleBound.set(key, c);
      out.push({ actor: String(c.index), start: n.start, end: n.end, text: n.text, via: 'name' });
    }
    return out;
  }

  finish(mentions: Map<string, Mention[]>): ActorResolution {
    const used = new Set<string>();
    const ids = new Map<number, string>();
    const live = this.clusters.filter((c) => c.decl || c.mentions > 0);
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
        kind: c.decl?.kind ?? this.kindOf(c),
        aliases: [...aliasSet].sort((a, b) => a.localeCompare(b, 'en')),
        roles: c.decl?.roles ?? [],
        ...(c.decl?.wikidata ? { wikidata: c.decl.wikidata } : {}),
        ...(c.decl?.note ? { note: c.decl.note } : {}),
        declared: !!c.decl,
      };
    });
    actors.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    for (const list of mentions.values()) for (const m of list) m.actor = ids.get(Number(m.actor))!;
    return { actors, mentions };
  }

  private count(c: Cluster, form: string | undefined): void {
    c.mentions++;
    if (form) c.forms.set(form, (c.forms.get(form) ?? 0) + 1);
  }

  private canonical(c: Cluster): string {
    let best = '';
    let bestScore = -1;
    for (const [form, n] of c.forms) {
      const score = coreTokens(nameKey(form)).length * 1e6 + n;
      if (score > bestScore || (score === bestScore && form < best)) [best, bestScore] = [form, score];
    }
    return best || c.tokens.join(' ');
  }

  private kindOf(c: Cluster): ActorKind {
    let best: ActorKind | undefined;
    let n = 0;
    for (const [k, v] of c.kindVotes) if (v > n) [best, n] = [k, v];
    if (best) return best;
    return c.multi ? 'person' : 'other';
  }

  private newCluster(tokens: string[], decl?: ActorDecl): Cluster {
    const c: Cluster = { index: this.clusters.length, decl, forms: new Map(), kindVotes: new Map(), tokens, mentions: 0, multi: tokens.length > 1, keys: [] };
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
    } else {
      push(this.byShape, toks.map(skeleton).join(' '), c);
    }
  }

  private findMulti(toks: string[], kind: ActorKind | undefined): Cluster | undefined {
    if (kind === undefined || kind === 'person') {
      const first = toks[0];
      const last = toks[toks.length - 1];
      const hit = (this.byEnds.get(skeleton(first) + '|' + skeleton(last)) ?? []).find((c) => this.hasEnds(c, first, last));
      if (hit) return hit;
    }
    return (this.byShape.get(toks.map(skeleton).join(' ')) ?? []).find((c) => this.sameShape(c, toks));
  }

  private hasEnds(c: Cluster, first: string, last: string): boolean {
    for (const key of this.keysOf(c)) {
      const t = key.split(' ');
      if (t.length > 1 && sameToken(t[0], first) && sameToken(t[t.length - 1], last)) return true;
    }
    return false;
  }

  private sameShape(c: Cluster, toks: string[]): boolean {
    for (const key of this.keysOf(c)) {
      const t = key.split(' ');
      if (t.length === toks.length && t.every((x, i) => sameToken(x, toks[i]))) return true;
    }
    return false;
  }

  private keysOf(c: Cluster): string[] {
    return c.keys;
  }

  private setKey(key: string, c: Cluster): void {
    if (this.byKey.has(key)) return;
    this.byKey.set(key, c);
    c.keys.push(key);
  }

  private readonly surnameCache = new Map<string, Cluster[]>();

  /** Person clusters whose surname this token spells (cached: asked once per mention). Only valid once multi-token names are placed. */
  private surnameCandidates(token: string): Cluster[] {
    let hit = this.surnameCache.get(token);
    if (!hit) {
      hit = (this.bySurname.get(skeleton(token)) ?? []).filter((c) =>
        this.keysOf(c).some((k) => {
          const t = k.split(' ');
          return t.length > 1 && sameToken(t[t.length - 1], token);
        }),
      );
      this.surnameCache.set(token, hit);
    }
    return hit;
  }
}

/** Every run of words of a title, so "Supreme Leader Ayatollah" binds "the Supreme Leader" and "the Ayatollah". */
function titleKeys(title: string): string[] {
  const words = nameKey(title).split(' ');
  const keys: string[] = [];
  for (let i = 0; i < words.length; i++) for (let j = i + 1; j <= words.length; j++) keys.push(words.slice(i, j).join(' '));
  return keys;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) {
    if (!list.includes(value)) list.push(value);
  } else map.set(key, [value]);
}

function pickNearest(cands: Cluster[], seen: Cluster[]): Cluster | undefined {
  for (let i = seen.length - 1; i >= 0; i--) if (cands.includes(seen[i])) return seen[i];
  return undefined;
}

function mostMentioned(cands: Cluster[]): Cluster | undefined {
  if (!cands.length) return undefined;
  return [...cands].sort((a, b) => b.mentions - a.mentions || a.index - b.index)[0];
}
