import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { CancelAndHelpDialog } from '../baseDialog.js';
import { CardPrompt } from './cardPrompt.js';
import { choiceCheck, profileCard, profileCheck, requireAadPerson, type ProfileResult, type RegistrationDialogDeps } from './shared.js';
import { personKey } from '../../src/domain/person.js';
import { changedFields, profileOf, profileToInput, type ProfileData, type ProfileInput } from '../../src/domain/registration.js';
import { profileFacts, renderSummaryCard } from '../../src/cards/registration.js';
import { VERBS } from '../../src/cards/verbs.js';
import { RegistrationError } from '../../src/services/registration/members.js';
import { ChangeRequestError } from '../../src/services/registration/changeRequests.js';
import { REGISTRATION_DIALOG_TEXTS } from './texts.js';

const T = REGISTRATION_DIALOG_TEXTS.update;

const FORM = 'updateForm';
const PROMPT = 'updateCard';

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

/**
 * "actualizar mis datos": the same form as registration, prefilled with her record. While the call is open
 * the change is saved (and checked against the roster again when the email or position changes); once it
 * closed, it is recorded as a request the UTIGyND sees in "pendientes".
 */
export class UpdateMyDataDialog extends CancelAndHelpDialog {
  static readonly id = 'updateMyDataDialog';

  constructor(private readonly deps: RegistrationDialogDeps) {
    super(UpdateMyDataDialog.id, deps.showHelp);
    this.addDialog(new CardPrompt(PROMPT, { profile: profileCheck(deps, T.form), summary: choiceCheck() }, deps.logger));
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
      await context.sendActivity(T.notRegistered);
      return step.endDialog();
    }
    if (member.status !== 'validated' && member.status !== 'pending') {
      await context.sendActivity(REGISTRATION_DIALOG_TEXTS.alreadyRegistered(member.status, this.deps.supportContact));
      return step.endDialog();
    }
    const teams = await this.deps.teamsProfile(context);
    if (teams.email) await this.deps.people.record({ personKey: key, aadObjectId: person.aadObjectId, userId: person.userId, ...(teams.name ? { name: teams.name } : {}), email: teams.email });
    const mode = this.deps.editions.isOpen(edition, this.deps.clock()) ? 'direct' : 'request';
    if (mode === 'request') await context.sendActivity(T.requestMode);
    const form: FormState = { editionId: edition._id, forKey: key, mode, input: profileToInput(profileOf(member)), ...(teams.email ? { verifiedEmail: teams.email } : {}) };
    return step.replaceDialog(FORM, form);
  }

  private async formStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const form = step.options as FormState;
    (step.values as { form?: FormState }).form = form;
    const catalog = await this.deps.catalogs.forEdition(form.editionId);
    const card = profileCard(catalog, { ...T.form, values: form.input, forKey: form.forKey, ...(form.errorsText ? { errorsText: form.errorsText } : {}) });
    return step.beginDialog(PROMPT, { step: 'profile', card, verbs: [VERBS.regProfile], forKey: form.forKey, cancelMessage: T.cancelled });
  }

  private async summaryStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const form = (step.values as { form: FormState }).form;
    const { profile } = step.result as ProfileResult;
    form.profile = profile;
    const member = await this.deps.members.get(form.editionId, form.forKey);
    const changed = member ? changedFields(profileOf(member), profile) : [];
    if (changed.length === 0) {
      await step.context.sendActivity(T.unchanged);
      return step.endDialog();
    }
    const card = renderSummaryCard({
      title: T.summary.title,
      intro: T.summary.intro(changed.map((k) => T.changedFieldLabels[k] ?? k)),
      facts: profileFacts(profile, await this.deps.catalogs.forEdition(form.editionId)),
      note: form.mode === 'request' ? T.summary.requestNote : '',
      confirmTitle: form.mode === 'request' ? T.summary.confirmRequest : T.summary.confirmDirect,
      forKey: form.forKey,
    });
    return step.beginDialog(PROMPT, { step: 'summary', card, verbs: [VERBS.regConfirm, VERBS.regEdit], forKey: form.forKey, cancelMessage: T.cancelled });
  }

  private async saveStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const form = (step.values as { form: FormState }).form;
    const profile = form.profile!;
    if (step.result === VERBS.regEdit) return step.replaceDialog(FORM, { ...form, input: profileToInput(profile), errorsText: '' } satisfies FormState);
    const { context } = step;
    const member = await this.deps.members.get(form.editionId, form.forKey);
    if (!member) {
      await context.sendActivity(T.gone);
      return step.endDialog();
    }
    const edition = await this.deps.editions.get(form.editionId);
    const stillOpen = !!edition && this.deps.editions.isOpen(edition, this.deps.clock());
    try {
      if (form.mode === 'direct' && stillOpen) {
        const result = await this.deps.members.update(form.editionId, form.forKey, profile, form.forKey, form.verifiedEmail ? { verifiedEmail: form.verifiedEmail } : {});
        await context.sendActivity(result.revalidation ? T.savedRevalidation : T.saved);
      } else {
        await this.deps.changes.create(member, profile, form.forKey);
        await context.sendActivity(T.requestSent);
      }
    } catch (err) {
      if (err instanceof RegistrationError && err.code === 'emailInUse') {
        const errorsText = T.emailInUse;
        await context.sendActivity(T.couldNotSave(errorsText));
        return step.replaceDialog(FORM, { ...form, input: profileToInput(profile), errorsText } satisfies FormState);
      }
      if (err instanceof RegistrationError || err instanceof ChangeRequestError) {
        await context.sendActivity(T.refused(err.message));
        return step.endDialog();
      }
      throw err;
    }
    return step.endDialog();
  }
}
