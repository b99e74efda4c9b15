import type { TurnContext } from 'botbuilder';
import type { FeatureContext } from '../../feature.js';
import { personKey, type Person } from '../../../domain/person.js';
import { answerDecisionError } from '../decisionError.js';
import { answerOnQueueCard } from '../queueCardUpdate.js';
import { notifyDecision } from '../notifyDecision.js';
import { PENDING_TEXTS as T } from '../texts.js';

/** The card's payload: the reason is typed in the input named by `reasonId` ("motivo_<n>"). */
export interface RejectPayload {
  memberId: string;
  reasonId: string;
  [field: string]: unknown;
}

/** The "Rechazar" button of the pending queue: a reason is required; it is sent to her. */
export function rejectHandler(ctx: FeatureContext) {
  return async (context: TurnContext, payload: RejectPayload, admin: Person): Promise<void> => {
    const reason = payload[payload.reasonId];
    if (typeof reason !== 'string' || reason.trim().length < 3) {
      await context.sendActivity(T.rejectNeedsReason);
      return;
    }
    try {
      const m = await ctx.services.members.reject(payload.memberId, reason, personKey(admin));
      const sent = await notifyDecision(ctx, m, { kind: 'rejected' }, T.notice.rejected(m.statusReason ?? '', ctx.config.supportContact));
      await answerOnQueueCard(ctx, context, T.rejected(m.nombre, T.noticeOutcome(sent, 'reason')));
    } catch (err) {
      await answerDecisionError(ctx, context, err);
    }
  };
}
