import { z } from 'zod';
import { reminderVerdict, type ReminderWhich } from '../../domain/meetings/index.js';
import { renderMeetingInviteCard, renderMeetingNoteCard } from '../../cards/meetings.js';
import type { CardJson } from '../../cards/render.js';
import { defineJobHandler, type JobHandlerDefinition } from '../../services/jobs/index.js';
import { MEETING_NOTICE_JOB, MEETING_REMINDER_JOB, type MeetingDoc, type MeetingNoticeKind } from '../../services/meetings/index.js';
import type { FeatureContext } from '../feature.js';
import { inviteesOf, meetingName, whenIn, type Invitee } from './support.js';
import { MEETINGS_TEXTS as T } from './texts.js';

/**
 * What the meetings feature sends outside a turn, always 1:1 through the delivery engine: the invitation, a
 * change of date, a cancellation (job MEETING_NOTICE_JOB, scheduled by the service right after the change) and
 * the reminders a day and an hour before (job MEETING_REMINDER_JOB). Each card shows the time in the reader's
 * zone. Broadcast ids are derived from the meeting, its version and the reminder, so a retried job never sends
 * twice to anyone and a new version always sends.
 */
export const BROADCAST = {
  notice: (meetingId: string, what: MeetingNoticeKind, sequence: number) => `reunion-${what}:${meetingId}:${sequence}`,
  reminder: (meetingId: string, which: ReminderWhich, startsAtMs: number) => `reunion-recordatorio:${meetingId}:${which}:${startsAtMs}`,
} as const;

const durationOf = (m: MeetingDoc): string => T.duration(Math.round((m.endsAt.getTime() - m.startsAt.getTime()) / 60_000));

/** The invitation card for a reader in `zone` (also used for changes and reminders, with another text). */
export function meetingCard(m: MeetingDoc, zone: string, text: string): CardJson {
  return renderMeetingInviteCard({ title: meetingName(m), text, when: whenIn(m.startsAt, zone), duration: durationOf(m), note: T.checkInNote, url: m.link, meetingId: m._id });
}

/** One card per zone (every member of a zone gets the same card). */
function perZone(invitees: readonly Invitee[], make: (zone: string) => CardJson): (zone: string) => CardJson {
  const cards = new Map<string, CardJson>();
  for (const i of invitees) if (!cards.has(i.zone)) cards.set(i.zone, make(i.zone));
  return (zone) => cards.get(zone) ?? make(zone);
}

async function sendToInvitees(ctx: FeatureContext, m: MeetingDoc, broadcastId: string, kind: string, title: string, make: (zone: string) => CardJson): Promise<number> {
  const invitees = await inviteesOf(ctx, m);
  const card = perZone(invitees, make);
  const result = await ctx.services.notifier.notifyPeople({
    broadcastId,
    kind,
    title,
    recipients: invitees.map((i) => ({ personKey: i.member.personKey, userId: i.member.userId, name: i.member.nombre, message: { cards: [card(i.zone)] } })),
  });
  return result.enqueued;
}

/** Sends the invitation, change or cancellation of one version of a meeting (a stale version sends nothing). */
export async function sendNotice(ctx: FeatureContext, p: { meetingId: string; what: MeetingNoticeKind; sequence: number }): Promise<void> {
  const m = await ctx.services.meetings.get(p.meetingId);
  if (!m) return;
  if (m.sequence !== p.sequence) {
    ctx.logger.info({ meetingId: p.meetingId, what: p.what, sequence: p.sequence, current: m.sequence }, 'meeting notice of an older version skipped');
    return;
  }
  const name = meetingName(m);
  const broadcastId = BROADCAST.notice(m._id, p.what, m.sequence);
  if (p.what === 'cancelled') {
    await sendToInvitees(ctx, m, broadcastId, 'meeting-cancelled', T.broadcastCancelled(name), (zone) => renderMeetingNoteCard({ title: T.cancelledTitle(name), paragraphs: [T.cancelledText(whenIn(m.startsAt, zone))] }));
    return;
  }
  if (m.status === 'cancelled') return;
  const text = p.what === 'invite' ? T.inviteText(name) : T.movedText(name);
  await sendToInvitees(ctx, m, broadcastId, p.what === 'invite' ? 'meeting-invite' : 'meeting-moved', p.what === 'invite' ? T.broadcastInvite(name) : T.broadcastMoved(name), (zone) => meetingCard(m, zone, text));
}

/**
 * A reminder job: sent only when the meeting still starts when the reminder was scheduled for, is not
 * cancelled and has not started (a reminder due while the bot was down goes out late only in that case).
 */
export async function sendReminder(ctx: FeatureContext, p: { meetingId: string; which: ReminderWhich; startsAtMs: number }): Promise<void> {
  const m = await ctx.services.meetings.get(p.meetingId);
  if (!m) return;
  const verdict = reminderVerdict(m, p.which, p.startsAtMs, ctx.clock());
  if (verdict !== 'send') {
    ctx.logger.info({ meetingId: p.meetingId, which: p.which, verdict }, 'meeting reminder not sent');
    return;
  }
  const name = meetingName(m);
  await sendToInvitees(ctx, m, BROADCAST.reminder(m._id, p.which, p.startsAtMs), 'meeting-reminder', T.broadcastReminder(p.which, name), (zone) => meetingCard(m, zone, T.reminderText(p.which, name)));
}

export function meetingJobHandlers(ctx: FeatureContext): JobHandlerDefinition[] {
  return [
    defineJobHandler(MEETING_NOTICE_JOB, z.object({ meetingId: z.string().min(1).max(200), what: z.enum(['invite', 'moved', 'cancelled']), sequence: z.number().int().min(0) }), (p) => sendNotice(ctx, p)),
    defineJobHandler(MEETING_REMINDER_JOB, z.object({ meetingId: z.string().min(1).max(200), which: z.enum(['day', 'hour']), startsAtMs: z.number().int() }), (p) => sendReminder(ctx, p)),
  ];
}
