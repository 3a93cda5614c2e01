/** The corpus timeline: days with documents published and statements made on them (dating rules in eventDates.ts). */
import type { CorpusState } from '../model/corpusState';
import { weekdayOf } from '../recognize/dates';
import { datedEvents, describeEventDate, type DatedEvent } from './eventDates';

export interface TimelineDay {
  day: string;
  weekday: string;
  documents: number;
  quotations: number;
  claims: number;
}

export interface TimelineEvent extends DatedEvent {
  /** How the event was dated, in words. */
  why: string;
}

/** Every day with at least one event, oldest first, with counts by kind. */
export function timelineDays(state: CorpusState): TimelineDay[] {
  const out: TimelineDay[] = [];
  for (const [day, events] of datedEvents(state).byDay) {
    const t: TimelineDay = { day, weekday: weekdayOf(day) ?? '', documents: 0, quotations: 0, claims: 0 };
    for (const e of events) {
      if (e.kind === 'document') t.documents++;
      else if (e.kind === 'quotation') t.quotations++;
      else t.claims++;
    }
    out.push(t);
  }
  return out;
}

/** The events of one day: documents first, then quotations and claims, by document and place. */
export function timelineEvents(state: CorpusState, day: string): TimelineEvent[] {
  return (datedEvents(state).byDay.get(day) ?? []).map((e) => ({ ...e, why: describeEventDate(e) }));
}
