import type { Feature, FeatureContext } from '../feature.js';
import { editionHandler } from './handlers/edition.js';
import { callHandler } from './handlers/call.js';
import { catalogHandler } from './handlers/catalog.js';

/**
 * Editions (UTIGyND): "edicion" (editions and the calendar of stages), "convocatoria" (the call for
 * registration: window, status and the "difundir" invitation) and "catalogo" (the INE catalog of each
 * edition). Commands in ./commands.ts, texts in ./texts.ts, one handler per command in ./handlers/.
 * Domain rules: src/domain/registration.ts (call state, dates, calendar), src/domain/catalog.ts. Services:
 * ctx.services.editions, .catalogs, .members, .roster, .changes, .conversations, .notifier, .audit.
 * Cards: renderInvitationCard in src/cards/editions.ts (cards/editions/invitation.json).
 * Tests: test/registration/admin.test.ts, test/registration/catalog.test.ts.
 */
export function createEditionsFeature(ctx: FeatureContext): Feature {
  return {
    name: 'editions',
    routes: [
      { commandId: 'edition', handle: ctx.guard.command('edition', editionHandler(ctx)) },
      { commandId: 'call', handle: ctx.guard.command('call', callHandler(ctx)) },
      { commandId: 'catalog', handle: ctx.guard.command('catalog', catalogHandler(ctx)) },
    ],
  };
}
