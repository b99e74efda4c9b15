import { ActivityTypes, type ConversationState, type TurnContext } from 'botbuilder';
import type { Logger } from '../logger.js';
import type { ActivityDedup } from '../services/activityDedup.js';
import { DEDUP_KEY } from './middleware.js';
import { BOT_TEXTS } from './texts.js';

/**
 * Last-resort turn error handler: logs the ids and the error, answers kindly in Spanish (never a stack
 * trace), clears the conversation state so the person is not stuck in a broken dialog, and releases the
 * de-duplication claim so a Teams retry of this activity can run again.
 */
export function createTurnErrorHandler(deps: { logger: Logger; conversationState: ConversationState; dedup: ActivityDedup }) {
  return async (context: TurnContext, error: Error): Promise<void> => {
    const a = context.activity;
    deps.logger.error(
      { err: error, activityId: a.id, activityType: a.type, conversationId: a.conversation?.id, userId: a.from?.id, channelId: a.channelId },
      'unhandled error in turn',
    );
    try {
      if (a.type === ActivityTypes.Message || a.type === ActivityTypes.Invoke) {
        await context.sendActivity(
          BOT_TEXTS.turnError,
        );
      }
    } catch (sendError) {
      deps.logger.error({ err: sendError, activityId: a.id }, 'could not send the error message');
    }
    try {
      await deps.conversationState.delete(context);
    } catch (stateError) {
      deps.logger.error({ err: stateError, activityId: a.id }, 'could not clear conversation state');
    }
    const claim = context.turnState.get(DEDUP_KEY) as string | undefined;
    if (claim) await deps.dedup.release(claim).catch((e: unknown) => deps.logger.error({ err: e }, 'could not release dedup claim'));
  };
}
