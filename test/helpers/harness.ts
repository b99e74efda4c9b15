import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { TestAdapter, type Activity } from 'botbuilder';
import { pino } from 'pino';
import { createBotCore, type BotCore, type BotCoreDeps } from '../../src/app.js';
import { loadConfig, type AppConfig } from '../../src/config.js';
import { EmbeddedStore } from '../../src/store/embeddedStore.js';
import type { Store } from '../../src/store/types.js';
import { RecordingNotifier } from './recordingNotifier.js';

/** A bot wired exactly as in production, on a temporary embedded store, driven by botbuilder's TestAdapter. */
export interface Harness {
  adapter: TestAdapter;
  core: BotCore;
  notifier: RecordingNotifier;
  store: Store;
  config: AppConfig;
  dataDir: string;
  /** Every reply the bot sent, in order. */
  replies: Partial<Activity>[];
  /** Sends an activity through the middleware and the bot; returns the replies of that turn. */
  turn(activity: Partial<Activity>): Promise<Partial<Activity>[]>;
  close(): Promise<void>;
}

export function testConfig(env: Record<string, string> = {}): AppConfig {
  // The per-person rate limit is off unless a test sets RATE_LIMIT_BURST: tests send many turns at once.
  return loadConfig({ BOT_MODE: 'local', LOG_LEVEL: 'silent', RATE_LIMIT_BURST: '0', ...env });
}

export async function createHarness(env: Record<string, string> = {}, deps: Partial<Pick<BotCoreDeps, 'onPersonalInstall'>> = {}): Promise<Harness> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'rdc-test-'));
  const store = await EmbeddedStore.open({ dataDir });
  const config = testConfig(env);
  const notifier = new RecordingNotifier();
  const core = await createBotCore(config, store, pino({ level: 'silent' }), { notifier, ...deps });
  const adapter = new TestAdapter(async (context) => core.bot.run(context));
  for (const m of core.middleware) adapter.use(m);
  adapter.onTurnError = core.onTurnError;
  const replies: Partial<Activity>[] = [];
  return {
    adapter,
    core,
    notifier,
    store,
    config,
    dataDir,
    replies,
    async turn(activity) {
      const before = adapter.activeQueue.length;
      await adapter.processActivity(activity);
      const sent = adapter.activeQueue.splice(before);
      replies.push(...sent);
      return sent;
    },
    async close() {
      await core.services.dedup.flush();
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Plain text of a reply, or the text of its Adaptive Card (all TextBlocks and facts), for assertions. */
export function textOf(activity: Partial<Activity>): string {
  const parts: string[] = [];
  if (activity.text) parts.push(activity.text);
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      for (const key of ['text', 'title', 'value', 'label']) if (typeof o[key] === 'string') parts.push(o[key]);
      for (const v of Object.values(o)) if (typeof v === 'object') walk(v);
    }
  };
  for (const a of activity.attachments ?? []) walk(a.content);
  return parts.join('\n');
}
