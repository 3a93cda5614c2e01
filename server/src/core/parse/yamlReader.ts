/** Reading user-owned YAML with exact locations: every problem points at the node that caused it. */
import { isMap, isScalar, isSeq, parseDocument, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import type { Problem, Severity } from '../model/types';
import { monthLength } from '../text/calendar';

export interface ParsedYaml {
  doc: Document.Parsed;
  problems: Problem[];
}

/** Parses YAML text that starts at `base` in the file at `path`; syntax errors become problems with offsets. */
export function parseYaml(path: string, text: string, base = 0): ParsedYaml {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true, keepSourceTokens: false });
  const problems: Problem[] = [];
  for (const e of doc.errors) {
    problems.push({ path, severity: 'error', code: 'yaml-syntax', message: firstLine(e.message), start: base + e.pos[0], end: base + Math.max(e.pos[1], e.pos[0] + 1) });
  }
  for (const w of doc.warnings) {
    problems.push({ path, severity: 'warning', code: 'yaml-warning', message: firstLine(w.message), start: base + w.pos[0], end: base + Math.max(w.pos[1], w.pos[0] + 1) });
  }
  return { doc, problems };
}

function firstLine(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** True for a real calendar date written YYYY-MM-DD (proleptic Gregorian, the year as written). */
export function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  // Arithmetic rather than a Date round trip: this runs for every document's front matter.
  const year = digits(value, 0, 4);
  const month = digits(value, 5, 2);
  const day = digits(value, 8, 2);
  return day <= monthLength(year, month);
}

function digits(s: string, at: number, n: number): number {
  let v = 0;
  for (let i = at; i < at + n; i++) v = v * 10 + s.charCodeAt(i) - 48;
  return v;
}

/** Typed field access over a parsed YAML map that records a located problem for every mismatch. */
export class YamlReader {
  constructor(
    readonly path: string,
    readonly base: number,
    readonly problems: Problem[],
  ) {}

  report(node: Node | Pair | null | undefined, message: string, code: string, severity: Severity = 'error'): void {
    const [start, end] = this.rangeOf(node);
    this.problems.push({ path: this.path, severity, code, message, start, end });
  }

  rangeOf(node: Node | Pair | null | undefined): [number, number] {
    const target = node && 'key' in node && !('range' in node) ? (node.key as Node | null) : (node as Node | null | undefined);
    const range = target?.range;
    if (!range) return [this.base, this.base + 1];
    return [this.base + range[0], this.base + Math.max(range[1], range[0] + 1)];
  }

  /** The map itself, or a problem if the node is something else. */
  asMap(node: unknown, what: string): YAMLMap | undefined {
    if (isMap(node)) return node;
    this.report(node as Node, `${what} must be a mapping`, 'schema-type');
    return undefined;
  }

  pair(map: YAMLMap, key: string): Pair | undefined {
    return map.items.find((p) => isScalar(p.key) && p.key.value === key) as Pair | undefined;
  }

  /** Flags keys that are not part of the schema (typos lose data silently otherwise). */
  checkKeys(map: YAMLMap, allowed: readonly string[], what: string): void {
    for (const p of map.items) {
      const key = isScalar(p.key) ? String(p.key.value) : undefined;
      if (key === undefined || !allowed.includes(key)) {
        this.report(p.key as Node, `unknown key ${key === undefined ? '' : `'${key}' `}in ${what} (expected one of: ${allowed.join(', ')})`, 'schema-key', 'warning');
      }
    }
  }

  string(map: YAMLMap, key: string, what: string, required = false): string | undefined {
    const p = this.pair(map, key);
    if (!p || p.value === null || (isScalar(p.value) && p.value.value === null)) {
      if (required) this.report(p ?? map, `${what} needs '${key}'`, 'schema-required');
      return undefined;
    }
    if (isScalar(p.value) && (typeof p.value.value === 'string' || typeof p.value.value === 'number')) {
      const v = String(p.value.value).trim();
      if (v === '' && required) this.report(p.value, `'${key}' of ${what} must not be empty`, 'schema-required');
      return v === '' ? undefined : v;
    }
    this.report(p.value as Node, `'${key}' of ${what} must be a string`, 'schema-type');
    return undefined;
  }

  number(map: YAMLMap, key: string, what: string, required = false): number | undefined {
    const p = this.pair(map, key);
    if (!p) {
      if (required) this.report(map, `${what} needs '${key}'`, 'schema-required');
      return undefined;
    }
    if (isScalar(p.value) && typeof p.value.value === 'number' && Number.isFinite(p.value.value)) return p.value.value;
    this.report((p.value as Node) ?? p, `'${key}' of ${what} must be a number`, 'schema-type');
    return undefined;
  }

  date(map: YAMLMap, key: string, what: string, required = false): string | undefined {
    const v = this.string(map, key, what, required);
    if (v === undefined) return undefined;
    if (!isIsoDate(v)) {
      this.report(this.pair(map, key)?.value as Node, `'${key}' of ${what} must be a date written YYYY-MM-DD (got '${v}')`, 'schema-date');
      return undefined;
    }
    return v;
  }

  oneOf<T extends string>(map: YAMLMap, key: string, values: readonly T[], what: string, required = false): T | undefined {
    const v = this.string(map, key, what, required);
    if (v === undefined) return undefined;
    if (!(values as readonly string[]).includes(v)) {
      this.report(this.pair(map, key)?.value as Node, `'${key}' of ${what} must be one of ${values.join(', ')} (got '${v}')`, 'schema-enum');
      return undefined;
    }
    return v as T;
  }

  /** A list of strings; a single string is accepted as a list of one. */
  stringList(map: YAMLMap, key: string, what: string): string[] {
    const p = this.pair(map, key);
    if (!p || p.value === null) return [];
    if (isScalar(p.value) && typeof p.value.value === 'string') return [p.value.value];
    if (!isSeq(p.value)) {
      this.report(p.value as Node, `'${key}' of ${what} must be a list of strings`, 'schema-type');
      return [];
    }
    const out: string[] = [];
    for (const item of p.value.items) {
      if (isScalar(item) && (typeof item.value === 'string' || typeof item.value === 'number')) out.push(String(item.value));
      else this.report(item as Node, `items of '${key}' in ${what} must be strings`, 'schema-type');
    }
    return out;
  }

  /** Items of a list of mappings, with the list node for locating problems. */
  mapList(map: YAMLMap, key: string, what: string): { node: YAMLMap; index: number }[] {
    const p = this.pair(map, key);
    if (!p || p.value === null || (isScalar(p.value) && p.value.value === null)) return [];
    if (!isSeq(p.value)) {
      this.report(p.value as Node, `'${key}' in ${what} must be a list`, 'schema-type');
      return [];
    }
    const out: { node: YAMLMap; index: number }[] = [];
    p.value.items.forEach((item, index) => {
      const m = this.asMap(item, `item ${index + 1} of '${key}'`);
      if (m) out.push({ node: m, index });
    });
    return out;
  }

  valueNode(map: YAMLMap, key: string): Node | undefined {
    return (this.pair(map, key)?.value as Node | undefined) ?? undefined;
  }
}
