/**
 * The quick fix for relative dates left unresolved: give the document a `published` date in its front matter.
 *
 * Which date to propose: the dateline's date when one was inferred; else the latest full date the text states
 * (an article is published on or after the days it reports, so this is the best lower bound the text offers,
 * and the user is asked to check it); else a `YYYY-MM-DD` placeholder. The placeholder is not a valid date on
 * purpose: until the user types the real one, the front matter reports it, so no relative date is silently
 * resolved against a guess.
 */
import type { SourceDocument } from '../model/document';
import { META_KEYS } from '../parse/frontMatter';
import { isDayValue } from '../recognize/dateValues';

export interface PublishedFix {
  title: string;
  /** Replace text[start, end) with newText. */
  start: number;
  end: number;
  newText: string;
  /** Where the proposed value sits inside newText (editors with snippets select it for typing over). */
  valueStart: number;
  valueEnd: number;
  value: string;
  proposal: 'dateline' | 'latest-date' | 'placeholder';
}

export const PUBLISHED_PLACEHOLDER = 'YYYY-MM-DD';

/** The edit adding or correcting `published` in a document's front matter (creating front matter when there is none); null when it has a valid one or its front matter is broken. */
export function publishedFix(doc: SourceDocument): PublishedFix | null {
  if (doc.publishedSource === 'front-matter') return null;
  const text = doc.text;
  const fm = doc.frontMatter;
  // An unclosed block is reported on its own; another block in front of it would make things worse.
  if (!fm.block && /^---[ \t]*\r?\n/.test(text)) return null;
  const { value, proposal } = proposeDate(doc);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const line = `published: ${value}`;
  const why = proposal === 'dateline' ? ' (the dateline’s date)' : proposal === 'latest-date' ? ' (latest date in the text: check it)' : ' (type the date)';
  const title = `Add \`published: ${value}\` to the front matter${why}`;

  if (!fm.block || !fm.yaml) return build(title, 0, 0, `---${eol}`, line, `${eol}---${eol}`, value, proposal);
  const yaml = fm.yaml;
  const lines = topLevelLines(text, yaml.start, yaml.end);
  const existing = lines.find((l) => l.key === 'published');
  if (existing) return build(title, existing.start, existing.end, '', line, '', value, proposal);
  // Keep the documented key order: before the first key that comes after `published`.
  const later = new Set(META_KEYS.slice(META_KEYS.indexOf('published') + 1));
  const next = lines.find((l) => later.has(l.key as (typeof META_KEYS)[number]));
  const at = next ? next.start : yaml.end;
  const needsBreak = at > 0 && text.charCodeAt(at - 1) !== 10;
  return build(title, at, at, needsBreak ? eol : '', line, eol, value, proposal);
}

function build(title: string, start: number, end: number, before: string, line: string, after: string, value: string, proposal: PublishedFix['proposal']): PublishedFix {
  const valueStart = before.length + line.length - value.length;
  return { title, start, end, newText: before + line + after, valueStart, valueEnd: valueStart + value.length, value, proposal };
}

function proposeDate(doc: SourceDocument): { value: string; proposal: PublishedFix['proposal'] } {
  if (doc.publishedSource === 'dateline' && doc.meta.published) return { value: doc.meta.published, proposal: 'dateline' };
  let latest = '';
  for (const d of doc.dates) if (d.kind === 'absolute' && isDayValue(d.value) && d.value > latest) latest = d.value;
  return latest ? { value: latest, proposal: 'latest-date' } : { value: PUBLISHED_PLACEHOLDER, proposal: 'placeholder' };
}

/** Lines of the YAML that start a top-level key: key name and the line's span (without its line break). */
function topLevelLines(text: string, from: number, to: number): { key: string; start: number; end: number }[] {
  const out: { key: string; start: number; end: number }[] = [];
  let pos = from;
  while (pos < to) {
    let end = text.indexOf('\n', pos);
    if (end < 0 || end > to) end = to;
    const m = /^([A-Za-z_][\w-]*)[ \t]*:/.exec(text.slice(pos, end));
    if (m) out.push({ key: m[1], start: pos, end: text.charCodeAt(end - 1) === 13 ? end - 1 : end });
    pos = end + 1;
  }
  return out;
}
