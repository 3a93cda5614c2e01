/**
 * Curating the actor registry: Add Actor to corpus.yaml, Merge Actors, Split Alias and renaming an actor id. Each
 * returns text changes per file (corpus.yaml and the annotation files whose claims name the actor), which a host
 * applies as one undoable edit.
 *
 * corpus.yaml is changed through the yaml library's Document API. Re-printing a whole document would also reflow
 * what the user wrote (spacing before comments, flow-list padding), so the printed result is compared with a
 * printing of the untouched document and only the lines that the change itself touched are replaced.
 */
import { Document, isMap, isScalar, isSeq, parseDocument, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import type { CorpusState } from '../model/corpusState';
import type { Actor } from '../index/actors';
import type { ActorKind } from '../model/types';
import { CONFIG_FILE, SCHEMA_VERSION } from '../parse/corpusConfig';
import { diffLines } from '../text/lineDiff';
import { slugify } from '../text/hash';
import { nameKey } from '../recognize/nameKeys';

/** Replace text[start, end) by newText (UTF-16 offsets into the file as it is now). */
export interface TextChange {
  start: number;
  end: number;
  newText: string;
}

export interface FileChanges {
  /** Corpus-relative path. */
  path: string;
  /** True when the file does not exist yet (corpus.yaml of a raw corpus): `changes` hold its whole text. */
  create?: boolean;
  changes: TextChange[];
}

/** A refusal the user should read ("actor id 'x' is taken"). */
export class RegistryEditError extends Error {}

/** What the planners need besides the state: the current texts of corpus.yaml and of annotation files. */
export interface RegistryContext {
  state: CorpusState;
  /** Text of a corpus file as the editor has it (corpus.yaml, annotation files); undefined when it does not exist. */
  textOf(path: string): string | undefined;
}

const ID = /^[a-z0-9][a-z0-9._-]*$/;
const PRINT = { lineWidth: 0, flowCollectionPadding: false } as const;

/** Declares a discovered actor in corpus.yaml with the spellings seen, under its current id. */
export function planAddActor(ctx: RegistryContext, actorId: string): FileChanges[] {
  const actor = requireActor(ctx, actorId);
  if (actor.declared) throw new RegistryEditError(`'${actor.name}' is already declared in corpus.yaml (id '${actor.id}')`);
  return [editConfig(ctx, (doc) => addEntry(doc, entryOf(actor, actor.id)))];
}

/** Merges `mergeId` into `keepId`: its name and aliases become aliases of the kept actor (declared if it was not), its entry goes, and claims naming it are re-pointed. */
export function planMergeActors(ctx: RegistryContext, keepId: string, mergeId: string): FileChanges[] {
  if (keepId === mergeId) throw new RegistryEditError('choose two different actors to merge');
  const keep = requireActor(ctx, keepId);
  const gone = requireActor(ctx, mergeId);
  const forms = [gone.name, ...gone.aliases];
  const config = editConfig(ctx, (doc) => {
    const item = keep.declared ? findEntry(doc, keep.id) : addEntry(doc, entryOf(keep, keep.id));
    if (!item) throw new RegistryEditError(`actor '${keep.id}' is not in corpus.yaml as written`);
    addAliases(doc, item, forms, keep.name);
    if (!isScalar(item.get('wikidata', true)) && gone.wikidata) item.set('wikidata', gone.wikidata);
    if (gone.declared) removeEntry(doc, gone.id);
  });
  return [config, ...speakerChanges(ctx, mergeId, keepId)];
}

/**
 * Makes one spelling of an actor an actor of its own, declared separately. Spellings that differ from it only in case
 * ("AL-KADHIMI" for "Al-Kadhimi") go with it. A declared actor loses them from its aliases; a discovered one is declared
 * too, with its remaining spellings, or discovery would merge it straight back into the new actor. Declared spellings
 * win over normalised matches when names resolve, so "Kadhimi" leaves "al-Kadhimi" even though both normalise alike.
 */
export function planSplitAlias(ctx: RegistryContext, actorId: string, alias: string): FileChanges[] {
  const actor = requireActor(ctx, actorId);
  if (alias === actor.name) throw new RegistryEditError(`'${alias}' is the name of '${actor.id}', not an alias: rename the actor or split another spelling`);
  if (!actor.aliases.includes(alias)) throw new RegistryEditError(`'${alias}' is not an alias of '${actor.id}'`);
  const key = nameKey(alias);
  if (nameKey(actor.name) === key) throw new RegistryEditError(`'${alias}' is '${actor.name}', the name of '${actor.id}', in other letters: rename the actor instead`);
  const moved = actor.aliases.filter((a) => nameKey(a) === key);
  const id = freeId(ctx.state, slugify(alias));
  return [
    editConfig(ctx, (doc) => {
      if (actor.declared) {
        const item = findEntry(doc, actor.id);
        if (item) for (const form of moved) removeAlias(item, form);
      } else {
        const original = entryOf(actor, actor.id);
        addEntry(doc, { ...original, aliases: original.aliases.filter((a) => !moved.includes(a)) });
      }
      addEntry(doc, { id, name: alias, kind: actor.kind, aliases: moved.filter((a) => a !== alias) });
    }),
  ];
}

/** Renames an actor id in corpus.yaml (declaring a discovered actor under the new id) and in every claim that names it. */
export function planRenameActor(ctx: RegistryContext, oldId: string, newId: string): FileChanges[] {
  const actor = requireActor(ctx, oldId);
  if (newId === oldId) return [];
  if (!ID.test(newId)) throw new RegistryEditError(`'${newId}' is not a valid actor id: use lower-case letters, digits, '.', '_' or '-'`);
  if (ctx.state.actorById.has(newId)) throw new RegistryEditError(`actor id '${newId}' is already used by '${ctx.state.actorById.get(newId)!.name}'`);
  const config = editConfig(ctx, (doc) => {
    if (!actor.declared) {
      addEntry(doc, entryOf(actor, newId));
      return;
    }
    const item = findEntry(doc, oldId);
    if (!item) throw new RegistryEditError(`actor '${oldId}' is not in corpus.yaml as written`);
    const id = item.get('id', true);
    if (isScalar(id)) id.value = newId;
    else item.set('id', newId);
  });
  return [config, ...speakerChanges(ctx, oldId, newId)];
}

/** The actor id written at an offset of corpus.yaml (an `id:` value inside `actors`), or undefined. */
export function actorIdInConfig(state: CorpusState, offset: number): { id: string; start: number; end: number } | undefined {
  for (const d of state.config.actors) if (d.idSpan.start <= offset && offset <= d.idSpan.end) return { id: d.id, ...d.idSpan };
  return undefined;
}

/** The claim speaker written at an offset of an annotation file, or undefined. */
export function speakerInAnnotation(state: CorpusState, path: string, offset: number): { id: string; start: number; end: number } | undefined {
  const file = state.annotationFiles.find((f) => f.path === path);
  for (const c of file?.claims ?? []) if (c.speaker && c.speakerSpan && c.speakerSpan.start <= offset && offset <= c.speakerSpan.end) return { id: c.speaker, ...c.speakerSpan };
  return undefined;
}

/** A fresh actor id from a base slug: the slug itself, else with -2, -3... */
export function freeId(state: CorpusState, base: string): string {
  const taken = (id: string) => state.actorById.has(id) || state.config.actors.some((d) => d.id === id);
  let id = base || 'actor';
  for (let i = 2; taken(id); i++) id = `${base}-${i}`;
  return id;
}

interface Entry {
  id: string;
  name: string;
  kind: ActorKind;
  aliases: string[];
  wikidata?: string;
}

function entryOf(actor: Actor, id: string): Entry {
  return { id, name: actor.name, kind: actor.kind, aliases: actor.aliases.filter((a) => a !== actor.name), ...(actor.wikidata ? { wikidata: actor.wikidata } : {}) };
}

function requireActor(ctx: RegistryContext, id: string): Actor {
  const actor = ctx.state.actorById.get(id);
  if (!actor) throw new RegistryEditError(`no actor with id '${id}' in this corpus`);
  return actor;
}

/** Claims whose speaker is `from` now name `to`, file by file (invalid files are left alone: they are not rewritten until they parse). */
function speakerChanges(ctx: RegistryContext, from: string, to: string): FileChanges[] {
  const out: FileChanges[] = [];
  const value = /^[a-z][a-z0-9._-]*$/.test(to) ? to : JSON.stringify(to);
  for (const file of ctx.state.annotationFiles) {
    if (!file.valid) continue;
    const changes = file.claims.filter((c) => c.speaker === from && c.speakerSpan).map((c) => ({ start: c.speakerSpan!.start, end: c.speakerSpan!.end, newText: value }));
    if (changes.length) out.push({ path: file.path, changes });
  }
  return out;
}

/** Applies a Document edit to corpus.yaml (or a new one) and returns the smallest text changes that produce it. */
function editConfig(ctx: RegistryContext, edit: (doc: Document) => void): FileChanges {
  const text = ctx.textOf(CONFIG_FILE);
  if (text === undefined || !text.trim()) {
    const doc = new Document({}) as Document;
    edit(doc);
    (doc.contents as YAMLMap).set('version', SCHEMA_VERSION);
    const created = doc.toString(PRINT);
    return text === undefined ? { path: CONFIG_FILE, create: true, changes: [{ start: 0, end: 0, newText: created }] } : { path: CONFIG_FILE, changes: [{ start: 0, end: text.length, newText: created }] };
  }
  const doc = parseDocument(text);
  if (doc.errors.length) throw new RegistryEditError(`corpus.yaml does not parse (${doc.errors[0].message.split('\n')[0]}): fix it first`);
  if (doc.contents !== null && !isMap(doc.contents)) throw new RegistryEditError('corpus.yaml is not a mapping of keys (actors, tags, settings, version)');
  const before = doc.toString(PRINT);
  edit(doc);
  return { path: CONFIG_FILE, changes: minimalChanges(text, before, doc.toString(PRINT)) };
}

/**
 * `before` is the untouched document as the library prints it, `after` the edited one. Lines that differ between
 * `before` and `after` are the edit; they are mapped back onto the user's text, where lines the library merely
 * re-printed differently stay as the user wrote them.
 */
export function minimalChanges(text: string, before: string, after: string): TextChange[] {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const original = text.split(/\r?\n/);
  const printed = before.split('\n');
  const edited = after.split('\n');
  const reprint = diffLines(original, printed); // original → printed (reformatting only)
  const edits = diffLines(printed, edited); // printed → edited (the change)
  // Widen each change over re-printed stretches it touches, so user lines are replaced whole or not at all.
  const ranges: { s: number; e: number; ns: number; ne: number }[] = [];
  for (const h of edits) {
    let s = h.aStart;
    let e = h.aEnd;
    for (let changed = true; changed; ) {
      changed = false;
      for (const g of reprint) {
        const overlaps = g.bStart < e && s < g.bEnd;
        const inside = g.bStart === g.bEnd && s < g.bStart && g.bStart < e;
        if ((overlaps || inside) && (g.bStart < s || g.bEnd > e)) {
          s = Math.min(s, g.bStart);
          e = Math.max(e, g.bEnd);
          changed = true;
        }
      }
    }
    const r = { s, e, ns: h.bStart - (h.aStart - s), ne: h.bEnd + (e - h.aEnd) };
    const last = ranges[ranges.length - 1];
    if (last && r.s <= last.e) {
      last.e = Math.max(last.e, r.e);
      last.ne = Math.max(last.ne, r.ne);
    } else ranges.push(r);
  }
  // A printed line number as a line of the user's text. User lines the printer dropped at a boundary stay outside the change.
  const toOriginal = (line: number, end: boolean) => {
    let shift = 0;
    for (const g of reprint) {
      const earlier = end ? g.bEnd < line || (g.bEnd === line && g.bStart < g.bEnd) : g.bEnd <= line;
      if (earlier) shift += g.aEnd - g.aStart - (g.bEnd - g.bStart);
    }
    return line + shift;
  };
  const starts: number[] = [0];
  for (let i = 0, at = 0; i < original.length; i++) {
    at += original[i].length + (i < original.length - 1 ? (text.startsWith('\r\n', at + original[i].length) ? 2 : 1) : 0);
    starts.push(at);
  }
  return ranges.map((r) => {
    const os = toOriginal(r.s, false);
    const oe = toOriginal(r.e, true);
    let newText = edited
      .slice(r.ns, r.ne)
      .map((l) => l + eol)
      .join('');
    if (oe >= original.length && newText.endsWith(eol)) newText = newText.slice(0, -eol.length);
    return { start: starts[Math.min(os, original.length)], end: starts[Math.min(oe, original.length)], newText };
  });
}

function actorsSeq(doc: Document, create: boolean): YAMLSeq | undefined {
  if (doc.contents === null || doc.contents === undefined) {
    if (!create) return undefined;
    doc.contents = doc.createNode({}) as unknown as typeof doc.contents;
  }
  const root = doc.contents as unknown as YAMLMap;
  const node = root.get('actors', true);
  if (isSeq(node)) return node;
  if (node !== undefined && node !== null && !(isScalar(node) && node.value === null)) throw new RegistryEditError("corpus.yaml: 'actors' is not a list");
  if (!create) return undefined;
  const seq = doc.createNode([]) as YAMLSeq;
  // Keys stay in alphabetical order, as in the files this project writes.
  const pair = doc.createPair('actors', seq) as Pair;
  pair.value = seq;
  const at = root.items.findIndex((p) => String(isScalar(p.key) ? p.key.value : p.key) > 'actors');
  if (root.has('actors')) root.set('actors', seq);
  else if (at < 0) root.items.push(pair);
  else root.items.splice(at, 0, pair);
  return seq;
}

function findEntry(doc: Document, id: string): YAMLMap | undefined {
  const seq = actorsSeq(doc, false);
  for (const item of seq?.items ?? []) if (isMap(item) && scalarValue(item.get('id', true)) === id) return item;
  return undefined;
}

function addEntry(doc: Document, entry: Entry): YAMLMap {
  const seq = actorsSeq(doc, true)!;
  const value: Record<string, unknown> = {};
  if (entry.aliases.length) value.aliases = entry.aliases;
  value.id = entry.id;
  value.kind = entry.kind;
  value.name = entry.name;
  if (entry.wikidata) value.wikidata = entry.wikidata;
  const item = doc.createNode(value) as YAMLMap;
  const aliases = item.get('aliases', true);
  if (isSeq(aliases)) aliases.flow = true;
  // Follow the file's habit of a blank line between entries.
  if (seq.items.some((x, i) => i > 0 && (x as Node).spaceBefore)) item.spaceBefore = true;
  seq.items.push(item);
  return item;
}

function addAliases(doc: Document, item: YAMLMap, forms: string[], name: string): void {
  const existing: unknown = item.get('aliases', true);
  let list: YAMLSeq;
  if (isSeq(existing)) list = existing;
  else {
    list = doc.createNode([]) as YAMLSeq;
    list.flow = true;
    const pair = doc.createPair('aliases', list) as Pair;
    pair.value = list;
    if (item.has('aliases')) item.set('aliases', list);
    else item.items.unshift(pair as Pair<unknown, unknown>);
  }
  const have = new Set(list.items.map(scalarValue));
  for (const f of forms) {
    if (f === name || have.has(f)) continue;
    have.add(f);
    list.items.push(doc.createNode(f));
  }
}

function removeAlias(item: YAMLMap, alias: string): void {
  const seq = item.get('aliases', true);
  if (!isSeq(seq)) return;
  seq.items = seq.items.filter((x) => scalarValue(x) !== alias);
  if (!seq.items.length) item.delete('aliases');
}

function removeEntry(doc: Document, id: string): void {
  const seq = actorsSeq(doc, false);
  if (!seq) return;
  const i = seq.items.findIndex((x) => isMap(x) && scalarValue(x.get('id', true)) === id);
  if (i < 0) return;
  const removed = seq.items[i] as Node;
  seq.items.splice(i, 1);
  // The entry after it takes over its blank line and its comment, if it had one.
  const next = seq.items[i] as Node | undefined;
  if (next && removed.commentBefore && !next.commentBefore) next.commentBefore = removed.commentBefore;
  if (i === 0 && next) next.spaceBefore = removed.spaceBefore;
}

function scalarValue(node: unknown): string | undefined {
  if (isScalar(node)) return node.value === null || node.value === undefined ? undefined : String(node.value);
  return typeof node === 'string' ? node : undefined;
}
