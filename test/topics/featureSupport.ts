import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { TestAdapter, type Activity } from 'botbuilder';
import { pino } from 'pino';
import { createBotCore, type BotCore } from '../../src/app.js';
import { EmbeddedStore } from '../../src/store/embeddedStore.js';
import type { Store } from '../../src/store/types.js';
import { loadDefaultCatalog } from '../../src/data/defaultCatalog.js';
import type { MemberRecord } from '../../src/domain/member.js';
import { memberId } from '../../src/domain/member.js';
import { createRegistrationServices } from '../../src/services/registration/index.js';
import { MEMBERS_COLLECTION } from '../../src/services/registration/members.js';
import type { GroupSetDoc } from '../../src/services/groupSets.js';
import { ana, berta, channelMention, personalMessage, personalSubmit, TENANT, type UserLike } from '../helpers/activities.js';
import { testConfig, textOf } from '../helpers/harness.js';
import { RecordingNotifier } from '../helpers/recordingNotifier.js';
import { realisticRoster } from '../helpers/rosterFixtures.js';
import { validatedMember } from '../groups/support.js';

/**
 * The whole bot (createBotCore, every feature) on a temporary embedded store with a controllable clock, for
 * the topics feature's tests: edition 2027 active, two confirmed groups, the first one linked to a channel.
 *   group 1: Berta (made representante by tests that need one), Carla, Elena
 *   group 2: Dora, Fabiola
 * Ana is UTIGyND. Card updates in place are recorded in `updates`.
 */

export const EDITION = '2027';
export const CHANNEL = '19:grupo-uno@thread.tacv2';
export const carla: UserLike = { id: '29:carla', aadObjectId: '00000000-0000-0000-0000-0000000000c3', name: 'Carla Soto' };
export const dora: UserLike = { id: '29:dora', aadObjectId: '00000000-0000-0000-0000-0000000000d4', name: 'Dora Vega' };
export const elena: UserLike = { id: '29:elena', aadObjectId: '00000000-0000-0000-0000-0000000000e5', name: 'Elena Paz' };
export const fabiola: UserLike = { id: '29:fabiola', aadObjectId: '00000000-0000-0000-0000-0000000000f6', name: 'Fabiola Ríos' };
export const outsider: UserLike = { id: '29:olga', aadObjectId: '00000000-0000-0000-0000-0000000000a9', name: 'Olga Núñez' };
export { ana, berta };

export const keyOf = (u: UserLike): string => `aad:${u.aadObjectId!}`;

export interface TopicsHarness {
  core: BotCore;
  store: Store;
  notifier: RecordingNotifier;
  adapter: TestAdapter;
  now: { value: Date };
  updates: Partial<Activity>[];
  say(who: UserLike, text: string): Promise<string>;
  turn(activity: Partial<Activity>): Promise<Partial<Activity>[]>;
  submit(who: UserLike, value: Record<string, unknown>, replyToId?: string): Promise<string>;
  makeRepresentante(who: UserLike, group: number): Promise<void>;
  close(): Promise<void>;
}

export async function createTopicsHarness(env: Record<string, string> = {}): Promise<TopicsHarness> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'rdc-topics-feature-'));
  const store = await EmbeddedStore.open({ dataDir });
  const config = testConfig({ ADMIN_AAD_IDS: ana.aadObjectId!, MicrosoftAppTenantId: TENANT, ...env });
  const notifier = new RecordingNotifier();
  const now = { value: new Date('2027-01-10T16:00:00Z') };
  const core = await createBotCore(config, store, pino({ level: 'silent' }), { notifier, clock: () => now.value });
  const adapter = new TestAdapter(async (context) => core.bot.run(context));
  for (const m of core.middleware) adapter.use(m);
  adapter.onTurnError = core.onTurnError;
  const updates: Partial<Activity>[] = [];
  adapter.updateActivity = async (_context, activity) => {
    updates.push(activity);
    return { id: activity.id ?? '' };
  };

  const reg = createRegistrationServices(store, { adminAadIds: [ana.aadObjectId!] });
  await reg.init();
  await reg.editions.create({ id: EDITION, nombre: 'Red 2027' }, 'aad:setup');
  await reg.editions.activate(EDITION, 'aad:setup');
  const catalog = loadDefaultCatalog();
  const people: [UserLike, number][] = [
    [berta, 1],
    [carla, 1],
    [elena, 1],
    [dora, 2],
    [fabiola, 2],
  ];
  const roster = realisticRoster(catalog, 7, people.length);
  const members: MemberRecord[] = people.map(([u, _g], i) => validatedMember(EDITION, roster[i]!, { key: keyOf(u), userId: u.id, nombre: u.name! }));
  await store.collection<MemberRecord>(MEMBERS_COLLECTION).insertMany(members);
  const at = new Date('2026-12-01T00:00:00Z');
  const set: GroupSetDoc = {
    _id: EDITION,
    editionId: EDITION,
    state: 'confirmed',
    seed: 1,
    groupCount: 2,
    assignment: Object.fromEntries(people.map(([u, g]) => [memberId(EDITION, keyOf(u)), g])),
    removed: [],
    createdAt: at,
    createdBy: 'aad:setup',
    updatedAt: at,
    confirmedAt: at,
    confirmedBy: 'aad:setup',
  };
  await store.collection<GroupSetDoc>('groupSets').insertOne(set);

  const turn = async (activity: Partial<Activity>) => {
    const before = adapter.activeQueue.length;
    await adapter.processActivity(activity);
    return adapter.activeQueue.splice(before);
  };
  // Group 1's space: a channel linked by UTIGyND.
  await turn(channelMention(ana, 'vincular grupo 1', { channelId: CHANNEL }));
  notifier.people.length = 0;
  notifier.conversations.length = 0;

  return {
    core,
    store,
    notifier,
    adapter,
    now,
    updates,
    turn,
    async say(who, text) {
      return (await turn(personalMessage(who, text))).map(textOf).join('\n');
    },
    async submit(who, value, replyToId) {
      return (await turn({ ...personalSubmit(who, value), ...(replyToId ? { replyToId } : {}) })).map(textOf).join('\n');
    },
    async makeRepresentante(who, group) {
      await core.services.elections.offerRole({ editionId: EDITION, group, role: 'representante', personKey: keyOf(who) }, keyOf(ana));
      await core.services.elections.answerOffer({ editionId: EDITION, group, role: 'representante' }, keyOf(who), true);
    },
    async close() {
      await core.services.dedup.flush();
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The ballot cards sent 1:1 under one broadcast, by person key. */
export function ballotsOf(notifier: RecordingNotifier): Map<string, Record<string, unknown>> {
  const out = new Map<string, Record<string, unknown>>();
  for (const b of notifier.people.filter((p) => p.broadcastId.startsWith('temas-boletas:'))) for (const r of b.recipients) out.set(r.personKey, r.message.cards![0]!);
  return out;
}

/** The vote id a ballot card sends back. */
export function voteIdOfCard(card: Record<string, unknown>): string {
  const m = /"voteId":"([^"]+)"/.exec(JSON.stringify(card));
  return m![1]!;
}

/** Every topic id a ballot card offers. */
export function choicesOfCard(card: Record<string, unknown>): string[] {
  const ids: string[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      const o = n as Record<string, unknown>;
      if (o.type === 'Input.ChoiceSet' && Array.isArray(o.choices)) for (const c of o.choices as { value: string }[]) ids.push(c.value);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return ids;
}

export const cardText = (card: unknown): string => textOf({ attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }] });
