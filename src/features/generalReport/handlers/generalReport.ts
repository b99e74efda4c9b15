import type { TurnContext } from 'botbuilder';
import type { FeatureContext } from '../../feature.js';
import type { CommandRequest } from '../../../../dialogs/mainDialog.js';
import { personKey } from '../../../domain/person.js';
import { scopeOf } from '../../../teams/activity.js';
import { formatDateTime, formatFileTimestamp, HQ_TIME_ZONE } from '../../../domain/time.js';
import { MAX_PENDING_FILE_BYTES } from '../../../services/reports/pendingFiles.js';
import type { GeneralReportFormat } from '../../../services/generalReport/index.js';
import { SHARED_TEXTS } from '../../shared/texts.js';
import { GENERAL_REPORT_CHAT_TEXTS as T } from '../texts.js';

export const GENERAL_REPORT_AUDIT_ACTION = 'generalReport.export';

/**
 * "informe general" (DOCX) and "informe general xlsx" (XLSX): compiles the active edition's general report and
 * offers the file through the file consent flow in the personal chat. With no data at all there is no file, only
 * a clear message. Every file produced is audited. Wrapped by the admin guard in ../index.ts.
 */
export function generalReportHandler(ctx: FeatureContext, format: GeneralReportFormat) {
  return async (context: TurnContext, request: CommandRequest): Promise<void> => {
    if (scopeOf(context.activity) !== 'personal') {
      await context.sendActivity(SHARED_TEXTS.personalChatOnly);
      return;
    }
    const edition = await ctx.services.editions.getActive();
    if (!edition) {
      await context.sendActivity(SHARED_TEXTS.noEdition);
      return;
    }
    await context.sendActivity({ type: 'typing' });
    const started = Date.now();
    let result;
    try {
      result = await ctx.services.generalReport.build(edition._id, format);
    } catch (err) {
      ctx.logger.error({ err, editionId: edition._id, format }, 'general report failed');
      await context.sendActivity(T.failed);
      return;
    }
    if (result.kind !== 'file') {
      ctx.logger.info({ editionId: edition._id, format, result: result.kind }, 'general report: nothing to report');
      await context.sendActivity(T.noData(edition.nombre));
      return;
    }
    const bytes = result.data.length;
    ctx.logger.info({ editionId: edition._id, format, bytes, ms: Date.now() - started }, 'general report built');
    if (bytes > MAX_PENDING_FILE_BYTES) {
      await context.sendActivity(format === 'docx' ? T.tooLarge(bytes, MAX_PENDING_FILE_BYTES) : T.tooLargeXlsx(bytes, MAX_PENDING_FILE_BYTES));
      return;
    }
    const now = ctx.clock();
    const name = T.fileName(edition._id, formatFileTimestamp(now, HQ_TIME_ZONE), format);
    const at = formatDateTime(now, HQ_TIME_ZONE);
    await ctx.services.audit.append({
      actor: personKey(request.person),
      action: GENERAL_REPORT_AUDIT_ACTION,
      target: edition._id,
      editionId: edition._id,
      details: { format, fileName: name, bytes },
    });
    await ctx.files.offer(context, { name, data: result.data, description: format === 'docx' ? T.docxDescription(edition.nombre, at) : T.xlsxDescription(edition.nombre, at) });
  };
}
