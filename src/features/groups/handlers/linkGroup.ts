import type { Activity, TurnContext } from 'botbuilder';
import type { CommandRequest } from '../../../../dialogs/mainDialog.js';
import { personKey } from '../../../domain/person.js';
import { VERBS } from '../../../cards/verbs.js';
import type { Edition } from '../../../services/registration/editions.js';
import { conversationKindOf, refOf } from '../../../teams/activity.js';
import type { FeatureContext } from '../../feature.js';
import { askToConfirm } from '../confirmations.js';
import { notifySpaceLinked, postRoster } from '../notices.js';
import { activeEdition, auditGroups } from '../support.js';
import { GROUPS_TEXTS } from '../texts.js';

/** The team's AAD (Microsoft 365) group id when Teams sent it in channelData.team (validated: it goes into links). */
function teamAadGroupIdOf(activity: Partial<Activity>): string | undefined {
  const cd: unknown = activity.channelData;
  const team: unknown = cd && typeof cd === 'object' ? (cd as { team?: unknown }).team : undefined;
  const id: unknown = team && typeof team === 'object' ? (team as { aadGroupId?: unknown }).aadGroupId : undefined;
  return typeof id === 'string' && /^[0-9A-Za-z-]{1,64}$/.test(id) ? id : undefined;
}

/**
 * "vincular grupo N", mentioning the bot in a standard channel or a group chat: links this conversation as
 * the group's space. When that changes another link (this conversation is another group's space, or the group
 * already has another space) it asks first with a card; the card's button (verb linkGroupConfirm) comes back
 * to linkHere with `confirmed`. Once the groups are confirmed, linking posts the roster in the space and tells
 * each member of the group, in her personal chat, with the deep link (once per space).
 */
export function linkGroupHandler(ctx: FeatureContext) {
  return async (context: TurnContext, request: CommandRequest): Promise<void> => {
    const edition = await activeEdition(ctx, context);
    if (!edition) return;
    await linkHere(ctx, context, edition, Number(request.args.trim()), personKey(request.person), false);
  };
}

export async function linkHere(ctx: FeatureContext, context: TurnContext, edition: Edition, group: number, actor: string, confirmed: boolean): Promise<void> {
  const groups = ctx.services.groups;
  const set = await groups.get(edition._id);
  if (!set) {
    await context.sendActivity(GROUPS_TEXTS.linkNeedsGroups);
    return;
  }
  if (!Number.isInteger(group) || group < 1 || group > set.groupCount) {
    await context.sendActivity(GROUPS_TEXTS.linkUsage(set.groupCount));
    return;
  }
  const kind = conversationKindOf(context.activity) === 'channel' ? 'channel' : 'groupChat';
  const ref = refOf(context.activity);
  // A channel is linked as itself (new posts start new threads), not as the thread of this message.
  const channelId = ref.channelIdInTeam ?? ref.conversation.id.split(';')[0]!;
  const spaceRef = kind === 'channel' ? { ...ref, conversation: { ...ref.conversation, id: channelId } } : ref;
  const conversationId = spaceRef.conversation.id;

  const { current, elsewhere } = await groups.linkConflicts(edition._id, group, conversationId);
  const replaces = current !== null && current.ref.conversation.id !== conversationId ? current : null;
  if (!confirmed && (replaces || elsewhere.length > 0)) {
    const texts = GROUPS_TEXTS.linkConfirm;
    await askToConfirm(context, {
      title: texts.title(kind, group),
      paragraphs: [
        ...elsewhere.map((other) => texts.detaches(kind, other.group, group)),
        ...(replaces ? [texts.replaces(kind, group, replaces)] : []),
        ...(set.state === 'confirmed' ? [texts.notifies(group)] : []),
      ],
      confirmTitle: texts.confirmTitle(group),
      cancelTitle: texts.cancelTitle,
      confirmVerb: VERBS.linkGroupConfirm,
      editionId: edition._id,
      group,
      args: '',
    });
    return;
  }

  const teamAadGroupId = kind === 'channel' ? teamAadGroupIdOf(context.activity) : undefined;
  const name = ref.conversation.name;
  const r = await groups.linkSpace(edition._id, group, { kind, ...(name ? { name } : {}), ref: spaceRef, ...(teamAadGroupId ? { teamAadGroupId } : {}) }, actor);
  if (r.unchanged) {
    await context.sendActivity(GROUPS_TEXTS.alreadyLinked(kind, group));
    return;
  }
  await auditGroups(ctx, actor, 'groups.link', edition._id, {
    group,
    kind,
    conversationId,
    ...(r.replaced ? { replaced: r.replaced.ref.conversation.id } : {}),
    ...(r.detached.length ? { detachedFrom: r.detached.map((s) => s.group) } : {}),
  });
  let notified = 0;
  if (set.state === 'confirmed') {
    await postRoster(ctx, edition._id, r.space, set);
    notified = (await notifySpaceLinked(ctx, context, edition._id, r.space, set)).enqueued;
  }
  await context.sendActivity(GROUPS_TEXTS.linked(kind, group, edition._id) + GROUPS_TEXTS.linkedNotified(notified));
}
