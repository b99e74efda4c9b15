import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { CancelAndHelpDialog } from '../baseDialog.js';
import { CardPrompt } from './cardPrompt.js';
import { choiceCheck, requireAadPerson, type RegistrationDialogDeps } from './shared.js';
import { personKey } from '../../src/domain/person.js';
import { personOf } from '../../src/teams/activity.js';
import { renderMemberConfirmCard } from '../../src/cards/registration.js';
import { VERBS } from '../../src/cards/verbs.js';
import { REGISTRATION_DIALOG_TEXTS } from './texts.js';

const T = REGISTRATION_DIALOG_TEXTS.erase;

const PROMPT = 'eraseCard';

/**
 * "borrar mis datos" (derecho de cancelación): after she confirms, her personal data is removed from every
 * edition (see MemberService.erasePersonalData), with her pending change requests and her directory entry.
 */
export class EraseMyDataDialog extends CancelAndHelpDialog {
  static readonly id = 'eraseMyDataDialog';

  constructor(private readonly deps: RegistrationDialogDeps) {
    super(EraseMyDataDialog.id, deps.showHelp);
    this.addDialog(new CardPrompt(PROMPT, { confirm: choiceCheck() }, deps.logger));
    this.addDialog(new WaterfallDialog('eraseMain', [this.askStep.bind(this), this.doStep.bind(this)]));
    this.initialDialogId = 'eraseMain';
  }

  private async askStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const person = await requireAadPerson(step.context, this.deps.supportContact);
    if (!person) return step.endDialog();
    const key = personKey(person);
    const records = await this.deps.members.listByPerson(key);
    const card = renderMemberConfirmCard({
      title: T.card.title,
      paragraphs: [T.card.intro(records.length > 0), T.erased, T.kept, T.card.question],
      confirmTitle: T.card.confirmTitle,
      cancelTitle: T.card.cancelTitle,
      confirmVerb: VERBS.regEraseConfirm,
      forKey: key,
    });
    return step.beginDialog(PROMPT, { step: 'confirm', card, verbs: [VERBS.regEraseConfirm, VERBS.regCancel], forKey: key });
  }

  private async doStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (step.result !== VERBS.regEraseConfirm) {
      await step.context.sendActivity(T.cancelled);
      return step.endDialog();
    }
    const key = personKey(personOf(step.context.activity));
    const count = await this.deps.members.erasePersonalData(key, key);
    await this.deps.changes.deleteFor(key);
    await this.deps.people.forget(key);
    this.deps.logger.info({ registrations: count }, 'personal data erased on request');
    await step.context.sendActivity(T.done(count, this.deps.supportContact));
    return step.endDialog();
  }
}
