import type { FeatureContext } from '../../../feature.js';
import { warnIfCallOpen } from '../../confirmations.js';
import { sendGroups } from '../../proposalCard.js';
import { parseProposeArgs } from '../../proposeArgs.js';
import { auditGroups, validatedMembers, type GroupsTurn } from '../../support.js';
import { GROUPS_TEXTS } from '../../texts.js';

/**
 * "grupos proponer [tamaño N | grupos N] [semilla S]": forms balanced groups of the validated members. While
 * the call is still open it asks first (the card's button comes back with `callOpenAccepted`).
 */
export async function groupsPropose(ctx: FeatureContext, { context, edition, args, actor, callOpenAccepted }: GroupsTurn): Promise<void> {
  const opts = parseProposeArgs(args);
  if ('error' in opts) {
    await context.sendActivity(GROUPS_TEXTS.withUsage(opts.error));
    return;
  }
  if (!callOpenAccepted && (await warnIfCallOpen(ctx, context, edition, 'propose', args))) return;
  const members = await validatedMembers(ctx, edition._id);
  const { set, quality } = await ctx.services.groups.propose(edition._id, members, opts, actor);
  await auditGroups(ctx, actor, 'groups.propose', edition._id, {
    groups: set.groupCount,
    members: members.length,
    seed: set.seed,
    totalExcess: quality.totals.totalExcess,
    clashes: quality.totals.clashes,
    ...(callOpenAccepted ? { callOpen: true } : {}),
  });
  await sendGroups(ctx, context, edition._id, set, quality);
}
