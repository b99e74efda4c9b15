import type { TurnContext } from 'botbuilder';
import type { FeatureContext } from '../../feature.js';
import type { Logger } from '../../../logger.js';
import { personKey, type Person } from '../../../domain/person.js';
import { ROSTER_TEXTS as T } from '../texts.js';

/** "Cancelar" on the import errors card: discards the held import (only its owner can). Wrapped by the admin guard in ../index.ts. */
export function importRosterCancelHandler(ctx: FeatureContext, log: Logger) {
  return async (context: TurnContext, payload: { importId: string }, admin: Person): Promise<void> => {
    const key = personKey(admin);
    const outcome = await ctx.services.rosterImport.cancel(payload.importId, key);
    if (outcome === 'notOwner') log.warn({ importId: payload.importId, personKey: key }, 'pending import of another person refused');
    await context.sendActivity(outcome === 'cancelled' ? T.cancelled : outcome === 'notOwner' ? T.cancelNotOwner : T.notPending);
  };
}
