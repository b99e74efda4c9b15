import type { TurnContext } from 'botbuilder';
import type { FeatureContext } from '../feature.js';
import type { Edition } from '../../services/registration/editions.js';
import type { MemberRecord } from '../../domain/member.js';
import type { ReportActor } from '../../domain/groupReports/index.js';
import { compilePrefill, type ReportPrefill } from '../../domain/groupReports/index.js';
import { STAGE_KEYS, stageDate } from '../../domain/stages.js';
import { formatDate, HQ_TIME_ZONE } from '../../domain/time.js';
import { GroupReportError } from '../../services/groupReports/index.js';
import { SHARED_TEXTS } from '../shared/texts.js';
import { GROUP_REPORT_ERRORS, GROUP_REPORTS_TEXTS as T } from './texts.js';

/** The active edition, or undefined after saying there is none. */
export async function activeEdition(ctx: FeatureContext, context: TurnContext): Promise<Edition | undefined> {
  const edition = await ctx.services.editions.getActive();
  if (!edition) await context.sendActivity(SHARED_TEXTS.noEdition);
  return edition ?? undefined;
}

/** Her elected role in the edition (group and role), checked on the server; undefined when she holds none. */
export async function writerRole(ctx: FeatureContext, editionId: string, personKey: string): Promise<{ group: number; role: Exclude<ReportActor, 'admin'> } | undefined> {
  const [held] = await ctx.services.elections.rolesFor(editionId, personKey);
  return held ? { group: held.group, role: held.role } : undefined;
}

/** The reports' due date (stage «Entrega de informes» of the edition calendar), if UTIGyND set it. */
export const dueDateOf = (edition: Pick<Edition, 'calendar'>): Date | undefined => stageDate(edition.calendar, STAGE_KEYS.reportsDue);
export const dueText = (edition: Pick<Edition, 'calendar'>): string | undefined => {
  const due = dueDateOf(edition);
  return due ? formatDate(due, HQ_TIME_ZONE) : undefined;
};

/** The Spanish answer for a refusal of the group reports service; other errors are rethrown. */
export function refusalText(err: unknown): string {
  if (!(err instanceof GroupReportError)) throw err;
  if (err.code === 'invalidContent') return `${GROUP_REPORT_ERRORS.invalidContent}${err.issues.map((i) => T.fieldIssue(i.field, i.problem)).join('; ')}. No se hizo ningún cambio.`;
  return GROUP_REPORT_ERRORS[err.code];
}

/** The number of confirmed groups of the edition, or undefined when the groups are not confirmed. */
export async function groupCountOf(ctx: FeatureContext, editionId: string): Promise<number | undefined> {
  return (await ctx.services.groups.confirmedSet(editionId))?.groupCount;
}

/** What the bot already knows for a group's report: sessions and minutes (when that feature is wired) and the work plan. */
export async function prefillOf(ctx: FeatureContext, editionId: string, group: number): Promise<ReportPrefill> {
  const sessions = ctx.services.reportingSources.sessions;
  const [list, minutes, plan] = await Promise.all([
    sessions ? sessions.listSessions(editionId, group) : undefined,
    sessions ? sessions.listMinutes(editionId, group) : undefined,
    ctx.services.topics.workPlans.get(editionId, group),
  ]);
  return compilePrefill({
    ...(list ? { sessions: list.map((s) => ({ date: s.date, state: s.state, ...(s.topic ? { topic: s.topic } : {}), invited: s.invited.length, attended: s.attended.length })) } : {}),
    ...(minutes ? { minutes } : {}),
    ...(plan ? { planTopics: plan.items.map((i) => i.titulo) } : {}),
  });
}

/** The group's secretaria and representante as notice recipients (member records for names and user ids). */
export async function holdersOf(ctx: FeatureContext, editionId: string, group: number): Promise<{ role: 'representante' | 'secretaria'; member: MemberRecord | null; personKey: string }[]> {
  const holders = await ctx.services.elections.holdersOf(editionId, group);
  return Promise.all(holders.map(async (h) => ({ role: h.role, personKey: h.personKey, member: await ctx.services.members.get(editionId, h.personKey) })));
}
