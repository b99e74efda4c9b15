import type { Activity } from 'botbuilder';
import { VERBS } from '../../src/cards/verbs.js';
import { memberId } from '../../src/domain/member.js';
import { MEMBERS_COLLECTION } from '../../src/services/registration/members.js';
import { personalMessage, TENANT, type UserLike } from '../helpers/activities.js';
import { textOf } from '../helpers/harness.js';
import { EDITION, electionKit, SPACE_CONVERSATION, type ElectionKit, type Person } from '../elections/featureSupport.js';

/**
 * The group sessions kit: electionKit (a bot wired as in production, fake clock, RecordingNotifier, 8 validated
 * members in 2 confirmed groups, group 1 linked to a channel), with roles and zones for group 1: the representante
 * lives in Baja California (America/Tijuana), the secretaria in Mexico City, a third member in Quintana Roo
 * (America/Cancun).
 */
export interface SessionKit extends ElectionKit {
  g1: Person[];
  g2: Person[];
  rep: Person;
  sec: Person;
  /** The member of group 1 in Quintana Roo. */
  qroo: Person;
  /** The representante of group 2. */
  rep2: Person;
}

export const LINK = 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc%40thread.v2/0';

async function setEntidad(k: ElectionKit, p: Person, entidad: string): Promise<void> {
  await k.store.collection<{ _id: string; entidad: string }>(MEMBERS_COLLECTION).updateOne({ _id: memberId(EDITION, p.key) }, { $set: { entidad } });
}

async function giveRole(k: ElectionKit, p: Person, group: number, role: 'representante' | 'secretaria'): Promise<void> {
  const e = k.core.services.elections;
  await e.offerRole({ editionId: EDITION, group, role, personKey: p.key }, 'aad:setup');
  await e.answerOffer({ editionId: EDITION, group, role }, p.key, true);
}

export async function sessionKit(): Promise<SessionKit> {
  const k = await electionKit({ members: 8, groups: 2 });
  const g1 = k.groups.get(1)!;
  const g2 = k.groups.get(2)!;
  const [rep, sec, qroo] = g1 as [Person, Person, Person];
  await setEntidad(k, rep, '02');
  await setEntidad(k, qroo, '23');
  await giveRole(k, rep, 1, 'representante');
  await giveRole(k, sec, 1, 'secretaria');
  await giveRole(k, g2[0]!, 2, 'representante');
  return Object.assign(k, { g1, g2, rep, sec, qroo, rep2: g2[0]! });
}

/** The value the schedule card sends (overrides replace fields). */
export function scheduleValue(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    verb: VERBS.sessionFormSubmit,
    editionId: EDITION,
    group: 1,
    mode: 'schedule',
    number: 0,
    fecha: '2026-12-10',
    hora: '10:00',
    duracion: '90',
    tema: 'libre',
    temaLibre: 'Balance del primer mes',
    modalidad: 'virtual',
    liga: LINK,
    ...overrides,
  };
}

export interface InvokeResult {
  /** Text of the messages sent during the turn (not the invoke response). */
  text: string;
  status: number | undefined;
  /** The refreshed card of the invoke response, when the handler answered with one. */
  card: Record<string, unknown> | undefined;
  responseType: string | undefined;
}

/** Presses an Action.Execute button (adaptiveCard/action invoke) as `who`, in her personal chat or in group 1's channel. */
export async function execute(k: ElectionKit, who: Person | UserLike, verb: string, data: Record<string, unknown>, where: 'personal' | 'space' = 'personal'): Promise<InvokeResult> {
  const user = 'user' in who ? who.user : who;
  const base = personalMessage(user, '');
  const activity: Partial<Activity> = {
    ...base,
    text: undefined,
    type: 'invoke',
    name: 'adaptiveCard/action',
    value: { action: { type: 'Action.Execute', verb, data: { ...data, verb } } },
    ...(where === 'space'
      ? { conversation: { id: SPACE_CONVERSATION, conversationType: 'channel', isGroup: true, tenantId: TENANT, name: '' }, channelData: { tenant: { id: TENANT }, team: { id: '19:team@thread.tacv2' }, channel: { id: SPACE_CONVERSATION } } }
      : {}),
  };
  const before = k.adapter.activeQueue.length;
  await k.adapter.processActivity(activity);
  const replies = k.adapter.activeQueue.splice(before);
  const response = replies.find((r) => r.type === 'invokeResponse')?.value as { status?: number; body?: { type?: string; value?: unknown } } | undefined;
  return {
    text: replies
      .filter((r) => r.type !== 'invokeResponse')
      .map(textOf)
      .join('\n'),
    status: response?.status,
    responseType: response?.body?.type,
    card: response?.body?.type === 'application/vnd.microsoft.card.adaptive' ? (response.body.value as Record<string, unknown>) : undefined,
  };
}

/** The text of a card. */
export const textOfCard = (card: Record<string, unknown> | undefined): string => (card ? textOf({ attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }] }) : '');

/** Posts in group 1's space, as text (messages' text and their cards). */
export function spacePosts(k: ElectionKit): { broadcastId: string; text: string }[] {
  return k.notifier.conversations
    .filter((c) => c.ref.conversation.id === SPACE_CONVERSATION)
    .map((c) => ({ broadcastId: c.broadcastId, text: [c.message.text ?? '', ...(c.message.cards ?? []).map((card) => textOfCard(card))].join('\n') }));
}

/** The card a member received 1:1 under broadcasts starting with `prefix` (the latest). */
export function cardTo(k: ElectionKit, prefix: string, key: string): Record<string, unknown> | undefined {
  let found: Record<string, unknown> | undefined;
  for (const b of k.notifier.people) {
    if (!b.broadcastId.startsWith(prefix)) continue;
    const r = b.recipients.find((x) => x.personKey === key);
    if (r?.message.cards?.[0]) found = r.message.cards[0];
  }
  return found;
}

/** Every Action.Execute of a card (verb and data). */
export function executesOf(card: Record<string, unknown> | undefined): { title: string; verb: string; data: Record<string, unknown> }[] {
  const out: { title: string; verb: string; data: Record<string, unknown> }[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.type === 'Action.Execute') out.push({ title: o.title as string, verb: o.verb as string, data: o.data as Record<string, unknown> });
      for (const v of Object.values(o)) if (typeof v === 'object') walk(v);
    }
  };
  walk(card);
  return out;
}
