import { CardFactory } from 'botbuilder';
import type { FeatureContext } from '../../feature.js';
import type { CommandHandler } from '../../shared/adminGuard.js';
import { activeEdition, groupCountOf } from '../support.js';
import { GROUP_REPORTS_TEXTS as T, REPORT_STATE_LABELS } from '../texts.js';
import { reviewCard } from '../views.js';

/**
 * "informe revisar N" (UTIGyND; the admin guard checked the role): the group's current report with "Aceptar" /
 * "Devolver con observaciones" when it is delivered, read-only otherwise; its attachment is offered as a file.
 */
export function adminReviewCommand(ctx: FeatureContext): CommandHandler {
  return async (context, request) => {
    const edition = await activeEdition(ctx, context);
    if (!edition) return;
    const n = request.args.trim().split(/\s+/)[1];
    const count = await groupCountOf(ctx, edition._id);
    if (count === undefined) return void (await context.sendActivity(T.noGroups));
    const group = Number(n);
    if (!n) return void (await context.sendActivity(T.reviewUsage));
    if (!Number.isInteger(group) || group < 1 || group > count) return void (await context.sendActivity(T.badGroup(count)));
    const report = await ctx.services.groupReports.current(edition._id, group);
    if (!report) return void (await context.sendActivity(T.notStarted(group)));
    const state = REPORT_STATE_LABELS[report.state];
    const card = reviewCard(report, report.state === 'entregado' ? 'admin' : 'readOnly', T.adminReviewIntro(state));
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
    if (report.attachment) {
      const file = await ctx.services.groupReports.attachmentData(edition._id, report.attachment.fileId);
      if (file) await ctx.files.offer(context, { name: file.name, data: file.data, description: T.notice.reviewTitle(group) });
    }
  };
}
