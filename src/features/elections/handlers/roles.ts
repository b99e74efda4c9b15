import type { FeatureContext } from '../../feature.js';
import type { CommandHandler } from '../../shared/adminGuard.js';
import { isElectedRole } from '../../../domain/elections/index.js';
import { personKey } from '../../../domain/person.js';
import { personOf } from '../../../teams/activity.js';
import { renderRoleOfferCard } from '../../../cards/elections.js';
import { announceRoleChange, BROADCAST } from '../notices.js';
import { activeEditionId, withElectionErrors } from '../support.js';
import { ELECTIONS_TEXTS as T } from '../texts.js';

/** "cargo asignar grupo N representante|secretaria <correo>" (UTIGyND): an offer card she accepts or declines. */
export function roleAssignHandler(ctx: FeatureContext): CommandHandler {
  return async (context, request) => {
    const words = request.args.trim().split(/\s+/).filter(Boolean);
    const group = Number(words[1]);
    const role = words[2]?.toLowerCase();
    const email = words[3];
    if (words.length !== 4 || words[0]!.toLowerCase() !== 'grupo' || !Number.isInteger(group) || group < 1 || !isElectedRole(role) || !email?.includes('@')) {
      await context.sendActivity(T.assignUsage);
      return;
    }
    const editionId = await activeEditionId(ctx, context);
    if (!editionId) return;
    const member = (await ctx.services.members.list(editionId, { status: 'validated' })).find((m) => m.correo.toLowerCase() === email.toLowerCase());
    if (!member) {
      await context.sendActivity(T.assignNotFound);
      return;
    }
    await withElectionErrors(context, async () => {
      const offer = await ctx.services.elections.offerRole({ editionId, group, role, personKey: member.personKey }, personKey(personOf(context.activity)));
      const card = renderRoleOfferCard({ title: T.offerTitle(group), text: T.offerText(role, group), editionId, group, role });
      await ctx.services.notifier.notifyPeople({
        broadcastId: BROADCAST.offer(editionId, group, role, member.personKey, offer.at),
        kind: 'role-offer',
        title: T.broadcastRoles(group),
        recipients: [{ personKey: member.personKey, userId: member.userId, name: member.nombre, message: { cards: [card] } }],
      });
      await context.sendActivity(T.offerSent(member.nombre, role, group));
    });
  };
}

/** "cargo renunciar": she gives up her role; the group's space is told. */
export function renounceHandler(ctx: FeatureContext): CommandHandler {
  return async (context) => {
    const editionId = await activeEditionId(ctx, context);
    if (!editionId) return;
    await withElectionErrors(context, async () => {
      const held = await ctx.services.elections.renounceRole(editionId, personKey(personOf(context.activity)));
      await announceRoleChange(ctx, { editionId, group: held.group, role: held.role, personKey: held.personKey, what: 'renounced', at: ctx.clock() });
      await context.sendActivity(T.renouncedYou(held.role));
    });
  };
}
