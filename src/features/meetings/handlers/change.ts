import { parseMeetingNumber, parseStart } from '../../../domain/meetings/index.js';
import { zoneLabel } from '../../../domain/time.js';
import type { FeatureContext } from '../../feature.js';
import { meetingName, whenIn } from '../support.js';
import { MEETINGS_TEXTS as T } from '../texts.js';
import type { MeetingTurn } from './turn.js';

async function meetingOf(ctx: FeatureContext, t: MeetingTurn): Promise<string | undefined> {
  const n = parseMeetingNumber(t.words[0]);
  if (n === undefined) {
    await t.context.sendActivity(T.inputErrors.number);
    return undefined;
  }
  const meeting = await ctx.services.meetings.byNumber(t.editionId, n);
  if (!meeting) {
    await t.context.sendActivity(T.errors.notFound);
    return undefined;
  }
  return meeting._id;
}

/** "reunion mover N <fecha> <hora>": same duration, new start; reminders rescheduled, invitees told. */
export async function moveCommand(ctx: FeatureContext, t: MeetingTurn): Promise<void> {
  const id = await meetingOf(ctx, t);
  if (!id) return;
  if (t.words.length !== 3) {
    await t.context.sendActivity(T.usage);
    return;
  }
  const start = parseStart(t.words[1], t.words[2], t.zone, ctx.clock());
  if (!start.ok) {
    await t.context.sendActivity(start.message ?? T.inputErrors[start.error]);
    return;
  }
  const m = await ctx.services.meetings.move(id, start.value, t.actor);
  await t.context.sendActivity(T.moved(m.number, meetingName(m), whenIn(m.startsAt, t.zone), T.zoneNote(zoneLabel(t.zone))));
}

/** "reunion cancelar N": reminders cancelled, invitees told. */
export async function cancelCommand(ctx: FeatureContext, t: MeetingTurn): Promise<void> {
  const id = await meetingOf(ctx, t);
  if (!id) return;
  if (t.words.length !== 1) {
    await t.context.sendActivity(T.usage);
    return;
  }
  const m = await ctx.services.meetings.cancel(id, t.actor);
  await t.context.sendActivity(T.cancelled(m.number, meetingName(m)));
}

/** "reunion lista": the edition's meetings with their attendance. */
export async function listCommand(ctx: FeatureContext, t: MeetingTurn): Promise<void> {
  const meetings = await ctx.services.meetings.list(t.editionId);
  if (meetings.length === 0) {
    await t.context.sendActivity(T.listEmpty);
    return;
  }
  const lines = await Promise.all(
    meetings.map(async (m) => T.listLine(m.number, meetingName(m), whenIn(m.startsAt, t.zone), m.status === 'cancelled', await ctx.services.meetings.attendanceCount(m._id))),
  );
  await t.context.sendActivity([T.listTitle, ...lines].join('\n'));
}
