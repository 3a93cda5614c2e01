/** Definition, references and highlights: thin translations of the core's navigation. */
import { definitionAt, highlightsAt, referencesAt } from '../../core/features/navigation';
import { rangeOf, toLspLocation } from '../convert';
import type { FeatureRegistration } from '../context';

export const registerNavigation: FeatureRegistration = (ctx) => {
  ctx.connection.onDefinition(async ({ textDocument, position }) => {
    const c = await ctx.withOffset(textDocument.uri, position);
    if (!c) return null;
    return definitionAt(c.state, c.path, c.offset).map((l) => toLspLocation(c.corpus, l)).filter((l) => l !== undefined);
  });

  ctx.connection.onReferences(async ({ textDocument, position, context }) => {
    const c = await ctx.withOffset(textDocument.uri, position);
    if (!c) return null;
    return referencesAt(c.state, c.path, c.offset, context.includeDeclaration).map((l) => toLspLocation(c.corpus, l)).filter((l) => l !== undefined);
  });

  ctx.connection.onDocumentHighlight(async ({ textDocument, position }) => {
    const c = await ctx.withOffset(textDocument.uri, position);
    if (!c) return null;
    const lines = c.state.documentByPath.get(c.path)!.lines;
    return highlightsAt(c.state, c.path, c.offset).map((l) => ({ range: rangeOf(lines, l.start, l.end) }));
  });
};
