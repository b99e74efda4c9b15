import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { CancelAndHelpDialog } from '../baseDialog.js';
import { CardPrompt } from './cardPrompt.js';
import { choiceCheck, requireAadPerson, type RegistrationDialogDeps } from './shared.js';
import { personKey } from '../../src/domain/person.js';
import { personOf } from '../../src/teams/activity.js';
import { renderMemberConfirmCard } from '../../src/cards/registrationCards.js';
import { VERBS } from '../../src/cards/verbs.js';
import { RegistrationError } from '../../src/services/registration/members.js';
import { alreadyRegisteredText } from './registrationDialog.js';

const PROMPT = 'withdrawCard';

/** "darme de baja": after she confirms, her registration is withdrawn (no further notices; history kept). */
export class WithdrawDialog extends CancelAndHelpDialog {
  static readonly id = 'withdrawDialog';

  constructor(private readonly deps: RegistrationDialogDeps) {
    super(WithdrawDialog.id, deps.showHelp);
    this.addDialog(new CardPrompt(PROMPT, { confirm: choiceCheck() }, deps.logger));
    this.addDialog(new WaterfallDialog('withdrawMain', [this.askStep.bind(this), this.doStep.bind(this)]));
    this.initialDialogId = 'withdrawMain';
  }

  private async askStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const person = await requireAadPerson(step.context, this.deps.supportContact);
    if (!person) return step.endDialog();
    const key = personKey(person);
    const edition = await this.deps.editions.getActive();
    const member = edition ? await this.deps.members.get(edition._id, key) : null;
    if (!edition || !member) {
      await step.context.sendActivity('No encontré un registro suyo en la edición actual de la Red, así que no hay nada que dar de baja.');
      return step.endDialog();
    }
    if (member.status !== 'validated' && member.status !== 'pending') {
      await step.context.sendActivity(alreadyRegisteredText(member, this.deps.supportContact));
      return step.endDialog();
    }
    (step.values as { editionId?: string }).editionId = edition._id;
    const card = renderMemberConfirmCard({
      title: 'Darme de baja de la Red',
      paragraphs: [
        `Dejará de participar en ${edition.nombre}: no recibirá más avisos, invitaciones ni encuestas de la Red.`,
        'Su historial (registro y participación) se conserva para los informes institucionales. Si además desea que se borren sus datos personales, escriba después **borrar mis datos**.',
        '¿Confirma que desea darse de baja?',
      ],
      confirmTitle: 'Sí, darme de baja',
      cancelTitle: 'No, seguir en la Red',
      confirmVerb: VERBS.regWithdrawConfirm,
      forKey: key,
    });
    return step.beginDialog(PROMPT, { step: 'confirm', card, verbs: [VERBS.regWithdrawConfirm, VERBS.regCancel], forKey: key });
  }

  private async doStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (step.result !== VERBS.regWithdrawConfirm) {
      await step.context.sendActivity('De acuerdo, no se hizo ningún cambio: sigue en la Red.');
      return step.endDialog();
    }
    const key = personKey(personOf(step.context.activity));
    try {
      await this.deps.members.withdraw((step.values as { editionId: string }).editionId, key, key);
    } catch (err) {
      if (!(err instanceof RegistrationError)) throw err;
      await step.context.sendActivity(`${err.message} No se hizo ningún cambio.`);
      return step.endDialog();
    }
    await step.context.sendActivity(
      `Listo, se dio de baja de la Red. Ya no recibirá avisos. Gracias por su participación. Si desea reincorporarse, comuníquese con ${this.deps.supportContact}.`,
    );
    return step.endDialog();
  }
}
