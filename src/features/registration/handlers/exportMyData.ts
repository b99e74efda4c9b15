import { createHash } from 'node:crypto';
import type { TurnContext } from 'botbuilder';
import type { FeatureContext } from '../../feature.js';
import type { CommandHandler } from '../../shared/adminGuard.js';
import type { MemberRecord } from '../../../domain/member.js';
import { personKey } from '../../../domain/person.js';
import { personOf, scopeOf } from '../../../teams/activity.js';
import { writeTableFile, type CellInput } from '../../../services/rosterFile.js';
import { PERSONAL_EXPORT_HEADERS, personalDataRows, type AuditEntryLike } from '../../../services/reports/exportRows.js';
import { formatFileTimestamp, HQ_TIME_ZONE } from '../../../domain/time.js';
import { SHARED_TEXTS } from '../../shared/texts.js';
import { EXPORT_MY_DATA_TEXTS as T } from '../exportMyDataTexts.js';

type NamedRecord = MemberRecord & { editionName: string };

/** The audit action of an export (her own exports are in her history, but do not make a new file necessary). */
export const EXPORT_ACTION = 'member.export';

/**
 * Identifies the data an export holds: her registrations as last changed and her history (without the
 * export rows themselves). While it does not change, asking again offers the same waiting file.
 */
export function exportVersion(records: readonly Pick<MemberRecord, '_id' | 'updatedAt'>[], history: readonly { _id: string; action: string }[]): string {
  const h = createHash('sha256');
  for (const r of records) h.update(`${r._id}@${new Date(r.updatedAt).getTime()}\n`);
  for (const e of history) if (e.action !== EXPORT_ACTION) h.update(`${e._id}\n`);
  return h.digest('hex').slice(0, 32);
}

/**
 * "exportar mis datos" (derecho de acceso): every datum the network keeps about the person asking, her
 * registrations in every edition and her audit history, as an Excel file offered in the personal chat. Only
 * her own records are read; the export is audited. Each registration is labelled with its edition's catalog.
 * One pending export per person: asking again while her file waits offers the same file (no new file, no new
 * audit row) unless her data changed, in which case a fresh file replaces it.
 */
export function createExportMyDataHandler(ctx: FeatureContext): CommandHandler {
  const { members, audit, editions } = ctx.services;

  /** Her rows; personalDataRows takes one catalog, so registrations of other editions are relabelled with theirs. */
  async function rowsOf(records: readonly NamedRecord[], history: readonly AuditEntryLike[], now: Date, key: string): Promise<CellInput[][]> {
    const editionIds = [...new Set(records.map((r) => r.editionId))];
    const rows = personalDataRows(records, history, await ctx.services.catalogs.forEdition(editionIds[0]), now, key);
    if (editionIds.length <= 1) return rows;
    // Every registration yields the same rows whatever the catalog (only the labels differ), in record order.
    const isRegistration = (row: CellInput[]): boolean => typeof row[0] === 'string' && row[0].startsWith('Registro · ');
    const relabelled: CellInput[][] = [];
    for (const r of records) relabelled.push(...personalDataRows([r], [], await ctx.services.catalogs.forEdition(r.editionId), now, key).filter(isRegistration));
    let next = 0;
    return rows.map((row) => (isRegistration(row) ? (relabelled[next++] ?? row) : row));
  }

  return async (context: TurnContext): Promise<void> => {
    if (scopeOf(context.activity) !== 'personal') {
      await context.sendActivity(SHARED_TEXTS.personalChatOnly);
      return;
    }
    const key = personKey(personOf(context.activity));
    const records = await members.listByPerson(key);
    const history = await audit.listAbout(key, 10_000);
    if (records.length === 0 && history.length === 0) {
      await context.sendActivity(T.noData);
      return;
    }
    const build = async () => {
      const now = ctx.clock();
      const named = await Promise.all(records.map(async (r) => ({ ...r, editionName: (await editions.get(r.editionId))?.nombre ?? r.editionId })));
      const data = await writeTableFile('xlsx', PERSONAL_EXPORT_HEADERS, await rowsOf(named, history, now, key), { sheetName: T.sheetName });
      return { name: T.fileName(formatFileTimestamp(now, HQ_TIME_ZONE)), data, description: T.fileDescription };
    };
    const offered = await ctx.files.offerOnce(context, { purpose: 'myDataExport', sourceVersion: exportVersion(records, history) }, build);
    if (offered.created) {
      await audit.append({ actor: key, action: EXPORT_ACTION, target: key, details: { records: records.length, auditEntries: history.length } });
    }
  };
}
