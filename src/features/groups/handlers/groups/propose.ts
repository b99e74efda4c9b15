import type { FeatureContext } from '../../../feature.js';
import { proposalCard } from '../../proposalCard.js';
import { parseProposeArgs } from '../../proposeArgs.js';
import { auditGroups, validatedMembers, type GroupsTurn } from '../../support.js';
import { GROUPS_TEXTS } from '../../texts.js';

/** "grupos proponer [tamaño N | grupos N] [semilla S]": forms balanced groups of the validated members. */
export async function groupsPropose(ctx: FeatureContext, { context, request, edition, args, actor }: GroupsTurn): Promise<void> {
  const opts = parseProposeArgs(args);
  if ('error' in opts) {
    await context.sendActivity(GROUPS_TEXTS.withUsage(opts.error));
    return;
  }
  const members = await validatedMembers(ctx, edition._id);
  const { set, quality } = await ctx.services.groups.propose(edition._id, members, opts, actor);
  await auditGroups(ctx, request, 'groups.propose', edition._id, {
    groups: set.groupCount,
    members: members.length,
    seed: set.seed,
    totalExcess: quality.totals.totalExcess,
    clashes: quality.totals.clashes,
  });
  await context.sendActivity(proposalCard(set, quality, edition._id));
}
