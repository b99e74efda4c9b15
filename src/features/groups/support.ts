import type { TurnContext } from 'botbuilder';
import type { Catalog } from '../../domain/catalog.js';
import type { MemberRecord } from '../../domain/member.js';
import { spaceDeepLink } from '../../domain/groups/index.js';
import type { Edition } from '../../services/registration/editions.js';
import type { GroupSetDoc, GroupSpaceDoc } from '../../services/groupSets.js';
import type { GroupMemberLine, SpaceView } from '../../cards/groups.js';
import type { FeatureContext } from '../feature.js';
import { SHARED_TEXTS } from '../shared/texts.js';
import { GROUPS_TEXTS } from './texts.js';

/** What a "grupos <sub>" handler receives: the turn, the active edition and the words after the sub-command. */
export interface GroupsTurn {
  context: TurnContext;
  edition: Edition;
  args: readonly string[];
  /** The administrator's person key (the actor recorded on the group set and in the audit log). */
  actor: string;
  /**
   * The administrator already answered "de todos modos" to the warning that the call is still open
   * (the card's button); a typed command never has it.
   */
  callOpenAccepted?: boolean;
}

/** The active edition, or undefined after telling the administrator there is none. */
export async function activeEdition(ctx: FeatureContext, context: TurnContext): Promise<Edition | undefined> {
  const edition = await ctx.services.editions.getActive();
  if (!edition) await context.sendActivity(SHARED_TEXTS.noEdition);
  return edition ?? undefined;
}

/** The members the groups are formed from: the edition's validated members. */
export function validatedMembers(ctx: FeatureContext, editionId: string): Promise<MemberRecord[]> {
  return ctx.services.members.list(editionId, { status: 'validated' });
}

/** The members currently placed in the set (assigned and not removed since). */
export function placedMembers(set: GroupSetDoc, members: readonly MemberRecord[]): MemberRecord[] {
  return members.filter((m) => set.assignment[m._id] !== undefined && !set.removed.includes(m._id));
}

/** A member as listed in notices, rosters and the export: names from the edition's catalog. */
export function memberLine(m: MemberRecord, catalog: Catalog): GroupMemberLine {
  return {
    nombre: m.nombre,
    vocalia: catalog.data.vocalias.find((v) => v.clave === m.vocalia)?.nombre ?? m.vocalia,
    entidad: catalog.entidad(m.entidad)?.nombre ?? m.entidad,
  };
}

/** The companions of a member in the notices: the other members of her group, never herself. */
export function companionsOf(self: Pick<MemberRecord, '_id'>, groupMembers: readonly MemberRecord[]): MemberRecord[] {
  return groupMembers.filter((m) => m._id !== self._id);
}

/** A group's space as members see it (the sentence and the Teams deep link), or that it has none yet. */
export function spaceView(space: GroupSpaceDoc | undefined | null, group: number): SpaceView {
  const texts = GROUPS_TEXTS.notice;
  if (!space) return { text: texts.noSpaceYet, url: '', openTitle: '' };
  return { text: texts.space(space.kind, space.name, group), url: spaceDeepLink(space) ?? '', openTitle: texts.openTitle(space.kind) };
}

/** Appends an audit entry for a groups action of an administrator (her person key). */
export async function auditGroups(ctx: FeatureContext, actor: string, action: string, editionId: string, details: Record<string, unknown>): Promise<void> {
  await ctx.services.audit.append({ actor, action, target: editionId, editionId, details });
}
