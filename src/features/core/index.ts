import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { Feature, FeatureContext } from '../feature.js';
import { defineSubmitHandler } from '../../bot/submitRouter.js';
import { VERBS } from '../../cards/verbs.js';
import { welcomeHandler } from './handlers/welcome.js';
import { cancelHandler } from './handlers/cancel.js';

export interface CoreFeature extends Feature {
  /** Sends the welcome card in this turn's conversation (also on install). */
  welcome: (context: TurnContext) => Promise<void>;
}

/**
 * Core: "ayuda", "hola", "cancelar", the welcome card and the "Ver ayuda" button. Commands in
 * ./commands.ts, texts in ./texts.ts, the help card in src/bot/help.ts (it lists every feature's commands).
 */
export function createCoreFeature(ctx: FeatureContext): CoreFeature {
  const welcome = welcomeHandler(ctx);
  return {
    name: 'core',
    welcome,
    routes: [
      { commandId: 'help', handle: (context, request) => ctx.showHelp(context, request.roles) },
      { commandId: 'greeting', handle: (context) => welcome(context) },
      { commandId: 'cancel', handle: (context) => cancelHandler(context) },
    ],
    submitHandlers: [
      defineSubmitHandler({ verb: VERBS.showHelp, schema: z.object({ verb: z.literal(VERBS.showHelp) }), handle: (context) => ctx.showHelp(context) }),
    ],
  };
}
