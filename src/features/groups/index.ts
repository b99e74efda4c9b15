import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { Feature, FeatureContext } from '../feature.js';
import { defineSubmitHandler } from '../../bot/submitRouter.js';
import { VERBS } from '../../cards/verbs.js';
import { personKey, type Person } from '../../domain/person.js';
import type { Edition } from '../../services/registration/editions.js';
import { groupsHandler, withGroupErrors } from './handlers/groups/index.js';
import { groupsConfirm } from './handlers/groups/confirm.js';
import { groupsPropose } from './handlers/groups/propose.js';
import { linkGroupHandler, linkHere } from './handlers/linkGroup.js';
import { exportGroupsHandler } from './handlers/exportGroups.js';
import { activeEdition } from './support.js';
import { GROUPS_TEXTS } from './texts.js';

/** The fields the confirmation card (groupsActionConfirm) sends back; bounded, never trusted beyond that. */
const editionId = z.string().min(1).max(64);
const proposeConfirmSchema = z.object({ verb: z.literal(VERBS.groupsProposeConfirm), editionId, args: z.string().max(200) });
const confirmConfirmSchema = z.object({ verb: z.literal(VERBS.groupsConfirmConfirm), editionId });
const linkConfirmSchema = z.object({ verb: z.literal(VERBS.linkGroupConfirm), editionId, group: z.number().int().min(1).max(10_000) });

/**
 * Groups (UTIGyND): "grupos proponer|mover|confirmar|asignar pendientes|estado|exportar" in the personal chat
 * (handlers/groups/, one file per sub-command), "vincular grupo N" in a standard channel or group chat
 * (handlers/linkGroup.ts) and the card verbs: the proposal's export button (exportGroups) and the answers to
 * the questions asked before a change (confirmations.ts: proposing or confirming while the call is open,
 * re-linking a space). Every command and verb goes through ctx.guard. Member notices, space notices and channel
 * rosters (notices.ts) go through the durable notifier under broadcast ids derived from the event
 * (broadcastIds.ts), so a re-run never notifies anybody twice. Words in ./commands.ts, texts in ./texts.ts.
 * Cards: src/cards/groups.ts (templates under cards/groups/). Balancing rules, deep links and member lookup:
 * src/domain/groups/. Group sets and spaces: src/services/groupSets.ts (ctx.services.groups); names come from
 * the edition's catalog (ctx.services.catalogs.forEdition). Tests: test/groups/, test/unit/groups.test.ts,
 * test/unit/groupsCli.test.ts.
 */
export function createGroupsFeature(ctx: FeatureContext): Feature {
  const exportGroups = exportGroupsHandler(ctx);

  /** The active edition when it is still the one the question was about; otherwise says so. */
  const sameEdition = async (context: TurnContext, asked: string): Promise<Edition | undefined> => {
    const edition = await activeEdition(ctx, context);
    if (edition && edition._id !== asked) {
      await context.sendActivity(GROUPS_TEXTS.staleConfirmation);
      return undefined;
    }
    return edition;
  };
  const actorOf = (admin: Person): string => personKey(admin);

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
      defineSubmitHandler({
        verb: VERBS.groupsProposeConfirm,
        schema: proposeConfirmSchema,
        handle: ctx.guard.verb(VERBS.groupsProposeConfirm, async (context, p: z.infer<typeof proposeConfirmSchema>, admin) => {
          const edition = await sameEdition(context, p.editionId);
          if (!edition) return;
          const args = p.args.trim().split(/\s+/).filter(Boolean);
          await withGroupErrors(context, () => groupsPropose(ctx, { context, edition, args, actor: actorOf(admin), callOpenAccepted: true }));
        }),
      }),
      defineSubmitHandler({
        verb: VERBS.groupsConfirmConfirm,
        schema: confirmConfirmSchema,
        handle: ctx.guard.verb(VERBS.groupsConfirmConfirm, async (context, p: z.infer<typeof confirmConfirmSchema>, admin) => {
          const edition = await sameEdition(context, p.editionId);
          if (!edition) return;
          await withGroupErrors(context, () => groupsConfirm(ctx, { context, edition, args: [], actor: actorOf(admin), callOpenAccepted: true }));
        }),
      }),
      defineSubmitHandler({
        verb: VERBS.linkGroupConfirm,
        schema: linkConfirmSchema,
        // Pressed in the channel or group chat where it was asked: that conversation is the one linked.
        handle: ctx.guard.verb(VERBS.linkGroupConfirm, async (context, p: z.infer<typeof linkConfirmSchema>, admin) => {
          const edition = await sameEdition(context, p.editionId);
          if (!edition) return;
          await withGroupErrors(context, () => linkHere(ctx, context, edition, p.group, actorOf(admin), true));
        }),
      }),
      defineSubmitHandler({
        verb: VERBS.groupsCancel,
        schema: z.object({ verb: z.literal(VERBS.groupsCancel) }),
        handle: ctx.guard.verb(VERBS.groupsCancel, async (context) => {
          await context.sendActivity(GROUPS_TEXTS.cancelled);
        }),
      }),
    ],
  };
}
