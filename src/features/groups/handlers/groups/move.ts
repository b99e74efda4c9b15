import type { FeatureContext } from '../../../feature.js';
import { auditGroups, validatedMembers, type GroupsTurn } from '../../support.js';
import { GROUPS_TEXTS } from '../../texts.js';

/** "grupos mover <correo> <grupo>": moves a member of a proposal and reports how the balance changed. */
export async function groupsMove(ctx: FeatureContext, { context, request, edition, args, actor }: GroupsTurn): Promise<void> {
  const [correo, groupText] = args;
  const to = Number(groupText);
  if (!correo || !groupText || !Number.isInteger(to)) {
    await context.sendActivity(GROUPS_TEXTS.moveUsage);
    return;
  }
  const r = await ctx.services.groups.move(edition._id, await validatedMembers(ctx, edition._id), correo, to, actor);
  await auditGroups(ctx, request, 'groups.move', edition._id, { member: correo.toLowerCase(), from: r.from, to: r.to, worse: r.worse });
  await context.sendActivity(
    GROUPS_TEXTS.moved({
      correo,
      from: r.from,
      to: r.to,
      excessBefore: r.before.totals.totalExcess,
      excessAfter: r.after.totals.totalExcess,
      clashesBefore: r.before.totals.clashes,
      clashesAfter: r.after.totals.clashes,
      worse: r.worse,
    }),
  );
}
