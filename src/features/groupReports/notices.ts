import type { FeatureContext } from '../feature.js';
import type { GroupReportDoc } from '../../services/groupReports/index.js';
import type { OutgoingMessage } from '../../domain/conversationRef.js';
import { holdersOf } from './support.js';
import { GROUP_REPORTS_TEXTS as T } from './texts.js';
import { reviewCard } from './views.js';

/** Broadcast ids of the report notices: one per event (group, version, action), so a retry never sends twice. */
export const REPORT_BROADCAST = {
  event: (r: Pick<GroupReportDoc, 'editionId' | 'group' | 'version'>, what: string) => `informe-grupo:${r.editionId}:${r.group}:v${r.version}:${what}`,
  reminder: (editionId: string, group: number, days: number, dueIso: string) => `informe-grupo-recordatorio:${editionId}:${group}:${days}:${dueIso}`,
};

async function tell(ctx: FeatureContext, report: GroupReportDoc, roles: readonly ('representante' | 'secretaria')[], broadcastId: string, title: string, message: OutgoingMessage): Promise<number> {
  const holders = (await holdersOf(ctx, report.editionId, report.group)).filter((h) => roles.includes(h.role));
  if (holders.length === 0) return 0;
  await ctx.services.notifier.notifyPeople({
    broadcastId,
    kind: 'group-report',
    title,
    recipients: holders.map((h) => ({ personKey: h.personKey, ...(h.member?.userId ? { userId: h.member.userId } : {}), ...(h.member ? { name: h.member.nombre } : {}), message })),
  });
  return holders.length;
}

/** "Enviar a revisión": the representante receives the report 1:1 with "Aprobar y entregar" / "Devolver con comentario". */
export function sendForReview(ctx: FeatureContext, report: GroupReportDoc): Promise<number> {
  return tell(ctx, report, ['representante'], REPORT_BROADCAST.event(report, 'revision'), T.notice.reviewTitle(report.group), { cards: [reviewCard(report, 'representante', T.reviewIntro)] });
}

/** The representante approved: the secretaria is told. */
export function tellApproved(ctx: FeatureContext, report: GroupReportDoc): Promise<number> {
  return tell(ctx, report, ['secretaria'], REPORT_BROADCAST.event(report, 'entregado'), T.notice.approvedTitle(report.group), { text: T.notice.approvedText(report.group) });
}

/** The representante returned it: the secretaria is told, with the comment. */
export function tellReturnedByRep(ctx: FeatureContext, report: GroupReportDoc, comment: string): Promise<number> {
  return tell(ctx, report, ['secretaria'], REPORT_BROADCAST.event(report, 'devuelto-representante'), T.notice.returnedTitle(report.group), { text: T.notice.returnedByRepText(report.group, comment) });
}

/** UTIGyND accepted or returned it: the secretaria and the representante are told (with the observations). */
export function tellAdminDecision(ctx: FeatureContext, report: GroupReportDoc, accepted: boolean, comment?: string): Promise<number> {
  return accepted
    ? tell(ctx, report, ['secretaria', 'representante'], REPORT_BROADCAST.event(report, 'aceptado'), T.notice.acceptedTitle(report.group), { text: T.notice.acceptedText(report.group) })
    : tell(ctx, report, ['secretaria', 'representante'], REPORT_BROADCAST.event(report, 'devuelto-utigynd'), T.notice.returnedTitle(report.group), { text: T.notice.returnedByAdminText(report.group, comment ?? '') });
}
