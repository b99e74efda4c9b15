import type { TurnContext } from 'botbuilder';
import type { FeatureContext } from '../../feature.js';
import { personKey, type Person } from '../../../domain/person.js';
import { answerDecisionError } from '../decisionError.js';
import { notifyDecision } from '../notifyDecision.js';
import { PENDING_TEXTS as T } from '../texts.js';

/** The "Descartar" button of a change request: closes it unapplied and tells her (when her registration still exists). */
export function changeDismissHandler(ctx: FeatureContext) {
  return async (context: TurnContext, payload: { requestId: string }, admin: Person): Promise<void> => {
    try {
      const r = await ctx.services.changes.dismiss(payload.requestId, personKey(admin));
      const m = await ctx.services.members.getById(r.memberId);
      if (m) await notifyDecision(ctx, m, T.notice.changeDismissed(ctx.config.supportContact));
      await context.sendActivity(T.changeDismissed(m?.nombre));
    } catch (err) {
      await answerDecisionError(context, err);
    }
  };
}
