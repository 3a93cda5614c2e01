/**
 * The one code-action handler: a connection takes a single onCodeAction handler, so every feature that offers code
 * actions adds its provider to CODE_ACTION_PROVIDERS instead of registering its own.
 */
import type { CodeAction, CodeActionParams } from 'vscode-languageserver/node';
import type { FeatureRegistration, ServerContext } from '../context';
import { dateCodeActions } from './dateActions';
import { claimCodeActions } from './claims';
import { actorCodeActions } from './actors';

export type CodeActionProvider = (ctx: ServerContext, params: CodeActionParams) => Promise<CodeAction[]>;

export const CODE_ACTION_PROVIDERS: CodeActionProvider[] = [dateCodeActions, actorCodeActions, claimCodeActions];

export const registerCodeActions: FeatureRegistration = (ctx) => {
  ctx.connection.onCodeAction(async (params) => {
    const actions = await Promise.all(CODE_ACTION_PROVIDERS.map((provide) => provide(ctx, params)));
    return actions.flat();
  });
};
