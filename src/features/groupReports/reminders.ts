import { z } from 'zod';
import type { FeatureContext } from '../feature.js';
import { defineJobHandler, type JobHandlerDefinition } from '../../services/jobs/index.js';
import { isDelivered, REMINDER_DAYS } from '../../domain/groupReports/index.js';
import { formatDate, HQ_TIME_ZONE } from '../../domain/time.js';
import { dueDateOf, holdersOf } from './support.js';
import { REPORT_BROADCAST } from './notices.js';
import { GROUP_REPORTS_TEXTS as T, REPORT_STATE_LABELS } from './texts.js';

/**
 * Reminders to the groups whose report is not delivered, 7 and 2 days before the due date (stage «Entrega de
 * informes» of the edition calendar): durable jobs 'groupReports.reminder', one key per edition and day count.
 * They are (re)scheduled by ensureReminders — at start-up for the active edition and whenever «informe» or
 * «informes» runs — so a due date set or moved in the calendar is picked up then; a job whose date no longer
 * matches the calendar does nothing.
 */
export const REPORT_REMINDER_JOB = 'groupReports.reminder';
const DAY_MS = 24 * 60 * 60 * 1000;

const keyOf = (editionId: string, days: number): string => `${REPORT_REMINDER_JOB}:${editionId}:${days}`;

export async function ensureReminders(ctx: FeatureContext, editionId: string): Promise<void> {
  const edition = await ctx.services.editions.get(editionId);
  const due = edition ? dueDateOf(edition) : undefined;
  const now = ctx.clock();
  for (const days of REMINDER_DAYS) {
    const key = keyOf(editionId, days);
    const runAt = due ? new Date(due.getTime() - days * DAY_MS) : undefined;
    if (!runAt || runAt <= now) {
      if (!runAt) await ctx.services.jobs.cancel(key);
      continue;
    }
    const existing = await ctx.services.jobs.get(key);
    if (existing?.status === 'scheduled' && existing.runAt.getTime() === runAt.getTime()) continue;
    await ctx.services.jobs.schedule({ key, kind: REPORT_REMINDER_JOB, runAt, payload: { editionId, days } });
  }
}

export function reminderJob(ctx: FeatureContext): JobHandlerDefinition {
  return defineJobHandler(REPORT_REMINDER_JOB, z.object({ editionId: z.string().min(1).max(64), days: z.number().int().min(1).max(60) }), async ({ editionId, days }, job) => {
    const edition = await ctx.services.editions.get(editionId);
    const due = edition ? dueDateOf(edition) : undefined;
    if (!due || Math.abs(due.getTime() - days * DAY_MS - job.runAt.getTime()) > 60_000) return;
    const set = await ctx.services.groups.confirmedSet(editionId);
    if (!set) return;
    const reports = await ctx.services.groupReports.currentByGroup(editionId);
    const dueText = formatDate(due, HQ_TIME_ZONE);
    for (let group = 1; group <= set.groupCount; group++) {
      const state = reports.get(group)?.state ?? 'sin_iniciar';
      if (isDelivered(state)) continue;
      const holders = await holdersOf(ctx, editionId, group);
      const message = { text: T.notice.reminderText(group, days, dueText, REPORT_STATE_LABELS[state]) };
      const broadcastId = REPORT_BROADCAST.reminder(editionId, group, days, due.toISOString());
      if (holders.length > 0) {
        await ctx.services.notifier.notifyPeople({
          broadcastId,
          kind: 'group-report-reminder',
          title: T.notice.reminderTitle(group),
          recipients: holders.map((h) => ({ personKey: h.personKey, ...(h.member?.userId ? { userId: h.member.userId } : {}), ...(h.member ? { name: h.member.nombre } : {}), message })),
        });
      } else {
        // No secretaria or representante yet: the group's space hears it instead, when it has one.
        const space = await ctx.services.groups.spaceOf(editionId, group);
        if (space) await ctx.services.notifier.notifyConversation({ broadcastId, kind: 'group-report-reminder', title: T.notice.reminderTitle(group), ref: space.ref, message });
      }
    }
  });
}
