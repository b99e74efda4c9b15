import type { TurnContext } from 'botbuilder';
import { replacePressedCard } from '../shared/replaceCard.js';
import type { FeatureContext } from '../feature.js';
import { renderQueueCard } from './queueCard.js';
import { PENDING_TEXTS as T } from './texts.js';

/**
 * Answers a decision taken on the queue card (approve, reject, apply or dismiss a change, or a decision that
 * no longer applies) and updates that card in place, so decided items lose their buttons at once.
 *
 * The card is re-rendered as the queue is now, with the answer on top (shared/replaceCard.ts). Without a card id, or when the update is refused, the decision stands and the answer says
 * how to see the updated list.
 */
export async function answerOnQueueCard(ctx: FeatureContext, context: TurnContext, text: string): Promise<void> {
  const updated = await updateQueueCard(ctx, context, text);
  await context.sendActivity(updated ? text : `${text} ${T.seeUpdatedList}`);
}

async function updateQueueCard(ctx: FeatureContext, context: TurnContext, notice: string): Promise<boolean> {
  return replacePressedCard(
    context,
    async () => {
      const e = await ctx.services.editions.getActive();
      return e ? renderQueueCard(ctx, e, notice) : null;
    },
    ctx.logger,
    'pending queue card',
  );
}
