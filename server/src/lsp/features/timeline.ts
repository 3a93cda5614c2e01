/** The timeline request: days across every corpus, and the events of one day with their places. */
import { docLabel } from '../../core/features/hover';
import { timelineDays, timelineEvents } from '../../core/features/timeline';
import { rangeOf, uriOf } from '../convert';
import type { FeatureRegistration } from '../context';
import { TimelineRequest, type TimelineDayInfo, type TimelineEventInfo, type TimelineParams, type TimelineResult } from '../../protocol';

export const registerTimeline: FeatureRegistration = (ctx) => {
  ctx.connection.onRequest(TimelineRequest, async (params: TimelineParams | undefined): Promise<TimelineResult> => {
    await ctx.ready();
    const byDay = new Map<string, TimelineDayInfo>();
    const events: TimelineEventInfo[] = [];
    for (const corpus of ctx.corpora.corpora) {
      await corpus.engine.settled();
      const state = corpus.engine.getState();
      for (const d of timelineDays(state)) {
        if (params?.day && d.day !== params.day) continue;
        const sum = byDay.get(d.day);
        if (sum) {
          sum.documents += d.documents;
          sum.quotations += d.quotations;
          sum.claims += d.claims;
        } else byDay.set(d.day, { ...d });
      }
      if (!params?.day) continue;
      for (const e of timelineEvents(state, params.day)) {
        const doc = state.documentByPath.get(e.path);
        if (!doc) continue;
        events.push({ kind: e.kind, uri: uriOf(corpus, e.path), range: rangeOf(doc.lines, e.start, e.end), label: e.label, detail: e.detail, document: docLabel(doc), why: e.why });
      }
    }
    const days = [...byDay.values()].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
    return params?.day ? { days, events } : { days };
  });
};
