import type { TurnContext } from 'botbuilder';
import type { FeatureContext } from '../../feature.js';
import { personKey, type Person } from '../../../domain/person.js';
import { answerDecisionError } from '../decisionError.js';
import { answerOnQueueCard } from '../queueCardUpdate.js';
import { notifyDecision } from '../notifyDecision.js';
import { PENDING_TEXTS as T } from '../texts.js';

/** The "Aplicar cambios" button of a change request: applies it and tells her (pending again if it needs revalidation). */
export function changeApplyHandler(ctx: FeatureContext) {
  return async (context: TurnContext, payload: { requestId: string }, admin: Person): Promise<void> => {
    try {
      const { request, result } = await ctx.services.changes.apply(payload.requestId, personKey(admin));
      const m = result.member;
      const event = { kind: 'changeApplied', requestId: request._id } as const;
      const sent = await notifyDecision(ctx, m, event, result.revalidation ? T.notice.changeAppliedRevalidate : T.notice.changeApplied);
      await answerOnQueueCard(ctx, context, T.changeApplied(m.nombre, T.noticeOutcome(sent)));
    } catch (err) {
      await answerDecisionError(ctx, context, err);
    }
  };
}
