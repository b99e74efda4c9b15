import type { FeatureContext } from '../../feature.js';
import type { CommandHandler } from '../../shared/adminGuard.js';
import { personKey } from '../../../domain/person.js';
import { personOf } from '../../../teams/activity.js';
import { normalizeCommandText } from '../../../domain/commands.js';
import { activeEditionId, withElectionErrors, zoneOf } from '../support.js';
import { ELECTIONS_TEXTS as T } from '../texts.js';
import { closeCommand } from './close.js';
import { openNominationsCommand } from './open.js';
import { drawCommand, runoffCommand } from './runoff.js';
import { statusCommand } from './status.js';
import type { AdminTurn } from './turn.js';
import { openVotingCommand } from './voting.js';

const SUBS: Record<string, (ctx: FeatureContext, t: AdminTurn) => Promise<void>> = {
  abrir: openNominationsCommand,
  votacion: openVotingCommand,
  cerrar: closeCommand,
  estado: statusCommand,
  desempate: runoffCommand,
  sorteo: drawCommand,
};

/** "elecciones <sub> …" (UTIGyND; the guard checks the role): one handler per sub-command. */
export function electionsHandler(ctx: FeatureContext): CommandHandler {
  return async (context, request) => {
    const [first, ...words] = request.args.trim().split(/\s+/).filter(Boolean);
    const sub = SUBS[normalizeCommandText(first ?? '')];
    if (!sub) {
      await context.sendActivity(T.usage);
      return;
    }
    const editionId = await activeEditionId(ctx, context);
    if (!editionId) return;
    const actor = personKey(personOf(context.activity));
    const zone = await zoneOf(ctx, editionId, actor);
    await withElectionErrors(context, () => sub(ctx, { context, editionId, words, actor, zone }));
  };
}
