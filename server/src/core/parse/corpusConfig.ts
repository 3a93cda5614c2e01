/** `corpus.yaml`: the actor registry, the claim codebook and settings, validated with exact locations. */
import { isMap, type Node } from 'yaml';
import type { ActorKind, Problem, Span } from '../model/types';
import { parseYaml, YamlReader } from './yamlReader';

export const CONFIG_FILE = 'corpus.yaml';
export const SCHEMA_VERSION = 1;
export const ACTOR_KINDS: readonly ActorKind[] = ['person', 'organization', 'place', 'other'];

export interface RoleDecl {
  title: string;
  from?: string;
  to?: string;
}

export interface ActorDecl {
  id: string;
  name: string;
  kind: ActorKind;
  aliases: string[];
  roles: RoleDecl[];
  wikidata?: string;
  note?: string;
  /** Where the actor's `id` value sits in corpus.yaml. */
  idSpan: Span;
}

export interface TagDecl {
  id: string;
  label: string;
  description?: string;
  parent?: string;
  idSpan: Span;
}

export interface CorpusSettings {
  /** Folder (relative to the corpus root) holding annotation files. */
  annotations: string;
  /** Globs of source documents, relative to the root. */
  include: string[];
  /** Globs left out. */
  exclude: string[];
  /** Minimum score for an automatic quote link (0..1). */
  linkThreshold: number;
  /** Discover actors from the text in addition to those declared. */
  discoverActors: boolean;
}

export interface CorpusConfig {
  present: boolean;
  version: number;
  actors: ActorDecl[];
  tags: TagDecl[];
  settings: CorpusSettings;
  problems: Problem[];
}

export const DEFAULT_SETTINGS: CorpusSettings = {
  annotations: 'annotations',
  include: ['**/*.txt', '**/*.md'],
  exclude: ['**/README.md', '**/CHANGELOG.md', '**/LICENSE*', '**/node_modules/**', '**/.*/**'],
  linkThreshold: 0.5,
  discoverActors: true,
};

/** The configuration used when a corpus has no corpus.yaml. */
export function emptyConfig(): CorpusConfig {
  return { present: false, version: SCHEMA_VERSION, actors: [], tags: [], settings: { ...DEFAULT_SETTINGS }, problems: [] };
}

const ID = /^[a-z0-9][a-z0-9._-]*$/;
const WIKIDATA = /^Q[1-9]\d*$/;

/** Parses and validates corpus.yaml; invalid entries are reported and left out, never guessed. */
export function parseCorpusConfig(text: string, path = CONFIG_FILE): CorpusConfig {
  const config = emptyConfig();
  config.present = true;
  const { doc, problems } = parseYaml(path, text);
  config.problems = problems;
  if (problems.some((p) => p.severity === 'error')) return config;
  if (doc.contents === null) return config;
  const r = new YamlReader(path, 0, problems);
  const root = isMap(doc.contents) ? doc.contents : r.asMap(doc.contents, 'corpus.yaml');
  if (!root) return config;
  r.checkKeys(root, ['version', 'settings', 'actors', 'tags'], 'corpus.yaml');

  const version = r.number(root, 'version', 'corpus.yaml');
  if (version === undefined) {
    if (!r.pair(root, 'version')) r.report(root.items[0]?.key as Node, `corpus.yaml should declare 'version: ${SCHEMA_VERSION}'`, 'schema-version', 'warning');
  } else if (version !== SCHEMA_VERSION) {
    r.report(r.valueNode(root, 'version'), `unsupported schema version ${version} (this Corroborate reads version ${SCHEMA_VERSION})`, 'schema-version');
  } else config.version = version;

  const settingsNode = r.valueNode(root, 'settings');
  if (settingsNode) {
    const s = r.asMap(settingsNode, 'settings');
    if (s) readSettings(r, s, config.settings);
  }

  const seen = new Map<string, string>();
  for (const { node, index } of r.mapList(root, 'actors', 'corpus.yaml')) {
    const what = `actor ${index + 1}`;
    r.checkKeys(node, ['id', 'name', 'kind', 'aliases', 'roles', 'wikidata', 'note'], what);
    const id = r.string(node, 'id', what, true);
    const name = r.string(node, 'name', what, true);
    const kind = r.oneOf(node, 'kind', ACTOR_KINDS, what) ?? 'other';
    if (!id || !name) continue;
    const idNode = r.valueNode(node, 'id');
    if (!ID.test(id)) {
      r.report(idNode, `actor id '${id}' must be lower-case letters, digits, '.', '_' or '-'`, 'actor-id');
      continue;
    }
    if (seen.has(id)) {
      r.report(idNode, `duplicate actor id '${id}'`, 'actor-duplicate');
      continue;
    }
    seen.set(id, id);
    const roles: RoleDecl[] = [];
    for (const role of r.mapList(node, 'roles', what)) {
      const rw = `role ${role.index + 1} of actor '${id}'`;
      r.checkKeys(role.node, ['title', 'from', 'to'], rw);
      const title = r.string(role.node, 'title', rw, true);
      const from = r.date(role.node, 'from', rw);
      const to = r.date(role.node, 'to', rw);
      if (from && to && from > to) r.report(r.valueNode(role.node, 'to'), `role ends (${to}) before it starts (${from})`, 'role-dates');
      if (title) roles.push({ title, ...(from ? { from } : {}), ...(to ? { to } : {}) });
    }
    const wikidata = r.string(node, 'wikidata', what);
    if (wikidata && !WIKIDATA.test(wikidata)) r.report(r.valueNode(node, 'wikidata'), `wikidata must be an item id such as Q57336 (got '${wikidata}')`, 'actor-wikidata');
    const note = r.string(node, 'note', what);
    const [s, e] = r.rangeOf(idNode);
    config.actors.push({
      id,
      name,
      kind,
      aliases: r.stringList(node, 'aliases', what),
      roles,
      ...(wikidata && WIKIDATA.test(wikidata) ? { wikidata } : {}),
      ...(note ? { note } : {}),
      idSpan: { start: s, end: e },
    });
  }

  const tagIds = new Set<string>();
  const parents: { tag: TagDecl; node: Node | undefined }[] = [];
  for (const { node, index } of r.mapList(root, 'tags', 'corpus.yaml')) {
    const what = `tag ${index + 1}`;
    r.checkKeys(node, ['id', 'label', 'description', 'parent'], what);
    const id = r.string(node, 'id', what, true);
    if (!id) continue;
    const idNode = r.valueNode(node, 'id');
    if (!ID.test(id)) {
      r.report(idNode, `tag id '${id}' must be lower-case letters, digits, '.', '_' or '-'`, 'tag-id');
      continue;
    }
    if (tagIds.has(id)) {
      r.report(idNode, `duplicate tag id '${id}'`, 'tag-duplicate');
      continue;
    }
    tagIds.add(id);
    const [s, e] = r.rangeOf(idNode);
    const description = r.string(node, 'description', what);
    const parent = r.string(node, 'parent', what);
    const tag: TagDecl = { id, label: r.string(node, 'label', what) ?? id, ...(description ? { description } : {}), ...(parent ? { parent } : {}), idSpan: { start: s, end: e } };
    config.tags.push(tag);
    if (parent) parents.push({ tag, node: r.valueNode(node, 'parent') });
  }
  for (const { tag, node } of parents) {
    if (!tagIds.has(tag.parent!)) r.report(node, `tag '${tag.id}' has unknown parent '${tag.parent}'`, 'tag-parent');
  }
  for (const tag of config.tags) {
    const chain = new Set<string>([tag.id]);
    let p = tag.parent;
    while (p) {
      if (chain.has(p)) {
        r.report(parents.find((x) => x.tag.id === tag.id)?.node, `tag '${tag.id}' is its own ancestor (cycle through '${p}')`, 'tag-cycle');
        break;
      }
      chain.add(p);
      p = config.tags.find((t) => t.id === p)?.parent;
    }
  }
  return config;
}

function readSettings(r: YamlReader, s: import('yaml').YAMLMap, out: CorpusSettings): void {
  r.checkKeys(s, ['annotations', 'include', 'exclude', 'linkThreshold', 'discoverActors'], 'settings');
  const annotations = r.string(s, 'annotations', 'settings');
  if (annotations !== undefined) {
    const clean = annotations.replace(/\\/g, '/').replace(/^\.\/+/, '').replace(/\/+$/, '');
    if (clean.startsWith('/') || clean.split('/').includes('..')) r.report(r.valueNode(s, 'annotations'), "'annotations' must be a folder inside the corpus", 'settings-annotations');
    else out.annotations = clean;
  }
  if (r.pair(s, 'include')) out.include = r.stringList(s, 'include', 'settings');
  if (r.pair(s, 'exclude')) out.exclude = [...DEFAULT_SETTINGS.exclude, ...r.stringList(s, 'exclude', 'settings')];
  const threshold = r.number(s, 'linkThreshold', 'settings');
  if (threshold !== undefined) {
    if (threshold <= 0 || threshold > 1) r.report(r.valueNode(s, 'linkThreshold'), "'linkThreshold' must be between 0 and 1", 'settings-threshold');
    else out.linkThreshold = threshold;
  }
  const discover = r.pair(s, 'discoverActors');
  if (discover) {
    const v = (discover.value as { value?: unknown } | null)?.value;
    if (typeof v === 'boolean') out.discoverActors = v;
    else r.report(discover.value as Node, "'discoverActors' must be true or false", 'schema-type');
  }
}
