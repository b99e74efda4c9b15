import type { TurnContext } from 'botbuilder';
import type { CommandRequest } from '../../../../../dialogs/mainDialog.js';
import { GroupFormationError } from '../../../../domain/groups/index.js';
import { personKey } from '../../../../domain/person.js';
import { GroupSetError } from '../../../../services/groupSets.js';
import type { FeatureContext } from '../../../feature.js';
import { activeEdition, type GroupsTurn } from '../../support.js';
import { GROUPS_TEXTS } from '../../texts.js';
import { exportGroupsHandler } from '../exportGroups.js';
import { groupsAssignPending } from './assignPending.js';
import { groupsConfirm } from './confirm.js';
import { groupsMove } from './move.js';
import { groupsPropose } from './propose.js';
import { groupsStatus } from './status.js';

/** Runs a groups action and answers the groups' own refusals (GroupSetError, GroupFormationError) with their message. */
export async function withGroupErrors(context: TurnContext, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (err) {
    if (err instanceof GroupSetError || err instanceof GroupFormationError) {
      await context.sendActivity(err.message);
      return;
    }
    throw err;
  }
}

/**
 * "grupos <sub>" in the personal chat: picks the sub-command (accents and case ignored; "estado" when
 * none) and answers the groups' own refusals with their message.
 */
export function groupsHandler(ctx: FeatureContext) {
  const exportGroups = exportGroupsHandler(ctx);
  const subcommands = new Map<string, (ctx: FeatureContext, turn: GroupsTurn) => Promise<void>>([
    ['exportar', (_ctx, turn) => exportGroups(turn.context)],
    ['estado', groupsStatus],
    ['proponer', groupsPropose],
    ['mover', groupsMove],
    ['confirmar', groupsConfirm],
    // "asignar pendientes": the second word is checked by the handler.
    ['asignar', groupsAssignPending],
  ]);
  return async (context: TurnContext, request: CommandRequest): Promise<void> => {
    const edition = await activeEdition(ctx, context);
    if (!edition) return;
    const [sub = 'estado', ...args] = request.args.trim().split(/\s+/).filter(Boolean);
    const subcommand = sub.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
    const run = subcommands.get(subcommand);
    if (!run) {
      await context.sendActivity(GROUPS_TEXTS.usage);
      return;
    }
    await withGroupErrors(context, () => run(ctx, { context, edition, args, actor: personKey(request.person) }));
  };
}
