import type { TurnContext } from 'botbuilder';
import { MEMBER_STATUS_LABELS } from '../../domain/member.js';
import { ChangeRequestError, RegistrationError } from '../../services/registration/index.js';
import { PENDING_TEXTS as T } from './texts.js';

/**
 * Answers a decision that no longer applies (a second click on the same card, a registration or request
 * that changed meanwhile) with the service's reason and where to see the current list; rethrows the rest.
 */
export async function answerDecisionError(context: TurnContext, err: unknown): Promise<void> {
  if (err instanceof RegistrationError) {
    await context.sendActivity(T.staleRegistration(err.message, err.current ? MEMBER_STATUS_LABELS[err.current.status] : undefined));
    return;
  }
  if (err instanceof ChangeRequestError) {
    await context.sendActivity(T.staleChange(err.message));
    return;
  }
  throw err;
}
