import { CardFactory, type TurnContext } from 'botbuilder';
import type { FeatureContext } from '../../feature.js';
import type { CommandHandler } from '../../shared/adminGuard.js';
import { renderQueueCard } from '../queueCard.js';
import { PENDING_TEXTS } from '../texts.js';

export { QUEUE_LIMIT } from '../queueCard.js';

/**
 * "pendientes": the queue card of the active edition (../queueCard.ts): registrations to validate, open change
 * requests and the same vocalía registered twice in one junta (UTIGyND). Its buttons update it in place
 * (../queueCardUpdate.ts).
 */
export function pendingHandler(ctx: FeatureContext): CommandHandler {
  return async (context: TurnContext) => {
    const e = await ctx.services.editions.getActive();
    if (!e) return void (await context.sendActivity(PENDING_TEXTS.noEdition));
    const card = await renderQueueCard(ctx, e);
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
  };
}
