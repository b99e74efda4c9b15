import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { TestAdapter, type Activity } from 'botbuilder';
import { pino } from 'pino';
import { createBotCore, type BotCore } from '../../src/app.js';
import { completionNotice } from '../../src/features/delivery/completionNotice.js';
import type { ConversationService } from '../../src/services/conversations.js';
import { DeliveryEngine } from '../../src/services/delivery/engine.js';
import type { OutboxDoc } from '../../src/services/delivery/types.js';
import { DeliveryNotifier } from '../../src/services/deliveryNotifier.js';
import { EmbeddedStore } from '../../src/store/embeddedStore.js';
import type { Store } from '../../src/store/types.js';
import { testConfig } from '../helpers/harness.js';
import { ScriptedTransport, silentLogger, VirtualClock } from '../support/deliveryFakes.js';

/**
 * The bot wired as in production (src/app.ts createApp) with the real delivery engine and DeliveryNotifier,
 * over an in-memory transport: notices really go through the outbox, so duplicates, stale chats and the
 * status report can be observed end to end. Time: the bot reads a settable clock; the engine a virtual one.
 */
export interface NoticeHarness {
  adapter: TestAdapter;
  core: BotCore;
  engine: DeliveryEngine;
  transport: ScriptedTransport;
  store: Store;
  now: { value: Date };
  turn(activity: Partial<Activity>): Promise<Partial<Activity>[]>;
  /** Sends everything that is due. */
  drain(): Promise<void>;
  outbox(filter?: Record<string, unknown>): Promise<OutboxDoc[]>;
  close(): Promise<void>;
}

export async function createNoticeHarness(env: Record<string, string> = {}): Promise<NoticeHarness> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'rdc-notices-'));
  const store = await EmbeddedStore.open({ dataDir });
  const config = testConfig(env);
  const now = { value: new Date('2026-12-05T18:00:00Z') };
  const clock = () => new Date(now.value);
  const engineClock = new VirtualClock();
  const transport = new ScriptedTransport(() => engineClock.now());
  const late: { conversations?: ConversationService } = {};
  // The same callbacks as createApp (src/app.ts).
  const engine = new DeliveryEngine({
    store,
    transport,
    logger: silentLogger,
    instanceId: 'notices-test',
    clock: engineClock,
    random: () => 0.5,
    completionNotice,
    personalChatDefaults: { tenantId: 'tenant-ine-test', botId: '28:bot-red-coaching' },
    onConversationCreated: async (recipientKey, ref) => {
      await late.conversations?.remember('personal', ref, recipientKey.startsWith('aad:') ? recipientKey : undefined);
    },
    onConversationGone: async (conversationId) => {
      await late.conversations?.markInactive(conversationId);
    },
  });
  await engine.init();
  const core = await createBotCore(config, store, pino({ level: 'silent' }), {
    notifier: (c) => new DeliveryNotifier(engine, c),
    delivery: engine,
    clock,
    onPersonalInstall: (key, ref) => engine.onInstalled(key, ref),
  });
  late.conversations = core.services.conversations;
  const adapter = new TestAdapter(async (context) => core.bot.run(context));
  for (const m of core.middleware) adapter.use(m);
  adapter.onTurnError = core.onTurnError;
  return {
    adapter,
    core,
    engine,
    transport,
    store,
    now,
    async turn(activity) {
      const before = adapter.activeQueue.length;
      await adapter.processActivity(activity);
      return adapter.activeQueue.splice(before);
    },
    drain: () => engine.drain(),
    outbox: (filter = {}) => store.collection<OutboxDoc>('outbox').find(filter),
    async close() {
      await engine.stop();
      await core.services.dedup.flush();
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
