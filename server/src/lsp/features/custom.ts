/** Corroborate's own requests (see protocol.ts): reindex, the actor under the cursor, related quotations. */
import { docLabel, relatedQuotes } from '../../core/features/hover';
import { itemsAt } from '../../core/features/lookup';
import { rangeOf, uriOf } from '../convert';
import type { FeatureRegistration } from '../context';
import { ActorAtRequest, ReindexRequest, RelatedQuotesRequest, type ActorAtParams, type ActorAtResult, type RelatedQuote } from '../../protocol';

export const registerCustomRequests: FeatureRegistration = (ctx) => {
  ctx.connection.onRequest(ReindexRequest, async () => {
    return ctx.reindex();
  });

  ctx.connection.onRequest(ActorAtRequest, async (params: ActorAtParams): Promise<ActorAtResult | null> => {
    const c = await ctx.withOffset(params.textDocument.uri, params.position);
    if (!c) return null;
    const mention = itemsAt(c.state, c.path, c.offset).mention;
    const actor = mention && c.state.actorById.get(mention.actor);
    if (!actor) return null;
    const mentions = (c.state.mentionsByActor.get(actor.id) ?? []).map(({ doc, mention: m }) => {
      const d = c.state.documentByPath.get(doc)!;
      const lineStart = d.text.lastIndexOf('\n', m.start - 1) + 1;
      let lineEnd = d.text.indexOf('\n', m.end);
      if (lineEnd === -1) lineEnd = d.text.length;
      return { uri: uriOf(c.corpus, doc), range: rangeOf(d.lines, m.start, m.end), preview: d.text.slice(Math.max(lineStart, m.start - 60), Math.min(lineEnd, m.end + 60)).trim(), document: docLabel(d) };
    });
    return { id: actor.id, name: actor.name, kind: actor.kind, aliases: actor.aliases, mentions };
  });

  ctx.connection.onRequest(RelatedQuotesRequest, async (params: ActorAtParams): Promise<RelatedQuote[]> => {
    const c = await ctx.withOffset(params.textDocument.uri, params.position);
    if (!c) return [];
    const quote = itemsAt(c.state, c.path, c.offset).quote;
    if (!quote) return [];
    return relatedQuotes(c.state, quote.id).map(({ quote: q, link }) => {
      const d = c.state.documentByPath.get(q.doc)!;
      return { id: q.id, uri: uriOf(c.corpus, q.doc), range: rangeOf(d.lines, q.start, q.end), text: q.text, document: docLabel(d), relation: link.kind === 'manual' ? 'linked by hand' : link.relation, score: link.score };
    });
  });
};
