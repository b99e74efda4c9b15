import { CardFactory, type TurnContext } from 'botbuilder';
import type { FeatureContext } from '../feature.js';
import { renderQueueCard } from './queueCard.js';
import { PENDING_TEXTS as T } from './texts.js';

/**
 * Answers a decision taken on the queue card (approve, reject, apply or dismiss a change, or a decision that
 * no longer applies) and updates that card in place, so decided items lose their buttons at once.
 *
 * In Teams, an Action.Submit arrives as a message whose `replyToId` is the id of the card's activity, and the
 * bot may replace its own activity (updateActivity, PUT /v3/conversations/{id}/activities/{activityId}); the
 * Agents Playground's connector implements the same call. The card is re-rendered as the queue is now, with
 * the answer on top. Without a card id, or when the update is refused, the decision stands and the answer says
 * how to see the updated list.
 */
export async function answerOnQueueCard(ctx: FeatureContext, context: TurnContext, text: string): Promise<void> {
  const updated = await updateQueueCard(ctx, context, text);
  await context.sendActivity(updated ? text : `${text} ${T.seeUpdatedList}`);
}

async function updateQueueCard(ctx: FeatureContext, context: TurnContext, notice: string): Promise<boolean> {
  const cardId = context.activity.replyToId;
  if (typeof cardId !== 'string' || cardId === '') return false;
  try {
    const e = await ctx.services.editions.getActive();
    if (!e) return false;
    const card = await renderQueueCard(ctx, e, notice);
    await context.updateActivity({ id: cardId, type: 'message', attachments: [CardFactory.adaptiveCard(card)] });
    return true;
  } catch (err) {
    ctx.logger.warn({ cardId, error: err instanceof Error ? err.message : String(err) }, 'pending queue card not updated in place');
    return false;
  }
}
