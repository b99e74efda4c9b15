import { findMemberByNameOrEmail } from '../../../../domain/groups/index.js';
import type { FeatureContext } from '../../../feature.js';
import { auditGroups, validatedMembers, type GroupsTurn } from '../../support.js';
import { GROUPS_TEXTS } from '../../texts.js';

/**
 * "grupos mover <nombre o correo> <grupo>": moves a member of a proposal and reports how the balance changed.
 * The member is found by email, or by name (accents, case and spacing ignored); a name shared by several
 * members is refused with the candidates and their emails, never guessed.
 */
export async function groupsMove(ctx: FeatureContext, { context, edition, args, actor }: GroupsTurn): Promise<void> {
  const groupText = args.at(-1);
  const who = args.slice(0, -1).join(' ').trim();
  const to = Number(groupText);
  if (!who || !groupText || !Number.isInteger(to)) {
    await context.sendActivity(GROUPS_TEXTS.moveUsage);
    return;
  }
  const members = await validatedMembers(ctx, edition._id);
  const set = await ctx.services.groups.get(edition._id);
  // Only members of the proposal are candidates (a member validated after it is not in any group yet).
  const candidates = set ? members.filter((m) => set.assignment[m._id] !== undefined && !set.removed.includes(m._id)) : members;
  const match = findMemberByNameOrEmail(candidates, who);
  if (match.kind === 'many') {
    await context.sendActivity(GROUPS_TEXTS.moveAmbiguous(match.candidates));
    return;
  }
  if (match.kind === 'none' && set) {
    await context.sendActivity(GROUPS_TEXTS.moveNotFound(who));
    return;
  }
  // With no set (or the member found), the service gives the precise refusal (no proposal, confirmed, bad group).
  const memberId = match.kind === 'one' ? match.member._id : '';
  const r = await ctx.services.groups.move(edition._id, members, memberId, to, actor);
  await auditGroups(ctx, actor, 'groups.move', edition._id, { member: memberId, from: r.from, to: r.to, worse: r.worse });
  await context.sendActivity(
    GROUPS_TEXTS.moved({
      nombre: match.kind === 'one' ? match.member.nombre : who,
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
