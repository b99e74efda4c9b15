import { CardFactory, type TurnContext } from 'botbuilder';
import type { FeatureContext } from '../../feature.js';
import type { CommandHandler } from '../../shared/adminGuard.js';
import type { CardJson } from '../../../cards/render.js';
import { downloadIncomingFile, incomingFileOf } from '../../../bot/files.js';
import { normalizeCommandText } from '../../../domain/commands.js';
import { personKey } from '../../../domain/person.js';
import { REPORT_LIMITS } from '../../../domain/groupReports/index.js';
import { HQ_TIME_ZONE, zoneForEntidad } from '../../../domain/time.js';
import { personOf } from '../../../teams/activity.js';
import { ensureReminders } from '../reminders.js';
import { activeEdition, dueText, groupCountOf, prefillOf, refusalText, writerRole } from '../support.js';
import { GROUP_REPORTS_TEXTS as T, REPORT_STATE_LABELS } from '../texts.js';
import { formCard, reviewCard } from '../views.js';
import { adminReviewCommand } from './review.js';

const send = (context: TurnContext, card: CardJson) => context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });

/**
 * "informe": the secretaria (or the representante) of a group gets her group's report — the editable form
 * (prefilled) while it is a draft or was returned, the representante's review card while it is in review, the
 * delivered version read-only afterwards. "informe adjuntar" (a .docx or .pdf attached to the same message)
 * attaches the file. "informe revisar N" is UTIGyND's (admin guard). Roles are checked on the server.
 */
export function groupReportHandler(ctx: FeatureContext): CommandHandler {
  const review = ctx.guard.command('groupReport', adminReviewCommand(ctx));
  return async (context, request) => {
    const [first = ''] = request.args.trim().split(/\s+/).filter(Boolean);
    const sub = normalizeCommandText(first);
    if (sub === 'revisar') return review(context, request);
    const edition = await activeEdition(ctx, context);
    if (!edition) return;
    await ensureReminders(ctx, edition._id);
    const me = personKey(personOf(context.activity));
    const held = await writerRole(ctx, edition._id, me);
    if (!held) {
      ctx.logger.info({ personKey: me, sub }, 'group report refused: not a secretaria or representante');
      return void (await context.sendActivity(T.notInGroup));
    }
    if ((await groupCountOf(ctx, edition._id)) === undefined) return void (await context.sendActivity(T.noGroups));
    if (sub === 'adjuntar') return attach(ctx, context, edition._id, held.group, held.role, me);
    if (sub) return void (await context.sendActivity(T.usage));
    const report = await ctx.services.groupReports.current(edition._id, held.group);
    const member = await ctx.services.members.get(edition._id, me);
    const zone = member ? zoneForEntidad(await ctx.services.catalogs.forEdition(edition._id), member.entidad) : HQ_TIME_ZONE;
    if (report?.state === 'en_revision') {
      return void (await send(context, reviewCard(report, held.role === 'representante' ? 'representante' : 'readOnly', held.role === 'representante' ? T.reviewIntro : T.inReviewView)));
    }
    if (report && (report.state === 'entregado' || report.state === 'aceptado')) {
      return void (await send(context, reviewCard(report, 'readOnly', `${T.deliveredView} ${REPORT_STATE_LABELS[report.state]}.`)));
    }
    const prefill = await prefillOf(ctx, edition._id, held.group);
    await send(context, formCard({ editionId: edition._id, group: held.group, report, prefill, zone, due: dueText(edition) }));
  };
}

async function attach(ctx: FeatureContext, context: TurnContext, editionId: string, group: number, role: 'secretaria' | 'representante', me: string): Promise<void> {
  const ref = incomingFileOf(context.activity);
  if (!ref) return void (await context.sendActivity(T.attachNoFile));
  const log = ctx.logger.child({ feature: 'groupReports', editionId, group });
  const download = await downloadIncomingFile(ref, { mode: ctx.config.mode, extensions: REPORT_LIMITS.attachmentExtensions, maxBytes: REPORT_LIMITS.attachmentBytes, logger: log });
  if (!download.ok) {
    log.warn({ code: download.code, personKey: me }, 'group report attachment refused');
    return void (await context.sendActivity(T.attachProblem(download.message)));
  }
  try {
    const report = await ctx.services.groupReports.attach({ editionId, group, actor: me, role, name: download.name, data: download.data });
    await context.sendActivity(T.attached(report.attachment!.name));
  } catch (err) {
    log.warn({ personKey: me, error: err instanceof Error ? err.message : String(err) }, 'group report attachment refused');
    await context.sendActivity(refusalText(err));
  }
}
