import type { Activity, TurnContext } from 'botbuilder';
import type { ConversationRef } from '../domain/conversationRef.js';
import type { Person } from '../domain/person.js';
import type { Scope } from '../domain/commands.js';
import type { ConversationKind } from '../services/conversations.js';

/** Conversions from Bot Framework activities to the plain types the domain and services use. */

interface TeamsChannelDataLike {
  tenant?: { id?: string };
  team?: { id?: string; name?: string };
  channel?: { id?: string; name?: string };
}

export function channelDataOf(activity: Partial<Activity>): TeamsChannelDataLike {
  const cd: unknown = activity.channelData;
  return cd && typeof cd === 'object' ? (cd as TeamsChannelDataLike) : {};
}

export function tenantIdOf(activity: Partial<Activity>): string | undefined {
  return channelDataOf(activity).tenant?.id ?? activity.conversation?.tenantId;
}

export function conversationKindOf(activity: Partial<Activity>): ConversationKind {
  const t = activity.conversation?.conversationType;
  if (t === 'channel') return 'channel';
  if (t === 'groupChat' || activity.conversation?.isGroup) return 'groupChat';
  return 'personal';
}

export function scopeOf(activity: Partial<Activity>): Scope {
  const kind = conversationKindOf(activity);
  return kind === 'channel' ? 'team' : kind;
}

export function personOf(activity: Partial<Activity>): Person {
  const from = activity.from;
  return {
    userId: from?.id ?? '',
    ...(from?.aadObjectId ? { aadObjectId: from.aadObjectId } : {}),
    ...(from?.name ? { name: from.name } : {}),
    ...(tenantIdOf(activity) ? { tenantId: tenantIdOf(activity) } : {}),
  };
}

export function refOf(activity: Partial<Activity>): ConversationRef {
  const cd = channelDataOf(activity);
  const kind = conversationKindOf(activity);
  const tenantId = tenantIdOf(activity);
  const conv = activity.conversation;
  return {
    channelId: activity.channelId ?? 'msteams',
    serviceUrl: activity.serviceUrl ?? '',
    ...(tenantId ? { tenantId } : {}),
    conversation: {
      id: conv?.id ?? '',
      ...(conv?.conversationType ? { conversationType: conv.conversationType } : {}),
      ...(conv?.isGroup !== undefined ? { isGroup: conv.isGroup } : {}),
      ...(tenantId ? { tenantId } : {}),
      ...(cd.channel?.name ? { name: cd.channel.name } : conv?.name ? { name: conv.name } : {}),
    },
    bot: { id: activity.recipient?.id ?? '', ...(activity.recipient?.name ? { name: activity.recipient.name } : {}) },
    ...(kind === 'personal' && activity.from
      ? {
          user: {
            id: activity.from.id,
            ...(activity.from.name ? { name: activity.from.name } : {}),
            ...(activity.from.aadObjectId ? { aadObjectId: activity.from.aadObjectId } : {}),
          },
        }
      : {}),
    ...(cd.team?.id ? { teamId: cd.team.id } : {}),
    ...(cd.channel?.id ? { channelIdInTeam: cd.channel.id } : {}),
    ...(activity.locale ? { locale: activity.locale } : {}),
  };
}

/** The text of a message without the bot's @mention, trimmed. */
export function cleanText(context: TurnContext): string {
  const activity = context.activity;
  let text = activity.text ?? '';
  for (const m of activity.entities ?? []) {
    const mention = m as { type?: string; mentioned?: { id?: string }; text?: string };
    if (mention.type === 'mention' && mention.mentioned?.id === activity.recipient?.id && mention.text) {
      text = text.split(mention.text).join(' ');
    }
  }
  return text.replace(/<at>[^<]*<\/at>/g, ' ').replace(/&nbsp;/g, ' ').replace(/\s+/g, ' ').trim();
}
