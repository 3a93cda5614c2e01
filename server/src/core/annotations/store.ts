/**
 * The annotation store: the only code that produces the text of an annotation file.
 *
 * API (pure: text in, text out; no file system):
 *
 *   editAnnotationText(oldText, source, edits, options?) → { ok: true, text, ids } | { ok: false, code, error }
 *     oldText  the current file text, or null/'' when the file does not exist yet
 *     source   corpus-relative path of the annotated document (written as `source:` in a new file)
 *     edits    one AnnotationEdit or a list, applied in order (all or nothing):
 *       { op: 'addClaim', claim: { anchor, speaker?, tags?, stance?, date?, note?, id? } }
 *       { op: 'updateClaim', id, changes: { anchor?, speaker?, tags?, stance?, date?, note? } }
 *            (a field set to null is removed; a field left out is kept)
 *       { op: 'deleteClaim', id }
 *       { op: 'addLink', link: { anchor, target: { source, anchor }, status, note?, id? } }
 *       { op: 'setLinkStatus', id, status }           status: 'confirmed' | 'rejected'
 *       { op: 'updateLink', id, changes: { anchor?, target?, status?, note? } }
 *       { op: 'removeLink', id }
 *     ids      the id of each edit's claim or link, in order (new ids for additions)
 *     code     'unparsable' (conflict markers, invalid YAML, root not a mapping: the file must not be rewritten
 *              until it parses again), 'not-found' (unknown id), 'invalid-edit' (bad input)
 *
 *   newAnnotationId('claim' | 'link', taken, random?) → 'claim-1a2b3c4d' ('link-…'), never one of `taken`
 *
 * Output is the README's format: keys sorted at every level, lists indented under their key, text fields
 * double-quoted, ids/dates/enums plain, `tags` as a flow list. Existing comments, unknown keys and the style of
 * untouched entries are kept (edits go through the `yaml` Document API), so a change shows as a small diff.
 * New claims and links are inserted in anchor order, which keeps concurrent additions on different branches
 * apart in git merges. Every result is parsed again before it is returned: the store never returns text that
 * would not parse.
 */
import { isMap, isScalar, isSeq, parseDocument, parse as parseYamlValue, Document, Pair, Scalar, YAMLMap, YAMLSeq, type Node } from 'yaml';
import { ANNOTATION_VERSION, LINK_STATUSES, STANCES, parseAnnotationFile, type Anchor, type LinkStatus, type Stance } from '../parse/annotations';
import { isIsoDate } from '../parse/yamlReader';

export interface ClaimFields {
  anchor: Anchor;
  speaker?: string;
  tags?: string[];
  stance?: Stance;
  date?: string;
  note?: string;
}

export interface LinkFields {
  anchor: Anchor;
  target: { source: string; anchor: Anchor };
  status: LinkStatus;
  note?: string;
}

/** Optional fields may be null to remove them. */
export type ClaimChanges = { anchor?: Anchor } & { [K in Exclude<keyof ClaimFields, 'anchor'>]?: ClaimFields[K] | null };
export type LinkChanges = { anchor?: Anchor; target?: LinkFields['target']; status?: LinkStatus; note?: string | null };

export type AnnotationEdit =
  | { op: 'addClaim'; claim: ClaimFields & { id?: string } }
  | { op: 'updateClaim'; id: string; changes: ClaimChanges }
  | { op: 'deleteClaim'; id: string }
  | { op: 'addLink'; link: LinkFields & { id?: string } }
  | { op: 'setLinkStatus'; id: string; status: LinkStatus }
  | { op: 'updateLink'; id: string; changes: LinkChanges }
  | { op: 'removeLink'; id: string };

export type StoreErrorCode = 'unparsable' | 'not-found' | 'invalid-edit';

export type StoreResult = { ok: true; text: string; ids: string[] } | { ok: false; code: StoreErrorCode; error: string };

export interface StoreOptions {
  /** Source of randomness for new ids (tests pass a seeded one); defaults to Math.random. */
  random?: () => number;
}

class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const TEXT_KEYS = new Set(['exact', 'prefix', 'suffix', 'note', 'label', 'description']);
// Double-quoted strings stay on one line with \n escapes: the yaml library's multi-line form of a string with a line
// holding only spaces ("\n \n") does not read back (it writes an escaped backslash where it means an escaped space).
const STRINGIFY = { indentSeq: true, lineWidth: 0, flowCollectionPadding: false, doubleQuotedMinMultiLineLength: Number.MAX_SAFE_INTEGER } as const;

/** Applies edits to an annotation file's text and returns the new text, or an error without output when the file does not parse or an edit does not apply. */
export function editAnnotationText(oldText: string | null | undefined, source: string, edits: AnnotationEdit | AnnotationEdit[], options: StoreOptions = {}): StoreResult {
  const list = Array.isArray(edits) ? edits : [edits];
  const blank = oldText === null || oldText === undefined || oldText.trim() === '';
  if (!blank) {
    const parsed = parseAnnotationFile('annotation', oldText);
    if (!parsed.valid) {
      const reason = parsed.problems.find((p) => p.severity === 'error')?.message ?? 'it does not parse';
      return { ok: false, code: 'unparsable', error: `the annotation file cannot be changed until it parses again: ${reason}` };
    }
  }
  const doc = blank ? new Document(new YAMLMap()) : parseDocument(oldText, { uniqueKeys: true });
  // A file holding only comments parses to no contents: start a mapping and keep the comments.
  if (!isMap(doc.contents)) doc.contents = new YAMLMap() as unknown as typeof doc.contents;
  const root = doc.contents as YAMLMap;
  if (!root.has('source')) root.set('source', styled(doc, 'source', source));
  if (!root.has('version')) root.set('version', styled(doc, 'version', ANNOTATION_VERSION));
  const random = options.random ?? Math.random;
  const ids: string[] = [];
  try {
    for (const edit of list) ids.push(applyEdit(doc, root, edit, random));
  } catch (e) {
    if (e instanceof StoreError) return { ok: false, code: e.code, error: e.message };
    throw e;
  }
  for (const key of ['claims', 'links']) {
    const seq = root.get(key, true);
    if (isSeq(seq) && seq.items.length === 0) root.delete(key);
  }
  keepCommentOnTop(doc, root);
  normalize(root);
  const text = escapeLineSeparators(doc.toString(STRINGIFY));
  // The output must parse and mean exactly the document built here; anything else would lose work silently.
  const check = parseAnnotationFile('annotation', text);
  if (!check.valid || JSON.stringify(parseDocument(text).toJS()) !== JSON.stringify(doc.toJS())) {
    return { ok: false, code: 'invalid-edit', error: 'the edit would produce an annotation file that does not read back as written' };
  }
  return { ok: true, text, ids };
}

/** A fresh id 'claim-' or 'link-' plus 8 hex digits that is not in `taken`. */
export function newAnnotationId(kind: 'claim' | 'link', taken: ReadonlySet<string>, random: () => number = Math.random): string {
  for (;;) {
    const hex = Math.floor(random() * 0x100000000)
      .toString(16)
      .padStart(8, '0')
      .slice(-8);
    const id = `${kind}-${hex}`;
    if (!taken.has(id)) return id;
  }
}

function applyEdit(doc: Document, root: YAMLMap, edit: AnnotationEdit, random: () => number): string {
  switch (edit.op) {
    case 'addClaim':
      return addEntry(doc, root, 'claims', checkClaim(edit.claim), edit.claim.id, random);
    case 'updateClaim':
      return updateEntry(doc, root, 'claims', edit.id, edit.changes, (m) => checkClaim(m as unknown as ClaimFields));
    case 'deleteClaim':
      removeEntry(root, 'claims', edit.id);
      return edit.id;
    case 'addLink':
      return addEntry(doc, root, 'links', checkLink(edit.link), edit.link.id, random);
    case 'setLinkStatus':
      return applyEdit(doc, root, { op: 'updateLink', id: edit.id, changes: { status: edit.status } }, random);
    case 'updateLink':
      return updateEntry(doc, root, 'links', edit.id, edit.changes, (m) => checkLink(m as unknown as LinkFields));
    case 'removeLink':
      removeEntry(root, 'links', edit.id);
      return edit.id;
    default:
      throw new StoreError('invalid-edit', `unknown edit ${(edit as { op: unknown }).op}`);
  }
}

/** Adds a checked claim or link under a fresh id (or the given one, if free), in anchor order. */
function addEntry(doc: Document, root: YAMLMap, key: 'claims' | 'links', fields: { anchor: Anchor }, given: string | undefined, random: () => number): string {
  const id = given ?? newAnnotationId(key === 'claims' ? 'claim' : 'link', takenIds(root), random);
  if (takenIds(root).has(id)) throw new StoreError('invalid-edit', `id '${id}' is already used in this file`);
  insertByAnchor(doc, root, key, { ...fields, id }, fields.anchor.start);
  return id;
}

/** Changes fields of a claim or link after checking the entry as it would be afterwards. */
function updateEntry(doc: Document, root: YAMLMap, key: 'claims' | 'links', id: string, changes: object, check: (merged: Record<string, unknown>) => object): string {
  const node = findEntry(root, key, id);
  const fields = check(merged(node, changes)) as Record<string, unknown>;
  setFields(doc, node, changes, fields);
  return id;
}

function checkAnchor(anchor: Anchor | undefined, what: string): Anchor {
  if (!anchor || typeof anchor.exact !== 'string' || anchor.exact === '') throw new StoreError('invalid-edit', `${what} needs an anchor with non-empty 'exact'`);
  const { start, end } = anchor;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start) throw new StoreError('invalid-edit', `${what}: anchor start and end must be whole numbers with 0 <= start <= end`);
  return { exact: anchor.exact, prefix: anchor.prefix ?? '', suffix: anchor.suffix ?? '', start, end };
}

function checkClaim(claim: ClaimFields): ClaimFields {
  const out: ClaimFields = { anchor: checkAnchor(claim.anchor, 'a claim') };
  if (claim.speaker !== undefined && claim.speaker !== null) {
    if (typeof claim.speaker !== 'string' || claim.speaker.trim() === '') throw new StoreError('invalid-edit', 'speaker must be a non-empty actor id');
    out.speaker = claim.speaker;
  }
  if (claim.tags !== undefined && claim.tags !== null) {
    if (!Array.isArray(claim.tags) || claim.tags.some((t) => typeof t !== 'string' || t.trim() === '')) throw new StoreError('invalid-edit', 'tags must be a list of tag ids');
    out.tags = [...new Set(claim.tags)];
  } else out.tags = [];
  if (claim.stance !== undefined && claim.stance !== null) {
    if (!STANCES.includes(claim.stance)) throw new StoreError('invalid-edit', `stance must be one of ${STANCES.join(', ')}`);
    out.stance = claim.stance;
  }
  if (claim.date !== undefined && claim.date !== null) {
    if (typeof claim.date !== 'string' || !isIsoDate(claim.date)) throw new StoreError('invalid-edit', `date must be YYYY-MM-DD, not '${String(claim.date)}'`);
    out.date = claim.date;
  }
  // Notes are read back trimmed, so they are written trimmed.
  if (claim.note !== undefined && claim.note !== null && String(claim.note).trim() !== '') out.note = String(claim.note).trim();
  return out;
}

function checkLink(link: LinkFields): LinkFields {
  if (!LINK_STATUSES.includes(link.status)) throw new StoreError('invalid-edit', `status must be one of ${LINK_STATUSES.join(', ')}`);
  if (!link.target || typeof link.target.source !== 'string' || link.target.source === '') throw new StoreError('invalid-edit', "a link needs a target with 'source'");
  const out: LinkFields = { anchor: checkAnchor(link.anchor, 'a link'), target: { source: link.target.source, anchor: checkAnchor(link.target.anchor, 'the link target') }, status: link.status };
  if (link.note !== undefined && link.note !== null && String(link.note).trim() !== '') out.note = String(link.note).trim();
  return out;
}

/** The entry's current values with the changes applied (null removes), to validate before anything is written. */
function merged(node: YAMLMap, changes: object): Record<string, unknown> {
  const out = { ...(node.toJSON() as Record<string, unknown>) };
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) delete out[key];
    else if (value !== undefined) out[key] = value;
  }
  return out;
}

/** Writes the changed keys only, with their validated values; untouched keys keep their node and style. */
function setFields(doc: Document, node: YAMLMap, changes: object, fields: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) continue;
    const next = fields[key];
    if (value === null || next === undefined) node.delete(key);
    else node.set(key, styled(doc, key, next));
  }
}

function entries(root: YAMLMap, key: string): YAMLSeq {
  const seq = root.get(key, true);
  if (isSeq(seq)) return seq;
  if (seq !== undefined && !(isScalar(seq) && seq.value === null)) throw new StoreError('invalid-edit', `'${key}' must be a list to be edited`);
  const fresh = new YAMLSeq();
  root.set(key, fresh);
  return fresh;
}

function idOf(item: unknown): string | undefined {
  if (!isMap(item)) return undefined;
  const id = item.get('id');
  return typeof id === 'string' ? id : undefined;
}

function takenIds(root: YAMLMap): Set<string> {
  const ids = new Set<string>();
  for (const key of ['claims', 'links']) {
    const seq = root.get(key, true);
    if (isSeq(seq)) for (const item of seq.items) {
      const id = idOf(item);
      if (id) ids.add(id);
    }
  }
  return ids;
}

function findEntry(root: YAMLMap, key: string, id: string): YAMLMap {
  const seq = root.get(key, true);
  const found = isSeq(seq) ? seq.items.find((item) => idOf(item) === id) : undefined;
  if (!isMap(found)) throw new StoreError('not-found', `no ${key === 'claims' ? 'claim' : 'link'} with id '${id}' in this file`);
  return found;
}

function removeEntry(root: YAMLMap, key: string, id: string): void {
  findEntry(root, key, id);
  const seq = root.get(key, true) as unknown as YAMLSeq;
  seq.items = seq.items.filter((item) => idOf(item) !== id);
}

function anchorStart(item: unknown): number {
  if (!isMap(item)) return Infinity;
  const anchor = item.get('anchor');
  const start = isMap(anchor) ? anchor.get('start') : undefined;
  return typeof start === 'number' ? start : Infinity;
}

function insertByAnchor(doc: Document, root: YAMLMap, key: string, value: object, start: number): void {
  const seq = entries(root, key);
  const node = styled(doc, '', value) as YAMLMap;
  const at = seq.items.findIndex((item) => anchorStart(item) > start);
  if (at === -1) seq.items.push(node);
  else seq.items.splice(at, 0, node);
}

/** Builds a node in the README's style: text fields double-quoted, ids and dates plain, string lists in flow style. */
function styled(doc: Document, key: string, value: unknown): Node {
  if (Array.isArray(value)) {
    const seq = new YAMLSeq();
    seq.items = value.map((v) => styled(doc, key, v));
    if (value.every((v) => typeof v === 'string' || typeof v === 'number')) seq.flow = true;
    return seq;
  }
  if (value !== null && typeof value === 'object') {
    const map = new YAMLMap();
    for (const k of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[k];
      if (v !== undefined) map.items.push(new Pair(plainScalar(k), styled(doc, k, v)));
    }
    return map;
  }
  if (typeof value === 'string') {
    if (TEXT_KEYS.has(key) || !safePlain(value)) {
      const s = new Scalar(value);
      s.type = Scalar.QUOTE_DOUBLE;
      return s;
    }
    return plainScalar(value);
  }
  return doc.createNode(value) as Node;
}

function plainScalar(value: string): Scalar {
  const s = new Scalar(value);
  s.type = Scalar.PLAIN;
  return s;
}

const PLAIN_CANDIDATE = /^[A-Za-z0-9][A-Za-z0-9._/-]*$/;

/** True when the string reads back as the same string without quotes (so 'null', '1e3' or 'true' get quoted). */
function safePlain(value: string): boolean {
  if (!PLAIN_CANDIDATE.test(value)) return false;
  try {
    return parseYamlValue(value) === value;
  } catch {
    return false;
  }
}

/**
 * Sorts map keys at every level, so files written by hand and by the store look alike and merge cleanly; strings
 * holding Unicode line separators are double-quoted so that they can be escaped (raw, a reader folds them).
 */
function normalize(node: unknown): void {
  if (isMap(node)) {
    // Code-unit order, not locale order: the same on every machine.
    node.items.sort((a, b) => (keyText(a.key) < keyText(b.key) ? -1 : keyText(a.key) > keyText(b.key) ? 1 : 0));
    for (const p of node.items) normalize(p.value);
  } else if (isSeq(node)) for (const item of node.items) normalize(item);
  else if (isScalar(node) && typeof node.value === 'string' && LINE_SEPARATORS.test(node.value)) node.type = Scalar.QUOTE_DOUBLE;
}

const LINE_SEPARATORS = /[\u0085\u2028\u2029]/;
const ESCAPES: Record<string, string> = { '\u0085': '\\N', '\u2028': '\\L', '\u2029': '\\P' };

/** Only double-quoted scalars can hold these characters after normalize(), where YAML's escapes keep them intact. */
function escapeLineSeparators(text: string): string {
  return LINE_SEPARATORS.test(text) ? text.replace(/[\u0085\u2028\u2029]/g, (c) => ESCAPES[c]) : text;
}

/** A comment at the very top describes the file: keep it there rather than let it travel with the first key. */
function keepCommentOnTop(doc: Document, root: YAMLMap): void {
  const first = root.items[0]?.key;
  if (!isScalar(first) || !first.commentBefore) return;
  doc.commentBefore = doc.commentBefore ? `${doc.commentBefore}\n${first.commentBefore}` : first.commentBefore;
  first.commentBefore = undefined;
}

function keyText(key: unknown): string {
  return isScalar(key) ? String(key.value) : String(key);
}
