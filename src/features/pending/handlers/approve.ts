import type { TurnContext } from 'botbuilder';
import type { FeatureContext } from '../../feature.js';
import { personKey, type Person } from '../../../domain/person.js';
import { upcomingStages } from '../../../domain/registration.js';
import { calendarLines } from '../../shared/calendarText.js';
import { answerDecisionError } from '../decisionError.js';
import { answerOnQueueCard } from '../queueCardUpdate.js';
import { notifyDecision } from '../notifyDecision.js';
import { PENDING_TEXTS as T } from '../texts.js';

/** The "Aprobar" button of the pending queue: validates the registration and tells her, with the next dates. */
export function approveHandler(ctx: FeatureContext) {
  return async (context: TurnContext, payload: { memberId: string }, admin: Person): Promise<void> => {
    const s = ctx.services;
    try {
      const m = await s.members.approve(payload.memberId, personKey(admin));
      const e = await s.editions.get(m.editionId);
      const upcoming = e ? upcomingStages(e.calendar, ctx.clock()) : [];
      const lines = calendarLines(upcoming);
      const sent = await notifyDecision(ctx, m, { kind: 'approved' }, T.notice.approved(e?.nombre ?? T.notice.defaultNetworkName, lines));
      await answerOnQueueCard(ctx, context, T.approved(m.nombre, T.noticeOutcome(sent)));
    } catch (err) {
      await answerDecisionError(ctx, context, err);
    }
  };
}
