import type { TurnContext } from 'botbuilder';
import type { FeatureContext } from '../feature.js';
import { MEMBER_STATUS_LABELS } from '../../domain/member.js';
import { ChangeRequestError, RegistrationError } from '../../services/registration/index.js';
import { answerOnQueueCard } from './queueCardUpdate.js';
import { PENDING_TEXTS as T } from './texts.js';

/**
 * Answers a decision that no longer applies (a second click on the same card, a registration or request
 * that changed meanwhile) with the service's reason, and refreshes the card it came from; rethrows the rest.
 */
export async function answerDecisionError(ctx: FeatureContext, context: TurnContext, err: unknown): Promise<void> {
  if (err instanceof RegistrationError) {
    await answerOnQueueCard(ctx, context, T.staleRegistration(err.message, err.current ? MEMBER_STATUS_LABELS[err.current.status] : undefined));
    return;
  }
  if (err instanceof ChangeRequestError) {
    await answerOnQueueCard(ctx, context, T.staleChange(err.message));
    return;
  }
  throw err;
}
