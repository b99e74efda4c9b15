import type { Feature, FeatureContext } from '../feature.js';
import { defineSubmitHandler } from '../../bot/submitRouter.js';
import { VERBS } from '../../cards/verbs.js';
import { RegistrationDialog } from '../../../dialogs/registration/registrationDialog.js';
import { UpdateMyDataDialog } from '../../../dialogs/registration/updateMyDataDialog.js';
import { WithdrawDialog } from '../../../dialogs/registration/withdrawDialog.js';
import { EraseMyDataDialog } from '../../../dialogs/registration/eraseMyDataDialog.js';
import { teamsProfileOf, type RegistrationDialogDeps } from '../../../dialogs/registration/shared.js';
import { memberRoleSource } from './roleSource.js';
import { createMyDataHandler } from './handlers/myData.js';
import { createMyGroupHandler } from './handlers/myGroup.js';
import { createExportMyDataHandler } from './handlers/exportMyData.js';
import { handleStartCommand, startCommandSchema } from './handlers/startCommand.js';

export { STARTABLE_COMMANDS } from './handlers/startCommand.js';
export { memberRoleSource } from './roleSource.js';

/**
 * Registration and member self-service (issue 3): "registrarme", "mis datos", "mi grupo" (issue 9), "actualizar mis datos",
 * "darme de baja", "borrar mis datos", "exportar mis datos", the card button that starts one of them
 * (startCommand) and the 'member' role source.
 * - commands: ./commands.ts; texts: ./texts.ts (handlers) and dialogs/registration/texts.ts (dialogs);
 * - dialogs: dialogs/registration/ (one ComponentDialog per file, CardPrompt, shared checks);
 * - cards: src/cards/registration.ts (templates cards/registration/: regConsent, regProfile, regSummary, regDone, memberData, memberConfirm);
 * - domain rules: src/domain/registration.ts, src/domain/member.ts;
 * - services: src/services/registration/ (ctx.services.editions, members, changes, people, roster, catalogs);
 * - tests: test/registration/ (dialogs.test.ts, services.test.ts, domain.test.ts, playground.e2e.test.ts).
 * The UTIGyND's commands (editions, the call, "pendientes", administrators) are other features.
 */
export function createRegistrationFeature(ctx: FeatureContext): Feature {
  const services = ctx.services;
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
    logger: ctx.logger.child({ component: 'registration' }),
  };

  services.roles.addSource(memberRoleSource(services));

  return {
    name: 'registration',
    routes: [
      { commandId: 'register', dialogId: RegistrationDialog.id },
      { commandId: 'updateMyData', dialogId: UpdateMyDataDialog.id },
      { commandId: 'withdraw', dialogId: WithdrawDialog.id },
      { commandId: 'eraseMyData', dialogId: EraseMyDataDialog.id },
      { commandId: 'myData', handle: createMyDataHandler(ctx) },
      { commandId: 'myGroup', handle: createMyGroupHandler(ctx) },
      { commandId: 'exportMyData', handle: createExportMyDataHandler(ctx) },
    ],
    dialogs: [new RegistrationDialog(deps), new UpdateMyDataDialog(deps), new WithdrawDialog(deps), new EraseMyDataDialog(deps)],
    submitHandlers: [defineSubmitHandler({ verb: VERBS.startCommand, schema: startCommandSchema, handle: handleStartCommand })],
  };
}
