import { z } from 'zod';
import type { FeatureContext } from '../feature.js';
import { defineJobHandler, type JobHandlerDefinition } from '../../services/jobs/index.js';
import { STAGE_KEYS, stageDate } from '../../domain/stages.js';
import { endOfLocalDay, HQ_TIME_ZONE, localDateOf, startOfLocalDay, type LocalDate } from '../../domain/time.js';
import type { MemberRecord } from '../../domain/member.js';
import type { WaveNumber } from '../../domain/surveys/types.js';
import { renderSurveyInvitationCard } from '../../cards/surveys.js';
import { SURVEY_SYSTEM_ACTOR, SurveyError, waveIdOf, type WaveDoc } from '../../services/surveys/index.js';
import { SURVEYS_TEXTS as T } from './texts.js';
import { closingOf, invitationCard } from './views.js';

/**
 * Opening a wave (by command or by the calendar's job), its invitations 1:1 through the delivery engine, and
 * the durable jobs of each wave: reminders before closing (only to members who have not sent it) and the
 * closing itself. Broadcast ids derive from the wave (and the reminder's hours), so a retried job never sends
 * twice. The calendar's planner is one durable job that looks at the active edition's calendar and re-plans
 * itself (no timers in memory).
 */

export const SURVEY_JOBS = { plan: 'surveys.plan', remind: 'surveys.remind', close: 'surveys.close' } as const;
export const PLAN_JOB_KEY = 'surveys.plan';

export const BROADCAST = {
  invitation: (waveId: string) => `encuesta-invitacion:${waveId}`,
  reminder: (waveId: string, hours: number) => `encuesta-recordatorio:${waveId}:${hours}`,
};

const remindKey = (waveId: string, hours: number): string => `${SURVEY_JOBS.remind}:${waveId}:${hours}`;
const closeKey = (waveId: string): string => `${SURVEY_JOBS.close}:${waveId}`;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Opens the wave, invites every validated member 1:1 and plans its reminders and closing. */
export async function openAndInvite(ctx: FeatureContext, input: { editionId: string; wave: WaveNumber; closesAt: Date; actor: string }): Promise<{ wave: WaveDoc; invited: number }> {
  const { wave, invitees } = await ctx.services.surveys.openWave(input);
  await sendInvitations(ctx, wave, invitees);
  await scheduleWaveJobs(ctx, wave);
  return { wave, invited: invitees.length };
}

/** The invitation 1:1 under the wave's broadcast id: sending it again reaches only whoever does not have it. */
async function sendInvitations(ctx: FeatureContext, wave: WaveDoc, invitees: readonly MemberRecord[]): Promise<number> {
  const card = invitationCard(wave);
  const result = await ctx.services.notifier.notifyPeople({
    broadcastId: BROADCAST.invitation(wave._id),
    kind: 'survey-invitation',
    title: T.broadcastInvitation(wave.wave),
    recipients: invitees.map((m) => ({ personKey: m.personKey, ...(m.userId ? { userId: m.userId } : {}), name: m.nombre, message: { cards: [card] } })),
  });
  return result.enqueued;
}

/**
 * An open wave's invitations again (members validated after it opened; a send interrupted by a restart): the
 * broadcast id makes it idempotent. Returns how many were new.
 */
export async function inviteMissing(ctx: FeatureContext, wave: WaveDoc): Promise<number> {
  if (!ctx.services.surveys.isAnswerable(wave)) return 0;
  return sendInvitations(ctx, wave, await ctx.services.surveys.invitees(wave));
}

/** One reminder per configured hour before closing (those already past are skipped) and the closing. */
export async function scheduleWaveJobs(ctx: FeatureContext, wave: WaveDoc): Promise<void> {
  const now = ctx.clock().getTime();
  for (const hours of wave.reminderHours) {
    const runAt = new Date(wave.closesAt.getTime() - hours * HOUR);
    if (runAt.getTime() > now) await ctx.services.jobs.schedule({ key: remindKey(wave._id, hours), kind: SURVEY_JOBS.remind, runAt, payload: { editionId: wave.editionId, wave: wave.wave, hours } });
  }
  await ctx.services.jobs.schedule({ key: closeKey(wave._id), kind: SURVEY_JOBS.close, runAt: wave.closesAt, payload: { editionId: wave.editionId, wave: wave.wave } });
}

export async function cancelWaveJobs(ctx: FeatureContext, waveId: string): Promise<void> {
  await ctx.services.jobs.cancelByPrefix(`${SURVEY_JOBS.remind}:${waveId}:`);
  await ctx.services.jobs.cancel(closeKey(waveId));
}

/** The reminder: to every invited member who has not sent the wave, while it is open. */
async function remind(ctx: FeatureContext, p: { editionId: string; wave: WaveNumber; hours: number }): Promise<void> {
  const surveys = ctx.services.surveys;
  const wave = await surveys.getWave(p.editionId, p.wave);
  if (!wave || !surveys.isAnswerable(wave)) return;
  const pending = new Set(await surveys.unfinished(p.editionId, p.wave));
  if (pending.size === 0) return;
  const members = (await ctx.services.members.list(p.editionId, { status: 'validated' })).filter((m) => pending.has(m.personKey));
  const card = renderSurveyInvitationCard({
    title: T.reminderTitle(wave.wave),
    paragraphs: [T.reminder(closingOf(wave))],
    closes: T.closesAt(closingOf(wave)),
    startTitle: T.startTitle,
    editionId: wave.editionId,
    wave: wave.wave,
  });
  await ctx.services.notifier.notifyPeople({
    broadcastId: BROADCAST.reminder(wave._id, p.hours),
    kind: 'survey-reminder',
    title: T.broadcastReminder(wave.wave),
    recipients: members.map((m) => ({ personKey: m.personKey, ...(m.userId ? { userId: m.userId } : {}), name: m.nombre, message: { cards: [card] } })),
  });
}

/** The closing time: answering already stops at closesAt; this records the wave as closed. */
async function closeByJob(ctx: FeatureContext, p: { editionId: string; wave: WaveNumber }): Promise<void> {
  const wave = await ctx.services.surveys.getWave(p.editionId, p.wave);
  if (!wave || wave.state !== 'open') return;
  if (wave.closesAt.getTime() > ctx.clock().getTime()) {
    // The closing moved later: the job runs again then.
    await scheduleWaveJobs(ctx, wave);
    return;
  }
  await ctx.services.surveys.closeWave(p.editionId, p.wave, SURVEY_SYSTEM_ACTOR);
}

// --- The calendar's planner ---------------------------------------------------------------------------

function addMonths(date: LocalDate, months: number): LocalDate {
  const total = date.year * 12 + (date.month - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { year, month, day: Math.min(date.day, last) };
}

/** When each wave opens by itself and when it then closes (undefined when the calendar does not say). */
export interface AutoPlan {
  opensAt: Date;
  closesAt: Date;
}

/**
 * The calendar's rule (src/domain/stages.ts): wave 1 as soon as the groups are confirmed, closing the day
 * before the first group session; wave 2 on the day the Red ends; wave 3 four months later. Waves 2 and 3 stay
 * open SURVEY_OPEN_DAYS days.
 */
export async function autoPlan(ctx: FeatureContext, editionId: string): Promise<Partial<Record<WaveNumber, AutoPlan>>> {
  const edition = await ctx.services.editions.get(editionId);
  if (!edition) return {};
  const plan: Partial<Record<WaveNumber, AutoPlan>> = {};
  const days = ctx.config.surveys.openDays * DAY;
  const first = stageDate(edition.calendar, STAGE_KEYS.firstGroupSession);
  if (first) {
    const confirmed = await ctx.services.groups.confirmedSet(editionId);
    const firstDay = localDateOf(first, HQ_TIME_ZONE);
    const closesAt = new Date(startOfLocalDay(firstDay, HQ_TIME_ZONE).getTime() - 1);
    if (confirmed) plan[1] = { opensAt: confirmed.updatedAt, closesAt };
  }
  const end = stageDate(edition.calendar, STAGE_KEYS.end);
  if (end) {
    const endDay = localDateOf(end, HQ_TIME_ZONE);
    const opens2 = startOfLocalDay(endDay, HQ_TIME_ZONE);
    plan[2] = { opensAt: opens2, closesAt: new Date(endOfLocalDay(endDay, HQ_TIME_ZONE).getTime() + days) };
    const day3 = addMonths(endDay, 4);
    const opens3 = startOfLocalDay(day3, HQ_TIME_ZONE);
    plan[3] = { opensAt: opens3, closesAt: new Date(endOfLocalDay(day3, HQ_TIME_ZONE).getTime() + days) };
  }
  return plan;
}

/** Opens the waves of the active edition whose time came, then plans its next look (at most a day later). */
async function planByJob(ctx: FeatureContext): Promise<void> {
  const now = ctx.clock();
  let next = now.getTime() + DAY;
  const edition = await ctx.services.editions.getActive();
  if (edition) {
    const plan = await autoPlan(ctx, edition._id);
    for (const wave of [1, 2, 3] as const) {
      const p = plan[wave];
      const existing = await ctx.services.surveys.getWave(edition._id, wave);
      if (existing) {
        await inviteMissing(ctx, existing);
        continue;
      }
      if (!p) continue;
      if (p.opensAt.getTime() > now.getTime()) {
        next = Math.min(next, p.opensAt.getTime());
        continue;
      }
      if (p.closesAt.getTime() <= now.getTime()) continue; // Its time passed: UTIGyND may still open it by hand.
      try {
        const { invited } = await openAndInvite(ctx, { editionId: edition._id, wave, closesAt: p.closesAt, actor: SURVEY_SYSTEM_ACTOR });
        ctx.logger.info({ editionId: edition._id, wave, invited }, 'surveys: wave opened by the calendar');
      } catch (err) {
        if (!(err instanceof SurveyError)) throw err;
        ctx.logger.warn({ editionId: edition._id, wave, code: err.code }, 'surveys: the calendar could not open a wave');
      }
    }
  }
  await ctx.services.jobs.schedule({ key: PLAN_JOB_KEY, kind: SURVEY_JOBS.plan, runAt: new Date(next), payload: {} });
}

/** Plans the calendar's first look (start-up); later looks are planned by the job itself. */
export async function ensurePlanner(ctx: FeatureContext): Promise<void> {
  const job = await ctx.services.jobs.get(PLAN_JOB_KEY);
  if (job && (job.status === 'scheduled' || job.status === 'running')) return;
  await ctx.services.jobs.schedule({ key: PLAN_JOB_KEY, kind: SURVEY_JOBS.plan, runAt: ctx.clock(), payload: {} });
}

const wave = z.union([z.literal(1), z.literal(2), z.literal(3)]);

export function surveyJobHandlers(ctx: FeatureContext): JobHandlerDefinition[] {
  return [
    defineJobHandler(SURVEY_JOBS.plan, z.object({}), () => planByJob(ctx)),
    defineJobHandler(SURVEY_JOBS.remind, z.object({ editionId: z.string().min(1), wave, hours: z.number().int().min(1) }), (p) => remind(ctx, p)),
    defineJobHandler(SURVEY_JOBS.close, z.object({ editionId: z.string().min(1), wave }), (p) => closeByJob(ctx, p)),
  ];
}

export { waveIdOf };
