import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADAPTIVE_CARD_CONTENT_TYPE, ConnectorTransport, createBotFrameworkTokenProvider } from '../../src/bot/connectorTransport.js';
import type { ConversationRef } from '../../src/domain/conversationRef.js';
import { ConnectorSimulator } from '../support/connectorSimulator.js';

let sim: ConnectorSimulator;

beforeEach(async () => {
  sim = await ConnectorSimulator.start({ seed: 1 });
});

afterEach(async () => {
  await sim.close();
});

function ref(conversationId: string, userId = '29:ana'): ConversationRef {
  return {
    channelId: 'msteams',
    serviceUrl: sim.url,
    tenantId: 'tenant-ine',
    conversation: { id: conversationId, conversationType: 'personal', isGroup: false, tenantId: 'tenant-ine' },
    bot: { id: '28:bot', name: 'Red de Coaching' },
    user: { id: userId, name: 'Ana' },
  };
}

const card = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'Hola' }] };

describe('ConnectorTransport against the connector simulator', () => {
  it('posts text and Adaptive Cards to a stored conversation (ids with special characters encoded)', async () => {
    const transport = new ConnectorTransport();
    const channelThread = '19:abc@thread.tacv2;messageid=1700000000000';
    const res = await transport.send({ messageId: 'm1', target: { kind: 'conversation', ref: ref(channelThread) }, message: { text: 'Aviso', cards: [card] } });
    expect(res).toEqual({ ok: true, activityId: 'act-1', conversationId: channelThread });
    expect(sim.deliveries).toHaveLength(1);
    const d = sim.deliveries[0]!;
    expect(d.conversationId).toBe(channelThread);
    expect(d.authorization).toBeUndefined();
    expect(d.activity).toMatchObject({
      type: 'message',
      text: 'Aviso',
      attachments: [{ contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: card }],
      from: { id: '28:bot' },
      recipient: { id: '29:ana' },
      conversation: { id: channelThread },
    });
  });

  it('creates the personal chat first when there is none, and sends the token it is given', async () => {
    const tokens: boolean[] = [];
    const transport = new ConnectorTransport({
      tokenProvider: ({ forceRefresh }) => {
        tokens.push(forceRefresh);
        return Promise.resolve('tok-123');
      },
    });
    const res = await transport.send({
      messageId: 'm1',
      target: { kind: 'user', user: { serviceUrl: sim.url, tenantId: 'tenant-ine', botId: '28:bot', userId: '29:nueva' } },
      message: { text: 'Bienvenida' },
    });
    const conv = ConnectorSimulator.personalConversationId('29:nueva');
    expect(res).toEqual({ ok: true, activityId: 'act-1', conversationId: conv });
    expect(sim.stats.created).toBe(1);
    expect(sim.deliveries[0]).toMatchObject({ conversationId: conv, authorization: 'Bearer tok-123', activity: { text: 'Bienvenida', recipient: { id: '29:nueva' } } });
    expect(tokens).toEqual([false, false]); // one per request
  });

  it('opens a personal chat on its own (one request)', async () => {
    const transport = new ConnectorTransport();
    const chat = { serviceUrl: sim.url, tenantId: 'tenant-ine', botId: '28:bot', userId: '29:sola' };
    expect(await transport.openPersonalChat(chat)).toEqual({ ok: true, conversationId: ConnectorSimulator.personalConversationId('29:sola') });
    expect(sim.stats).toMatchObject({ requests: 1, created: 1, delivered: 0 });
    sim.forbid('29:vetada');
    expect(await transport.openPersonalChat({ ...chat, userId: '29:vetada' })).toMatchObject({ ok: false, status: 403 });
  });

  it('reports 429 with Retry-After in seconds or as a date', async () => {
    sim.setFaults({ fault429: 1, retryAfterSeconds: 3 });
    const transport = new ConnectorTransport();
    const res = await transport.send({ messageId: 'm', target: { kind: 'conversation', ref: ref('a:1') }, message: { text: 'x' } });
    expect(res).toEqual({ ok: false, status: 429, retryAfterMs: 3000, error: 'Throttled: Injected throttling' });

    sim.setFaults({ retryAfterAsDate: true, retryAfterSeconds: 60 });
    const dated = await transport.send({ messageId: 'm', target: { kind: 'conversation', ref: ref('a:1') }, message: { text: 'x' } });
    expect(dated.ok).toBe(false);
    const ms = dated.ok ? 0 : (dated.retryAfterMs ?? 0);
    // HTTP dates have 1 s resolution.
    expect(ms).toBeGreaterThan(58_000);
    expect(ms).toBeLessThanOrEqual(60_000);
    expect(sim.deliveries).toHaveLength(0);
  });

  it('answers the simulated limits with 429 after 7 posts in a second to one conversation', async () => {
    const transport = new ConnectorTransport();
    const results = [];
    for (let i = 0; i < 8; i++) results.push(await transport.send({ messageId: `m${i}`, target: { kind: 'conversation', ref: ref('a:busy') }, message: { text: `${i}` } }));
    expect(results.slice(0, 7).every((r) => r.ok)).toBe(true);
    expect(results[7]).toMatchObject({ ok: false, status: 429, retryAfterMs: 1000 });
    expect(sim.stats.rateLimited).toBe(1);
  });

  it('reports 403 for a user who blocked the bot, and 503', async () => {
    sim.forbid('29:bloqueada');
    const transport = new ConnectorTransport();
    const blocked = await transport.send({ messageId: 'm', target: { kind: 'conversation', ref: ref('a:b', '29:bloqueada') }, message: { text: 'x' } });
    expect(blocked).toEqual({ ok: false, status: 403, error: 'MessageWritesBlocked: The user blocked the bot' });
    sim.setFaults({ fault503: 1 });
    const down = await transport.send({ messageId: 'm', target: { kind: 'conversation', ref: ref('a:c') }, message: { text: 'x' } });
    expect(down).toMatchObject({ ok: false, status: 503 });
  });

  it('keeps the created chat id when the send after creating it fails', async () => {
    let calls = 0;
    const transport = new ConnectorTransport({
      fetch: (input, init) => {
        calls++;
        return calls === 1 ? fetch(input, init) : Promise.resolve(new Response('{"error":{"code":"ServiceUnavailable","message":"x"}}', { status: 503 }));
      },
    });
    const res = await transport.send({
      messageId: 'm',
      target: { kind: 'user', user: { serviceUrl: sim.url, tenantId: 't', botId: '28:bot', userId: '29:x' } },
      message: { text: 'x' },
    });
    expect(res).toEqual({ ok: false, status: 503, error: 'ServiceUnavailable: x', conversationId: ConnectorSimulator.personalConversationId('29:x') });
  });

  it('reports network errors and timeouts as network failures (no retries of its own)', async () => {
    const closed = await ConnectorSimulator.start();
    const deadUrl = closed.url;
    await closed.close();
    const transport = new ConnectorTransport();
    const refused = await transport.send({ messageId: 'm', target: { kind: 'conversation', ref: { ...ref('a:1'), serviceUrl: deadUrl } }, message: { text: 'x' } });
    expect(refused).toMatchObject({ ok: false, network: true });

    sim.setFaults({ latencyMs: 2000 });
    const impatient = new ConnectorTransport({ timeoutMs: 50 });
    const timedOut = await impatient.send({ messageId: 'm', target: { kind: 'conversation', ref: ref('a:2') }, message: { text: 'x' } });
    expect(timedOut).toMatchObject({ ok: false, network: true });
    expect(sim.stats.requests).toBe(1); // one attempt, no hidden retry
  });

  it('asks for a fresh token after a 401', async () => {
    const asked: boolean[] = [];
    let status = 401;
    const transport = new ConnectorTransport({
      tokenProvider: ({ forceRefresh }) => {
        asked.push(forceRefresh);
        return Promise.resolve('t');
      },
      fetch: () => Promise.resolve(new Response('{"id":"a"}', { status })),
    });
    const target = { kind: 'conversation' as const, ref: ref('a:1') };
    expect(await transport.send({ messageId: 'm', target, message: { text: 'x' } })).toMatchObject({ ok: false, status: 401 });
    status = 200;
    expect(await transport.send({ messageId: 'm', target, message: { text: 'x' } })).toMatchObject({ ok: true });
    expect(asked).toEqual([false, true]);
  });
});

describe('createBotFrameworkTokenProvider', () => {
  it('is absent in local mode (no app id)', () => {
    expect(createBotFrameworkTokenProvider({ appId: '', appType: 'MultiTenant' })).toBeUndefined();
  });

  it('builds a provider from the app credentials, and rejects an incomplete single-tenant setup', () => {
    expect(typeof createBotFrameworkTokenProvider({ appId: 'app', appPassword: 'secret', appType: 'SingleTenant', tenantId: 'tenant' })).toBe('function');
    expect(() => createBotFrameworkTokenProvider({ appId: 'app', appPassword: 'secret', appType: 'SingleTenant' })).toThrow(/MicrosoftAppTenantId/);
  });
});
