import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConnectorTransport } from '../../src/bot/connectorTransport.js';
import type { ConversationRef } from '../../src/domain/conversationRef.js';
import { completionNotice } from '../../src/features/delivery/completionNotice.js';
import { DeliveryEngine } from '../../src/services/delivery/engine.js';
import type { BroadcastRecipient } from '../../src/services/delivery/types.js';
import { EmbeddedStore } from '../../src/store/embeddedStore.js';
import { ConnectorSimulator } from '../support/connectorSimulator.js';
import { silentLogger } from '../support/deliveryFakes.js';

/** The real engine and transport over HTTP against the simulator, with injected faults. */

let dataDir: string;
let store: EmbeddedStore;
let sim: ConnectorSimulator;

beforeEach(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'delivery-sim-'));
  store = await EmbeddedStore.open({ dataDir });
});

afterEach(async () => {
  await store.close();
  await sim.close();
  await fs.rm(dataDir, { recursive: true, force: true });
});

function refFor(userId: string): ConversationRef {
  return {
    channelId: 'msteams',
    serviceUrl: sim.url,
    tenantId: 'tenant-ine',
    conversation: { id: ConnectorSimulator.personalConversationId(userId), conversationType: 'personal', isGroup: false },
    bot: { id: '28:bot' },
    user: { id: userId },
  };
}

describe('DeliveryEngine + ConnectorTransport + simulator', () => {
  it('delivers exactly once despite 429s, 503s and latency; blocks 403s; notifies the admin', async () => {
    sim = await ConnectorSimulator.start({ fault429: 0.1, retryAfterSeconds: 1, fault503: 0.05, latencyMs: [5, 25], forbidden: ['29:u7', '29:u8'], seed: 3 });
    const created: string[] = [];
    const engine = new DeliveryEngine({
      store,
      transport: new ConnectorTransport({ timeoutMs: 5_000 }),
      logger: silentLogger,
      instanceId: 'it',
      completionNotice,
      concurrency: 16,
      retry: { baseDelayMs: 100, maxDelayMs: 1_000 },
      personalChatDefaults: { serviceUrl: sim.url, tenantId: 'tenant-ine', botId: '28:bot' },
      onConversationCreated: (key) => void created.push(key),
    });
    await engine.init();
    const n = 150;
    const recipients: BroadcastRecipient[] = Array.from({ length: n }, (_, i) =>
      i < 10
        ? { recipientKey: `p${i}`, user: { id: `29:u${i}` }, message: { text: `Hola p${i}` } }
        : { recipientKey: `p${i}`, ref: refFor(`29:u${i}`), message: { text: `Hola p${i}` } },
    );
    const admin = refFor('29:admin');
    await engine.enqueueBroadcast({ broadcastId: 'convocatoria-1', kind: 'group-notification', title: 'Convocatoria', startedBy: admin, recipients });
    await engine.drain();

    const counts = sim.countsByConversation();
    for (let i = 0; i < n; i++) {
      const expected = i === 7 || i === 8 ? 0 : 1;
      expect(counts.get(ConnectorSimulator.personalConversationId(`29:u${i}`)) ?? 0, `p${i}`).toBe(expected);
    }
    expect(counts.get(admin.conversation.id)).toBe(1);
    expect(sim.stats.injected429).toBeGreaterThan(0);
    expect(sim.stats.injected503).toBeGreaterThan(0);
    const [status] = await engine.status('convocatoria-1');
    expect(status).toMatchObject({ state: 'finished', counts: { sent: 148, blocked: 2, failed: 0, pending: 0, sending: 0 } });
    expect(status!.topErrors).toEqual([{ code: 'blocked', count: 2 }]);
    // Chats created by the engine are reported (u7 and u8 never got one: blocked).
    expect(created.sort()).toEqual(['p0', 'p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p9']);
    const notice = sim.deliveries.find((d) => d.conversationId === admin.conversation.id)!;
    expect(notice.activity.text).toContain('Entregados: 148 de 150.');
  });
});
