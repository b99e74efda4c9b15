import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { TestAdapter, type Activity, type ResourceResponse, type TurnContext } from 'botbuilder';
import { pino } from 'pino';
import { vi } from 'vitest';
import { createBotCore, type BotCore } from '../../src/app.js';
import { EmbeddedStore } from '../../src/store/embeddedStore.js';
import type { Store } from '../../src/store/types.js';
import { memberId, type MemberRecord } from '../../src/domain/member.js';
import { CONSENT_VERSION } from '../../src/domain/registration.js';
import { MEMBERS_COLLECTION } from '../../src/services/registration/members.js';
import { RecordingNotifier } from '../helpers/recordingNotifier.js';
import { testConfig, textOf } from '../helpers/harness.js';
import { ana, personalMessage, personalSubmit, TENANT, type UserLike } from '../helpers/activities.js';

/**
 * A bot wired as in production (every feature) on a temporary embedded store, with a fake clock (the scheduled
 * closing runs through `core.services.jobs.runDue()`), the RecordingNotifier, and an edition whose validated
 * members are in confirmed groups. Ana López is the UTIGyND administrator; group 1 has a linked channel.
 */
export const EDITION = '2026';
export const SPACE_CONVERSATION = '19:canal-grupo-1@thread.tacv2';

export interface Person {
  user: UserLike;
  key: string;
  nombre: string;
  correo: string;
}

export interface ElectionKit {
  core: BotCore;
  store: Store;
  notifier: RecordingNotifier;
  adapter: TestAdapter;
  now: { t: Date };
  people: Person[];
  /** Members by group number. */
  groups: Map<number, Person[]>;
  /** Card updates in place (the submit's replyToId → the new card's text). */
  updates: { id: string; text: string }[];
  /** Card ids whose update in place fails (as when Teams refuses it): the bot must answer with text instead. */
  failUpdates: Set<string>;
  turn(activity: Partial<Activity>): Promise<string>;
  say(who: Person | UserLike, text: string): Promise<string>;
  /** A card button, pressed on the card with id `cardId` (the submit's replyToId). */
  click(who: Person | UserLike, value: Record<string, unknown>, cardId?: string): Promise<string>;
  close(): Promise<void>;
}

const NAMES = ['Adriana Pérez', 'Beatriz Gómez', 'Carmen Ortiz', 'Diana Reyes', 'Elena Vargas', 'Fernanda Luna', 'Gabriela Soto', 'Hilda Cruz'];

const userOf = (p: Person | UserLike): UserLike => ('user' in p ? p.user : p);

export async function electionKit(opts: { members?: number; groups?: number } = {}): Promise<ElectionKit> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'rdc-elections-feature-'));
  const store = await EmbeddedStore.open({ dataDir });
  const notifier = new RecordingNotifier();
  const now = { t: new Date('2026-12-01T16:00:00Z') };
  const config = testConfig({ ADMIN_AAD_IDS: ana.aadObjectId!, MicrosoftAppTenantId: TENANT });
  const core = await createBotCore(config, store, pino({ level: 'silent' }), { notifier, clock: () => now.t, instanceId: 'test-elections' });
  const adapter = new TestAdapter(async (context) => core.bot.run(context));
  for (const m of core.middleware) adapter.use(m);
  adapter.onTurnError = core.onTurnError;
  const updates: { id: string; text: string }[] = [];
  const failUpdates = new Set<string>();
  vi.spyOn(adapter, 'updateActivity').mockImplementation(async (_c: TurnContext, activity: Partial<Activity>): Promise<ResourceResponse | void> => {
    if (failUpdates.has(activity.id!)) throw new Error('update refused');
    updates.push({ id: activity.id!, text: textOf(activity) });
    return { id: activity.id! };
  });

  const s = core.services;
  await s.editions.create({ id: EDITION, nombre: 'Red 2026' }, 'aad:setup');
  await s.editions.activate(EDITION, 'aad:setup');
  const n = opts.members ?? 8;
  const people: Person[] = Array.from({ length: n }, (_, i) => {
    const aad = `00000000-0000-0000-0000-${String(i + 1).padStart(12, '0')}`;
    return { user: { id: `29:m${i + 1}`, aadObjectId: aad, name: NAMES[i] ?? `Integrante ${i + 1}` }, key: `aad:${aad}`, nombre: NAMES[i] ?? `Integrante ${i + 1}`, correo: `m${i + 1}@ine.mx` };
  });
  const at = now.t;
  const records: MemberRecord[] = people.map((p, i) => ({
    _id: memberId(EDITION, p.key),
    editionId: EDITION,
    personKey: p.key,
    aadObjectId: p.user.aadObjectId!,
    userId: p.user.id,
    nombre: p.nombre,
    correo: p.correo,
    vocalia: 'VE',
    ambito: 'JDE',
    entidad: '09',
    distrito: i + 1,
    circunscripcion: 4,
    ejesInteres: [],
    consent: { accepted: true, at, version: CONSENT_VERSION },
    status: 'validated',
    rosterMatch: true,
    createdAt: at,
    updatedAt: at,
  }));
  await store.collection<MemberRecord>(MEMBERS_COLLECTION).insertMany(records);
  await s.groups.propose(EDITION, records, { groups: opts.groups ?? 2 }, 'aad:setup');
  await s.groups.confirm(EDITION, 'aad:setup');
  const set = (await s.groups.get(EDITION))!;
  const groups = new Map<number, Person[]>();
  for (const p of people) {
    const g = set.assignment[memberId(EDITION, p.key)]!;
    groups.set(g, [...(groups.get(g) ?? []), p]);
  }
  await s.groups.linkSpace(
    EDITION,
    1,
    { kind: 'channel', name: 'General', ref: { channelId: 'msteams', serviceUrl: 'https://smba.example.invalid/amer/', conversation: { id: SPACE_CONVERSATION, conversationType: 'channel', isGroup: true }, bot: { id: '28:bot' } } },
    'aad:setup',
  );

  const turn = async (activity: Partial<Activity>): Promise<string> => {
    const before = adapter.activeQueue.length;
    await adapter.processActivity(activity);
    return adapter.activeQueue.splice(before).map(textOf).join('\n');
  };
  return {
    core,
    store,
    notifier,
    adapter,
    now,
    people,
    groups,
    updates,
    failUpdates,
    turn,
    say: (who, text) => turn(personalMessage(userOf(who), text)),
    click: (who, value, cardId) => turn({ ...personalSubmit(userOf(who), value), ...(cardId ? { replyToId: cardId } : {}) }),
    async close() {
      await core.services.dedup.flush();
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The Adaptive Card sent to a person under a broadcast id (the RecordingNotifier keeps them). */
export function cardSentTo(notifier: RecordingNotifier, broadcastPrefix: string, key: string): Record<string, unknown> | undefined {
  for (const b of notifier.people) {
    if (!b.broadcastId.startsWith(broadcastPrefix)) continue;
    const r = b.recipients.find((x) => x.personKey === key);
    if (r?.message.cards?.[0]) return r.message.cards[0];
  }
  return undefined;
}

/** Every Action.Submit `data` and input of a card (to press its buttons the way Teams would). */
export function submitsOf(card: Record<string, unknown>): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.type === 'Action.Submit' && o.data) out.push(o.data as Record<string, unknown>);
      for (const v of Object.values(o)) if (typeof v === 'object') walk(v);
    }
  };
  walk(card);
  return out;
}

/** The choices of the ballot's inputs: input id → [{title, value}]. */
export function ballotChoices(card: Record<string, unknown>): Map<string, { title: string; value: string }[]> {
  const out = new Map<string, { title: string; value: string }[]>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.type === 'Input.ChoiceSet') out.set(o.id as string, o.choices as { title: string; value: string }[]);
      for (const v of Object.values(o)) if (typeof v === 'object') walk(v);
    }
  };
  walk(card);
  return out;
}

/** The text of a card (all TextBlocks, titles, values). */
export const cardText = (card: Record<string, unknown> | undefined): string => (card ? textOf({ attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }] }) : '');

/** The inputs of a ballot: id, label ("Representante") and choices. */
export function ballotInputs(card: Record<string, unknown>): { id: string; label: string; choices: { title: string; value: string }[] }[] {
  const out: { id: string; label: string; choices: { title: string; value: string }[] }[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.type === 'Input.ChoiceSet') out.push({ id: o.id as string, label: o.label as string, choices: o.choices as { title: string; value: string }[] });
      for (const v of Object.values(o)) if (typeof v === 'object') walk(v);
    }
  };
  walk(card);
  return out;
}

/** Presses "Postularme como …" on the nomination card she received. */
export async function nominate(k: ElectionKit, p: Person, role: 'representante' | 'secretaria', electionId: string): Promise<string> {
  const card = cardSentTo(k.notifier, `elecciones-postulaciones:${electionId}`, p.key)!;
  return k.click(p, submitsOf(card).find((d) => d.role === role)!);
}

/**
 * The value her ballot sends when she picks, per role title ("Representante"), a candidate by name or
 * "Abstención" (the card as Teams would submit it).
 */
export function ballotValue(k: ElectionKit, p: Person, electionId: string, round: number, picks: Record<string, string>): Record<string, unknown> {
  const card = cardSentTo(k.notifier, `elecciones-boletas:${electionId}:${round}`, p.key)!;
  const value: Record<string, unknown> = { ...submitsOf(card)[0]! };
  for (const input of ballotInputs(card)) {
    const name = picks[input.label];
    if (name !== undefined) value[input.id] = input.choices.find((c) => c.title === name)!.value;
  }
  return value;
}

/** The latest in-place update of the card `cardId` (its text), or undefined. */
export function cardNow(k: ElectionKit, cardId: string): string | undefined {
  return k.updates.filter((u) => u.id === cardId).at(-1)?.text;
}

/** Votes with her ballot card (pressed on the card `ballot-<key>-<round>`). */
export function castVote(k: ElectionKit, p: Person, electionId: string, round: number, picks: Record<string, string>): Promise<string> {
  return k.click(p, ballotValue(k, p, electionId, round, picks), `ballot-${p.key}-${round}`);
}
