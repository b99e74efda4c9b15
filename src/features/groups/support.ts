import type { TurnContext } from 'botbuilder';
import type { CommandRequest } from '../../../dialogs/mainDialog.js';
import type { Catalog } from '../../domain/catalog.js';
import type { MemberRecord } from '../../domain/member.js';
import { personKey } from '../../domain/person.js';
import type { Edition } from '../../services/registration/editions.js';
import type { GroupSetDoc } from '../../services/groupSets.js';
import type { GroupMemberLine } from '../../cards/groups.js';
import type { FeatureContext } from '../feature.js';
import { SHARED_TEXTS } from '../shared/texts.js';

/** What a "grupos <sub>" handler receives: the turn, the active edition and the words after the sub-command. */
export interface GroupsTurn {
  context: TurnContext;
  request: CommandRequest;
  edition: Edition;
  args: readonly string[];
  /** The administrator's person key (the actor recorded on the group set). */
  actor: string;
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

/** Appends an audit entry for a groups action of this request's administrator. */
export async function auditGroups(ctx: FeatureContext, request: CommandRequest, action: string, editionId: string, details: Record<string, unknown>): Promise<void> {
  await ctx.services.audit.append({ actor: personKey(request.person), action, target: editionId, editionId, details });
}
