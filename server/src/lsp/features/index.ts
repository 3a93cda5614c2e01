/** Every feature module of the server, registered in this order. */
import type { FeatureRegistration } from '../context';
import { registerCompletion } from './completion';
import { registerCustomRequests } from './custom';
import { registerFolding } from './folding';
import { registerHover } from './hover';
import { registerNavigation } from './navigation';
import { registerSemanticTokens } from './semanticTokens';
import { registerSymbols } from './symbols';
import { registerClaims } from './claims';
import { registerTimeline } from './timeline';
import { registerCodeActions } from './codeActions';
import { registerQuotes } from './quotes';
import { registerActors } from './actors';
import { registerFilesWritten } from './filesWritten';

export const FEATURES: FeatureRegistration[] = [registerHover, registerNavigation, registerSymbols, registerFolding, registerSemanticTokens, registerCompletion, registerCustomRequests, registerTimeline, registerCodeActions, registerQuotes, registerActors, registerClaims, registerFilesWritten];
