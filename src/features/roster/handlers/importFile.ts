import { CardFactory, type TurnContext } from 'botbuilder';
import type { FeatureContext } from '../../feature.js';
import type { Logger } from '../../../logger.js';
import type { Edition } from '../../../services/registration/editions.js';
import { downloadIncomingFile, incomingFileOf } from '../../../bot/files.js';
import { personKey, type Person } from '../../../domain/person.js';
import type { RosterInputRow } from '../../../domain/roster.js';
import { renderImportErrorsCard } from '../../../cards/roster.js';
import { readTableFile, ROSTER_COLUMNS, TableFileError } from '../../../services/rosterFile.js';
import { MAX_ROSTER_ROWS } from '../../../services/reports/rosterImport.js';
import type { ImportTurnOutcome } from '../../../../dialogs/roster/importRosterDialog.js';
import { ROSTER_TEXTS as T } from '../texts.js';

/**
 * Downloads, reads, validates and applies (or holds for confirmation) the roster file attached to this turn's
 * message, for the edition given. The caller has already checked the role and the active edition. Rows are
 * validated against the edition's catalog by the roster import service.
 */
export async function importAttachedFile(
  ctx: FeatureContext,
  log: Logger,
  context: TurnContext,
  person: Person,
  edition: Pick<Edition, '_id' | 'nombre'>,
): Promise<ImportTurnOutcome> {
  const ref = incomingFileOf(context.activity);
  if (!ref) return 'noFile';
  const download = await downloadIncomingFile(ref, { mode: ctx.config.mode, extensions: ['csv', 'xlsx'], logger: log });
  if (!download.ok) {
    await context.sendActivity(T.fileProblem(download.message));
    return 'retry';
  }
  let rows: RosterInputRow[];
  try {
    rows = (await readTableFile(download.data, download.name, { columns: ROSTER_COLUMNS, maxRows: MAX_ROSTER_ROWS })).rows;
  } catch (err) {
    if (!(err instanceof TableFileError)) throw err;
    log.warn({ code: err.code, fileName: download.name }, 'roster file unreadable');
    await context.sendActivity(T.fileProblem(err.message));
    return 'retry';
  }
  const result = await ctx.services.rosterImport.prepare({ editionId: edition._id, ownerKey: personKey(person), fileName: download.name, rows });
  switch (result.kind) {
    case 'applied':
      await context.sendActivity(T.imported(result.summary, edition.nombre, result.totalRows));
      return 'done';
    case 'empty':
      await context.sendActivity(T.emptyFile(download.name));
      return 'retry';
    case 'busy':
      await context.sendActivity(T.busyFile);
      return 'done';
    case 'hasErrors': {
      const card = renderImportErrorsCard({
        fileName: download.name,
        editionName: edition.nombre,
        totalRows: result.totalRows,
        validCount: result.validCount,
        rowsWithErrors: result.rowsWithErrors,
        errors: result.errors,
        ...(result.pendingId ? { importId: result.pendingId } : {}),
      });
      await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
      log.info({ editionId: edition._id, errors: result.errors.length, valid: result.validCount, pendingId: result.pendingId ?? null }, 'roster import held: rows with errors');
      return 'done';
    }
  }
}
