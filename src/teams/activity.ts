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

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Teams channel data, with only well-typed team and channel fields (see sanitizeActivity). */
export function channelDataOf(activity: Partial<Activity>): TeamsChannelDataLike {
  const cd: unknown = activity.channelData;
  if (!isRecord(cd)) return {};
  const part = (v: unknown): { id?: string; name?: string } | undefined => {
    if (!isRecord(v)) return undefined;
    const id = str(v.id);
    const name = str(v.name);
    return { ...(id !== undefined ? { id } : {}), ...(name !== undefined ? { name } : {}) };
  };
  const tenant = part(cd.tenant);
  const team = part(cd.team);
  const channel = part(cd.channel);
  return { ...(tenant ? { tenant } : {}), ...(team ? { team } : {}), ...(channel ? { channel } : {}) };
}

/**
 * The tenant of an activity, or undefined when it has none or it is malformed. When the channel data
 * carries a tenant (Teams always does), it is the authority: if its id is not a string (`{"$ne":null}`),
 * the activity has no valid tenant and the tenant guard drops it; conversation.tenantId is not consulted.
 */
export function tenantIdOf(activity: Partial<Activity>): string | undefined {
  const cd: unknown = activity.channelData;
  if (cd !== undefined && cd !== null) {
    if (!isRecord(cd)) return undefined;
    if (cd.tenant !== undefined) return isRecord(cd.tenant) ? str(cd.tenant.id) : undefined;
  }
  return str(activity.conversation?.tenantId);
}

/**
 * Cleans, in place, the fields of an incoming activity that the bot and botbuilder read without checking
 * their type, so a malformed activity cannot make a handler throw (which would answer with an error and
 * clear the conversation state). Fields of the wrong type are removed (list elements that are not objects
 * are filtered out); the names of what was cleaned are returned for the log. The tenant is left as it is:
 * tenantIdOf treats a malformed one as no tenant. `usable` is false when the activity has no conversation
 * id, no type or a sender/recipient without an id: nothing sensible can be done with it.
 */
export function sanitizeActivity(activity: Partial<Activity>): { fixed: string[]; usable: boolean } {
  const a = activity as Record<string, unknown>;
  const fixed: string[] = [];
  const dropIfNot = (o: Record<string, unknown>, key: string, ok: (v: unknown) => boolean, path: string): void => {
    if (o[key] !== undefined && !ok(o[key])) {
      delete o[key];
      fixed.push(path);
    }
  };
  const isString = (v: unknown): boolean => typeof v === 'string';
  const isBoolean = (v: unknown): boolean => typeof v === 'boolean';

  for (const key of ['id', 'text', 'name', 'action', 'locale', 'textFormat', 'replyToId', 'serviceUrl', 'channelId']) dropIfNot(a, key, isString, key);

  const cleanAccount = (o: Record<string, unknown>, path: string): void => {
    for (const key of ['id', 'name', 'aadObjectId', 'role']) dropIfNot(o, key, isString, `${path}.${key}`);
  };
  let usable = typeof a.type === 'string';
  for (const key of ['from', 'recipient']) {
    const account = a[key];
    if (account === undefined) continue;
    if (!isRecord(account)) {
      delete a[key];
      fixed.push(key);
      usable = false;
      continue;
    }
    cleanAccount(account, key);
    if (typeof account.id !== 'string') usable = false;
  }

  const conversation = a.conversation;
  if (isRecord(conversation)) {
    for (const key of ['conversationType', 'tenantId', 'name']) dropIfNot(conversation, key, isString, `conversation.${key}`);
    dropIfNot(conversation, 'isGroup', isBoolean, 'conversation.isGroup');
    if (typeof conversation.id !== 'string' || !conversation.id) usable = false;
  } else {
    usable = false;
  }

  for (const key of ['membersAdded', 'membersRemoved']) {
    const list = a[key];
    if (list === undefined) continue;
    if (!Array.isArray(list)) {
      delete a[key];
      fixed.push(key);
      continue;
    }
    const members = list.filter((m): m is Record<string, unknown> => isRecord(m) && typeof m.id === 'string');
    members.forEach((m, i) => cleanAccount(m, `${key}[${i}]`));
    if (members.length !== list.length) fixed.push(`${key}[]`);
    a[key] = members;
  }

  for (const key of ['entities', 'attachments']) {
    const list = a[key];
    if (list === undefined) continue;
    if (!Array.isArray(list)) {
      delete a[key];
      fixed.push(key);
      continue;
    }
    const items = list.filter(isRecord);
    if (items.length !== list.length) fixed.push(`${key}[]`);
    a[key] = items;
  }

  const cd = a.channelData;
  if (isRecord(cd)) {
    for (const key of ['team', 'channel']) {
      const part = cd[key];
      if (part === undefined) continue;
      if (!isRecord(part)) {
        delete cd[key];
        fixed.push(`channelData.${key}`);
        continue;
      }
      for (const field of ['id', 'name']) dropIfNot(part, field, isString, `channelData.${key}.${field}`);
    }
  }
  return { fixed, usable };
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
  const from: unknown = activity.from;
  const f = isRecord(from) ? from : {};
  const aadObjectId = str(f.aadObjectId);
  const name = str(f.name);
  const tenantId = tenantIdOf(activity);
  return {
    userId: str(f.id) ?? '',
    ...(aadObjectId ? { aadObjectId } : {}),
    ...(name ? { name } : {}),
    ...(tenantId ? { tenantId } : {}),
  };
}

export function refOf(activity: Partial<Activity>): ConversationRef {
  const cd = channelDataOf(activity);
  const kind = conversationKindOf(activity);
  const tenantId = tenantIdOf(activity);
  const person = personOf(activity);
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
            id: person.userId,
            ...(person.name ? { name: person.name } : {}),
            ...(person.aadObjectId ? { aadObjectId: person.aadObjectId } : {}),
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
  let text = typeof activity.text === 'string' ? activity.text : '';
  const entities: unknown = activity.entities;
  for (const m of Array.isArray(entities) ? entities : []) {
    if (!isRecord(m)) continue;
    const mentioned = isRecord(m.mentioned) ? m.mentioned : {};
    if (m.type === 'mention' && mentioned.id === activity.recipient?.id && typeof m.text === 'string' && m.text) {
      const mention = { text: m.text };
      text = text.split(mention.text).join(' ');
    }
  }
  return text.replace(/<at>[^<]*<\/at>/g, ' ').replace(/&nbsp;/g, ' ').replace(/\s+/g, ' ').trim();
}
