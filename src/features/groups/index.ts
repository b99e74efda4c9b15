import { z } from 'zod';
import type { Feature, FeatureContext } from '../feature.js';
import { defineSubmitHandler } from '../../bot/submitRouter.js';
import { VERBS } from '../../cards/verbs.js';
import { groupsHandler } from './handlers/groups/index.js';
import { linkGroupHandler } from './handlers/linkGroup.js';
import { exportGroupsHandler } from './handlers/exportGroups.js';

/**
 * Groups (UTIGyND): "grupos proponer|mover|confirmar|asignar pendientes|estado|exportar" in the personal chat
 * (handlers/groups/, one file per sub-command), "vincular grupo N" in a standard channel or group chat
 * (handlers/linkGroup.ts) and the proposal card's export button (verb exportGroups, handlers/exportGroups.ts).
 * Every command and the verb go through ctx.guard. Member notices and channel rosters (notices.ts) go through
 * the durable notifier under fixed broadcast ids (broadcastIds.ts), so a re-run never notifies anybody twice.
 * Words in ./commands.ts, texts in ./texts.ts. Cards: src/cards/groups.ts (templates groupsProposal,
 * groupNotice and groupRoster under cards/groups/). Balancing rules: src/domain/groups/. Group sets and spaces:
 * src/services/groupSets.ts (ctx.services.groups); names come from the edition's catalog
 * (ctx.services.catalogs.forEdition). Tests: test/groups/, test/unit/groups.test.ts, test/unit/groupsCli.test.ts.
 */
export function createGroupsFeature(ctx: FeatureContext): Feature {
  const exportGroups = exportGroupsHandler(ctx);
  return {
    name: 'groups',
    init: async () => {
      await ctx.services.groups.init();
      await ctx.files.init();
    },
    routes: [
      { commandId: 'groups', handle: ctx.guard.command('groups', groupsHandler(ctx)) },
      // Runs in a channel or group chat: the guard re-checks the role there too.
      { commandId: 'linkGroup', handle: ctx.guard.command('linkGroup', linkGroupHandler(ctx)) },
    ],
    submitHandlers: [
      defineSubmitHandler({
        verb: VERBS.exportGroups,
        schema: z.object({ verb: z.literal(VERBS.exportGroups) }),
        handle: ctx.guard.verb(VERBS.exportGroups, (context) => exportGroups(context)),
      }),
    ],
  };
}
