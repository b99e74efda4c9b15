import type { ConversationRef } from '../conversationRef.js';

/**
 * Teams deep links to a group's space (issue 9), for the members' notices, "mis datos" and "mi grupo".
 *
 * - Channel: https://teams.microsoft.com/l/channel/<channel id>/<channel name>?groupId=<team AAD group id>&tenantId=<tenant>
 * - Group chat: https://teams.microsoft.com/l/chat/<chat id>/0?tenantId=<tenant>
 *
 * Limitation: Microsoft documents `groupId` (the team's Microsoft 365 group id) as part of a channel link, and
 * Teams sends it only in some activities (channelData.team.aadGroupId). When it is unknown the link carries
 * the channel's thread id and the tenant alone; Teams opens it for people who already belong to the team,
 * which is who can open the channel anyway. The name segment is cosmetic: Teams sends no name for a team's
 * General channel, so "General" is used then.
 */
export interface SpaceLinkInput {
  kind: 'channel' | 'groupChat';
  name?: string;
  ref: ConversationRef;
  /** The team's AAD (Microsoft 365) group id, when Teams sent it. */
  teamAadGroupId?: string;
}

const TEAMS = 'https://teams.microsoft.com/l';

function query(params: Record<string, string | undefined>): string {
  const parts = Object.entries(params)
    .filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(v)}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

/** The deep link to a channel or group chat, or undefined when the reference has no conversation id. */
export function spaceDeepLink(space: SpaceLinkInput): string | undefined {
  const ref = space.ref;
  const tenantId = ref.tenantId ?? ref.conversation.tenantId;
  if (space.kind === 'channel') {
    // A channel's conversation id may carry the thread of a message (";messageid=..."): never part of the link.
    const channelId = (ref.channelIdInTeam ?? ref.conversation.id).split(';')[0] ?? '';
    if (!channelId) return undefined;
    const name = space.name?.trim() || 'General';
    return `${TEAMS}/channel/${encodeURIComponent(channelId)}/${encodeURIComponent(name)}${query({ groupId: space.teamAadGroupId, tenantId })}`;
  }
  const chatId = ref.conversation.id;
  if (!chatId) return undefined;
  return `${TEAMS}/chat/${encodeURIComponent(chatId)}/0${query({ tenantId })}`;
}
