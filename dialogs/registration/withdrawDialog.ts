import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { CancelAndHelpDialog } from '../baseDialog.js';
import { CardPrompt } from './cardPrompt.js';
import { choiceCheck, requireAadPerson, type RegistrationDialogDeps } from './shared.js';
import { personKey } from '../../src/domain/person.js';
import { personOf } from '../../src/teams/activity.js';
import { renderMemberConfirmCard } from '../../src/cards/registration.js';
import { VERBS } from '../../src/cards/verbs.js';
import { RegistrationError } from '../../src/services/registration/members.js';
import { REGISTRATION_DIALOG_TEXTS } from './texts.js';

const T = REGISTRATION_DIALOG_TEXTS.withdraw;

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
      await step.context.sendActivity(T.notRegistered);
      return step.endDialog();
    }
    if (member.status !== 'validated' && member.status !== 'pending') {
      await step.context.sendActivity(REGISTRATION_DIALOG_TEXTS.alreadyRegistered(member.status, this.deps.supportContact));
      return step.endDialog();
    }
    (step.values as { editionId?: string }).editionId = edition._id;
    const card = renderMemberConfirmCard({
      title: T.card.title,
      paragraphs: T.card.paragraphs(edition.nombre),
      confirmTitle: T.card.confirmTitle,
      cancelTitle: T.card.cancelTitle,
      confirmVerb: VERBS.regWithdrawConfirm,
      forKey: key,
    });
    return step.beginDialog(PROMPT, { step: 'confirm', card, verbs: [VERBS.regWithdrawConfirm, VERBS.regCancel], forKey: key });
  }

  private async doStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (step.result !== VERBS.regWithdrawConfirm) {
      await step.context.sendActivity(T.cancelled);
      return step.endDialog();
    }
    const key = personKey(personOf(step.context.activity));
    try {
      await this.deps.members.withdraw((step.values as { editionId: string }).editionId, key, key);
    } catch (err) {
      if (!(err instanceof RegistrationError)) throw err;
      await step.context.sendActivity(T.refused(err.message));
      return step.endDialog();
    }
    await step.context.sendActivity(T.done(this.deps.supportContact));
    return step.endDialog();
  }
}
