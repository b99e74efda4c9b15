import type { TurnContext } from 'botbuilder';
import type { MemberRecord } from '../../domain/member.js';
import { personKey, type Person } from '../../domain/person.js';
import { HQ_TIME_ZONE, zoneForEntidad } from '../../domain/time.js';
import { isSessionError, type SessionDoc } from '../../services/sessions/index.js';
import { personOf } from '../../teams/activity.js';
import type { FeatureContext } from '../feature.js';
import { SHARED_TEXTS } from '../shared/texts.js';
import { SESSION_ERRORS, SESSIONS_TEXTS as T } from './texts.js';

export type HolderRole = 'representante' | 'secretaria';
export const BOTH_ROLES: readonly HolderRole[] = ['representante', 'secretaria'];

/** Who is acting in a sessions turn. */
export interface SessionsActor {
  person: Person;
  key: string;
  admin: boolean;
  /** Her zone (her entidad's); headquarters' when she is not a member of the edition. */
  zone: string;
  /** Her group roles in the edition. */
  roles: { group: number; role: HolderRole }[];
}

export async function activeEditionId(ctx: FeatureContext, context: TurnContext): Promise<string | undefined> {
  const edition = await ctx.services.editions.getActive();
  if (!edition) await context.sendActivity(SHARED_TEXTS.noEdition);
  return edition?._id;
}

/** The IANA zone of a member (her entidad's); headquarters' for anyone else. */
export async function zoneOfMember(ctx: FeatureContext, editionId: string, member: Pick<MemberRecord, 'entidad'> | null | undefined): Promise<string> {
  if (!member) return HQ_TIME_ZONE;
  return zoneForEntidad(await ctx.services.catalogs.forEdition(editionId), member.entidad);
}

export async function actorOf(ctx: FeatureContext, context: TurnContext, editionId: string): Promise<SessionsActor> {
  const person = personOf(context.activity);
  const key = personKey(person);
  const [admin, roles, member] = await Promise.all([ctx.services.roles.isAdmin(person), ctx.services.elections.rolesFor(editionId, key), ctx.services.members.get(editionId, key)]);
  return { person, key, admin, zone: await zoneOfMember(ctx, editionId, member), roles: roles.map((r) => ({ group: r.group, role: r.role })) };
}

/**
 * Whether she may act on `group` with one of `roles`: a holder of that role in that very group (checked on the
 * server with services.elections.holds), or UTIGyND. Returns the Spanish refusal otherwise.
 */
export async function mayActOn(ctx: FeatureContext, editionId: string, actor: SessionsActor, group: number, roles: readonly HolderRole[]): Promise<string | undefined> {
  for (const role of roles) if (await ctx.services.elections.holds(editionId, actor.key, group, role)) return undefined;
  if (actor.admin) return undefined;
  const own = actor.roles.find((r) => roles.includes(r.role));
  const message = own ? T.notYourGroup(own.group) : roles.length === 1 && roles[0] === 'secretaria' ? T.secretariaOnly : T.notRoleHolder;
  ctx.logger.warn({ what: 'sessions', editionId, group, personKey: actor.key }, 'session action refused: not a role holder of the group');
  return message;
}

/** "N [grupo G]" / "[grupo G]" after a sub-command. */
export interface TargetArgs {
  number?: number;
  group?: number;
  /** Words left after the number and group (a typed date and time for "sesion mover"). */
  rest: string[];
}

export function parseTargetArgs(words: readonly string[]): TargetArgs | { error: string } {
  const out: TargetArgs = { rest: [] };
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!.toLowerCase();
    if (w === 'grupo') {
      const n = words[i + 1];
      if (!n || !/^\d{1,4}$/.test(n)) return { error: T.badGroupWord(n ?? w) };
      out.group = Number(n);
      i++;
    } else if (/^\d{1,4}$/.test(w) && out.number === undefined && out.rest.length === 0) out.number = Number(w);
    else out.rest.push(words[i]!);
  }
  return out;
}

/**
 * The group a command acts on: `grupo G` when given (UTIGyND, or a holder of that group), otherwise the group
 * where she holds one of `roles`. Answers and returns undefined when there is none.
 */
export async function targetGroup(ctx: FeatureContext, context: TurnContext, editionId: string, actor: SessionsActor, requested: number | undefined, roles: readonly HolderRole[], example: string): Promise<number | undefined> {
  let group = requested;
  if (group === undefined) {
    group = actor.roles.find((r) => roles.includes(r.role))?.group;
    if (group === undefined) {
      await context.sendActivity(actor.admin ? T.adminNeedsGroup(example) : roles.length === 1 && roles[0] === 'secretaria' ? T.secretariaOnly : T.notRoleHolder);
      return undefined;
    }
  }
  const refusal = await mayActOn(ctx, editionId, actor, group, roles);
  if (refusal) {
    await context.sendActivity(refusal);
    return undefined;
  }
  const set = await ctx.services.groups.confirmedSet(editionId);
  if (!set || group < 1 || group > set.groupCount) {
    await context.sendActivity(T.noGroup(group));
    return undefined;
  }
  return group;
}

/** The validated members of a group (as the sessions service counts them), with their records. */
export async function groupMembers(ctx: FeatureContext, editionId: string, group: number): Promise<MemberRecord[]> {
  const set = await ctx.services.groups.confirmedSet(editionId);
  if (!set) return [];
  return ctx.services.members.inGroup(editionId, set, group);
}

/** The session a command names ("N" of her group), or undefined after answering. */
export async function sessionByNumber(ctx: FeatureContext, context: TurnContext, editionId: string, group: number, number: number | undefined, example: string): Promise<SessionDoc | undefined> {
  if (number === undefined) {
    await context.sendActivity(T.needsNumber(example));
    return undefined;
  }
  const s = await ctx.services.sessions.byNumber(editionId, group, number);
  if (!s) await context.sendActivity(SESSION_ERRORS.notFound);
  return s ?? undefined;
}

/** The Spanish text of a SessionError; other errors are rethrown. */
export function refusalText(err: unknown): string {
  if (isSessionError(err)) return SESSION_ERRORS[err.code];
  throw err;
}

/** Runs `fn`; a SessionError is answered in Spanish (nothing changed). */
export async function withSessionErrors(context: TurnContext, fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (err) {
    await context.sendActivity(refusalText(err));
  }
}
