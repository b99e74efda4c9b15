import type { TurnContext } from 'botbuilder';
import type { FeatureContext } from '../../feature.js';
import { personKey, type Person } from '../../../domain/person.js';
import { answerDecisionError } from '../decisionError.js';
import { answerOnQueueCard } from '../queueCardUpdate.js';
import { notifyDecision } from '../notifyDecision.js';
import { PENDING_TEXTS as T } from '../texts.js';

/** The "Descartar" button of a change request: closes it unapplied and tells her (when her registration still exists). */
export function changeDismissHandler(ctx: FeatureContext) {
  return async (context: TurnContext, payload: { requestId: string }, admin: Person): Promise<void> => {
    try {
      const r = await ctx.services.changes.dismiss(payload.requestId, personKey(admin));
      const m = await ctx.services.members.getById(r.memberId);
      const event = { kind: 'changeDismissed', requestId: r._id } as const;
      const sent = m ? await notifyDecision(ctx, m, event, T.notice.changeDismissed(ctx.config.supportContact)) : undefined;
      await answerOnQueueCard(ctx, context, T.changeDismissed(m?.nombre, sent ? T.noticeOutcome(sent) : ''));
    } catch (err) {
      await answerDecisionError(ctx, context, err);
    }
  };
}
