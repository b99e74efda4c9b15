import type { TurnContext } from 'botbuilder';
import type { MemberRecord } from '../../domain/member.js';
import { personKey, type Person } from '../../domain/person.js';
import { formatDateTime, HQ_TIME_ZONE, parseLocalDateTime, zoneForEntidad } from '../../domain/time.js';
import type { Edition } from '../../services/registration/editions.js';
import { isTopicsError } from '../../services/topics/index.js';
import { personOf } from '../../teams/activity.js';
import type { FeatureContext } from '../feature.js';
import { SHARED_TEXTS } from '../shared/texts.js';
import { TOPICS_TEXTS as T } from './texts.js';

/** Who is acting in a topics turn: the person, her key, whether she is UTIGyND and the group she represents. */
export interface TopicsActor {
  person: Person;
  key: string;
  admin: boolean;
  /** The group whose representante she is in the edition, if any (checked on the server). */
  repGroup: number | undefined;
  /** Her zone (her entidad's), for dates she types and reads; headquarters' when she has no registration. */
  zone: string;
}

export async function activeEdition(ctx: FeatureContext, context: TurnContext): Promise<Edition | undefined> {
  const edition = await ctx.services.editions.getActive();
  if (!edition) await context.sendActivity(SHARED_TEXTS.noEdition);
  return edition ?? undefined;
}

export async function zoneOf(ctx: FeatureContext, editionId: string, member: Pick<MemberRecord, 'entidad'> | null | undefined): Promise<string> {
  if (!member) return HQ_TIME_ZONE;
  return zoneForEntidad(await ctx.services.catalogs.forEdition(editionId), member.entidad);
}

export async function actorOf(ctx: FeatureContext, context: TurnContext, editionId: string): Promise<TopicsActor> {
  const person = personOf(context.activity);
  const key = personKey(person);
  const [admin, roles, member] = await Promise.all([ctx.services.roles.isAdmin(person), ctx.services.elections.rolesFor(editionId, key), ctx.services.members.get(editionId, key)]);
  return { person, key, admin, repGroup: roles.find((r) => r.role === 'representante')?.group, zone: await zoneOf(ctx, editionId, member) };
}

/** "grupo 3", "todos" and "cierre AAAA-MM-DD HH:MM" after a sub-command. */
export type ScopeArgs = { ok: true; scope: number | 'all' | undefined; closesText: string | undefined } | { ok: false; message: string };

export function parseScopeArgs(words: readonly string[]): ScopeArgs {
  let scope: number | 'all' | undefined;
  let closesText: string | undefined;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!.toLowerCase();
    if (w === 'todos') scope = 'all';
    else if (w === 'grupo' || w === 'grupos') {
      const n = words[i + 1];
      if (!n || !/^\d{1,4}$/.test(n)) return { ok: false, message: T.badGroupWord(n ?? w) };
      scope = Number(n);
      i++;
    } else if (/^\d{1,4}$/.test(w)) scope = Number(w);
    else if (w === 'cierre') {
      closesText = words.slice(i + 1).join(' ');
      break;
    } else return { ok: false, message: T.badGroupWord(words[i]!) };
  }
  return { ok: true, scope, closesText };
}

/** The instant of a closing time typed in her zone, or the Spanish reason it is not one. */
export function parseClosing(text: string | undefined, zone: string): { ok: true; value: Date | undefined } | { ok: false; message: string } {
  if (text === undefined) return { ok: true, value: undefined };
  const r = parseLocalDateTime(text, zone);
  return r.ok ? { ok: true, value: r.value } : { ok: false, message: r.message };
}

export function when(instant: Date | undefined, zone: string): string | undefined {
  return instant ? formatDateTime(instant, zone) : undefined;
}

/** The validated members of a confirmed group (as the topics services count them). */
export async function groupMembers(ctx: FeatureContext, editionId: string, group: number): Promise<MemberRecord[]> {
  return ctx.services.members.list(editionId, { status: 'validated', ids: await ctx.services.topics.membership.memberIdsOf(editionId, group) });
}

/** Runs `fn`, answering a TopicsError with its Spanish message (nothing was changed); other errors propagate. */
export async function withTopicsErrors(context: TurnContext, fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (err) {
    if (!isTopicsError(err)) throw err;
    await context.sendActivity(err.message);
  }
}
