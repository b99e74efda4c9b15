import { parseProgram } from '../../../domain/meetings/index.js';
import { zoneLabel } from '../../../domain/time.js';
import type { FeatureContext } from '../../feature.js';
import { inviteesOf, meetingName, whenIn } from '../support.js';
import { MEETINGS_TEXTS as T } from '../texts.js';
import type { MeetingTurn } from './turn.js';

/** "reunion programar nacional apertura|cierre <fecha> <hora> <liga>" / "reunion programar regional <1-5> …". */
export async function programCommand(ctx: FeatureContext, t: MeetingTurn): Promise<void> {
  const parsed = parseProgram(t.words, t.zone, ctx.clock());
  if (!parsed.ok) {
    ctx.logger.info({ error: parsed.error }, 'meeting program refused');
    await t.context.sendActivity(parsed.message ?? T.inputErrors[parsed.error]);
    return;
  }
  const meeting = await ctx.services.meetings.schedule(t.editionId, parsed.value, t.actor);
  const invited = (await inviteesOf(ctx, meeting)).length;
  await t.context.sendActivity(T.scheduled(meeting.number, meetingName(meeting), whenIn(meeting.startsAt, t.zone), invited, T.zoneNote(zoneLabel(t.zone))));
}
