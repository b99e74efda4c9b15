import { z } from 'zod';
import type { Feature, FeatureContext } from '../feature.js';
import { defineSubmitHandler } from '../../bot/submitRouter.js';
import { VERBS } from '../../cards/verbs.js';
import { ImportRosterDialog } from '../../../dialogs/roster/importRosterDialog.js';
import { createImportRosterHandlers } from './handlers/importRoster.js';
import { importRosterConfirmHandler } from './handlers/importRosterConfirm.js';
import { importRosterCancelHandler } from './handlers/importRosterCancel.js';

const importIdSchema = z.string().min(1).max(100);

/**
 * Roster (padrón): "importar padrón" from an attached CSV/XLSX (same message or one of the next ones) and the
 * two buttons of the import errors card. Commands in ./commands.ts, texts in ./texts.ts, the waiting dialog in
 * dialogs/roster/ (its texts in dialogs/roster/texts.ts), the errors card in src/cards/roster.ts, file
 * download in src/bot/files.ts, reading in src/services/rosterFile.ts, validation against the edition's catalog
 * and storage in src/services/reports/rosterImport.ts (ctx.services.rosterImport). Tests: test/reports/admin.test.ts,
 * test/reports/rosterImport.test.ts, test/unit/rosterFile.test.ts.
 */
export function createRosterFeature(ctx: FeatureContext): Feature {
  const log = ctx.logger.child({ component: 'roster' });
  const dialog = new ImportRosterDialog({ showHelp: ctx.showHelp, ...createImportRosterHandlers(ctx, log) });

  return {
    name: 'roster',
    routes: [{ commandId: 'importRoster', dialogId: ImportRosterDialog.id }],
    dialogs: [dialog],
    submitHandlers: [
      defineSubmitHandler({
        verb: VERBS.importRosterConfirm,
        schema: z.object({ verb: z.literal(VERBS.importRosterConfirm), importId: importIdSchema }),
        handle: ctx.guard.verb('importRosterConfirm', importRosterConfirmHandler(ctx, log)),
      }),
      defineSubmitHandler({
        verb: VERBS.importRosterCancel,
        schema: z.object({ verb: z.literal(VERBS.importRosterCancel), importId: importIdSchema }),
        handle: ctx.guard.verb('importRosterCancel', importRosterCancelHandler(ctx, log)),
      }),
    ],
  };
}
