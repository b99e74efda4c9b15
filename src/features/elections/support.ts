import type { TurnContext } from 'botbuilder';
import type { MemberRecord } from '../../domain/member.js';
import { formatDateTime, HQ_TIME_ZONE, parseLocalDateTime, zoneForEntidad } from '../../domain/time.js';
import { ElectionError } from '../../services/elections/index.js';
import type { FeatureContext } from '../feature.js';
import { SHARED_TEXTS } from '../shared/texts.js';
import { ELECTION_ERRORS, ELECTIONS_TEXTS as T } from './texts.js';

/** The active edition's id, or undefined after saying there is none. */
export async function activeEditionId(ctx: FeatureContext, context: TurnContext): Promise<string | undefined> {
  const edition = await ctx.services.editions.getActive();
  if (!edition) await context.sendActivity(SHARED_TEXTS.noEdition);
  return edition?._id;
}

/** The edition's validated members by personKey (names for texts, userIds for notices). */
export async function membersByKey(ctx: FeatureContext, editionId: string): Promise<Map<string, MemberRecord>> {
  return new Map((await ctx.services.members.list(editionId, { status: 'validated' })).map((m) => [m.personKey, m]));
}

export const nameIn = (members: ReadonlyMap<string, MemberRecord>, key: string): string => members.get(key)?.nombre ?? 'una integrante';

/** The IANA zone of a person: her entidad's when she is a member of the edition; headquarters' otherwise. */
export async function zoneOf(ctx: FeatureContext, editionId: string, personKey: string): Promise<string> {
  const member = await ctx.services.members.get(editionId, personKey);
  if (!member) return HQ_TIME_ZONE;
  return zoneForEntidad(await ctx.services.catalogs.forEdition(editionId), member.entidad);
}

/** A closing time as written for everybody (headquarters' zone, named). */
export const closingText = (at: Date | undefined): string | null => (at ? formatDateTime(at, HQ_TIME_ZONE) : null);

export interface Target {
  /** Group numbers, or 'all'. */
  groups: number[] | 'all';
  closesAt?: Date;
  /** "forzar": open before the Reunión Nacional de apertura of the edition calendar. */
  force?: boolean;
}

/**
 * "[grupo N | todos] [cierre AAAA-MM-DD HH:MM]" (the words after the sub-command); the closing time is read in
 * `zone` (the administrator's). Returns a Spanish message when the words are not understood.
 */
export function parseTarget(words: readonly string[], zone: string, opts: { closing: boolean; defaultAll: boolean; force?: boolean }): Target | { error: string } {
  const rest = [...words];
  let groups: Target['groups'] | undefined;
  let closesAt: Date | undefined;
  let force = false;
  while (rest.length > 0) {
    const w = rest.shift()!.toLowerCase();
    if (w === 'todos' || w === 'todas') groups = 'all';
    else if (w === 'grupo' || w === 'grupos') {
      const n = Number(rest.shift());
      if (!Number.isInteger(n) || n < 1 || n > 10_000) return { error: T.badTarget };
      groups = [...(Array.isArray(groups) ? groups : []), n];
    } else if (w === 'cierre' && opts.closing) {
      const text = rest.splice(0, 2).join(' ');
      const parsed = parseLocalDateTime(text, zone);
      if (!parsed.ok) return { error: parsed.message };
      closesAt = parsed.value;
    } else if (w === 'forzar' && opts.force) force = true;
    else return { error: T.badTarget };
  }
  if (groups === undefined) {
    if (!opts.defaultAll) return { error: T.needsGroup };
    groups = 'all';
  }
  return { groups, ...(closesAt ? { closesAt } : {}), ...(force ? { force } : {}) };
}

/** The Spanish text of an election refusal; other errors are rethrown. */
export function refusalText(err: unknown): string {
  if (err instanceof ElectionError) return ELECTION_ERRORS[err.code] ?? T.nothingDone;
  throw err;
}

/** Runs `fn`; an ElectionError is answered in Spanish (nothing changed). */
export async function withElectionErrors(context: TurnContext, fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (err) {
    await context.sendActivity(refusalText(err));
  }
}

/** The validated members of a group of the edition's confirmed set (the same people the election counts). */
export async function groupMembersOf(ctx: FeatureContext, editionId: string, group: number): Promise<MemberRecord[]> {
  const set = await ctx.services.groups.get(editionId);
  if (!set || set.state !== 'confirmed') return [];
  return ctx.services.members.inGroup(editionId, set, group);
}

/** Her group in the edition's confirmed set (validated members only), or null. */
export async function groupOfPerson(ctx: FeatureContext, editionId: string, personKey: string): Promise<{ member: MemberRecord; group: number } | null> {
  const [set, member] = await Promise.all([ctx.services.groups.get(editionId), ctx.services.members.get(editionId, personKey)]);
  if (!set || set.state !== 'confirmed' || !member || member.status !== 'validated') return null;
  const group = set.assignment[member._id];
  return group === undefined || set.removed.includes(member._id) ? null : { member, group };
}
