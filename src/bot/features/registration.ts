import { CardFactory, type TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { Feature, FeatureContext } from '../../features/feature.js';
import { defineSubmitHandler } from '../submitRouter.js';
import { personOf } from '../../teams/activity.js';
import { REQUESTED_COMMAND } from '../../../dialogs/mainDialog.js';
import { RegistrationDialog } from '../../../dialogs/registration/registrationDialog.js';
import { UpdateMyDataDialog } from '../../../dialogs/registration/updateMyDataDialog.js';
import { WithdrawDialog } from '../../../dialogs/registration/withdrawDialog.js';
import { EraseMyDataDialog } from '../../../dialogs/registration/eraseMyDataDialog.js';
import { teamsProfileOf, type RegistrationDialogDeps } from '../../../dialogs/registration/shared.js';
import { VERBS } from '../../cards/verbs.js';
import { renderMemberDataCard } from '../../cards/registrationCards.js';
import { personKey } from '../../domain/person.js';
import type { Role } from '../../domain/roles.js';
import { describeCall } from '../../domain/registration.js';
import type { RegistrationServices } from '../../services/registration/index.js';
import { createRegistrationAdmin } from './registrationAdmin.js';

/** Commands a card button may start (Action.Submit { verb: startCommand, command }); roles are checked as if typed. */
export const STARTABLE_COMMANDS = ['register', 'myData', 'updateMyData'] as const;

/**
 * The registration feature (issue 3): registration dialog, member self-service, the member role source,
 * and the UTIGyND commands for editions, the call, the pending queue and administrators
 * (src/bot/features/registrationAdmin.ts).
 */
export function createRegistrationFeature(ctx: FeatureContext): Feature {
  const services = ctx.services;
  const logger = ctx.logger.child({ component: 'registration' });
  const deps: RegistrationDialogDeps = {
    catalogs: services.catalogs,
    privacyNoticeUrl: ctx.config.privacyNoticeUrl,
    supportContact: ctx.config.supportContact,
    editions: services.editions,
    members: services.members,
    changes: services.changes,
    people: services.people,
    roster: services.roster,
    teamsProfile: (context) => teamsProfileOf(context),
    clock: ctx.clock,
    showHelp: ctx.showHelp,
    logger,
  };

  ctx.services.roles.addSource(memberRoleSource(services));
  const admin = createRegistrationAdmin(ctx, services);

  return {
    name: 'registration',
    init: () => services.init(),
    routes: [
      { commandId: 'register', dialogId: RegistrationDialog.id },
      { commandId: 'updateMyData', dialogId: UpdateMyDataDialog.id },
      { commandId: 'withdraw', dialogId: WithdrawDialog.id },
      { commandId: 'eraseMyData', dialogId: EraseMyDataDialog.id },
      { commandId: 'myData', handle: (context) => showMyData(context, ctx, services) },
      ...admin.routes,
    ],
    dialogs: [new RegistrationDialog(deps), new UpdateMyDataDialog(deps), new WithdrawDialog(deps), new EraseMyDataDialog(deps)],
    submitHandlers: [
      defineSubmitHandler({
        verb: VERBS.startCommand,
        schema: z.object({ verb: z.literal(VERBS.startCommand), command: z.enum(STARTABLE_COMMANDS) }),
        handle: async (context, payload) => {
          // The bot runs the main dialog after this handler (src/bot/bot.ts); MainDialog checks roles as for typed text.
          context.turnState.set(REQUESTED_COMMAND, { commandId: payload.command, args: '' });
        },
      }),
      ...admin.submitHandlers,
    ],
  };
}

/** 'member' for a person with a validated registration in the active edition. */
export function memberRoleSource(services: Pick<RegistrationServices, 'editions' | 'members'>) {
  return async (person: Parameters<typeof personKey>[0]): Promise<readonly Role[]> => {
    if (!person.aadObjectId) return [];
    const edition = await services.editions.getActive();
    if (!edition) return [];
    const member = await services.members.get(edition._id, personKey(person));
    return member?.status === 'validated' ? ['member'] : [];
  };
}

/** "mis datos": her registration in the active edition (or her latest one), as a card. */
async function showMyData(context: TurnContext, ctx: FeatureContext, services: RegistrationServices): Promise<void> {
  const key = personKey(personOf(context.activity));
  const active = await services.editions.getActive();
  let member = active ? await services.members.get(active._id, key) : null;
  if (!member) {
    const all = await services.members.listByPerson(key);
    member = all[all.length - 1] ?? null;
  }
  if (!member) {
    const call = active ? describeCall(services.editions.state(active, ctx.clock())) : 'Por ahora no hay una convocatoria activa.';
    const open = active && services.editions.isOpen(active, ctx.clock());
    await context.sendActivity(`Aún no tiene un registro en la Red de Coaching. ${call}${open ? ' Escriba **registrarme** para registrarse.' : ''}`);
    return;
  }
  const edition = member.editionId === active?._id ? active : await services.editions.get(member.editionId);
  const card = renderMemberDataCard(
    {
      editionName: edition?.nombre ?? member.editionId,
      member,
      hasPendingChange: (await services.changes.openFor(member._id)) !== null,
      canUpdate: member.editionId === active?._id && (member.status === 'validated' || member.status === 'pending'),
    },
    await services.catalogs.forEdition(member.editionId),
  );
  await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
}
