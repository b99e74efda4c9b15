import { CardFactory } from 'botbuilder';
import { renderMemberDataCard } from '../../../cards/registration.js';
import { personKey } from '../../../domain/person.js';
import { describeCall } from '../../../domain/registration.js';
import { personOf } from '../../../teams/activity.js';
import type { FeatureContext } from '../../feature.js';
import type { CommandHandler } from '../../shared/adminGuard.js';
import { REGISTRATION_TEXTS } from '../texts.js';
import { MY_GROUP_TEXTS } from '../myGroupTexts.js';
import { memberGroupOf, noGroupText } from './myGroup.js';

const T = REGISTRATION_TEXTS.myData;

/** "mis datos": her registration in the active edition (or her latest one), with her group once confirmed, as a card. */
export function createMyDataHandler(ctx: FeatureContext): CommandHandler {
  const services = ctx.services;
  return async (context) => {
    const key = personKey(personOf(context.activity));
    const active = await services.editions.getActive();
    let member = active ? await services.members.get(active._id, key) : null;
    if (!member) {
      const all = await services.members.listByPerson(key);
      member = all[all.length - 1] ?? null;
    }
    if (!member) {
      const call = active ? describeCall(services.editions.state(active, ctx.clock())) : T.noActiveCall;
      const open = !!active && services.editions.isOpen(active, ctx.clock());
      await context.sendActivity(T.noRegistration(call, open));
      return;
    }
    const edition = member.editionId === active?._id ? active : await services.editions.get(member.editionId);
    // Her group (issue 9): once confirmed, her group, companions and space; before that, a note (active edition only).
    const info = await memberGroupOf(ctx, member);
    const group =
      info.kind === 'placed'
        ? { group: info.group, companions: info.companions, companionsToggle: MY_GROUP_TEXTS.companionsToggle(info.companions.length), space: info.space }
        : info.kind !== 'notValidated' && member.editionId === active?._id
          ? { note: noGroupText(info) }
          : undefined;
    const card = renderMemberDataCard(
      {
        editionName: edition?.nombre ?? member.editionId,
        member,
        hasPendingChange: (await services.changes.openFor(member._id)) !== null,
        canUpdate: member.editionId === active?._id && (member.status === 'validated' || member.status === 'pending'),
        ...(group ? { group } : {}),
      },
      await services.catalogs.forEdition(member.editionId),
    );
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
  };
}
