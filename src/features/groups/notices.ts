import type { TurnContext } from 'botbuilder';
import type { MemberRecord } from '../../domain/member.js';
import { formatDate, upcomingStages } from '../../domain/registration.js';
import type { GroupSetDoc, GroupSpaceDoc } from '../../services/groupSets.js';
import type { NotifyResult } from '../../services/notifier.js';
import { renderGroupNoticeCard, renderGroupRosterCard, renderGroupSpaceNoticeCard } from '../../cards/groups.js';
import { refOf } from '../../teams/activity.js';
import type { FeatureContext } from '../feature.js';
import { groupNoticeBroadcastId, groupRosterBroadcastId, groupSpaceNoticeBroadcastId } from './broadcastIds.js';
import { companionsOf, memberLine, placedMembers, spaceView, validatedMembers } from './support.js';
import { GROUPS_TEXTS } from './texts.js';

/**
 * Sends each member of the groups her 1:1 notice (her group, her companions, its space with its deep link and
 * the next stages),
 * once per edition and person: the broadcast id makes a re-run skip whoever was already queued. With
 * `onlyIds`, only those members are notified (newcomers placed by "grupos asignar pendientes").
 */
export async function notifyMembers(ctx: FeatureContext, context: TurnContext, editionId: string, set: GroupSetDoc, onlyIds?: ReadonlySet<string>): Promise<NotifyResult> {
  const texts = GROUPS_TEXTS.notice;
  const edition = await ctx.services.editions.get(editionId);
  const catalog = await ctx.services.catalogs.forEdition(editionId);
  const members = placedMembers(set, await validatedMembers(ctx, editionId));
  const spaces = new Map((await ctx.services.groups.listSpaces(editionId)).map((s) => [s.group, s]));
  const byGroup = new Map<number, MemberRecord[]>();
  for (const m of members) byGroup.set(set.assignment[m._id]!, [...(byGroup.get(set.assignment[m._id]!) ?? []), m]);
  const steps = upcomingStages(edition?.calendar ?? [], ctx.clock()).map((s) => ({ date: formatDate(s.date), label: s.label }));
  const recipients = members
    .filter((m) => !onlyIds || onlyIds.has(m._id))
    .map((m) => {
      const group = set.assignment[m._id]!;
      const card = renderGroupNoticeCard({
        group,
        name: m.nombre,
        edition: editionId,
        members: companionsOf(m, byGroup.get(group) ?? []).map((x) => memberLine(x, catalog)),
        aloneNote: texts.alone,
        space: spaceView(spaces.get(group), group),
        steps,
        stepsNote: steps.length ? texts.stepsNote : texts.noSteps,
      });
      return { personKey: m.personKey, userId: m.userId, name: m.nombre, message: { cards: [card] } };
    });
  return ctx.services.notifier.notifyPeople({
    broadcastId: groupNoticeBroadcastId(editionId),
    kind: 'group-notification',
    title: texts.broadcastTitle(editionId),
    startedBy: refOf(context.activity),
    recipients,
  });
}

/** Posts the list of a group's members in its linked channel or group chat (once per conversation). */
export async function postRoster(ctx: FeatureContext, editionId: string, space: GroupSpaceDoc, set: GroupSetDoc): Promise<NotifyResult> {
  const catalog = await ctx.services.catalogs.forEdition(editionId);
  const members = (await validatedMembers(ctx, editionId)).filter((m) => set.assignment[m._id] === space.group && !set.removed.includes(m._id));
  const card = renderGroupRosterCard({ group: space.group, edition: editionId, members: members.map((m) => memberLine(m, catalog)) });
  return ctx.services.notifier.notifyConversation({
    broadcastId: groupRosterBroadcastId(editionId, space.group, space.ref.conversation.id),
    kind: 'group-roster',
    title: GROUPS_TEXTS.roster.broadcastTitle(space.group),
    ref: space.ref,
    message: { cards: [card] },
  });
}

/**
 * Tells each member of a confirmed group, in her personal chat, that the group's space was linked, with the
 * deep link to it. Once per edition, group and conversation (see groupSpaceNoticeBroadcastId).
 */
export async function notifySpaceLinked(ctx: FeatureContext, context: TurnContext, editionId: string, space: GroupSpaceDoc, set: GroupSetDoc): Promise<NotifyResult> {
  const members = placedMembers(set, await validatedMembers(ctx, editionId)).filter((m) => set.assignment[m._id] === space.group);
  const view = spaceView(space, space.group);
  const note = GROUPS_TEXTS.spaceNotice.note(space.kind);
  return ctx.services.notifier.notifyPeople({
    broadcastId: groupSpaceNoticeBroadcastId(editionId, space.group, space.ref.conversation.id),
    kind: 'group-space-notification',
    title: GROUPS_TEXTS.spaceNotice.broadcastTitle(space.group),
    startedBy: refOf(context.activity),
    recipients: members.map((m) => ({
      personKey: m.personKey,
      userId: m.userId,
      name: m.nombre,
      message: { cards: [renderGroupSpaceNoticeCard({ group: space.group, name: m.nombre, edition: editionId, space: view, note })] },
    })),
  });
}
