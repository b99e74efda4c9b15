import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { z } from 'zod';
import { afterEach, describe, expect, it } from 'vitest';
import { createBotCore, FEATURES, type BotCore } from '../../src/app.js';
import { EmbeddedStore } from '../../src/store/embeddedStore.js';
import type { Store } from '../../src/store/types.js';
import { defineJobHandler, scheduleMessage } from '../../src/services/jobs/index.js';
import type { FeatureFactory } from '../../src/features/feature.js';
import { RecordingNotifier } from '../helpers/recordingNotifier.js';
import { testConfig } from '../helpers/harness.js';

/**
 * The composition root wires the jobs: one scheduler in the service container, the scheduled-message kinds
 * bound to the bot's notifier, and each feature's job handlers registered before the first run.
 */
describe('jobs in the composition root', () => {
  let store: Store | undefined;
  let dataDir = '';
  afterEach(async () => {
    await store?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  async function core(now: { t: Date }, features: readonly FeatureFactory[] = FEATURES): Promise<{ core: BotCore; notifier: RecordingNotifier }> {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'rdc-jobs-wiring-'));
    store = await EmbeddedStore.open({ dataDir });
    const notifier = new RecordingNotifier();
    const c = await createBotCore(testConfig(), store, pino({ level: 'silent' }), { notifier, clock: () => now.t, instanceId: 'test-1', features });
    return { core: c, notifier };
  }

  it('a message scheduled for 17:00 reaches the notifier at 17:00, not before, and only once', async () => {
    const now = { t: new Date('2026-12-01T22:00:00Z') };
    const { core: c, notifier } = await core(now);
    const ref = { channelId: 'msteams', serviceUrl: 'http://127.0.0.1:1/', conversation: { id: '19:group' }, bot: { id: '28:bot' } };
    await scheduleMessage(c.services.jobs, 'recordatorio:sesion-1:24h', new Date('2026-12-01T23:00:00Z'), {
      to: 'conversation',
      kind: 'reminder',
      ref,
      message: { text: 'Mañana es la sesión del Grupo 3.' },
    });
    await c.services.jobs.runDue();
    expect(notifier.conversations).toHaveLength(0);
    now.t = new Date('2026-12-01T23:00:01Z');
    await c.services.jobs.runDue();
    await c.services.jobs.runDue();
    expect(notifier.conversations).toHaveLength(1);
    expect(notifier.conversations[0]).toMatchObject({ kind: 'reminder', ref: { conversation: { id: '19:group' } }, message: { text: 'Mañana es la sesión del Grupo 3.' } });
    expect((await c.services.jobs.get('recordatorio:sesion-1:24h'))?.status).toBe('done');
  });

  it('a cancelled scheduled message never arrives', async () => {
    const now = { t: new Date('2026-12-01T22:00:00Z') };
    const { core: c, notifier } = await core(now);
    const ref = { channelId: 'msteams', serviceUrl: 'http://127.0.0.1:1/', conversation: { id: '19:group' }, bot: { id: '28:bot' } };
    await scheduleMessage(c.services.jobs, 'recordatorio:sesion-2:1h', new Date('2026-12-01T23:00:00Z'), { to: 'conversation', kind: 'reminder', ref, message: { text: 'x' } });
    await c.services.jobs.cancel('recordatorio:sesion-2:1h');
    now.t = new Date('2026-12-02T01:00:00Z');
    await c.services.jobs.runDue();
    expect(notifier.conversations).toHaveLength(0);
  });

  it("a feature's job handlers are registered by createBotCore", async () => {
    const ran: string[] = [];
    const feature: FeatureFactory = () => ({
      name: 'probe',
      jobHandlers: [defineJobHandler('probe.run', z.object({ id: z.string() }), async (p) => void ran.push(p.id))],
    });
    const now = { t: new Date('2026-12-01T12:00:00Z') };
    const { core: c } = await core(now, [feature]);
    await c.services.jobs.schedule({ key: 'probe:1', kind: 'probe.run', runAt: new Date('2026-12-01T12:00:00Z'), payload: { id: 'a' } });
    await c.services.jobs.runDue();
    expect(ran).toEqual(['a']);
  });
});
