/**
 * Growing the codebook while tagging: "new tag…" and "new actor…" in Tag Claim add an entry to corpus.yaml through
 * the yaml Document API, so comments and the user's layout stay; only the lines of the new entry change.
 */
import { isMap, isScalar, isSeq, parseDocument, Document, Pair, YAMLMap, YAMLSeq } from 'yaml';
import type { CorpusState } from '../model/corpusState';
import type { ActorKind } from '../model/types';
import { CONFIG_FILE, SCHEMA_VERSION } from '../parse/corpusConfig';
import { slugify } from '../text/hash';
import { minimalChanges, type FileChanges } from '../features/registryEdits';

const PRINT = { lineWidth: 0, flowCollectionPadding: false, indentSeq: true } as const;
const ID = /^[a-z0-9][a-z0-9._-]*$/;

export type CodebookResult = { ok: true; id: string; change: FileChanges } | { ok: false; error: string };

/** Adds a tag to the corpus.yaml codebook (`configText` undefined when there is no corpus.yaml yet). */
export function addTag(state: CorpusState, configText: string | undefined, tag: { label: string; id?: string; description?: string }): CodebookResult {
  const label = tag.label.trim();
  if (!label) return { ok: false, error: 'a tag needs a label' };
  const taken = new Set(state.config.tags.map((t) => t.id));
  const id = tag.id ?? freeId(slugify(label).replace(/^actor$/, 'tag'), taken);
  if (!ID.test(id)) return { ok: false, error: `tag id '${id}' must be lower-case letters, digits, '.', '_' or '-'` };
  if (taken.has(id)) return { ok: false, error: `the codebook already has a tag '${id}'` };
  return edit(configText, 'tags', { ...(tag.description ? { description: tag.description } : {}), id, label }, id);
}

/** Declares a new actor in corpus.yaml (a speaker the text names but the corpus does not know yet). */
export function addActor(state: CorpusState, configText: string | undefined, actor: { name: string; id?: string; kind?: ActorKind }): CodebookResult {
  const name = actor.name.trim();
  if (!name) return { ok: false, error: 'an actor needs a name' };
  const taken = new Set([...state.actors.map((a) => a.id), ...state.config.actors.map((a) => a.id)]);
  const id = actor.id ?? freeId(slugify(name), taken);
  if (!ID.test(id)) return { ok: false, error: `actor id '${id}' must be lower-case letters, digits, '.', '_' or '-'` };
  if (state.config.actors.some((a) => a.id === id)) return { ok: false, error: `corpus.yaml already declares an actor '${id}'` };
  return edit(configText, 'actors', { id, kind: actor.kind ?? 'person', name }, id);
}

function freeId(base: string, taken: Set<string>): string {
  let id = base;
  for (let i = 2; taken.has(id); i++) id = `${base}-${i}`;
  return id;
}

function edit(configText: string | undefined, key: 'tags' | 'actors', entry: Record<string, string>, id: string): CodebookResult {
  if (configText === undefined || !configText.trim()) {
    const doc = new Document({ [key]: [entry], version: SCHEMA_VERSION });
    const text = doc.toString(PRINT);
    const change: FileChanges = configText === undefined ? { path: CONFIG_FILE, create: true, changes: [{ start: 0, end: 0, newText: text }] } : { path: CONFIG_FILE, changes: [{ start: 0, end: configText.length, newText: text }] };
    return { ok: true, id, change };
  }
  const doc = parseDocument(configText);
  if (doc.errors.length) return { ok: false, error: `corpus.yaml does not parse (${doc.errors[0].message.split('\n')[0]}): fix it first` };
  if (doc.contents !== null && !isMap(doc.contents)) return { ok: false, error: 'corpus.yaml is not a mapping' };
  const before = doc.toString(PRINT);
  if (doc.contents === null) doc.contents = new YAMLMap() as unknown as typeof doc.contents;
  const root = doc.contents as unknown as YAMLMap;
  let seq: unknown = root.get(key, true);
  if (seq !== undefined && !isSeq(seq) && !(isScalar(seq) && seq.value === null)) return { ok: false, error: `corpus.yaml: '${key}' is not a list` };
  if (!isSeq(seq)) {
    const fresh = new YAMLSeq();
    // Top-level keys stay in alphabetical order, like the files this project writes.
    const at = root.items.findIndex((p) => String(isScalar(p.key) ? p.key.value : p.key) > key);
    if (root.has(key)) root.set(key, fresh);
    else if (at < 0) root.items.push(new Pair(key, fresh));
    else root.items.splice(at, 0, new Pair(key, fresh));
    seq = fresh;
  }
  (seq as YAMLSeq).items.push(doc.createNode(entry));
  return { ok: true, id, change: { path: CONFIG_FILE, changes: minimalChanges(configText, before, doc.toString(PRINT)) } };
}
