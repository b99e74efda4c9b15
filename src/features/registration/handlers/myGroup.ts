import { CardFactory } from 'botbuilder';
import type { Catalog } from '../../../domain/catalog.js';
import { spaceDeepLink } from '../../../domain/groups/index.js';
import type { MemberRecord } from '../../../domain/member.js';
import { personKey } from '../../../domain/person.js';
import { renderMemberGroupCard, type GroupMemberLine, type GroupRoleLine, type SpaceView } from '../../../cards/groups.js';
import { ELECTED_ROLES } from '../../../domain/elections/index.js';
import { personOf } from '../../../teams/activity.js';
import { formatYearMonth } from '../../../domain/time.js';
import type { FeatureContext } from '../../feature.js';
import type { CommandHandler } from '../../shared/adminGuard.js';
import { MY_GROUP_TEXTS as T } from '../myGroupTexts.js';

/** Where a member stands with the groups of her registration's edition (only confirmed groups are shown). */
export type MemberGroupInfo =
  | { kind: 'notValidated'; status: Exclude<MemberRecord['status'], 'validated'> }
  | { kind: 'notConfirmed' }
  | { kind: 'notPlaced' }
  | { kind: 'placed'; group: number; companions: GroupMemberLine[]; space: SpaceView; roles: GroupRoleLine[]; plan: { titulo: string; month: string }[] };

const lineOf = (m: MemberRecord, catalog: Catalog): GroupMemberLine => ({
  nombre: m.nombre,
  vocalia: catalog.findVocalia(m.vocalia)?.nombre ?? m.vocalia,
  entidad: catalog.entidad(m.entidad)?.nombre ?? m.entidad,
});

/**
 * Her group, her companions (the other validated members placed in it, never herself) and its space with the
 * Teams deep link. A proposal is never shown to members: only confirmed groups.
 */
export async function memberGroupOf(ctx: FeatureContext, member: MemberRecord): Promise<MemberGroupInfo> {
  if (member.status !== 'validated') return { kind: 'notValidated', status: member.status };
  const set = await ctx.services.groups.get(member.editionId);
  if (!set || set.state !== 'confirmed') return { kind: 'notConfirmed' };
  const group = set.assignment[member._id];
  if (group === undefined || set.removed.includes(member._id)) return { kind: 'notPlaced' };
  const catalog = await ctx.services.catalogs.forEdition(member.editionId);
  const inGroup = await ctx.services.members.inGroup(member.editionId, set, group);
  const companions = inGroup
    .filter((m) => m._id !== member._id)
    .sort((a, b) => a.nombre.localeCompare(b.nombre, 'es'))
    .map((m) => lineOf(m, catalog));
  // The group's elected roles (issue 10): holders still in the group; a role nobody holds is shown as vacant.
  const holders = await ctx.services.elections.holdersOf(member.editionId, group);
  const roles = ELECTED_ROLES.map((role) => {
    const holder = inGroup.find((m) => holders.some((h) => h.role === role && h.personKey === m.personKey));
    return { role: T.roleTitle[role], holder: holder ? holder.nombre : T.vacantRole };
  });
  // The group's confirmed work plan (issue 10), in its order, with the tentative month of each topic.
  const workPlan = await ctx.services.topics.workPlans.get(member.editionId, group);
  const plan = (workPlan?.items ?? []).map((item) => ({ titulo: item.titulo, month: formatYearMonth(item.month) }));
  const space = await ctx.services.groups.spaceOf(member.editionId, group);
  const view: SpaceView = space
    ? { text: T.space(space.kind, space.name, group), url: spaceDeepLink(space) ?? '', openTitle: T.openTitle(space.kind) }
    : { text: T.noSpaceYet, url: '', openTitle: '' };
  return { kind: 'placed', group, companions, space: view, roles, plan };
}

/** Why she has no group to show, in Spanish. */
export function noGroupText(info: Exclude<MemberGroupInfo, { kind: 'placed' }>): string {
  if (info.kind === 'notValidated') return T.notValidated[info.status];
  return info.kind === 'notConfirmed' ? T.notConfirmed : T.notPlaced;
}

/** Her registration in the active edition, or her latest one. */
export async function currentRegistration(ctx: FeatureContext, key: string): Promise<MemberRecord | null> {
  const active = await ctx.services.editions.getActive();
  const member = active ? await ctx.services.members.get(active._id, key) : null;
  if (member) return member;
  const all = await ctx.services.members.listByPerson(key);
  return all[all.length - 1] ?? null;
}

/** "mi grupo": her group, her companions and the group's space with its link, as a card. */
export function createMyGroupHandler(ctx: FeatureContext): CommandHandler {
  return async (context) => {
    const member = await currentRegistration(ctx, personKey(personOf(context.activity)));
    if (!member) {
      await context.sendActivity(T.noRegistration);
      return;
    }
    const info = await memberGroupOf(ctx, member);
    if (info.kind !== 'placed') {
      await context.sendActivity(noGroupText(info));
      return;
    }
    const card = renderMemberGroupCard({ group: info.group, edition: member.editionId, members: info.companions, aloneNote: T.alone, space: info.space, roles: info.roles, plan: info.plan, planNote: T.noPlanYet });
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
  };
}
