import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { CancelAndHelpDialog } from '../baseDialog.js';
import { CardPrompt } from './cardPrompt.js';
import { choiceCheck, profileCard, profileCheck, requireAadPerson, type ProfileResult, type RegistrationDialogDeps } from './shared.js';
import { personKey } from '../../src/domain/person.js';
import { changedFields, FIELD_LABELS, profileOf, profileToInput, type ProfileData, type ProfileInput } from '../../src/domain/registration.js';
import { profileFacts, renderSummaryCard } from '../../src/cards/registrationCards.js';
import { VERBS } from '../../src/cards/verbs.js';
import { RegistrationError } from '../../src/services/registration/members.js';
import { ChangeRequestError } from '../../src/services/registration/changeRequests.js';
import { alreadyRegisteredText } from './registrationDialog.js';

const FORM = 'updateForm';
const PROMPT = 'updateCard';
const FORM_TEXT = { title: 'Actualizar mis datos', subtitle: 'Corrija lo que haga falta y presione «Revisar cambios».', submitTitle: 'Revisar cambios' };

interface FormState {
  editionId: string;
  forKey: string;
  /** While the call is open the change is applied; afterwards it becomes a request for the UTIGyND. */
  mode: 'direct' | 'request';
  verifiedEmail?: string;
  input: ProfileInput;
  errorsText?: string;
  profile?: ProfileData;
}

const LABEL_OF: Record<string, string> = {
  ...FIELD_LABELS,
  ejesInteres: FIELD_LABELS.ejes,
  circunscripcion: 'Circunscripción',
};

/**
 * "actualizar mis datos": the same form as registration, prefilled with her record. While the call is open
 * the change is saved (and checked against the roster again when the email or position changes); once it
 * closed, it is recorded as a request the UTIGyND sees in "pendientes".
 */
export class UpdateMyDataDialog extends CancelAndHelpDialog {
  static readonly id = 'updateMyDataDialog';

  constructor(private readonly deps: RegistrationDialogDeps) {
    super(UpdateMyDataDialog.id, deps.showHelp);
    this.addDialog(new CardPrompt(PROMPT, { profile: profileCheck(deps, FORM_TEXT), summary: choiceCheck() }, deps.logger));
    this.addDialog(new WaterfallDialog(FORM, [this.formStep.bind(this), this.summaryStep.bind(this), this.saveStep.bind(this)]));
    this.addDialog(new WaterfallDialog('updateMain', [this.checkStep.bind(this)]));
    this.initialDialogId = 'updateMain';
  }

  private async checkStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { context } = step;
    const person = await requireAadPerson(context, this.deps.supportContact);
    if (!person) return step.endDialog();
    const key = personKey(person);
    const edition = await this.deps.editions.getActive();
    const member = edition ? await this.deps.members.get(edition._id, key) : null;
    if (!edition || !member) {
      await context.sendActivity('No encontré un registro suyo en la edición actual de la Red. Escriba **registrarme** para registrarse.');
      return step.endDialog();
    }
    if (member.status !== 'validated' && member.status !== 'pending') {
      await context.sendActivity(alreadyRegisteredText(member, this.deps.supportContact));
      return step.endDialog();
    }
    const teams = await this.deps.teamsProfile(context);
    if (teams.email) await this.deps.people.record({ personKey: key, aadObjectId: person.aadObjectId, userId: person.userId, ...(teams.name ? { name: teams.name } : {}), email: teams.email });
    const mode = this.deps.editions.isOpen(edition, this.deps.clock()) ? 'direct' : 'request';
    if (mode === 'request') {
      await context.sendActivity('La convocatoria ya cerró: los cambios que envíe se registrarán como una **solicitud** para que la UTIGyND los revise.');
    }
    const form: FormState = { editionId: edition._id, forKey: key, mode, input: profileToInput(profileOf(member)), ...(teams.email ? { verifiedEmail: teams.email } : {}) };
    return step.replaceDialog(FORM, form);
  }

  private async formStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const form = step.options as FormState;
    (step.values as { form?: FormState }).form = form;
    const catalog = await this.deps.catalogs.forEdition(form.editionId);
    const card = profileCard(catalog, { ...FORM_TEXT, values: form.input, forKey: form.forKey, ...(form.errorsText ? { errorsText: form.errorsText } : {}) });
    return step.beginDialog(PROMPT, { step: 'profile', card, verbs: [VERBS.regProfile], forKey: form.forKey });
  }

  private async summaryStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const form = (step.values as { form: FormState }).form;
    const { profile } = step.result as ProfileResult;
    form.profile = profile;
    const member = await this.deps.members.get(form.editionId, form.forKey);
    const changed = member ? changedFields(profileOf(member), profile) : [];
    if (changed.length === 0) {
      await step.context.sendActivity('Sus datos no cambiaron, así que no hay nada que guardar.');
      return step.endDialog();
    }
    const card = renderSummaryCard({
      title: 'Revise sus cambios',
      intro: `Cambiará: ${changed.map((k) => LABEL_OF[k] ?? k).join(', ')}.`,
      facts: profileFacts(profile, await this.deps.catalogs.forEdition(form.editionId)),
      note: form.mode === 'request' ? 'La convocatoria cerró: se enviará como solicitud a la UTIGyND.' : '',
      confirmTitle: form.mode === 'request' ? 'Enviar solicitud' : 'Guardar cambios',
      forKey: form.forKey,
    });
    return step.beginDialog(PROMPT, { step: 'summary', card, verbs: [VERBS.regConfirm, VERBS.regEdit], forKey: form.forKey });
  }

  private async saveStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const form = (step.values as { form: FormState }).form;
    const profile = form.profile!;
    if (step.result === VERBS.regEdit) return step.replaceDialog(FORM, { ...form, input: profileToInput(profile), errorsText: '' } satisfies FormState);
    const { context } = step;
    const member = await this.deps.members.get(form.editionId, form.forKey);
    if (!member) {
      await context.sendActivity('Su registro ya no existe; no se guardó ningún cambio.');
      return step.endDialog();
    }
    const edition = await this.deps.editions.get(form.editionId);
    const stillOpen = !!edition && this.deps.editions.isOpen(edition, this.deps.clock());
    try {
      if (form.mode === 'direct' && stillOpen) {
        const result = await this.deps.members.update(form.editionId, form.forKey, profile, form.forKey, form.verifiedEmail ? { verifiedEmail: form.verifiedEmail } : {});
        await context.sendActivity(
          result.revalidation
            ? 'Listo, guardé sus cambios. Como cambió su correo o su adscripción, su registro vuelve a quedar **pendiente de validación** por la UTIGyND; le avisaremos por este chat.'
            : 'Listo, guardé sus cambios. Escriba **mis datos** para consultarlos.',
        );
      } else {
        await this.deps.changes.create(member, profile, form.forKey);
        await context.sendActivity('Listo, envié su solicitud de cambio a la UTIGyND. Le avisaremos por este chat cuando la revisen.');
      }
    } catch (err) {
      if (err instanceof RegistrationError && err.code === 'emailInUse') {
        const errorsText = '- **Correo institucional**: ese correo ya está registrado por otra persona en esta edición.';
        await context.sendActivity(`No pude guardar sus cambios:\n\n${errorsText}`);
        return step.replaceDialog(FORM, { ...form, input: profileToInput(profile), errorsText } satisfies FormState);
      }
      if (err instanceof RegistrationError || err instanceof ChangeRequestError) {
        await context.sendActivity(`${err.message} No se guardó ningún cambio.`);
        return step.endDialog();
      }
      throw err;
    }
    return step.endDialog();
  }
}
