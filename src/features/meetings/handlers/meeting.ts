import type { FeatureContext } from '../../feature.js';
import type { CommandHandler } from '../../shared/adminGuard.js';
import { normalizeCommandText } from '../../../domain/commands.js';
import { personKey } from '../../../domain/person.js';
import { personOf } from '../../../teams/activity.js';
import { activeEditionId, withMeetingErrors, zoneOf } from '../support.js';
import { MEETINGS_TEXTS as T } from '../texts.js';
import { cancelCommand, listCommand, moveCommand } from './change.js';
import { programCommand } from './program.js';
import type { MeetingTurn } from './turn.js';

const SUBS: Record<string, (ctx: FeatureContext, t: MeetingTurn) => Promise<void>> = {
  programar: programCommand,
  mover: moveCommand,
  cancelar: cancelCommand,
  lista: listCommand,
};

/** "reunion <sub> …" (UTIGyND; the guard checks the role and audits the command): one handler per sub-command. */
export function meetingsHandler(ctx: FeatureContext): CommandHandler {
  return async (context, request) => {
    // Links are case-sensitive: only the sub-command is normalised.
    const [first, ...words] = request.args.trim().split(/\s+/).filter(Boolean);
    const sub = SUBS[normalizeCommandText(first ?? '')];
    if (!sub || request.args.length > 4000) {
      await context.sendActivity(T.usage);
      return;
    }
    const editionId = await activeEditionId(ctx, context);
    if (!editionId) return;
    const actor = personKey(personOf(context.activity));
    const zone = await zoneOf(ctx, editionId, actor);
    await withMeetingErrors(ctx, context, () => sub(ctx, { context, editionId, words, actor, zone }));
  };
}
