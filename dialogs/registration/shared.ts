import { TeamsInfo, type TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { Catalog } from '../../src/domain/catalog.js';
import {
  CONSENT_VERSION,
  formatFieldErrors,
  LIMITS,
  PROFILE_FIELDS,
  validateProfile,
  type ProfileData,
  type ProfileInput,
} from '../../src/domain/registration.js';
import { personOf } from '../../src/teams/activity.js';
import type { CardCheck, CardCheckResult } from './cardPrompt.js';
import { renderConsentCard, renderProfileCard, type ProfileCardData } from '../../src/cards/registration.js';
import { VERBS } from '../../src/cards/verbs.js';
import type { CardJson } from '../../src/cards/render.js';
import { NETWORK_RULES, PRIVACY_SUMMARY } from '../../src/domain/registration.js';
import type { EditionService } from '../../src/services/registration/editions.js';
import type { MemberService } from '../../src/services/registration/members.js';
import type { ChangeRequestService } from '../../src/services/registration/changeRequests.js';
import type { PersonDirectory } from '../../src/services/registration/people.js';
import type { RosterLookup } from '../../src/services/registration/roster.js';
import type { HelpResponder } from '../baseDialog.js';
import type { Logger } from '../../src/logger.js';
import { REGISTRATION_DIALOG_TEXTS } from './texts.js';

const T = REGISTRATION_DIALOG_TEXTS.checks;

/** What the registration dialogs need, given by the registration feature (src/features/registration/index.ts). */
export interface RegistrationDialogDeps {
  /** The INE catalog of an edition (an admin may replace it per edition). */
  catalogs: { forEdition(editionId: string | undefined): Promise<Catalog>; forActive(): Promise<Catalog> };
  privacyNoticeUrl: string;
  supportContact: string;
  editions: EditionService;
  members: MemberService;
  changes: ChangeRequestService;
  people: PersonDirectory;
  roster: RosterLookup;
  /** Name and email of the person from Teams (TeamsInfo); never throws. */
  teamsProfile: (context: TurnContext) => Promise<TeamsProfile>;
  clock: () => Date;
  showHelp: HelpResponder;
  logger: Logger;
}

export interface TeamsProfile {
  name?: string;
  /** Email Teams reports for her account (trusted: it comes from Microsoft Graph via the connector). */
  email?: string;
}

/**
 * Her name and email from Teams (TeamsInfo.getMember). Falls back to the activity's name and no email when
 * the call fails or takes too long (e.g. outside Teams).
 */
export async function teamsProfileOf(context: TurnContext, timeoutMs = 5000): Promise<TeamsProfile> {
  const fallback: TeamsProfile = context.activity.from?.name ? { name: context.activity.from.name } : {};
  let timer: NodeJS.Timeout | undefined;
  try {
    const member = await Promise.race([
      TeamsInfo.getMember(context, context.activity.from.id),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('TeamsInfo.getMember timed out')), timeoutMs);
      }),
    ]);
    const email = typeof member.email === 'string' && member.email.includes('@') ? member.email.trim().toLowerCase() : undefined;
    const name = member.name || fallback.name;
    return { ...(name ? { name } : {}), ...(email ? { email } : {}) };
  } catch {
    return fallback;
  } finally {
    if (timer) clearTimeout(timer);
  }
}

/** A string or number from a card, as text; anything longer than the raw limit is refused by zod. */
const field = z
  .union([z.string().max(LIMITS.rawField), z.number().finite()])
  .transform((v) => String(v))
  .optional();

const profileShape = Object.fromEntries(PROFILE_FIELDS.map((f) => [f, field])) as Record<(typeof PROFILE_FIELDS)[number], typeof field>;
export const profilePayloadSchema = z.object({ verb: z.literal(VERBS.regProfile), forKey: z.string().max(200), ...profileShape });

export const consentPayloadSchema = z.object({
  verb: z.literal(VERBS.regConsent),
  forKey: z.string().max(200),
  decision: z.enum(['accept', 'decline']),
  version: z.string().max(40).optional(),
  consent: z.union([z.string().max(10), z.boolean()]).optional(),
});

export const choicePayloadSchema = z.object({ verb: z.string().max(40), forKey: z.string().max(200) });

export type ConsentResult = { accepted: true; at: Date; version: string } | { accepted: false };

export interface ProfileResult {
  profile: ProfileData;
  input: ProfileInput;
}

export function consentCard(deps: RegistrationDialogDeps, editionName: string, forKey: string): CardJson {
  return renderConsentCard({ title: REGISTRATION_DIALOG_TEXTS.register.title(editionName), privacySummary: PRIVACY_SUMMARY, rules: NETWORK_RULES, privacyNoticeUrl: deps.privacyNoticeUrl, version: CONSENT_VERSION, forKey });
}

/** Consent: explicit acceptance of the current text version (toggle checked and "Acepto" pressed). */
export function consentCheck(deps: RegistrationDialogDeps): CardCheck {
  return (_context, payload, options): CardCheckResult => {
    const parsed = consentPayloadSchema.safeParse(payload);
    if (!parsed.success) return { ok: false, message: T.consentUnreadable };
    const p = parsed.data;
    if (p.decision === 'decline') return { ok: true, result: { accepted: false } satisfies ConsentResult };
    if (p.version !== CONSENT_VERSION) {
      return { ok: false, message: T.consentOutdated, card: consentCard(deps, '', options.forKey) };
    }
    if (p.consent !== 'true' && p.consent !== true) {
      return { ok: false, message: T.consentUnchecked };
    }
    return { ok: true, result: { accepted: true, at: deps.clock(), version: CONSENT_VERSION } satisfies ConsentResult };
  };
}

export function profileCard(catalog: Catalog, data: Omit<ProfileCardData, 'errorsText'> & { errorsText?: string }): CardJson {
  return renderProfileCard({ ...data, errorsText: data.errorsText ?? '' }, catalog);
}

/** The profile form: every field validated again on the server; errors re-render the form with her values. */
export function profileCheck(deps: RegistrationDialogDeps, cardText: { title: string; subtitle: string; submitTitle: string }): CardCheck {
  return async (_context, payload, options): Promise<CardCheckResult> => {
    const parsed = profilePayloadSchema.safeParse(payload);
    if (!parsed.success) {
      return { ok: false, message: T.profileInvalid };
    }
    const input: ProfileInput = {};
    for (const f of PROFILE_FIELDS) {
      const v = parsed.data[f];
      if (v !== undefined) input[f] = v;
    }
    const catalog = await deps.catalogs.forActive();
    const result = validateProfile(input, catalog);
    if (result.ok) return { ok: true, result: { profile: result.value, input } satisfies ProfileResult };
    const errorsText = formatFieldErrors(result.errors);
    return {
      ok: false,
      message: T.profileErrors(errorsText),
      card: profileCard(catalog, { ...cardText, values: input, errorsText, forKey: options.forKey }),
    };
  };
}

/** Which button of a two-choice card was pressed (the verb), for the person the card is for. */
export function choiceCheck(): CardCheck {
  return (_context, payload): CardCheckResult => {
    const parsed = choicePayloadSchema.safeParse(payload);
    if (!parsed.success) return { ok: false, message: T.choiceUnreadable };
    return { ok: true, result: parsed.data.verb };
  };
}

/** The person in this turn; undefined (after telling her) when Teams did not send her Entra object id. */
export async function requireAadPerson(context: TurnContext, supportContact: string) {
  const person = personOf(context.activity);
  if (!person.aadObjectId) {
    await context.sendActivity(T.noAadAccount(supportContact));
    return undefined;
  }
  return person as typeof person & { aadObjectId: string };
}
