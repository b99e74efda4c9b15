import { CardFactory, type TurnContext } from 'botbuilder';
import type { CardJson } from '../../cards/render.js';
import { daysBetween, workingDaysBetween, type CaseKind, type IsoDay } from '../../domain/cases/index.js';
import { personKey, type Person } from '../../domain/person.js';
import type { Role } from '../../domain/roles.js';
import { HQ_TIME_ZONE, localDateOf, zoneForEntidad } from '../../domain/time.js';
import { isCaseError, type CaseDoc } from '../../services/cases/index.js';
import { personOf, scopeOf } from '../../teams/activity.js';
import type { FeatureContext } from '../feature.js';
import { SHARED_TEXTS } from '../shared/texts.js';
import { CASES_TEXTS as T } from './texts.js';

/** The active edition's id, or undefined after saying there is none (in words for a member or for UTIGyND). */
export async function activeEditionId(ctx: FeatureContext, context: TurnContext, forStaff = false): Promise<string | undefined> {
  const edition = await ctx.services.editions.getActive();
  if (!edition) await context.sendActivity(forStaff ? SHARED_TEXTS.noEdition : T.noEditionMember);
  return edition?._id;
}

/** Members' texts never go to a group space: every action of this feature happens in the personal chat. */
export async function personalOnly(context: TurnContext): Promise<boolean> {
  if (scopeOf(context.activity) === 'personal') return true;
  await context.sendActivity(T.personalOnly);
  return false;
}

export const me = (context: TurnContext): string => personKey(personOf(context.activity));

/** Her zone (her entidad's) when she is a member of the edition; headquarters' otherwise. */
export async function zoneOf(ctx: FeatureContext, editionId: string, key: string): Promise<string> {
  const member = await ctx.services.members.get(editionId, key);
  if (!member) return HQ_TIME_ZONE;
  return zoneForEntidad(await ctx.services.catalogs.forEdition(editionId), member.entidad);
}

/**
 * Card submissions reach handlers without the typed command's role check: only people with a member role (or
 * UTIGyND) may open a case or report a barrier. Checked on the server; nothing about her is stored by the check.
 */
export async function mayWrite(ctx: FeatureContext, context: TurnContext): Promise<boolean> {
  const roles = await ctx.services.roles.rolesOf(personOf(context.activity));
  if (WRITER_ROLES.some((r) => roles.has(r))) return true;
  await context.sendActivity(T.membersOnly);
  return false;
}

const WRITER_ROLES: readonly Role[] = ['member', 'representante', 'secretaria', 'admin'];

/** At most this many lines in a list; the rest are counted. */
export const LIST_LIMIT = 50;

/** Who is notified of a case: every administrator for a consulta; for a confidential request, only those with the acompanamiento role. */
export async function staffRecipients(ctx: FeatureContext, kind: CaseKind): Promise<{ personKey: string; name?: string }[]> {
  const admins = await ctx.services.admins.list();
  const holders = kind === 'acompanamiento' ? new Set(await ctx.services.admins.staffRoleHolders('acompanamiento')) : undefined;
  return admins.filter((a) => !holders || holders.has(a.aadObjectId)).map((a) => ({ personKey: `aad:${a.aadObjectId}`, ...(a.name ? { name: a.name } : {}) }));
}

/**
 * The person when she may act on the case as staff: an administrator for a consulta; for a confidential
 * request, an administrator with the acompanamiento role — never another administrator, whatever the command
 * or button. A refusal is answered, logged and audited without the case's contents, and changes nothing.
 */
export async function staffFor(ctx: FeatureContext, context: TurnContext, kind: CaseKind, what: string, channel: 'command' | 'card'): Promise<Person | undefined> {
  if (kind === 'consulta') return ctx.guard.check(context, what, channel);
  const person = personOf(context.activity);
  if (await ctx.services.roles.hasStaffRole(person, 'acompanamiento')) return person;
  await ctx.guard.refused(person, 'confidential', channel);
  await context.sendActivity(T.accompaniment.onlyRole);
  return undefined;
}

/** Replaces the card she pressed (the submit's replyToId) so it cannot be used again; false when not possible. */
export async function replaceCard(ctx: FeatureContext, context: TurnContext, card: CardJson): Promise<boolean> {
  const cardId = context.activity.replyToId;
  if (typeof cardId !== 'string' || cardId === '') return false;
  try {
    await context.updateActivity({ id: cardId, type: 'message', attachments: [CardFactory.adaptiveCard(card)] });
    return true;
  } catch (err) {
    ctx.logger.warn({ cardId, error: err instanceof Error ? err.name : 'unknown' }, 'case card not updated in place');
    return false;
  }
}

/** The Spanish text of a refusal (codes only: never a case's contents); other errors are rethrown. */
export function refusalText(err: unknown): string {
  if (!isCaseError(err)) throw err;
  if (err.code === 'tooLong' && err.detail.length !== undefined && err.detail.max !== undefined) return T.tooLong(err.detail.length, err.detail.max);
  if (err.code === 'closed' && err.detail.folio !== undefined) return T.closedFolio(err.detail.folio);
  return T.errors[err.code];
}

/**
 * Runs `fn`; a CaseError is answered in Spanish and logged as a structured entry with its code (nothing was
 * changed). What she wrote is never logged.
 */
export async function withCaseErrors(ctx: FeatureContext, context: TurnContext, what: string, fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (err) {
    const text = refusalText(err);
    ctx.logger.warn({ what, code: isCaseError(err) ? err.code : 'unknown', userId: context.activity.from?.id }, 'case action refused');
    await context.sendActivity(text);
  }
}

/** "hace 3 días (1 día hábil)", counted on headquarters' calendar. */
export function ageText(from: Date, now: Date, holidays: ReadonlySet<IsoDay>): string {
  const a = localDateOf(from, HQ_TIME_ZONE);
  const b = localDateOf(now, HQ_TIME_ZONE);
  return T.age(Math.max(0, daysBetween(a, b)), workingDaysBetween(a, b, holidays));
}

/** A folio typed after a command ("12"), or undefined. */
export function parseFolio(word: string | undefined): number | undefined {
  if (!word || !/^\d{1,7}$/.test(word)) return undefined;
  const n = Number(word);
  return n >= 1 ? n : undefined;
}

/** Broadcast ids of a case's notices: one per event, so a retry never sends twice. */
export const BROADCAST = {
  created: (doc: CaseDoc) => `caso:${doc._id}:nuevo`,
  memberMessage: (doc: CaseDoc) => `caso:${doc._id}:mensaje:${doc.messages.length}`,
  staffReply: (doc: CaseDoc) => `caso:${doc._id}:respuesta:${doc.messages.length}`,
  closed: (doc: CaseDoc) => `caso:${doc._id}:cerrado`,
  reminder: (doc: CaseDoc) => `caso:${doc._id}:recordatorio:${doc.waitingSince?.getTime() ?? 0}:${doc.reminders}`,
};
