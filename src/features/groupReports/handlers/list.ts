import type { FeatureContext } from '../../feature.js';
import type { CommandHandler } from '../../shared/adminGuard.js';
import { REPORT_STATES } from '../../../domain/groupReports/index.js';
import { count, NOUNS } from '../../../texts/spanish.js';
import { ensureReminders } from '../reminders.js';
import { activeEdition, dueText, groupCountOf } from '../support.js';
import { GROUP_REPORTS_TEXTS as T, REPORT_STATE_LABELS } from '../texts.js';

/** "informes" (UTIGyND; the admin guard checked the role): every group's report state and the due date. */
export function groupReportsListHandler(ctx: FeatureContext): CommandHandler {
  return async (context) => {
    const edition = await activeEdition(ctx, context);
    if (!edition) return;
    await ensureReminders(ctx, edition._id);
    const groups = await groupCountOf(ctx, edition._id);
    if (groups === undefined) return void (await context.sendActivity(T.noGroups));
    const reports = await ctx.services.groupReports.currentByGroup(edition._id);
    const lines: string[] = [];
    const tally = new Map<string, number>();
    for (let g = 1; g <= groups; g++) {
      const r = reports.get(g);
      const state = r?.state ?? 'sin_iniciar';
      tally.set(state, (tally.get(state) ?? 0) + 1);
      lines.push(`- ${T.listLine(g, REPORT_STATE_LABELS[state], r?.version ?? 1)}`);
    }
    const summary = REPORT_STATES.filter((s) => tally.get(s)).map((s) => `${REPORT_STATE_LABELS[s].toLowerCase()}: ${count(tally.get(s)!, NOUNS.grupo)}`);
    await context.sendActivity([`**${T.listTitle(edition.nombre)}**`, T.listDue(dueText(edition)), lines.join('\n'), T.listSummary(summary.join('; ')), T.listHint].join('\n\n'));
  };
}
