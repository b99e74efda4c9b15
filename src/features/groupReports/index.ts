import type { Feature, FeatureContext } from '../feature.js';
import { groupReportHandler } from './handlers/report.js';
import { groupReportsListHandler } from './handlers/list.js';
import { groupReportSubmitHandlers } from './handlers/verbs.js';
import { ensureReminders, reminderJob } from './reminders.js';

/**
 * Group reports, informe de grupo (issue 13).
 * Commands: "informe" (the group's secretaria; the representante can also edit — roles from the elections
 * service, checked on the server): handlers/report.ts shows the prefilled form (sessions and minutes from
 * ctx.services.reportingSources, topics from the work plan), the review card or the delivered version;
 * "informe adjuntar" attaches a DOCX/PDF sent with the message (checked for type and size); "informe revisar N"
 * (UTIGyND, handlers/review.ts, admin guard) shows a report with "Aceptar" / "Devolver con observaciones" and
 * offers its attachment; "informes" (UTIGyND, handlers/list.ts) lists every group's state and the due date.
 * Card verbs (handlers/verbs.ts): save draft, send to review (the representante gets it 1:1, notices.ts),
 * approve and deliver, return with comment, UTIGyND accept / return. Reminders: durable job
 * 'groupReports.reminder' 7 and 2 days before the stage «Entrega de informes» (reminders.ts).
 * Words: ./commands.ts; texts: ./texts.ts; views: ./views.ts. Cards: src/cards/groupReports.ts
 * (cards/groupReports/). Rules and storage: src/domain/groupReports/, src/services/groupReports/
 * (ctx.services.groupReports, also isReportSubmitted for the sessions feature). Tests: test/groupReports/.
 */
export function createGroupReportsFeature(ctx: FeatureContext): Feature {
  return {
    name: 'groupReports',
    async init() {
      const edition = await ctx.services.editions.getActive();
      if (edition) await ensureReminders(ctx, edition._id);
    },
    routes: [
      { commandId: 'groupReport', handle: groupReportHandler(ctx) },
      { commandId: 'groupReports', handle: ctx.guard.command('groupReports', groupReportsListHandler(ctx)) },
    ],
    submitHandlers: groupReportSubmitHandlers(ctx),
    jobHandlers: [reminderJob(ctx)],
  };
}
