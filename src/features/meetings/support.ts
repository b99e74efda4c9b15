import type { TurnContext } from 'botbuilder';
import { memberCircunscripcion, isInvited } from '../../domain/meetings/index.js';
import type { MemberRecord } from '../../domain/member.js';
import { formatDateTime, HQ_TIME_ZONE, zoneForEntidad } from '../../domain/time.js';
import { MeetingError, type MeetingDoc } from '../../services/meetings/index.js';
import type { FeatureContext } from '../feature.js';
import { SHARED_TEXTS } from '../shared/texts.js';
import { MEETINGS_TEXTS as T } from './texts.js';

/** The active edition's id, or undefined after saying there is none. */
export async function activeEditionId(ctx: FeatureContext, context: TurnContext): Promise<string | undefined> {
  const edition = await ctx.services.editions.getActive();
  if (!edition) await context.sendActivity(SHARED_TEXTS.noEdition);
  return edition?._id;
}

/**
 * The zone a person types times in: her entidad's when she is a member of the edition, headquarters'
 * (Ciudad de México) otherwise — Teams does not tell the bot an administrator's zone.
 */
export async function zoneOf(ctx: FeatureContext, editionId: string, personKey: string): Promise<string> {
  const member = await ctx.services.members.get(editionId, personKey);
  if (!member) return HQ_TIME_ZONE;
  return zoneForEntidad(await ctx.services.catalogs.forEdition(editionId), member.entidad);
}

export const meetingName = (m: Pick<MeetingDoc, 'kind' | 'moment' | 'circunscripcion'>): string => T.name(m.kind, m.moment, m.circunscripcion);

export interface Invitee {
  member: MemberRecord;
  zone: string;
}

/** The validated members a meeting invites (regional: her entidad's circunscripción), each with her zone. */
export async function inviteesOf(ctx: FeatureContext, meeting: Pick<MeetingDoc, 'editionId' | 'kind' | 'circunscripcion'>): Promise<Invitee[]> {
  const [members, catalog] = await Promise.all([ctx.services.members.list(meeting.editionId, { status: 'validated' }), ctx.services.catalogs.forEdition(meeting.editionId)]);
  return members.filter((m) => isInvited(meeting, memberCircunscripcion(catalog, m))).map((member) => ({ member, zone: zoneForEntidad(catalog, member.entidad) }));
}

/** A start as written for one reader. */
export const whenIn = (at: Date, zone: string): string => formatDateTime(at, zone);

/** The Spanish text of a meeting refusal; other errors are rethrown. */
export function refusalText(err: unknown): string {
  if (!(err instanceof MeetingError)) throw err;
  const e = T.errors[err.code];
  return typeof e === 'function' ? e(err.number) : e;
}

/** Runs `fn`; a MeetingError is answered in Spanish (nothing changed) and logged. */
export async function withMeetingErrors(ctx: FeatureContext, context: TurnContext, fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (err) {
    const text = refusalText(err);
    ctx.logger.info({ code: (err as MeetingError).code, activityId: context.activity.id }, 'meeting action refused');
    await context.sendActivity(text);
  }
}
