import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { ProactiveInstaller } from '../../src/services/appInstall.js';
import { EmbeddedStore } from '../../src/store/embeddedStore.js';
import { ana, berta, installPersonal, personalConversationId, personalMessage, TENANT } from '../helpers/activities.js';
import { startConnectorStub, type ConnectorStub } from '../support/connectorStub.js';
import { personalRef, ScriptedTransport, silentLogger, VirtualClock } from '../support/deliveryFakes.js';
import { DeliveryEngine } from '../../src/services/delivery/engine.js';
import { completionNotice } from '../../src/features/delivery/completionNotice.js';

/**
 * Issue 9, item 20 (optional part): installing the app through Microsoft Graph for someone a notice waits
 * for, behind PROACTIVE_INSTALL (off by default), against a Graph stub on 127.0.0.1.
 */
const TEAMS_APP_ID = '44c3d029-b67e-4369-9817-40ccec7a085f';
const CATALOG_ID = 'catalog-app-1';
const BERTA = berta.aadObjectId!;

interface GraphStub {
  base: string;
  calls: { method: string; url: string; body: unknown; auth?: string }[];
  /** Status of the next installations, per user id (default 201). */
  installStatus: Map<string, number>;
  close(): Promise<void>;
}

async function startGraphStub(): Promise<GraphStub> {
  const stub: GraphStub = { base: '', calls: [], installStatus: new Map(), close: () => Promise.resolve() };
  const server = http.createServer((req, res) => {
    let text = '';
    req.on('data', (d: Buffer) => (text += d.toString()));
    req.on('end', () => {
      const url = decodeURIComponent(req.url ?? '');
      stub.calls.push({ method: req.method ?? '', url, body: text ? (JSON.parse(text) as unknown) : undefined, ...(req.headers.authorization ? { auth: req.headers.authorization } : {}) });
      res.setHeader('content-type', 'application/json');
      if (req.method === 'GET' && url.startsWith('/v1.0/appCatalogs/teamsApps?$filter=')) {
        const known = url.includes(`externalId eq '${TEAMS_APP_ID}'`);
        res.end(JSON.stringify({ value: known ? [{ id: CATALOG_ID, externalId: TEAMS_APP_ID, displayName: 'Red de Coaching' }] : [] }));
        return;
      }
      const m = /^\/v1\.0\/users\/([^/]+)\/teamwork\/installedApps$/.exec(url);
      if (req.method === 'POST' && m) {
        const status = stub.installStatus.get(m[1]!) ?? 201;
        res.statusCode = status;
        res.end(status === 201 ? JSON.stringify({ id: 'installation-1' }) : JSON.stringify({ error: { code: status === 409 ? 'Conflict' : 'Forbidden', message: 'refused' } }));
        return;
      }
      res.statusCode = 404;
      res.end(JSON.stringify({ error: { code: 'NotFound', message: url } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  stub.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1.0`;
  stub.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return stub;
}

describe('proactive installation through Graph', () => {
  let dataDir: string;
  let graph: GraphStub;

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'rdc-install-'));
    graph = await startGraphStub();
  });
  afterEach(async () => {
    await graph.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('is off by default', () => {
    expect(loadConfig({ BOT_MODE: 'local' }).proactiveInstall).toEqual({ enabled: false, graphBaseUrl: 'https://graph.microsoft.com/v1.0' });
    expect(() => loadConfig({ BOT_MODE: 'local', PROACTIVE_INSTALL: 'true' })).toThrow(/PROACTIVE_INSTALL_TEAMS_APP_ID/);
  });

  it('installs the app for her (catalogue id looked up once), at most once a day, and records refusals', async () => {
    const store = await EmbeddedStore.open({ dataDir });
    try {
      let now = new Date('2026-12-05T18:00:00Z');
      const installer = new ProactiveInstaller({ store, logger: silentLogger, clock: () => now, graphBaseUrl: graph.base, teamsAppId: TEAMS_APP_ID, tokenProvider: () => Promise.resolve('graph-token') });
      expect(await installer.install(BERTA)).toBe('installed');
      expect(graph.calls.map((c) => `${c.method} ${c.url}`)).toEqual([
        `GET /v1.0/appCatalogs/teamsApps?$filter=externalId eq '${TEAMS_APP_ID}'`,
        `POST /v1.0/users/${BERTA}/teamwork/installedApps`,
      ]);
      expect(graph.calls[1]).toMatchObject({ auth: 'Bearer graph-token', body: { 'teamsApp@odata.bind': `${graph.base}/appCatalogs/teamsApps/${CATALOG_ID}` } });
      // Asked again the same day: nothing sent.
      expect(await installer.install(BERTA)).toBe('skipped');
      installer.request(`aad:${BERTA}`);
      installer.request('user:29:someone'); // not an Entra person: ignored
      await installer.idle();
      expect(graph.calls).toHaveLength(2);
      // The next day, already installed (409); a refusal is recorded too.
      now = new Date('2026-12-06T18:00:01Z');
      graph.installStatus.set(BERTA, 409);
      expect(await installer.install(BERTA)).toBe('already-installed');
      const other = '00000000-0000-0000-0000-0000000000e5';
      graph.installStatus.set(other, 403);
      expect(await installer.install(other)).toBe('failed');
      expect(await store.collection('appInstallAttempts').findOne({ _id: other })).toMatchObject({ outcome: 'failed', status: 403 });
      expect(graph.calls.filter((c) => c.method === 'GET')).toHaveLength(1);
    } finally {
      await store.close();
    }
  });

  it('the engine asks for it when a message starts waiting for the app', async () => {
    const store = await EmbeddedStore.open({ dataDir });
    try {
      const clock = new VirtualClock();
      const transport = new ScriptedTransport(() => clock.now());
      transport.script(personalRef('29:gone').conversation.id, [{ ok: false, status: 404, error: 'ConversationNotFound' }]);
      const waiting: string[] = [];
      const engine = new DeliveryEngine({ store, transport, logger: silentLogger, instanceId: 't', clock, completionNotice, onWaitingInstall: (k) => void waiting.push(k) });
      await engine.init();
      await engine.enqueueBroadcast({
        broadcastId: 'b1',
        kind: 'reminder',
        recipients: [
          { recipientKey: 'aad:no-chat', user: { name: 'Sin chat' }, message: { text: 'x' } },
          { recipientKey: 'aad:gone', ref: personalRef('29:gone'), message: { text: 'x' } },
          { recipientKey: 'aad:fine', ref: personalRef('29:fine'), message: { text: 'x' } },
        ],
      });
      expect(waiting).toEqual(['aad:no-chat']);
      await engine.drain();
      expect(waiting).toEqual(['aad:no-chat', 'aad:gone']);
      await engine.stop();
    } finally {
      await store.close();
    }
  });

  describe('wired in the app (PROACTIVE_INSTALL=true, local mode)', () => {
    let app: App;
    let connector: ConnectorStub;

    beforeEach(async () => {
      connector = await startConnectorStub();
      const config = loadConfig({
        BOT_MODE: 'local',
        PORT: '0',
        DATA_DIR: dataDir,
        MicrosoftAppTenantId: TENANT,
        ADMIN_AAD_IDS: ana.aadObjectId!,
        PROACTIVE_INSTALL: 'true',
        PROACTIVE_INSTALL_TEAMS_APP_ID: TEAMS_APP_ID,
        GRAPH_BASE_URL: graph.base,
      });
      app = await createApp(config, { logger: pino({ level: 'silent' }) });
      await app.listen();
    });
    afterEach(async () => {
      await app.close();
      await connector.close();
    });

    const post = async (activity: Record<string, unknown>) => {
      const port = app.server.address().port;
      const res = await fetch(`http://127.0.0.1:${port}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ ...activity, serviceUrl: connector.url }),
      });
      expect(res.status).toBeLessThan(300);
    };

    it('a new administrator without the app gets it installed, then receives her notice when Teams reports the install', async () => {
      await post(personalMessage(ana, `admin agregar ${BERTA}`) as Record<string, unknown>);
      await vi.waitFor(() => expect(graph.calls.some((c) => c.method === 'POST' && c.url === `/v1.0/users/${BERTA}/teamwork/installedApps`)).toBe(true), { timeout: 5000 });
      // Teams installs it and tells the bot; the waiting notice goes to her new chat.
      await post(installPersonal(berta) as Record<string, unknown>);
      await vi.waitFor(
        () => expect(connector.replies.some((r) => r.conversationId === personalConversationId(berta) && JSON.stringify(r.activity).includes('Administración UTIGyND'))).toBe(true),
        { timeout: 5000 },
      );
    });
  });
});
