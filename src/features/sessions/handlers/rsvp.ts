import { CardFactory, type TurnContext } from 'botbuilder';
import { z } from 'zod';
import { answerWithCard, isCardActionInvoke } from '../../../bot/submitRouter.js';
import { VERBS } from '../../../cards/verbs.js';
import { personKey } from '../../../domain/person.js';
import { isSessionError } from '../../../services/sessions/index.js';
import { conversationKindOf, personOf } from '../../../teams/activity.js';
import type { FeatureContext } from '../../feature.js';
import { zoneOfMember } from '../support.js';
import { SESSION_ERRORS, SESSIONS_TEXTS as T } from '../texts.js';
import { sessionCard } from '../views.js';

const sessionId = z.string().min(1).max(300);
export const rsvpSchema = z.object({ verb: z.literal(VERBS.sessionRsvp), sessionId, answer: z.enum(['yes', 'no']) });
export const checkInSchema = z.object({ verb: z.literal(VERBS.sessionCheckIn), sessionId });

/**
 * "Asistiré" / "No podré asistir" (Action.Execute): the answer of the activity's person (never a field of the
 * card), then the card comes back refreshed with the counts — in her zone and with her answer in her personal
 * chat; in the group's space, the counts only (everyone sees that card). A cancelled session's card comes back
 * as cancelled (a stale card cannot answer). Refusals are answered in Spanish and change nothing.
 */
export function rsvpSubmitHandler(ctx: FeatureContext) {
  return async (context: TurnContext, p: z.infer<typeof rsvpSchema>): Promise<void> => {
    const who = personKey(personOf(context.activity));
    const personal = conversationKindOf(context.activity) === 'personal';
    try {
      const { session, changed, counts } = await ctx.services.sessions.rsvp(p.sessionId, who, p.answer);
      const zone = personal ? await zoneOfMember(ctx, session.editionId, await ctx.services.members.get(session.editionId, who)) : undefined;
      const card = sessionCard(session, { ...(zone ? { zone } : {}), counts, ...(personal ? { mine: p.answer } : {}), now: ctx.clock() });
      if (!changed) ctx.logger.info({ sessionId: p.sessionId }, 'duplicate session rsvp ignored');
      if (answerWithCard(context, card)) return;
      // A client that sent the button as a plain submit: update the card it was pressed on, then answer in text.
      await replaceCard(ctx, context, card);
      await context.sendActivity(p.answer === 'yes' ? T.rsvpYes(session.number) : T.rsvpNo(session.number));
    } catch (err) {
      if (!isSessionError(err)) throw err;
      ctx.logger.info({ sessionId: p.sessionId, code: err.code }, 'session rsvp refused');
      if (err.code === 'cancelled' || err.code === 'started') {
        const s = await ctx.services.sessions.get(p.sessionId);
        if (s && isCardActionInvoke(context)) answerWithCard(context, sessionCard(s, { counts: await ctx.services.sessions.countsOf(s), now: ctx.clock() }));
      }
      await context.sendActivity(SESSION_ERRORS[err.code]);
    }
  };
}

async function replaceCard(ctx: FeatureContext, context: TurnContext, card: Record<string, unknown>): Promise<void> {
  const id = context.activity.replyToId;
  if (typeof id !== 'string' || id === '') return;
  try {
    await context.updateActivity({ id, type: 'message', attachments: [CardFactory.adaptiveCard(card)] });
  } catch (err) {
    ctx.logger.warn({ cardId: id, error: err instanceof Error ? err.message : String(err) }, 'session card not updated in place');
  }
}

/** "Estoy presente": self check-in during the session window, by a member of the session's group. */
export function checkInSubmitHandler(ctx: FeatureContext) {
  return async (context: TurnContext, p: z.infer<typeof checkInSchema>): Promise<void> => {
    const who = personKey(personOf(context.activity));
    try {
      const { session, already } = await ctx.services.sessions.checkIn(p.sessionId, who);
      await context.sendActivity(already ? T.alreadyCheckedIn(session.number) : T.checkedIn(session.number));
    } catch (err) {
      if (!isSessionError(err)) throw err;
      ctx.logger.info({ sessionId: p.sessionId, code: err.code }, 'session check-in refused');
      await context.sendActivity(SESSION_ERRORS[err.code]);
    }
  };
}
