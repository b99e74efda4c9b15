import { z } from 'zod';
import type { OutgoingMessage } from '../../domain/conversationRef.js';
import { reminderRecipients } from '../../domain/sessions/index.js';
import type { MemberRecord } from '../../domain/member.js';
import { defineJobHandler, type JobHandlerDefinition } from '../../services/jobs/index.js';
import { SESSION_REMINDER_JOB, type MinutesDoc, type SessionDoc } from '../../services/sessions/index.js';
import type { FeatureContext } from '../feature.js';
import { groupMembers, zoneOfMember } from './support.js';
import { offsetText, SESSIONS_TEXTS as T } from './texts.js';
import { minutesView, sessionCard, spaceWhen, whenIn } from './views.js';

/**
 * What the sessions feature sends outside the current turn: the session card (new, moved, cancelled) in the
 * group's space and 1:1 to every member with the time in HER zone, the reminders (durable jobs) and the
 * minutes. Broadcast ids derive from the session, its version and the event, so a retried job or a second
 * press never sends twice and every change sends once.
 */
export const BROADCAST = {
  members: (sessionId: string, version: number) => `sesion:${sessionId}:v${version}`,
  space: (sessionId: string, version: number, conversationId: string) => `sesion-espacio:${sessionId}:v${version}:${conversationId}`,
  reminder: (sessionId: string, version: number, offset: number) => `sesion-recordatorio:${sessionId}:v${version}:${offset}`,
  reminderSpace: (sessionId: string, version: number, offset: number, conversationId: string) => `sesion-recordatorio-espacio:${sessionId}:v${version}:${offset}:${conversationId}`,
  minutes: (sessionId: string, revision: number, conversationId: string) => `sesion-minuta:${sessionId}:r${revision}:${conversationId}`,
} as const;

const formatBefore = (before: SessionDoc, zone: string): string => whenIn(before, zone);
const spaceBefore = (before: SessionDoc): string => spaceWhen(before);

/** Builds each distinct card once: members who share a zone (and an answer) get the same card. */
function memo<A extends unknown[], T>(make: (...args: A) => T): (...args: A) => T {
  const made = new Map<string, T>();
  return (...args) => {
    const key = args.join('\u0000');
    let v = made.get(key);
    if (v === undefined) {
      v = make(...args);
      made.set(key, v);
    }
    return v;
  };
}

export type SessionEvent = { kind: 'new' } | { kind: 'moved'; before: SessionDoc } | { kind: 'cancelled' };

/** Posts in the group's linked space; false when the group has none. */
async function postInSpace(ctx: FeatureContext, s: SessionDoc, broadcastId: (conversationId: string) => string, kind: string, title: string, message: OutgoingMessage): Promise<boolean> {
  const space = await ctx.services.groups.spaceOf(s.editionId, s.group);
  if (!space) return false;
  await ctx.services.notifier.notifyConversation({ broadcastId: broadcastId(space.ref.conversation.id), kind, title, ref: space.ref, message });
  return true;
}

async function zonesOf(ctx: FeatureContext, editionId: string, members: readonly MemberRecord[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const m of members) out.set(m.personKey, await zoneOfMember(ctx, editionId, m));
  return out;
}

/**
 * A session was scheduled, moved or cancelled: the card goes to the space and 1:1 to each member (her zone).
 * Returns whether the group has a space and how many members were told.
 */
export async function announceSession(ctx: FeatureContext, s: SessionDoc, event: SessionEvent): Promise<{ space: boolean; members: number }> {
  const now = ctx.clock();
  const members = await groupMembers(ctx, s.editionId, s.group);
  const zones = await zonesOf(ctx, s.editionId, members);
  const counts = await ctx.services.sessions.countsOf(s);
  const notice = (zone: string | undefined): string =>
    event.kind === 'moved' ? T.noticeMoved(zone ? formatBefore(event.before, zone) : spaceBefore(event.before)) : event.kind === 'cancelled' ? T.noticeCancelled : '';
  const title = event.kind === 'new' ? T.broadcastNew(s.group) : event.kind === 'moved' ? T.broadcastMoved(s.group) : T.broadcastCancelled(s.group);
  const kind = `session-${event.kind}`;
  const space = await postInSpace(ctx, s, (c) => BROADCAST.space(s._id, s.version, c), kind, title, { cards: [sessionCard(s, { counts, notice: notice(undefined), now })] });
  const cardIn = memo((zone: string) => sessionCard(s, { zone, counts, notice: notice(zone), now }));
  await ctx.services.notifier.notifyPeople({
    broadcastId: BROADCAST.members(s._id, s.version),
    kind,
    title,
    recipients: members.map((m) => ({ personKey: m.personKey, userId: m.userId, name: m.nombre, message: { cards: [cardIn(zones.get(m.personKey)!)] } })),
  });
  return { space, members: members.length };
}


/** The minutes, posted in the space (a new post per revision). */
export async function postMinutes(ctx: FeatureContext, s: SessionDoc, m: MinutesDoc): Promise<boolean> {
  return postInSpace(ctx, s, (c) => BROADCAST.minutes(s._id, m.revision, c), 'session-minutes', T.broadcastMinutes(s.group), { cards: [minutesView(s, m)] });
}

/**
 * The reminder job (SESSION_REMINDER_JOB): posts in the space and 1:1 to the members who have not answered or
 * said they will attend, unless the session was cancelled or moved (another version) or has started.
 */
export function sessionReminderJob(ctx: FeatureContext): JobHandlerDefinition {
  const schema = z.object({ sessionId: z.string().min(1).max(300), version: z.number().int().min(1), offsetMin: z.number().int().min(1) });
  return defineJobHandler(SESSION_REMINDER_JOB, schema, async (payload, job) => {
    const { decision, session: s } = await ctx.services.sessions.reminderDue(payload);
    if (decision !== 'send' || !s) {
      job.logger.info({ sessionId: payload.sessionId, version: payload.version, offsetMin: payload.offsetMin, decision }, 'session reminder skipped');
      return;
    }
    const now = ctx.clock();
    const members = await groupMembers(ctx, s.editionId, s.group);
    const zones = await zonesOf(ctx, s.editionId, members);
    const rsvps = await ctx.services.sessions.rsvpsOf(s._id);
    const counts = await ctx.services.sessions.countsOf(s);
    const remaining = Math.max(1, Math.round((s.startsAt.getTime() - now.getTime()) / 60_000));
    // The nominal offset ("24 horas") unless the reminder runs late (down-time catch-up): then the real time left.
    const left = offsetText(remaining >= payload.offsetMin - 1 ? payload.offsetMin : remaining);
    const title = T.broadcastReminder(s.group);
    await postInSpace(ctx, s, (c) => BROADCAST.reminderSpace(s._id, s.version, payload.offsetMin, c), 'session-reminder', title, {
      text: T.reminderSpace(s.number, s.group, left),
      cards: [sessionCard(s, { counts, notice: T.noticeReminder(left), now })],
    });
    const to = new Set(reminderRecipients(members.map((m) => m.personKey), rsvps));
    const byKey = new Map(rsvps.map((r) => [r.personKey, r.answer] as const));
    const cardFor = memo((zone: string, mine: (typeof rsvps)[number]['answer'] | undefined) =>
      sessionCard(s, { zone, counts, notice: T.noticeReminder(left), now, ...(mine ? { mine } : {}) }),
    );
    await ctx.services.notifier.notifyPeople({
      broadcastId: BROADCAST.reminder(s._id, s.version, payload.offsetMin),
      kind: 'session-reminder',
      title,
      recipients: members
        .filter((m) => to.has(m.personKey))
        .map((m) => ({ personKey: m.personKey, userId: m.userId, name: m.nombre, message: { cards: [cardFor(zones.get(m.personKey)!, byKey.get(m.personKey))] } })),
    });
  });
}
