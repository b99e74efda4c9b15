import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { completionNotice } from '../../src/features/delivery/completionNotice.js';
import { DeliveryEngine, type DeliveryEngineOptions } from '../../src/services/delivery/engine.js';
import type { DeliveryRequest, DeliveryTransport } from '../../src/services/delivery/transport.js';
import type { BroadcastRecipient, BroadcastStatus, OutboxDoc } from '../../src/services/delivery/types.js';
import { EmbeddedStore } from '../../src/store/embeddedStore.js';
import { ManualClock, personalRef, ScriptedTransport, silentLogger, VirtualClock } from '../support/deliveryFakes.js';

let dataDir: string;
let store: EmbeddedStore;
const engines: DeliveryEngine[] = [];

beforeEach(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'delivery-engine-'));
  store = await EmbeddedStore.open({ dataDir });
});

afterEach(async () => {
  for (const e of engines.splice(0)) await e.stop();
  await store.close();
  await fs.rm(dataDir, { recursive: true, force: true });
});

async function makeEngine(opts: Partial<DeliveryEngineOptions> & { transport: DeliveryEngineOptions['transport'] }): Promise<DeliveryEngine> {
  const engine = new DeliveryEngine({
    store,
    logger: silentLogger,
    instanceId: 'test-1',
    clock: new VirtualClock(),
    random: () => 0.5,
    completionNotice,
    ...opts,
  });
  await engine.init();
  engines.push(engine);
  return engine;
}

function recipients(n: number, prefix = 'p'): BroadcastRecipient[] {
  return Array.from({ length: n }, (_, i) => ({
    recipientKey: `${prefix}${i}`,
    ref: personalRef(`29:${prefix}${i}`),
    // Real cards carry keys a document store would refuse or misread ($schema, dotted keys).
    message: {
      text: `Hola ${prefix}${i}`,
      cards: [{ type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: '1.5', body: [], actions: [{ type: 'Action.Submit', data: { 'a.b': 1 } }] }],
    },
  }));
}

const convOf = (userId: string): string => personalRef(userId).conversation.id;

async function outboxDocs(filter: Record<string, unknown> = {}): Promise<OutboxDoc[]> {
  return store.collection<OutboxDoc>('outbox').find(filter);
}

describe('DeliveryEngine', () => {
  it('delivers a broadcast once per recipient and reports it', async () => {
    const clock = new VirtualClock();
    const transport = new ScriptedTransport(() => clock.now());
    const engine = await makeEngine({ transport, clock });
    const res = await engine.enqueueBroadcast({ broadcastId: 'b1', kind: 'group-notification', title: 'Aviso', recipients: recipients(30) });
    expect(res).toEqual({ enqueued: 30, alreadyQueued: 0, waitingInstall: 0 });
    await engine.drain();
    expect(transport.calls).toHaveLength(30);
    expect(new Set(transport.calls.map((c) => ScriptedTransport.keyOf(c.request))).size).toBe(30);
    expect(transport.calls[0]!.request.message).toEqual(recipients(1)[0]!.message);
    const [status] = await engine.status('b1');
    expect(status).toMatchObject({ broadcastId: 'b1', state: 'finished', total: 30, counts: { sent: 30, pending: 0, sending: 0, failed: 0 } });
    const docs = await outboxDocs({ broadcastId: 'b1' });
    expect(docs.every((d) => d.state === 'sent' && d.attempts === 1 && d.leaseOwner === undefined && d.activityId)).toBe(true);
  });

  it('never queues a recipient twice when a broadcast is enqueued again', async () => {
    const clock = new VirtualClock();
    const transport = new ScriptedTransport(() => clock.now());
    const engine = await makeEngine({ transport, clock });
    await engine.enqueueBroadcast({ broadcastId: 'b1', kind: 'reminder', recipients: recipients(10) });
    await engine.drain();
    const again = await engine.enqueueBroadcast({ broadcastId: 'b1', kind: 'reminder', recipients: [...recipients(10), ...recipients(2, 'new')] });
    expect(again).toEqual({ enqueued: 2, alreadyQueued: 10, waitingInstall: 0 });
    // Duplicates inside one call are caught too.
    const dup = await engine.enqueueBroadcast({ broadcastId: 'b2', kind: 'reminder', recipients: [...recipients(3), ...recipients(3)] });
    expect(dup).toEqual({ enqueued: 3, alreadyQueued: 3, waitingInstall: 0 });
    await engine.drain();
    expect(transport.calls).toHaveLength(10 + 2 + 3);
    expect(transport.deliveredTo(convOf('29:p0'))).toBe(2); // once in b1, once in b2
  });

  it('retries a 429 no earlier than Retry-After, and the schedule survives a restart', async () => {
    const clock = new ManualClock();
    const transport = new ScriptedTransport(() => clock.now());
    transport.script(convOf('29:p0'), [{ ok: false, status: 429, retryAfterMs: 5000, error: 'Throttled' }, { ok: true, activityId: 'a1' }]);
    const t0 = clock.now();
    const first = await makeEngine({ transport, clock, instanceId: 'first' });
    await first.enqueueBroadcast({ broadcastId: 'b1', kind: 'reminder', recipients: recipients(1) });
    first.start();
    await vi.waitFor(async () => {
      const [doc] = await outboxDocs();
      expect(doc).toMatchObject({ state: 'pending', attempts: 1, lastStatus: 429, lastErrorCode: 'throttled', lastError: 'HTTP 429: Throttled' });
    });
    await first.stop();
    const [doc] = await outboxDocs();
    expect(doc!.nextAttemptAt.getTime()).toBe(t0 + 5000);

    // A new process: nothing is sent before the persisted time, then it is.
    const second = await makeEngine({ transport, clock, instanceId: 'second' });
    second.start();
    clock.advance(4999);
    await new Promise((r) => setTimeout(r, 30));
    expect(transport.calls).toHaveLength(1);
    clock.advance(1);
    await vi.waitFor(async () => expect((await outboxDocs())[0]!.state).toBe('sent'));
    expect(transport.calls.map((c) => c.at - t0)).toEqual([0, 5000]);
  });

  // Before: the refused request kept its place in the tenant's window, so with 2 per second the third
  // message waited a whole second although the service had counted only one request.
  it('gives the place of a refused request (429) back to the others', async () => {
    const clock = new VirtualClock();
    const transport = new ScriptedTransport(() => clock.now());
    transport.script(convOf('29:p0'), [{ ok: false, status: 429, retryAfterMs: 3000, error: 'Throttled' }, { ok: true, activityId: 'a1' }]);
    const t0 = clock.now();
    const engine = await makeEngine({ transport, clock, limits: { perTenant: [{ limit: 2, windowMs: 1000 }], safetyMarginMs: 0, paceToleranceMs: 0 } });
    await engine.enqueueBroadcast({ broadcastId: 'b1', kind: 'reminder', recipients: recipients(3) });
    await engine.drain();
    const at = (u: string) => transport.calls.filter((c) => ScriptedTransport.keyOf(c.request) === convOf(u)).map((c) => c.at - t0);
    expect(at('29:p0')).toEqual([0, 3000]);
    expect(at('29:p1')).toEqual([0]);
    expect(at('29:p2')).toEqual([0]);
    expect((await outboxDocs()).map((d) => d.state)).toEqual(['sent', 'sent', 'sent']);
  });

  it('retries 503 with backoff, blocks 403, fails 400 with the reason', async () => {
    const clock = new VirtualClock();
    const transport = new ScriptedTransport(() => clock.now());
    transport.script(convOf('29:p0'), [
      { ok: false, status: 503, error: 'ServiceUnavailable' },
      { ok: false, network: true, error: 'ECONNRESET' },
      { ok: true, activityId: 'a' },
    ]);
    transport.script(convOf('29:p1'), [{ ok: false, status: 403, error: 'MessageWritesBlocked: blocked' }]);
    transport.script(convOf('29:p2'), [{ ok: false, status: 400, error: 'BadArgument: bad card' }]);
    const engine = await makeEngine({ transport, clock, retry: { baseDelayMs: 1000, maxDelayMs: 60_000 } });
    await engine.enqueueBroadcast({ broadcastId: 'b1', kind: 'ballot', recipients: recipients(3) });
    await engine.drain();
    const calls = (key: string): number[] => transport.calls.filter((c) => ScriptedTransport.keyOf(c.request) === key).map((c) => c.at);
    const p0 = calls(convOf('29:p0'));
    expect(p0).toHaveLength(3);
    // random() = 0.5: first retry after 500 ms (of up to 1 s), second after 1,000 ms (of up to 2 s).
    expect(p0[1]! - p0[0]!).toBeGreaterThanOrEqual(500);
    expect(p0[2]! - p0[1]!).toBeGreaterThanOrEqual(1000);
    expect(calls(convOf('29:p1'))).toHaveLength(1);
    expect(calls(convOf('29:p2'))).toHaveLength(1);
    const byKey = new Map((await outboxDocs()).map((d) => [d.recipientKey, d]));
    expect(byKey.get('p0')).toMatchObject({ state: 'sent', attempts: 3 });
    expect(byKey.get('p1')).toMatchObject({ state: 'blocked', lastStatus: 403, lastErrorCode: 'blocked', lastError: 'HTTP 403: MessageWritesBlocked: blocked' });
    expect(byKey.get('p2')).toMatchObject({ state: 'failed', lastStatus: 400, lastErrorCode: 'invalid-message', lastError: 'HTTP 400: BadArgument: bad card' });
    const [status] = await engine.status('b1');
    expect(status!.counts).toMatchObject({ sent: 1, blocked: 1, failed: 1 });
    expect(status!.topErrors).toEqual([
      { code: 'blocked', count: 1 },
      { code: 'invalid-message', count: 1 },
    ]);
  });

  it('fails a message after maxAttempts and treats a throwing transport as a network error', async () => {
    const clock = new VirtualClock();
    let n = 0;
    const engine = await makeEngine({
      clock,
      maxAttempts: 4,
      transport: {
        send: () => {
          n++;
          return Promise.reject(new Error('socket hang up'));
        },
      },
    });
    await engine.enqueueBroadcast({ broadcastId: 'b1', kind: 'survey', recipients: recipients(1) });
    await engine.drain();
    expect(n).toBe(4);
    const [doc] = await outboxDocs();
    expect(doc).toMatchObject({ state: 'failed', attempts: 4, lastErrorCode: 'network', lastError: 'network error: socket hang up (4 attempts)' });
    const [status] = await engine.status('b1');
    expect(status!.topErrors).toEqual([{ code: 'network', count: 1, exhausted: true }]);
  });

  it('respects the per-conversation and tenant limits', async () => {
    const clock = new VirtualClock();
    const transport = new ScriptedTransport(() => clock.now());
    const engine = await makeEngine({ transport, clock, limits: { safetyMarginMs: 0 } });
    // 20 posts to one group chat (e.g. several broadcasts to the same channel) plus 120 personal chats.
    const group = personalRef('group');
    const toGroup: BroadcastRecipient[] = Array.from({ length: 20 }, (_, i) => ({ recipientKey: `g${i}`, ref: group, message: { text: `g${i}` } }));
    await engine.enqueueBroadcast({ broadcastId: 'b1', kind: 'group-notification', recipients: [...toGroup, ...recipients(120)] });
    await engine.drain();
    expect(transport.calls).toHaveLength(140);
    const maxIn = (times: number[], windowMs: number): number =>
      Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + windowMs).length));
    const groupTimes = transport.calls.filter((c) => ScriptedTransport.keyOf(c.request) === group.conversation.id).map((c) => c.at);
    expect(maxIn(groupTimes, 1000)).toBeLessThanOrEqual(7);
    expect(maxIn(groupTimes, 2000)).toBeLessThanOrEqual(8);
    const all = transport.calls.map((c) => c.at);
    expect(maxIn(all, 1000)).toBeLessThanOrEqual(50);
    // The group chat did not hold back the personal chats: those finished within ~3 s of virtual time.
    const personal = transport.calls.filter((c) => ScriptedTransport.keyOf(c.request) !== group.conversation.id).map((c) => c.at);
    expect(Math.max(...personal) - Math.min(...all)).toBeLessThan(3100);
  });

  it('keeps members without the app waiting until they install it', async () => {
    const clock = new VirtualClock();
    const transport = new ScriptedTransport(() => clock.now());
    const engine = await makeEngine({ transport, clock });
    const res = await engine.enqueueBroadcast({
      broadcastId: 'b1',
      kind: 'group-notification',
      recipients: [
        ...recipients(2),
        { recipientKey: 'sin-app', user: { aadObjectId: 'aad-1', name: 'Ana' }, message: { text: 'Hola Ana' } },
      ],
    });
    expect(res).toEqual({ enqueued: 3, alreadyQueued: 0, waitingInstall: 1 });
    await engine.drain();
    expect(transport.calls).toHaveLength(2);
    const waiting = await engine.listWaitingInstall();
    expect(waiting).toEqual([
      { broadcastId: 'b1', recipientKey: 'sin-app', kind: 'group-notification', person: { aadObjectId: 'aad-1', name: 'Ana' }, since: expect.any(Date) as Date },
    ]);
    expect(await engine.listWaitingInstall('other')).toEqual([]);
    const [before] = await engine.status('b1');
    expect(before!.counts).toMatchObject({ sent: 2, 'waiting-install': 1 });

    const ref = personalRef('29:ana');
    expect(await engine.onInstalled('sin-app', ref)).toBe(1);
    await engine.drain();
    expect(transport.calls).toHaveLength(3);
    expect(transport.calls[2]!.request).toMatchObject({ target: { kind: 'conversation', ref }, message: { text: 'Hola Ana' } });
    expect(await engine.listWaitingInstall()).toEqual([]);
    expect(await engine.onInstalled('sin-app', ref)).toBe(0);
  });

  it('opens a personal chat for a user id without a conversation and reports it', async () => {
    const clock = new VirtualClock();
    const transport = new ScriptedTransport(() => clock.now());
    transport.script('29:new', [{ ok: false, status: 503, error: 'down', conversationId: 'a:created' }, { ok: true, activityId: 'x' }]);
    transport.script('a:created', [{ ok: true, activityId: 'x', conversationId: 'a:created' }]);
    const created: [string, string][] = [];
    const engine = await makeEngine({
      transport,
      clock,
      personalChatDefaults: { serviceUrl: 'https://smba.example/amer/', tenantId: 'tenant-ine', botId: '28:bot' },
      onConversationCreated: (key, ref) => {
        created.push([key, ref.conversation.id]);
      },
    });
    await engine.enqueueBroadcast({ broadcastId: 'b1', kind: 'reminder', recipients: [{ recipientKey: 'ana', user: { id: '29:new' }, message: { text: 'hola' } }] });
    await engine.drain();
    expect(transport.calls.map((c) => c.request.target)).toEqual([
      { kind: 'user', user: { userId: '29:new', serviceUrl: 'https://smba.example/amer/', tenantId: 'tenant-ine', botId: '28:bot' } },
      // The retry reuses the chat the first attempt created.
      { kind: 'user', user: { userId: '29:new', serviceUrl: 'https://smba.example/amer/', tenantId: 'tenant-ine', botId: '28:bot' }, conversationId: 'a:created' },
    ]);
    const [doc] = await outboxDocs();
    expect(doc).toMatchObject({ state: 'sent', conversationId: 'a:created', rateKey: 'c:a:created' });
    // Reported once the message went through, so the app can remember the new chat.
    expect(created).toEqual([['ana', 'a:created']]);
  });

  it('moves to her next conversation on 404 or 403, and waits for the app when no chat of hers exists (issue 9, item 3)', async () => {
    const clock = new VirtualClock();
    const transport = new ScriptedTransport(() => clock.now());
    const notFound = { ok: false as const, status: 404, error: 'ConversationNotFound: Conversation not found.' };
    for (const u of ['29:stale', '29:gone-1', '29:gone-2']) transport.script(convOf(u), [notFound]);
    transport.script(convOf('29:blocked-here'), [{ ok: false, status: 403, error: 'MessageWritesBlocked: blocked' }]);
    const gone: string[] = [];
    const engine = await makeEngine({ transport, clock, onConversationGone: (id) => void gone.push(id) });
    const msg = (who: string) => ({ text: `Hola ${who}` });
    const res = await engine.enqueueBroadcast({
      broadcastId: 'b1',
      kind: 'registrationDecision',
      recipients: [
        { recipientKey: 'ana', ref: personalRef('29:stale'), fallbacks: [personalRef('29:fresh')], message: msg('ana') },
        { recipientKey: 'eva', ref: personalRef('29:blocked-here'), fallbacks: [personalRef('29:other')], message: msg('eva') },
        { recipientKey: 'ines', ref: personalRef('29:gone-1'), fallbacks: [personalRef('29:gone-2')], user: { name: 'Inés' }, message: msg('ines') },
      ],
    });
    expect(res).toEqual({ enqueued: 3, alreadyQueued: 0, waitingInstall: 0 });
    await engine.drain();
    expect(transport.deliveredTo(convOf('29:fresh'))).toBe(1);
    expect(transport.deliveredTo(convOf('29:other'))).toBe(1);
    const byKey = new Map((await outboxDocs()).map((d) => [d.recipientKey, d]));
    expect(byKey.get('ana')).toMatchObject({ state: 'sent', lastErrorCode: 'conversation-not-found' });
    expect(byKey.get('ana')?.fallbacks).toBeUndefined();
    expect(byKey.get('eva')).toMatchObject({ state: 'sent', lastErrorCode: 'blocked' });
    // No chat of hers exists: not failed, waiting for her to open the app; the dead chats are reported.
    expect(byKey.get('ines')).toMatchObject({ state: 'waiting-install', lastErrorCode: 'conversation-not-found' });
    expect(byKey.get('ines')?.target).toBeUndefined();
    expect(gone.sort()).toEqual([convOf('29:gone-1'), convOf('29:gone-2'), convOf('29:stale')].sort());
    const [status] = await engine.status('b1');
    expect(status).toMatchObject({ state: 'finished', counts: { sent: 2, 'waiting-install': 1, failed: 0, blocked: 0 } });
    expect(await engine.listWaitingInstall()).toEqual([
      { broadcastId: 'b1', recipientKey: 'ines', kind: 'registrationDecision', person: { name: 'Inés' }, reason: 'conversation-not-found', since: expect.any(Date) as Date },
    ]);
    // She opens the app: it is sent there.
    expect(await engine.onInstalled('ines', personalRef('29:ines-new'))).toBe(1);
    await engine.drain();
    expect(transport.deliveredTo(convOf('29:ines-new'))).toBe(1);
  });

  it('blocked in every chat: blocked, not waiting (issue 9, item 3)', async () => {
    const clock = new VirtualClock();
    const transport = new ScriptedTransport(() => clock.now());
    for (const u of ['29:a1', '29:a2']) transport.script(convOf(u), [{ ok: false, status: 403, error: 'MessageWritesBlocked: blocked' }]);
    const engine = await makeEngine({ transport, clock });
    await engine.enqueueBroadcast({ broadcastId: 'b1', kind: 'reminder', recipients: [{ recipientKey: 'a', ref: personalRef('29:a1'), fallbacks: [personalRef('29:a2')], message: { text: 'x' } }] });
    await engine.drain();
    expect(transport.calls).toHaveLength(2);
    expect((await outboxDocs())[0]).toMatchObject({ state: 'blocked', lastErrorCode: 'blocked' });
  });

  it('creates chats as a step of their own when the transport can, charging each request when made', async () => {
    const clock = new VirtualClock();
    const log: string[] = [];
    const transport: DeliveryTransport = {
      openPersonalChat: (chat) => {
        log.push(`open ${chat.userId} @${clock.now()}`);
        return Promise.resolve({ ok: true, conversationId: `a:chat-${chat.userId}` });
      },
      send: (req) => {
        const t = req.target;
        log.push(`send ${t.kind === 'user' ? `${t.user.userId}->${t.conversationId}` : t.ref.conversation.id} @${clock.now()}`);
        return Promise.resolve({ ok: true, activityId: 'x' });
      },
    };
    const t0 = clock.now();
    const engine = await makeEngine({
      transport,
      clock,
      // Two requests per second, in bursts (no pacing): both creations first, then both sends a second later.
      limits: { perTenant: [{ limit: 2, windowMs: 1000 }], safetyMarginMs: 0, paceToleranceMs: 0 },
      personalChatDefaults: { serviceUrl: 'https://smba.example/', tenantId: 't', botId: '28:bot' },
    });
    await engine.enqueueBroadcast({
      broadcastId: 'b1',
      kind: 'reminder',
      recipients: ['29:a', '29:b'].map((id) => ({ recipientKey: id, user: { id }, message: { text: 'hola' } })),
    });
    await engine.drain();
    expect(log.slice(0, 2)).toEqual([`open 29:a @${t0}`, `open 29:b @${t0}`]);
    expect(log.slice(2).sort()).toEqual([`send 29:a->a:chat-29:a @${t0 + 1000}`, `send 29:b->a:chat-29:b @${t0 + 1000}`]);
    const docs = await outboxDocs();
    expect(docs.map((d) => [d.state, d.attempts, d.rateKey]).sort()).toEqual([
      ['sent', 1, 'c:a:chat-29:a'],
      ['sent', 1, 'c:a:chat-29:b'],
    ]);
  });

  it('tells whoever started a broadcast when it ends, once', async () => {
    const clock = new VirtualClock();
    const transport = new ScriptedTransport(() => clock.now());
    transport.script(convOf('29:p1'), [{ ok: false, status: 403, error: 'MessageWritesBlocked' }]);
    const finished: BroadcastStatus[] = [];
    const admin = personalRef('29:admin');
    const engine = await makeEngine({ transport, clock, onBroadcastFinished: (s) => void finished.push(s) });
    await engine.enqueueBroadcast({ broadcastId: 'b1', kind: 'group-notification', title: 'Convocatoria', startedBy: admin, recipients: recipients(3) });
    await engine.drain();
    const notices = transport.calls.filter((c) => ScriptedTransport.keyOf(c.request) === admin.conversation.id);
    expect(notices).toHaveLength(1);
    const text = notices[0]!.request.message.text ?? '';
    expect(text).toContain('Terminó el envío «Convocatoria».');
    expect(text).toContain('Entregados: 2 de 3.');
    expect(text).toContain('Bloqueados');
    expect(finished).toHaveLength(1);
    expect(finished[0]).toMatchObject({ broadcastId: 'b1', state: 'finished', counts: { sent: 2, blocked: 1 } });

    // Enqueued again with nobody new (e.g. a retried command): nothing is sent, no second notice.
    expect(await engine.enqueueBroadcast({ broadcastId: 'b1', kind: 'group-notification', startedBy: admin, recipients: recipients(3) })).toMatchObject({
      enqueued: 0,
      alreadyQueued: 3,
    });
    await engine.drain();
    expect(transport.calls.filter((c) => ScriptedTransport.keyOf(c.request) === admin.conversation.id)).toHaveLength(1);
    expect(finished).toHaveLength(1);

    // Someone added later: a second round, and a second notice with the new figures.
    await engine.enqueueBroadcast({ broadcastId: 'b1', kind: 'group-notification', startedBy: admin, recipients: [...recipients(3), ...recipients(1, 'late')] });
    await engine.drain();
    const notices2 = transport.calls.filter((c) => ScriptedTransport.keyOf(c.request) === admin.conversation.id);
    expect(notices2).toHaveLength(2);
    expect(notices2[1]!.request.message.text).toContain('Entregados: 3 de 4.');
    expect(finished).toHaveLength(2);
    const [status] = await engine.status();
    expect(status).toMatchObject({ broadcastId: 'b1', state: 'finished', total: 4 });
  });

  it('sends the completion notice the app supplies, and needs one', async () => {
    const clock = new VirtualClock();
    const transport = new ScriptedTransport(() => clock.now());
    const admin = personalRef('29:admin');
    const engine = await makeEngine({
      transport,
      clock,
      completionNotice: (s) => ({ text: `done ${s.broadcastId}: ${s.counts.sent}/${s.total}` }),
    });
    await engine.enqueueBroadcast({ broadcastId: 'b1', kind: 'reminder', startedBy: admin, recipients: recipients(2) });
    await engine.drain();
    const notices = transport.calls.filter((c) => ScriptedTransport.keyOf(c.request) === admin.conversation.id);
    expect(notices.map((c) => c.request.message)).toEqual([{ text: 'done b1: 2/2' }]);
    const withoutNotice = { store, transport, logger: silentLogger, instanceId: 'x' } as unknown as DeliveryEngineOptions;
    expect(() => new DeliveryEngine(withoutNotice)).toThrow(/completionNotice/);
  });

  it('fails messages that expired before they could be sent', async () => {
    const clock = new VirtualClock();
    const transport = new ScriptedTransport(() => clock.now());
    const engine = await makeEngine({ transport, clock });
    await engine.enqueueBroadcast({ broadcastId: 'b1', kind: 'reminder', expiresAt: new Date(clock.now() - 1), recipients: recipients(2) });
    await engine.drain();
    expect(transport.calls).toHaveLength(0);
    const [status] = await engine.status('b1');
    expect(status).toMatchObject({ counts: { failed: 2 }, topErrors: [{ code: 'expired', count: 2 }] });
  });
});

describe('DeliveryEngine with several instances and crashes', () => {
  it('two engines on one store never send the same message twice', async () => {
    const clock = new VirtualClock();
    // Each send takes a few turns of the event loop, so both engines have work in flight at once.
    const slow = async (): Promise<void> => {
      for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
    };
    const ta = new ScriptedTransport(() => clock.now(), slow);
    const tb = new ScriptedTransport(() => clock.now(), slow);
    const a = await makeEngine({ transport: ta, clock, instanceId: 'a', concurrency: 4, batchSize: 8 });
    const b = await makeEngine({ transport: tb, clock, instanceId: 'b', concurrency: 4, batchSize: 8 });
    await a.enqueueBroadcast({ broadcastId: 'b1', kind: 'survey', recipients: recipients(200) });
    a.start();
    b.start();
    await Promise.all([a.drain(), b.drain()]);
    const keysA = ta.calls.map((c) => ScriptedTransport.keyOf(c.request));
    const keysB = tb.calls.map((c) => ScriptedTransport.keyOf(c.request));
    expect(keysA.length + keysB.length).toBe(200);
    expect(new Set([...keysA, ...keysB]).size).toBe(200);
    expect(keysA.length).toBeGreaterThan(0);
    expect(keysB.length).toBeGreaterThan(0);
  });

  it('takes over a message whose lease expired, and only then', async () => {
    const clock = new VirtualClock();
    const transport = new ScriptedTransport(() => clock.now());
    const engine = await makeEngine({ transport, clock, instanceId: 'survivor' });
    await engine.enqueueBroadcast({ broadcastId: 'b1', kind: 'reminder', recipients: recipients(1) });
    // Simulate another instance that claimed it and died: its lease runs for another 60 s.
    const leaseUntil = clock.now() + 60_000;
    await store.collection<OutboxDoc>('outbox').updateMany({}, { $set: { state: 'sending', leaseOwner: 'dead', leaseUntil: new Date(leaseUntil), attempts: 1 } });
    await engine.drain();
    expect(transport.calls).toHaveLength(1);
    expect(transport.calls[0]!.at).toBeGreaterThanOrEqual(leaseUntil);
    expect((await outboxDocs())[0]).toMatchObject({ state: 'sent', attempts: 2 });
  });

  it('on start, takes back at once what the same instance left in flight', async () => {
    const clock = new VirtualClock();
    const transport = new ScriptedTransport(() => clock.now());
    const first = await makeEngine({ transport, clock, instanceId: 'node-1' });
    await first.enqueueBroadcast({ broadcastId: 'b1', kind: 'reminder', recipients: recipients(1) });
    const leaseUntil = clock.now() + 60_000;
    await store.collection<OutboxDoc>('outbox').updateMany({}, { $set: { state: 'sending', leaseOwner: 'node-1', leaseUntil: new Date(leaseUntil), attempts: 1 } });
    const restarted = await makeEngine({ transport, clock, instanceId: 'node-1' });
    await restarted.drain();
    expect(transport.calls).toHaveLength(1);
    expect(transport.calls[0]!.at).toBeLessThan(leaseUntil);
  });

  it('stop() lets the sends in flight finish and records them', async () => {
    const clock = new VirtualClock();
    const gates: (() => void)[] = [];
    const transport = new ScriptedTransport(
      () => clock.now(),
      (_r: DeliveryRequest) => new Promise<void>((resolve) => gates.push(resolve)),
    );
    const engine = await makeEngine({ transport, clock, concurrency: 4 });
    await engine.enqueueBroadcast({ broadcastId: 'b1', kind: 'reminder', recipients: recipients(10) });
    engine.start();
    await vi.waitFor(() => expect(gates).toHaveLength(4));
    const stopped = engine.stop();
    for (const g of gates) g();
    await stopped;
    const docs = await outboxDocs();
    expect(docs.filter((d) => d.state === 'sent')).toHaveLength(4);
    expect(docs.filter((d) => d.state === 'pending')).toHaveLength(6);
    expect(docs.filter((d) => d.state === 'sending')).toHaveLength(0);
  });
});
