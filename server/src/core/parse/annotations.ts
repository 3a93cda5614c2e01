/** Standoff annotation files: one YAML file per source document, never touching the source text. */
import { isMap, type Node, type YAMLMap } from 'yaml';
import type { Problem, Span } from '../model/types';
import { parseYaml, YamlReader } from './yamlReader';

/** W3C Web Annotation TextQuoteSelector + TextPositionSelector in one. */
export interface Anchor {
  exact: string;
  prefix: string;
  suffix: string;
  start: number;
  end: number;
}

export const STANCES = ['asserts', 'denies', 'questions', 'neutral'] as const;
export type Stance = (typeof STANCES)[number];

export interface Claim {
  id: string;
  anchor: Anchor;
  speaker?: string;
  tags: string[];
  stance?: Stance;
  date?: string;
  note?: string;
  /** Where the claim sits in the annotation file, and where its speaker/tags values are (for diagnostics). */
  span: Span;
  speakerSpan?: Span;
  tagSpans: Span[];
  anchorSpan: Span;
}

export const LINK_STATUSES = ['confirmed', 'rejected'] as const;
export type LinkStatus = (typeof LINK_STATUSES)[number];

/** A link made or rejected by hand between a quotation in this document and one in another (or the same) document. */
export interface ManualLink {
  id: string;
  anchor: Anchor;
  target: { source: string; anchor: Anchor };
  status: LinkStatus;
  note?: string;
  span: Span;
}

export interface AnnotationFile {
  path: string;
  /** The source document this file annotates, corpus-relative. */
  source: string | null;
  claims: Claim[];
  links: ManualLink[];
  /** False when the file does not parse: it must not be rewritten until it does. */
  valid: boolean;
  problems: Problem[];
}

export const ANNOTATION_VERSION = 1;
const ID = /^[a-z]+-[0-9a-z]+$/;
const CONFLICT = /^(<<<<<<<|=======|>>>>>>>)( |$)/m;

/** Parses an annotation file; a file with conflict markers or syntax errors is reported and marked invalid. */
export function parseAnnotationFile(path: string, text: string): AnnotationFile {
  const file: AnnotationFile = { path, source: null, claims: [], links: [], valid: false, problems: [] };
  const conflict = CONFLICT.exec(text);
  if (conflict) {
    file.problems.push({ path, severity: 'error', code: 'annotation-conflict', message: 'unresolved git conflict markers: resolve them; this file will not be rewritten until it parses again', start: conflict.index, end: conflict.index + conflict[0].length });
    return file;
  }
  const { doc, problems } = parseYaml(path, text);
  file.problems = problems;
  if (problems.some((p) => p.severity === 'error')) return file;
  const r = new YamlReader(path, 0, problems);
  if (doc.contents === null) {
    r.report(null, 'empty annotation file', 'annotation-empty', 'warning');
    file.valid = true;
    return file;
  }
  const root = isMap(doc.contents) ? doc.contents : r.asMap(doc.contents, 'annotation file');
  if (!root) return file;
  file.valid = true;
  r.checkKeys(root, ['version', 'source', 'claims', 'links'], 'annotation file');
  const version = r.number(root, 'version', 'annotation file');
  if (version !== undefined && version !== ANNOTATION_VERSION) r.report(r.valueNode(root, 'version'), `unsupported annotation version ${version} (expected ${ANNOTATION_VERSION})`, 'schema-version');
  file.source = r.string(root, 'source', 'annotation file', true) ?? null;

  const ids = new Set<string>();
  const uniqueId = (node: YAMLMap, what: string): string | undefined => {
    const id = r.string(node, 'id', what, true);
    if (!id) return undefined;
    if (!ID.test(id)) r.report(r.valueNode(node, 'id'), `id '${id}' must look like 'claim-1a2b3c4d'`, 'annotation-id', 'warning');
    if (ids.has(id)) {
      r.report(r.valueNode(node, 'id'), `duplicate id '${id}'`, 'annotation-duplicate');
      return undefined;
    }
    ids.add(id);
    return id;
  };

  for (const { node, index } of r.mapList(root, 'claims', 'annotation file')) {
    const what = `claim ${index + 1}`;
    r.checkKeys(node, ['id', 'anchor', 'speaker', 'tags', 'stance', 'date', 'note', 'created', 'modified'], what);
    const id = uniqueId(node, what);
    const anchorNode = r.valueNode(node, 'anchor');
    const anchor = readAnchor(r, node, what);
    const speakerNode = r.valueNode(node, 'speaker');
    const tagsNode = r.valueNode(node, 'tags');
    const stance = r.oneOf(node, 'stance', STANCES, what);
    const date = r.date(node, 'date', what);
    const note = r.string(node, 'note', what);
    const speaker = r.string(node, 'speaker', what);
    const tags = r.stringList(node, 'tags', what);
    const tagSpans = tagItemSpans(r, tagsNode, tags.length);
    if (!id || !anchor) continue;
    file.claims.push({
      id,
      anchor,
      tags,
      ...(speaker ? { speaker, speakerSpan: span(r, speakerNode) } : {}),
      ...(stance ? { stance } : {}),
      ...(date ? { date } : {}),
      ...(note ? { note } : {}),
      span: span(r, node),
      tagSpans,
      anchorSpan: span(r, anchorNode),
    });
  }

  for (const { node, index } of r.mapList(root, 'links', 'annotation file')) {
    const what = `link ${index + 1}`;
    r.checkKeys(node, ['id', 'anchor', 'target', 'status', 'note', 'created'], what);
    const id = uniqueId(node, what);
    const anchor = readAnchor(r, node, what);
    const status = r.oneOf(node, 'status', LINK_STATUSES, what, true);
    const targetNode = r.valueNode(node, 'target');
    let target: ManualLink['target'] | undefined;
    if (targetNode === undefined) r.report(node, `${what} needs 'target'`, 'schema-required');
    else {
      const t = r.asMap(targetNode, `'target' of ${what}`);
      if (t) {
        r.checkKeys(t, ['source', 'anchor'], `target of ${what}`);
        const source = r.string(t, 'source', `target of ${what}`, true);
        const ta = readAnchor(r, t, `target of ${what}`);
        if (source && ta) target = { source, anchor: ta };
      }
    }
    const note = r.string(node, 'note', what);
    if (id && anchor && status && target) file.links.push({ id, anchor, target, status, ...(note ? { note } : {}), span: span(r, node) });
  }
  return file;
}

function readAnchor(r: YamlReader, parent: YAMLMap, what: string): Anchor | undefined {
  const node = r.valueNode(parent, 'anchor');
  if (node === undefined) {
    r.report(parent, `${what} needs 'anchor'`, 'schema-required');
    return undefined;
  }
  const m = r.asMap(node, `'anchor' of ${what}`);
  if (!m) return undefined;
  const aw = `anchor of ${what}`;
  r.checkKeys(m, ['exact', 'prefix', 'suffix', 'start', 'end'], aw);
  const exactPair = r.pair(m, 'exact');
  const exact = exactPair && isScalarString(exactPair.value) ? String((exactPair.value as { value: unknown }).value) : r.string(m, 'exact', aw, true);
  const start = r.number(m, 'start', aw, true);
  const end = r.number(m, 'end', aw, true);
  if (exact === undefined || exact === '' || start === undefined || end === undefined) return undefined;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start) {
    r.report(m, `${aw}: start and end must be whole numbers with 0 <= start <= end`, 'anchor-range');
    return undefined;
  }
  return { exact, prefix: rawString(r, m, 'prefix'), suffix: rawString(r, m, 'suffix'), start, end };
}

/** Prefix/suffix keep their whitespace: trimming would break matching. */
function rawString(r: YamlReader, m: YAMLMap, key: string): string {
  const p = r.pair(m, key);
  if (!p || p.value === null) return '';
  const v = (p.value as { value?: unknown }).value;
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  if (v === null || v === undefined) return '';
  r.report(p.value as Node, `'${key}' must be a string`, 'schema-type');
  return '';
}

function isScalarString(v: unknown): boolean {
  return typeof v === 'object' && v !== null && 'value' in v && typeof (v as { value: unknown }).value === 'string';
}

function span(r: YamlReader, node: Node | YAMLMap | undefined): Span {
  const [start, end] = r.rangeOf(node);
  return { start, end };
}

function tagItemSpans(r: YamlReader, node: Node | undefined, count: number): Span[] {
  const items = node && 'items' in node ? ((node as unknown as { items: Node[] }).items ?? []) : node ? [node] : [];
  return Array.from({ length: count }, (_, i) => span(r, items[i] ?? node));
}

/** Path of the annotation file for a source document: `<annotations folder>/<source path>.yaml`. */
export function annotationPathFor(source: string, annotationsFolder: string): string {
  return `${annotationsFolder}/${source}.yaml`;
}
