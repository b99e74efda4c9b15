import type { TurnContext } from 'botbuilder';
import { personKey } from '../../../domain/person.js';
import { personOf } from '../../../teams/activity.js';
import type { FeatureContext } from '../../feature.js';
import { meetingName, withMeetingErrors } from '../support.js';
import { MEETINGS_TEXTS as T } from '../texts.js';

/**
 * "Estoy presente" on an invitation or reminder card. Who she is comes from the activity, never from the card;
 * the service checks she is invited (a validated member; regional: of that circunscripción), the window (from
 * 15 minutes before the start to the end) and records her attendance once.
 */
export function checkInHandler(ctx: FeatureContext): (context: TurnContext, payload: { meetingId: string }) => Promise<void> {
  return async (context, p) => {
    const key = personKey(personOf(context.activity));
    const meeting = await ctx.services.meetings.get(p.meetingId);
    if (!meeting) {
      ctx.logger.warn({ meetingId: p.meetingId.slice(0, 200) }, 'check-in for an unknown meeting');
      await context.sendActivity(T.badCard);
      return;
    }
    await withMeetingErrors(ctx, context, async () => {
      const { recorded } = await ctx.services.meetings.checkIn(meeting._id, key);
      await context.sendActivity(recorded ? T.checkedIn(meetingName(meeting)) : T.alreadyCheckedIn(meetingName(meeting)));
    });
  };
}
