import type { TurnContext } from 'botbuilder';
import type { FeatureContext } from '../../feature.js';
import type { ReportsPorts } from '../ports.js';
import { personKey, type Person } from '../../../domain/person.js';
import { scopeOf } from '../../../teams/activity.js';
import { writeTableFile } from '../../../services/rosterFile.js';
import { MEMBER_EXPORT_HEADERS, memberExportRows } from '../../../services/reports/exportRows.js';
import { formatDateTime, formatFileTimestamp, HQ_TIME_ZONE } from '../../../domain/time.js';
import { SHARED_TEXTS } from '../../shared/texts.js';
import { REPORTS_TEXTS as T } from '../texts.js';

/**
 * "exportar registros" (and the export button of the stats card): an Excel file with one row per member of the
 * active edition, labelled with the edition's catalog, offered with the file consent flow in the personal chat.
 * The export is audited. Wrapped by the admin guard in ../index.ts (command and verb).
 */
export function exportMembersHandler(ctx: FeatureContext, ports: ReportsPorts) {
  return async (context: TurnContext, admin: Person): Promise<void> => {
    if (scopeOf(context.activity) !== 'personal') {
      await context.sendActivity(SHARED_TEXTS.personalChatOnly);
      return;
    }
    const edition = await ports.editions.getActive();
    if (!edition) {
      await context.sendActivity(SHARED_TEXTS.noEdition);
      return;
    }
    const [records, catalog] = await Promise.all([ports.members.listByEdition(edition._id), ctx.services.catalogs.forEdition(edition._id)]);
    const members = records.filter((m) => !m.erasedAt);
    const now = ctx.clock();
    const data = await writeTableFile('xlsx', MEMBER_EXPORT_HEADERS, memberExportRows(members, catalog), { sheetName: T.exportSheetName });
    const name = T.exportFileName(edition._id, formatFileTimestamp(now, HQ_TIME_ZONE));
    await ports.audit.append({ actor: personKey(admin), action: 'members.export', target: edition._id, editionId: edition._id, details: { count: members.length, fileName: name } });
    await ctx.files.offer(context, { name, data, description: T.exportDescription(edition.nombre, members.length, formatDateTime(now, HQ_TIME_ZONE)) });
  };
}
