import { CardFactory, type TurnContext } from 'botbuilder';
import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { CancelAndHelpDialog } from '../baseDialog.js';
import { CardPrompt } from './cardPrompt.js';
import {
  choiceCheck,
  consentCard,
  consentCheck,
  profileCard,
  profileCheck,
  requireAadPerson,
  type ConsentResult,
  type ProfileResult,
  type RegistrationDialogDeps,
} from './shared.js';
import { personKey } from '../../src/domain/person.js';
import { personOf } from '../../src/teams/activity.js';
import type { ConsentRecord, MemberRecord } from '../../src/domain/member.js';
import { describeCall, formatDate, prefillFromRoster, profileToInput, upcomingStages, type ProfileData, type ProfileInput } from '../../src/domain/registration.js';
import { profileFacts, renderDoneCard, renderSummaryCard } from '../../src/cards/registration.js';
import { calendarItems } from '../../src/cards/shared.js';
import { VERBS } from '../../src/cards/verbs.js';
import { RegistrationError } from '../../src/services/registration/members.js';
import type { Edition } from '../../src/services/registration/editions.js';
import { REGISTRATION_DIALOG_TEXTS } from './texts.js';

const T = REGISTRATION_DIALOG_TEXTS.register;

const MAIN = 'registrationMain';
const FORM = 'registrationForm';
const PROMPT = 'registrationCard';

/** Values of the first waterfall (persisted). */
interface MainValues {
  edition?: { id: string; nombre: string };
  input?: ProfileInput;
  verifiedEmail?: string;
}

/** Dialog options of the form loop (persisted in ConversationState: plain data only). */
interface FormState {
  editionId: string;
  editionName: string;
  forKey: string;
  consent: { at: string; version: string };
  verifiedEmail?: string;
  input: ProfileInput;
  errorsText?: string;
  profile?: ProfileData;
}

/**
 * "registrarme": aviso de privacidad and rules (explicit acceptance), the form prefilled from Teams and the
 * roster, a summary to confirm or correct, and one insert at the end. Only while the call is open; one
 * registration per person (also under concurrent sends, by the store's unique index).
 */
export class RegistrationDialog extends CancelAndHelpDialog {
  static readonly id = 'registrationDialog';

  constructor(private readonly deps: RegistrationDialogDeps) {
    super(RegistrationDialog.id, deps.showHelp);
    this.addDialog(
      new CardPrompt(
        PROMPT,
        {
          consent: consentCheck(deps),
          profile: profileCheck(deps, T.form),
          summary: choiceCheck(),
        },
        deps.logger,
      ),
    );
    this.addDialog(new WaterfallDialog(MAIN, [this.checkStep.bind(this), this.consentStep.bind(this)]));
    this.addDialog(new WaterfallDialog(FORM, [this.formStep.bind(this), this.summaryStep.bind(this), this.saveStep.bind(this)]));
    this.initialDialogId = MAIN;
  }

  /** Who she is, whether the call is open, whether she already registered; then the consent card. */
  private async checkStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { context } = step;
    const person = await requireAadPerson(context, this.deps.supportContact);
    if (!person) return step.endDialog();
    const key = personKey(person);
    const edition = await this.deps.editions.getActive();
    if (!edition) {
      await context.sendActivity(T.noActiveCall(this.deps.supportContact));
      return step.endDialog();
    }
    const state = this.deps.editions.state(edition, this.deps.clock());
    if (state.kind !== 'open') {
      await context.sendActivity(T.callNotOpen(describeCall(state), this.deps.supportContact));
      return step.endDialog();
    }
    const existing = await this.deps.members.get(edition._id, key);
    if (existing) {
      await context.sendActivity(REGISTRATION_DIALOG_TEXTS.alreadyRegistered(existing.status, this.deps.supportContact));
      return step.endDialog();
    }

    const teams = await this.deps.teamsProfile(context);
    if (teams.email) await this.deps.people.record({ personKey: key, aadObjectId: person.aadObjectId, userId: person.userId, ...(teams.name ? { name: teams.name } : {}), email: teams.email });
    let input: ProfileInput = { nombre: teams.name ?? person.name ?? '', correo: teams.email ?? '' };
    if (teams.email) {
      const entry = await this.deps.roster.findByEmail(edition._id, teams.email);
      if (entry) input = prefillFromRoster(input, entry);
    }
    const values = step.values as MainValues;
    values.edition = { id: edition._id, nombre: edition.nombre };
    values.input = input;
    if (teams.email) values.verifiedEmail = teams.email;
    return step.beginDialog(PROMPT, { step: 'consent', card: consentCard(this.deps, edition.nombre, key), verbs: [VERBS.regConsent], forKey: key });
  }

  private async consentStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const result = step.result as ConsentResult;
    if (!result.accepted) {
      await step.context.sendActivity(T.consentDeclined);
      return step.endDialog();
    }
    const values = step.values as MainValues;
    const form: FormState = {
      editionId: values.edition!.id,
      editionName: values.edition!.nombre,
      forKey: personKey(personOf(step.context.activity)),
      consent: { at: result.at.toISOString(), version: result.version },
      input: values.input ?? {},
      ...(values.verifiedEmail ? { verifiedEmail: values.verifiedEmail } : {}),
    };
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
    const note = form.verifiedEmail && form.verifiedEmail !== profile.correo ? T.emailDiffersNote : '';
    const card = renderSummaryCard({
      title: T.summary.title,
      intro: T.summary.intro,
      facts: profileFacts(profile, await this.deps.catalogs.forEdition(form.editionId)),
      note,
      confirmTitle: T.summary.confirmTitle,
      forKey: form.forKey,
    });
    return step.beginDialog(PROMPT, { step: 'summary', card, verbs: [VERBS.regConfirm, VERBS.regEdit], forKey: form.forKey, cancelMessage: T.cancelled });
  }

  private async saveStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const form = (step.values as { form: FormState }).form;
    const profile = form.profile!;
    if (step.result === VERBS.regEdit) return step.replaceDialog(FORM, { ...form, input: profileToInput(profile), errorsText: '' } satisfies FormState);

    const { context } = step;
    const edition = await this.deps.editions.get(form.editionId);
    const now = this.deps.clock();
    if (!edition || !edition.active || !this.deps.editions.isOpen(edition, now)) {
      const call = edition ? describeCall(this.deps.editions.state(edition, now)) : T.callNoLongerActive;
      await context.sendActivity(T.notSaved(call, this.deps.supportContact));
      return step.endDialog();
    }
    const consent: ConsentRecord = { accepted: true, at: new Date(form.consent.at), version: form.consent.version };
    const person = context.activity.from;
    try {
      const { member } = await this.deps.members.register({
        editionId: edition._id,
        aadObjectId: person.aadObjectId ?? '',
        userId: person.id,
        profile,
        consent,
        ...(form.verifiedEmail ? { verifiedEmail: form.verifiedEmail } : {}),
      });
      await this.sendDone(context, member, edition);
      return step.endDialog();
    } catch (err) {
      if (!(err instanceof RegistrationError)) throw err;
      if (err.code === 'alreadyRegistered' && err.current) {
        await context.sendActivity(REGISTRATION_DIALOG_TEXTS.alreadyRegistered(err.current.status, this.deps.supportContact));
        return step.endDialog();
      }
      if (err.code === 'emailInUse') {
        const errorsText = T.emailInUse(this.deps.supportContact);
        await context.sendActivity(T.couldNotSave(errorsText));
        return step.replaceDialog(FORM, { ...form, input: profileToInput(profile), errorsText } satisfies FormState);
      }
      throw err;
    }
  }

  private async sendDone(context: TurnContext, member: MemberRecord, edition: Edition): Promise<void> {
    const validated = member.status === 'validated';
    const card = renderDoneCard({
      title: validated ? T.done.titleValidated : T.done.titlePending,
      statusText: validated ? T.done.validated(edition.nombre) : T.done.pending(edition.nombre),
      nextSteps: T.done.nextSteps(edition.closesAt ? formatDate(edition.closesAt) : undefined),
      calendar: calendarItems(upcomingStages(edition.calendar, this.deps.clock())),
      supportContact: this.deps.supportContact,
    });
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
  }
}
