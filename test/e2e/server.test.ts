import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { startConnectorStub, type ConnectorStub } from '../support/connectorStub.js';
import { berta, personalMessage, TENANT } from '../helpers/activities.js';

describe('HTTP server (real restify + CloudAdapter, local mode, embedded store)', () => {
  let app: App;
  let base: string;
  let connector: ConnectorStub;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'rdc-http-'));
    connector = await startConnectorStub();
    const config = loadConfig({ BOT_MODE: 'local', PORT: '0', DATA_DIR: dataDir, MAX_BODY_BYTES: '4096', MicrosoftAppTenantId: TENANT });
    app = await createApp(config, { logger: pino({ level: 'silent' }) });
    base = `http://127.0.0.1:${await app.listen()}`;
  });

  afterAll(async () => {
    await app?.close();
    await connector?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const post = (body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
    fetch(`${base}/api/messages`, { method: 'POST', body, headers });

  it('GET /healthz and /readyz answer', async () => {
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });

  it.each([
    ['not JSON', '{"type": "message",'],
    ['JSON but not an object activity', '[1,2,3]'],
    ['an object without type or conversation', '{"hello":"world"}'],
    ['an activity with a wrong field type', JSON.stringify({ type: 'message', channelId: 'msteams', conversation: { id: 5 } })],
    ['an oversized body', JSON.stringify({ type: 'message', channelId: 'msteams', conversation: { id: 'c' }, text: 'x'.repeat(10_000) })],
    ['an empty body', ''],
  ])('answers 400 to %s', async (_name, body) => {
    const res = await post(body);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'bad_request' });
  });

  it('still serves after bad requests: a message gets its reply through the connector', async () => {
    const before = connector.replies.length;
    const activity = personalMessage(berta, 'ayuda', { serviceUrl: connector.url });
    const res = await post(JSON.stringify(activity));
    expect(res.status).toBe(200);
    const replies = await connector.waitForReplies(before + 1);
    expect(replies.at(-1)?.conversationId).toBe(activity.conversation?.id);
  });

  it('drops another tenant silently with 200 (no retry storm, no reply)', async () => {
    const before = connector.replies.length;
    const res = await post(JSON.stringify(personalMessage(berta, 'hola', { serviceUrl: connector.url, tenantId: 'intruder' })));
    expect(res.status).toBe(200);
    // A good message afterwards is the only one answered.
    await post(JSON.stringify(personalMessage(berta, 'hola', { serviceUrl: connector.url })));
    await connector.waitForReplies(before + 1);
    await new Promise((r) => setTimeout(r, 100));
    expect(connector.replies.length).toBe(before + 1);
  });

  it('GET on /api/messages is not allowed', async () => {
    const res = await fetch(`${base}/api/messages`);
    expect(res.status).toBe(405);
  });
});
