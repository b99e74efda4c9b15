import type { Activity } from 'botbuilder';

/** Activity factories for tests: Teams-shaped messages, submits and install events. */
export const TENANT = 'tenant-ine-test';
export const BOT = { id: '28:bot-red-coaching', name: 'Red de Coaching' };

export interface UserLike {
  id: string;
  aadObjectId?: string;
  name?: string;
}

export const ana: UserLike = { id: '29:ana', aadObjectId: '00000000-0000-0000-0000-0000000000a1', name: 'Ana López' };
export const berta: UserLike = { id: '29:berta', aadObjectId: '00000000-0000-0000-0000-0000000000b2', name: 'Berta Ruiz' };

let seq = 0;
const nextId = () => `act-${++seq}-${Math.random().toString(36).slice(2, 8)}`;

export function personalConversationId(user: UserLike): string {
  return `a:personal-${user.id}`;
}

interface Opts {
  tenantId?: string;
  serviceUrl?: string;
  id?: string;
  conversationId?: string;
}

function base(user: UserLike, opts: Opts): Partial<Activity> {
  return {
    id: opts.id ?? nextId(),
    channelId: 'msteams',
    serviceUrl: opts.serviceUrl ?? 'https://smba.example.invalid/amer/',
    from: { id: user.id, name: user.name ?? '', ...(user.aadObjectId ? { aadObjectId: user.aadObjectId } : {}) },
    recipient: { id: BOT.id, name: BOT.name },
    conversation: { id: opts.conversationId ?? personalConversationId(user), conversationType: 'personal', tenantId: opts.tenantId ?? TENANT, isGroup: false, name: '' },
    channelData: { tenant: { id: opts.tenantId ?? TENANT } },
    locale: 'es-MX',
    timestamp: new Date(),
  };
}

export function personalMessage(user: UserLike, text: string, opts: Opts = {}): Partial<Activity> {
  return { ...base(user, opts), type: 'message', text, textFormat: 'plain' };
}

export function personalSubmit(user: UserLike, value: Record<string, unknown>, opts: Opts = {}): Partial<Activity> {
  return { ...base(user, opts), type: 'message', value };
}

export function channelMention(user: UserLike, text: string, opts: Opts & { teamId?: string; channelId?: string } = {}): Partial<Activity> {
  const channelId = opts.channelId ?? '19:general@thread.tacv2';
  const mentionText = `<at>${BOT.name}</at>`;
  const b = base(user, opts);
  return {
    ...b,
    type: 'message',
    text: `${mentionText} ${text}`,
    textFormat: 'plain',
    conversation: { id: `${channelId};messageid=1`, conversationType: 'channel', isGroup: true, tenantId: opts.tenantId ?? TENANT, name: '' },
    channelData: { tenant: { id: opts.tenantId ?? TENANT }, team: { id: opts.teamId ?? '19:team@thread.tacv2', name: 'Equipo' }, channel: { id: channelId, name: 'General' } },
    entities: [{ type: 'mention', mentioned: { id: BOT.id, name: BOT.name }, text: mentionText }],
  };
}

export function groupChatMention(user: UserLike, text: string, opts: Opts & { chatId?: string } = {}): Partial<Activity> {
  const mentionText = `<at>${BOT.name}</at>`;
  const b = base(user, opts);
  return {
    ...b,
    type: 'message',
    text: `${mentionText} ${text}`,
    textFormat: 'plain',
    conversation: { id: opts.chatId ?? '19:groupchat@thread.v2', conversationType: 'groupChat', isGroup: true, tenantId: opts.tenantId ?? TENANT, name: '' },
    entities: [{ type: 'mention', mentioned: { id: BOT.id, name: BOT.name }, text: mentionText }],
  };
}

export function installPersonal(user: UserLike, opts: Opts = {}): Partial<Activity> {
  return { ...base(user, opts), type: 'installationUpdate', action: 'add' };
}

export function uninstallPersonal(user: UserLike, opts: Opts = {}): Partial<Activity> {
  return { ...base(user, opts), type: 'installationUpdate', action: 'remove' };
}
