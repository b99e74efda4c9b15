import { mkdtemp, rm } from 'node:fs/promises';
import http from 'node:http';
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
    ['an empty body', ''],
  ])('answers 400 to %s', async (_name, body) => {
    const res = await post(body);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: 'bad_request' });
  });

  it('answers 413 to a body whose declared length is over the limit', async () => {
    const res = await post(JSON.stringify({ type: 'message', channelId: 'msteams', conversation: { id: 'c' }, text: 'x'.repeat(10_000) }));
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: 'payload_too_large' });
  });

  /** Streams a body in chunks without Content-Length (Transfer-Encoding: chunked). */
  function postChunked(chunks: string[]): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      const req = http.request(`${base}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' } });
      req.on('response', (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        res.on('error', reject);
      });
      req.on('error', reject);
      const write = (i: number): void => {
        if (i >= chunks.length || req.destroyed) {
          req.end();
          return;
        }
        req.write(chunks[i], () => setImmediate(() => write(i + 1)));
      };
      write(0);
    });
  }

  it('answers 413 (never 500) to a chunked body that grows over the limit (issue 9, item 10)', async () => {
    const chunks = ['{"type":"message","channelId":"msteams","conversation":{"id":"c"},"text":"', ...Array.from({ length: 12 }, () => 'x'.repeat(1000)), '"}'];
    const res = await postChunked(chunks);
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toMatchObject({ error: 'payload_too_large' });
    // The server is still healthy afterwards.
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });

  it('answers 413 to a large chunked upload that keeps coming after the limit', async () => {
    const chunks = ['{"type":"message","channelId":"msteams","conversation":{"id":"c"},"text":"', ...Array.from({ length: 200 }, () => 'x'.repeat(10_000)), '"}'];
    const res = await postChunked(chunks);
    expect(res.status).toBe(413);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });

  it('drops silently (200, no reply) an activity whose tenant id is not a string (issue 9, item 11)', async () => {
    const before = connector.replies.length;
    const forged = { ...personalMessage(berta, 'ayuda', { serviceUrl: connector.url }), channelData: { tenant: { id: { $ne: null } } } };
    const res = await post(JSON.stringify(forged));
    expect(res.status).toBe(200);
    await post(JSON.stringify(personalMessage(berta, 'hola', { serviceUrl: connector.url })));
    await connector.waitForReplies(before + 1);
    await new Promise((r) => setTimeout(r, 100));
    expect(connector.replies.length).toBe(before + 1);
  });

  it('accepts a small chunked body', async () => {
    const activity = JSON.stringify({ ...personalMessage(berta, ''), type: 'typing', text: undefined, serviceUrl: connector.url });
    const res = await postChunked([activity.slice(0, 50), activity.slice(50)]);
    expect(res.status).toBe(200);
  });

  it.each([
    ['a string value', 'abc'],
    ['a null action', { action: null }],
  ])('answers an adaptiveCard/action invoke with %s with a 400 invoke response (issue 9, item 12)', async (_name, value) => {
    const activity = { ...personalMessage(berta, '', { serviceUrl: connector.url }), text: undefined, type: 'invoke', name: 'adaptiveCard/action', value };
    const res = await post(JSON.stringify(activity));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest' } });
  });

  it.each(['ContinueConversation', 'continueconversation'])(
    'refuses a %s event over HTTP with 400 before any handler (issue 9, item 13)',
    async (name) => {
      const reached: string[] = [];
      app.bot.onTurn(async (context, next) => {
        if (context.activity.type === 'event') reached.push(context.activity.name ?? '');
        await next();
      });
      const activity = { ...personalMessage(berta, '', { serviceUrl: connector.url }), text: undefined, type: 'event', name };
      const res = await post(JSON.stringify(activity));
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: 'bad_request' });
      expect(reached).toEqual([]);
    },
  );

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
