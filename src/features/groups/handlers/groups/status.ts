import type { FeatureContext } from '../../../feature.js';
import { sendGroups } from '../../proposalCard.js';
import type { GroupsTurn } from '../../support.js';
import { GROUPS_TEXTS } from '../../texts.js';

/**
 * "grupos estado" (and "grupos" alone): the current proposal or confirmed groups with their quality, each
 * group's members and each group's space in Teams (with its link).
 */
export async function groupsStatus(ctx: FeatureContext, { context, edition }: GroupsTurn): Promise<void> {
  const set = await ctx.services.groups.get(edition._id);
  if (!set) {
    await context.sendActivity(GROUPS_TEXTS.noGroupsYet(edition._id));
    return;
  }
  await sendGroups(ctx, context, edition._id, set);
}
