/** YAML front matter of a source document: `---` on the first line, YAML, then `---` (or `...`) alone on a line. */
import type { Problem, Span } from '../model/types';
import { isIsoDate, parseYaml, YamlReader } from './yamlReader';
import { isMap } from 'yaml';

export interface DocumentMeta {
  title: string | null;
  outlet: string | null;
  published: string | null;
  url: string | null;
  author: string | null;
  language: string | null;
}

export interface FrontMatter {
  /** Span of the whole block including both fences; null when the document has none. */
  block: Span | null;
  /** Span of the YAML between the fences. */
  yaml: Span | null;
  /** Offset where the article body starts. */
  bodyStart: number;
  meta: Partial<DocumentMeta>;
  /** Where each field's value sits, for hovers and quick fixes. */
  fieldSpans: Partial<Record<keyof DocumentMeta, Span>>;
  problems: Problem[];
}

export const META_KEYS = ['title', 'outlet', 'published', 'url', 'author', 'language'] as const;

const OPEN = /^---[ \t]*\r?\n/;
const CLOSE = /^(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/m;

/** Splits off and validates front matter; a malformed block is reported and its fields ignored. */
export function parseFrontMatter(path: string, text: string): FrontMatter {
  const open = OPEN.exec(text);
  if (!open) return { block: null, yaml: null, bodyStart: 0, meta: {}, fieldSpans: {}, problems: [] };
  const yamlStart = open[0].length;
  CLOSE.lastIndex = 0;
  const rest = text.slice(yamlStart);
  const close = CLOSE.exec(rest);
  if (!close) {
    return {
      block: null,
      yaml: null,
      bodyStart: 0,
      meta: {},
      fieldSpans: {},
      problems: [{ path, severity: 'error', code: 'front-matter-unclosed', message: "front matter opened with '---' is never closed by a '---' line; it is treated as text", start: 0, end: 3 }],
    };
  }
  const yamlEnd = yamlStart + close.index;
  const blockEnd = yamlEnd + close[0].length;
  const simple = parseFlatFrontMatter(text, yamlStart, yamlEnd);
  if (simple) return { block: { start: 0, end: blockEnd }, yaml: { start: yamlStart, end: yamlEnd }, bodyStart: blockEnd, ...simple, problems: [] };
  const problems: Problem[] = [];
  const { doc, problems: syntax } = parseYaml(path, text.slice(yamlStart, yamlEnd), yamlStart);
  problems.push(...syntax);
  const meta: Partial<DocumentMeta> = {};
  const fieldSpans: Partial<Record<keyof DocumentMeta, Span>> = {};
  if (syntax.every((p) => p.severity !== 'error') && doc.contents !== null) {
    const reader = new YamlReader(path, yamlStart, problems);
    const map = isMap(doc.contents) ? doc.contents : reader.asMap(doc.contents, 'front matter');
    if (map) {
      for (const key of META_KEYS) {
        const value = key === 'published' ? readPublished(reader, map) : reader.string(map, key, 'front matter');
        if (value !== undefined) {
          meta[key] = value;
          const [start, end] = reader.rangeOf(reader.valueNode(map, key));
          fieldSpans[key] = { start, end };
        }
      }
    }
  }
  return { block: { start: 0, end: blockEnd }, yaml: { start: yamlStart, end: yamlEnd }, bodyStart: blockEnd, meta, fieldSpans, problems };
}

/** A date or a timestamp ("2020-07-22T09:30:00Z"); group 1 is the calendar date. */
const PUBLISHED = /^(\d{4}-\d{2}-\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** Accepts a date or a timestamp ("2020-07-22T09:30:00Z"); keeps the calendar date. */
function readPublished(reader: YamlReader, map: import('yaml').YAMLMap): string | undefined {
  const raw = reader.string(map, 'published', 'front matter');
  if (raw === undefined) return undefined;
  const m = PUBLISHED.exec(raw);
  if (!m || !isIsoDate(m[1])) {
    reader.report(reader.valueNode(map, 'published'), `'published' must be an ISO date such as 2022-11-29 (got '${raw}')`, 'front-matter-date');
    return undefined;
  }
  return m[1];
}

// `key: value` with a plain or double-quoted value that YAML reads as a string, and nothing else on the line.
const FLAT_LINE = /^(title|outlet|published|url|author|language):[ \t]+(?:"((?:[^"\\\n])*)"|([^\s"'#&*!|>%@`{}[\],?:-][^\n#]*?|-[^\s\n#][^\n#]*?))[ \t]*\r?$/;
const NOT_A_STRING = /^(?:[-+]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?|0x[\da-f]+|0o[0-7]+|true|false|null|yes|no|on|off|~|\.inf|\.nan)$/i;

/**
 * Fast path for the common case: every line a known key with a simple string value. Most corpora are thousands of
 * such headers; anything else (comments, lists, escapes, numbers, duplicates) goes through the YAML parser.
 */
function parseFlatFrontMatter(text: string, start: number, end: number): Pick<FrontMatter, 'meta' | 'fieldSpans'> | null {
  const meta: Partial<DocumentMeta> = {};
  const fieldSpans: Partial<Record<keyof DocumentMeta, Span>> = {};
  let pos = start;
  while (pos < end) {
    let eol = text.indexOf('\n', pos);
    if (eol === -1 || eol > end) eol = end;
    const line = text.slice(pos, eol);
    const m = FLAT_LINE.exec(line);
    if (m) {
      const key = m[1] as keyof DocumentMeta;
      if (key in meta) return null;
      const quoted = m[2] !== undefined;
      const value = quoted ? m[2] : m[3].trimEnd();
      if (!quoted && (NOT_A_STRING.test(value) || value.includes(': '))) return null;
      // The value starts after the key, its colon and the spaces or tabs FLAT_LINE requires there.
      let valueStart = pos + key.length + 1;
      for (let c = text.charCodeAt(valueStart); c === 32 || c === 9; c = text.charCodeAt(valueStart)) valueStart++;
      const valueEnd = valueStart + value.length + (quoted ? 2 : 0);
      if (key === 'published') {
        const d = PUBLISHED.exec(value);
        if (!d || !isIsoDate(d[1])) return null;
        meta.published = d[1];
      } else if (value.trim() !== '') meta[key] = value.trim();
      fieldSpans[key] = { start: valueStart, end: valueEnd };
    } else if (line.trim() !== '') return null;
    pos = eol + 1;
  }
  return { meta, fieldSpans };
}
