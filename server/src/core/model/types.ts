/** Plain data shared by every part of the engine. Offsets are UTF-16 code units into the file text as stored. */

export interface Span {
  start: number;
  end: number;
}

export type ActorKind = 'person' | 'organization' | 'place' | 'other';

export type Severity = 'error' | 'warning' | 'information';

/** A problem found in a corpus file, located by offsets into that file. */
export interface Problem extends Span {
  /** Corpus-relative path, forward slashes. */
  path: string;
  severity: Severity;
  message: string;
  code: string;
}

/** A date expression resolved to a TIMEX3 value ("2022", "2022-11", "2022-11-29", "2022-W48", "2020-SP"). */
export interface DateMatch extends Span {
  text: string;
  value: string;
  /** How the value was obtained, shown in hovers: "absolute" needs no reference date. */
  kind: 'absolute' | 'relative';
  /** The reference date a relative expression was resolved against (YYYY-MM-DD), if any. */
  reference?: string;
  /** A short human explanation, e.g. "Tuesday before publication on 2020-07-23". */
  explanation: string;
  /** Set when the reference is not the publication date but the own date of a quoted or translated source: the expression that gave it. */
  referenceFrom?: Span & { text: string };
}

/** A quotation: the span is its words without the quotation marks. */
export interface QuoteMatch extends Span {
  text: string;
  /** Offsets of the opening mark and just after the closing mark (or the end of the text run when unclosed). */
  outerStart: number;
  outerEnd: number;
  /** "statement" is a quoted utterance; "term" is a scare quote or a short quoted term. */
  kind: 'statement' | 'term';
  /** False when the opening mark was never closed and the quote ran to the paragraph end. */
  closed: boolean;
  /** Number of paragraphs the quotation spans (1 for most). */
  paragraphs: number;
}

/** A span of text naming who said something. */
export interface SpeakerMatch extends Span {
  text: string;
  /** The cue that bound it: "said", "according-to", "colon", "pronoun", "headline", "continued", ... */
  via: string;
  /** Where the speaker is mentioned next to the quotation when that differs from the span: the pronoun ("he")
   * of a pronoun-resolved speaker, kept on the quotations that continue it. Optional. */
  mention?: Span;
}

/** A capitalised name found in a text, before it is resolved to an actor. */
export interface NameMatch extends Span {
  text: string;
  /** A normalised key for matching ("ali khamenei"). */
  key: string;
  /** Kind hint from context (title before it, gazetteer), if any. */
  kind?: ActorKind;
  /** Title seen directly before the name ("Prime Minister"), if any. */
  title?: string;
  /** Capitalised only by position (sentence start, headline): may join a known actor but never founds one. */
  weak?: boolean;
  /** An ALL-CAPS run of words ("AL-SUDANI MET KHAMENEI"), always weak: only stretches spelling known names become mentions. */
  caps?: true;
}
