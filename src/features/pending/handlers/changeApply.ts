import type { TurnContext } from 'botbuilder';
import type { FeatureContext } from '../../feature.js';
import { personKey, type Person } from '../../../domain/person.js';
import { answerDecisionError } from '../decisionError.js';
import { notifyDecision } from '../notifyDecision.js';
import { PENDING_TEXTS as T } from '../texts.js';

/** The "Aplicar cambios" button of a change request: applies it and tells her (pending again if it needs revalidation). */
export function changeApplyHandler(ctx: FeatureContext) {
  return async (context: TurnContext, payload: { requestId: string }, admin: Person): Promise<void> => {
    try {
      const { result } = await ctx.services.changes.apply(payload.requestId, personKey(admin));
      const m = result.member;
      await notifyDecision(ctx, m, result.revalidation ? T.notice.changeAppliedRevalidate : T.notice.changeApplied);
      await context.sendActivity(T.changeApplied(m.nombre));
    } catch (err) {
      await answerDecisionError(context, err);
    }
  };
}
