import type { TurnContext } from 'botbuilder';
import type { CommandRequest } from '../../../../dialogs/mainDialog.js';
import { personKey } from '../../../domain/person.js';
import { conversationKindOf, refOf } from '../../../teams/activity.js';
import type { FeatureContext } from '../../feature.js';
import { postRoster } from '../notices.js';
import { activeEdition, auditGroups } from '../support.js';
import { GROUPS_TEXTS } from '../texts.js';

/**
 * "vincular grupo N", mentioning the bot in a standard channel or a group chat: links this conversation as
 * the group's space, and posts the group's roster there when the groups are already confirmed.
 */
export function linkGroupHandler(ctx: FeatureContext) {
  return async (context: TurnContext, request: CommandRequest): Promise<void> => {
    const edition = await activeEdition(ctx, context);
    if (!edition) return;
    const group = Number(request.args.trim());
    const set = await ctx.services.groups.get(edition._id);
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
    const space = await ctx.services.groups.linkSpace(
      edition._id,
      group,
      { kind, ...(ref.conversation.name ? { name: ref.conversation.name } : {}), ref: spaceRef },
      personKey(request.person),
    );
    await auditGroups(ctx, request, 'groups.link', edition._id, { group, kind, conversationId: spaceRef.conversation.id });
    await context.sendActivity(GROUPS_TEXTS.linked(kind, group, edition._id));
    if (set.state === 'confirmed') await postRoster(ctx, edition._id, space, set);
  };
}
