import { z } from 'zod';
import type { Feature, FeatureContext } from '../feature.js';
import { defineSubmitHandler } from '../../bot/submitRouter.js';
import { VERBS } from '../../cards/verbs.js';
import { personOf } from '../../teams/activity.js';
import { reportsPorts } from './ports.js';
import { registrationStatsHandler } from './handlers/registrationStats.js';
import { exportMembersHandler } from './handlers/exportMembers.js';

/**
 * Reports: "registros" (the stats card) and "exportar registros" (Excel file, also from the stats card's
 * button), both for the active edition and with its own catalog. Commands in ./commands.ts, texts in
 * ./texts.ts, the adapter from the services to the reports' ports in ./ports.ts, the stats card in
 * src/cards/reports.ts, the pure stats and rows in src/services/reports/ (stats.ts, exportRows.ts), file
 * offers through ctx.files (src/bot/files.ts). Tests: test/reports/admin.test.ts, stats.test.ts, exportRows.test.ts.
 */
export function createReportsFeature(ctx: FeatureContext): Feature {
  const ports = reportsPorts(ctx.services);
  const exportMembers = exportMembersHandler(ctx, ports);

  return {
    name: 'reports',
    routes: [
      { commandId: 'registrationStats', handle: ctx.guard.command('registrationStats', registrationStatsHandler(ctx, ports)) },
      { commandId: 'exportMembers', handle: ctx.guard.command('exportMembers', (context) => exportMembers(context, personOf(context.activity))) },
    ],
    submitHandlers: [
      defineSubmitHandler({
        verb: VERBS.exportMembers,
        schema: z.object({ verb: z.literal(VERBS.exportMembers) }),
        handle: ctx.guard.verb('exportMembers', (context, _payload, admin) => exportMembers(context, admin)),
      }),
    ],
  };
}
