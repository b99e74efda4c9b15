import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { CancelAndHelpDialog } from '../baseDialog.js';
import { CardPrompt } from './cardPrompt.js';
import { choiceCheck, requireAadPerson, type RegistrationDialogDeps } from './shared.js';
import { personKey } from '../../src/domain/person.js';
import { personOf } from '../../src/teams/activity.js';
import { renderMemberConfirmCard } from '../../src/cards/registrationCards.js';
import { VERBS } from '../../src/cards/verbs.js';

const PROMPT = 'eraseCard';

/** What is erased and what is kept, in the words she reads before confirming and after. */
export const ERASE_TEXT = {
  erased: 'Se borrarán: su nombre, su correo, su distrito, sus años en el SPEN, sus necesidades de accesibilidad y cualquier texto libre, además del vínculo entre su cuenta de Teams y su registro.',
  kept:
    'Se conservan, sin datos que la identifiquen: un registro estadístico anónimo (edición, vocalía, ámbito, entidad, circunscripción, ejes de interés y fechas) para los informes de la Red, y la bitácora de auditoría, que el INE debe conservar y que nunca guarda su nombre, correo ni necesidades de accesibilidad en texto legible.',
};

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
      title: 'Borrar mis datos personales',
      paragraphs: [
        records.length
          ? 'Esta solicitud de cancelación elimina sus datos personales de la Red de Coaching y no se puede deshacer. Si su registro sigue activo, también quedará dada de baja.'
          : 'No tiene registros en la Red; se borrará cualquier otro dato suyo que el bot haya guardado (su correo de Teams).',
        ERASE_TEXT.erased,
        ERASE_TEXT.kept,
        '¿Confirma que desea borrar sus datos?',
      ],
      confirmTitle: 'Sí, borrar mis datos',
      cancelTitle: 'No, conservarlos',
      confirmVerb: VERBS.regEraseConfirm,
      forKey: key,
    });
    return step.beginDialog(PROMPT, { step: 'confirm', card, verbs: [VERBS.regEraseConfirm, VERBS.regCancel], forKey: key });
  }

  private async doStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (step.result !== VERBS.regEraseConfirm) {
      await step.context.sendActivity('De acuerdo, no se borró nada.');
      return step.endDialog();
    }
    const key = personKey(personOf(step.context.activity));
    const count = await this.deps.members.erasePersonalData(key, key);
    await this.deps.changes.deleteFor(key);
    await this.deps.people.forget(key);
    this.deps.logger.info({ registrations: count }, 'personal data erased on request');
    await step.context.sendActivity(
      `Listo, se borraron sus datos personales${count ? ` (${count === 1 ? '1 registro' : `${count} registros`})` : ''}. ${ERASE_TEXT.kept} Si tiene dudas, comuníquese con ${this.deps.supportContact}.`,
    );
    return step.endDialog();
  }
}
