import type { TurnContext } from 'botbuilder';
import type { FeatureContext } from '../../feature.js';
import type { Logger } from '../../../logger.js';
import { personKey, type Person } from '../../../domain/person.js';
import { SHARED_TEXTS } from '../../shared/texts.js';
import { ROSTER_TEXTS as T } from '../texts.js';

/**
 * "Importar solo las filas válidas" on the import errors card: applies the held import, only for the admin
 * who sent the file and only while the same edition is active (the service checks owner, expiry and edition).
 * Wrapped by the admin guard in ../index.ts.
 */
export function importRosterConfirmHandler(ctx: FeatureContext, log: Logger) {
  return async (context: TurnContext, payload: { importId: string }, admin: Person): Promise<void> => {
    const key = personKey(admin);
    const edition = await ctx.services.editions.getActive();
    const result = await ctx.services.rosterImport.confirm(payload.importId, key, edition?._id);
    switch (result.kind) {
      case 'applied':
        await context.sendActivity(
          T.imported(result.summary, edition?.nombre ?? result.summary.editionId, result.summary.imported + result.summary.rejectedRows),
        );
        return;
      case 'notOwner':
        log.warn({ importId: payload.importId, personKey: key }, 'pending import of another person refused');
        await context.sendActivity(T.confirmNotOwner);
        return;
      case 'missing':
      case 'expired':
        await context.sendActivity(T.expired);
        return;
      case 'alreadyDone':
        await context.sendActivity(result.status === 'applied' || result.status === 'applying' ? T.alreadyApplied : T.alreadyCancelled);
        return;
      case 'editionChanged':
        await context.sendActivity(edition ? T.editionChanged : SHARED_TEXTS.noEdition);
        return;
      case 'busy':
        await context.sendActivity(T.busyButton);
        return;
    }
  };
}
