import type { FeatureContext } from '../../../feature.js';
import { notifyMembers } from '../../notices.js';
import { auditGroups, validatedMembers, type GroupsTurn } from '../../support.js';
import { GROUPS_TEXTS } from '../../texts.js';

/**
 * "grupos asignar pendientes": places members validated after confirmation without moving anybody, removes
 * those no longer validated, and notifies only the newcomers.
 */
export async function groupsAssignPending(ctx: FeatureContext, { context, edition, args, actor }: GroupsTurn): Promise<void> {
  if ((args[0] ?? '').toLowerCase() !== 'pendientes') {
    await context.sendActivity(GROUPS_TEXTS.usage);
    return;
  }
  const { placed, removed, set } = await ctx.services.groups.assignPending(edition._id, await validatedMembers(ctx, edition._id), actor);
  await auditGroups(ctx, actor, 'groups.assignPending', edition._id, { placed: placed.size, removed: removed.length });
  if (placed.size > 0) await notifyMembers(ctx, context, edition._id, set, new Set(placed.keys()));
  await context.sendActivity(
    placed.size === 0 && removed.length === 0 ? GROUPS_TEXTS.nothingPending : GROUPS_TEXTS.assignedPending([...placed.values()], removed.length),
  );
}
