import type { FeatureContext } from '../../../feature.js';
import { proposalCard } from '../../proposalCard.js';
import { validatedMembers, type GroupsTurn } from '../../support.js';
import { GROUPS_TEXTS } from '../../texts.js';

/** "grupos estado" (and "grupos" alone): the current proposal or confirmed groups with their quality. */
export async function groupsStatus(ctx: FeatureContext, { context, edition }: GroupsTurn): Promise<void> {
  const set = await ctx.services.groups.get(edition._id);
  if (!set) {
    await context.sendActivity(GROUPS_TEXTS.noGroupsYet(edition._id));
    return;
  }
  await context.sendActivity(proposalCard(set, ctx.services.groups.quality(set, await validatedMembers(ctx, edition._id)), edition._id));
}
