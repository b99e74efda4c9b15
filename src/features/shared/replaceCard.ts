import { CardFactory, type TurnContext } from 'botbuilder';
import type { CardJson } from '../../cards/render.js';
import type { Logger } from '../../logger.js';

/**
 * Replaces the card a person pressed with `card` (votes, answers, decisions: the card shows the new state and
 * its buttons cannot be used again).
 *
 * In Teams, an Action.Submit arrives as a message whose `replyToId` is the id of the card's activity, and the
 * bot may replace its own activity (updateActivity, PUT /v3/conversations/{id}/activities/{activityId}); the
 * Agents Playground's connector implements the same call. Returns false when there is no card id or the update
 * was refused (logged with `what`): the caller then answers with text instead. `card` may be a function, so
 * nothing is rendered when there is no card to replace.
 */
export async function replacePressedCard(context: TurnContext, card: CardJson | (() => Promise<CardJson | null>), logger: Logger, what: string): Promise<boolean> {
  const cardId = context.activity.replyToId;
  if (typeof cardId !== 'string' || cardId === '') return false;
  try {
    const content = typeof card === 'function' ? await card() : card;
    if (!content) return false;
    await context.updateActivity({ id: cardId, type: 'message', attachments: [CardFactory.adaptiveCard(content)] });
    return true;
  } catch (err) {
    logger.warn({ cardId, what, error: err instanceof Error ? err.message : String(err) }, 'card not updated in place');
    return false;
  }
}
