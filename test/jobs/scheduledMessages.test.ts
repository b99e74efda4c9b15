import { afterEach, beforeEach, expect, it } from 'vitest';
import type { ConversationRef } from '../../src/domain/conversationRef.js';
import { jobBroadcastId } from '../../src/domain/jobs/keys.js';
import { createJobs, type Jobs, NOTIFY_CONVERSATION, NOTIFY_PEOPLE, scheduledMessageHandlers, scheduleMessage } from '../../src/services/jobs/index.js';
import type { Notifier, NotifyResult } from '../../src/services/notifier.js';
import { RecordingNotifier } from '../helpers/recordingNotifier.js';
import { FakeClock, forEachStore, silentLogger, type StoreHarness } from './support.js';

/** "Send this card to this conversation at 17:00, unless cancelled", on the durable jobs. */

const channel: ConversationRef = {
  channelId: 'msteams',
  serviceUrl: 'https://smba.example.test/amer/',
  tenantId: 'tenant-ine',
  conversation: { id: '19:canal-coaching@thread.tacv2', conversationType: 'channel', isGroup: true, name: 'Coaching' },
  bot: { id: '28:bot' },
  teamId: '19:equipo',
};

const card = {
  type: 'AdaptiveCard',
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
  version: '1.5',
  body: [{ type: 'TextBlock', text: 'La sesión empieza a las 17:00 (hora del centro).', wrap: true }],
  actions: [{ type: 'Action.Submit', title: 'Confirmo', data: { verb: 'confirmar', 'sesion.id': 'S-1' } }],
};

/** Records like RecordingNotifier, but the first `failures` calls throw after recording (a crash mid-call). */
class FlakyNotifier implements Notifier {
  readonly inner = new RecordingNotifier();
  constructor(private failures: number) {}
  async notifyPeople(input: Parameters<Notifier['notifyPeople']>[0]): Promise<NotifyResult> {
    const r = await this.inner.notifyPeople(input);
    if (this.failures-- > 0) throw new Error('la base de datos no respondió');
    return r;
  }
  async notifyConversation(input: Parameters<Notifier['notifyConversation']>[0]): Promise<NotifyResult> {
    const r = await this.inner.notifyConversation(input);
    if (this.failures-- > 0) throw new Error('la base de datos no respondió');
    return r;
  }
}

forEachStore((newHarness) => {
  let h: StoreHarness;
  let clock: FakeClock;
  let jobs: Jobs;

  async function setUp(notifier: Notifier): Promise<void> {
    jobs = createJobs(await h.open(), { logger: silentLogger(), instanceId: 'nodo-1', clock: clock.now, random: () => 0, retry: { baseDelayMs: 1_000 } });
    for (const handler of scheduledMessageHandlers(notifier)) jobs.register(handler);
    await jobs.init();
  }

  beforeEach(async () => {
    h = await newHarness();
    clock = new FakeClock();
  });
  afterEach(async () => {
    await jobs?.stop();
    await h.dispose();
  });

  it('sends the card to the conversation at the time it was scheduled for, with a broadcast id derived from the key', async () => {
    const notifier = new RecordingNotifier();
    await setUp(notifier);
    const at = clock.at(3 * 60 * 60_000);
    const res = await scheduleMessage(jobs, 'recordatorio:S-1:canal', at, { to: 'conversation', kind: 'reminder', title: 'Sesión S-1', ref: channel, message: { cards: [card] } });
    expect(res.outcome).toBe('scheduled');
    expect((await jobs.get('recordatorio:S-1:canal'))?.kind).toBe(NOTIFY_CONVERSATION);
    clock.advance(3 * 60 * 60_000 - 1);
    await jobs.runDue();
    expect(notifier.conversations).toEqual([]);
    clock.advance(1);
    expect((await jobs.runDue()).done).toBe(1);
    expect(notifier.conversations).toEqual([
      { broadcastId: jobBroadcastId('recordatorio:S-1:canal', at), kind: 'reminder', title: 'Sesión S-1', ref: channel, message: { cards: [card] } },
    ]);
    expect(notifier.conversations[0]!.broadcastId).toBe(`job:recordatorio:S-1:canal@${at.toISOString()}`);
  });

  it('is not sent when cancelled before its time', async () => {
    const notifier = new RecordingNotifier();
    await setUp(notifier);
    await scheduleMessage(jobs, 'recordatorio:S-2', clock.at(60_000), { to: 'conversation', kind: 'reminder', ref: channel, message: { text: 'Hola' } });
    expect(await jobs.cancel('recordatorio:S-2')).toBe('cancelled');
    clock.advance(2 * 60_000);
    await jobs.runDue();
    expect(notifier.conversations).toEqual([]);
  });

  it('a retry after a failure mid-call uses the same broadcast id, so the outbox sends it once', async () => {
    const notifier = new FlakyNotifier(1);
    await setUp(notifier);
    const at = clock.now();
    await scheduleMessage(jobs, 'aviso:grupos', at, {
      to: 'people',
      kind: 'groups',
      title: 'Tu grupo',
      recipients: [
        { personKey: 'aad:1', name: 'Eva', message: { text: 'Hola Eva' } },
        { personKey: 'aad:2', userId: '29:dos', message: { cards: [card] } },
      ],
    });
    expect((await jobs.get('aviso:grupos'))?.kind).toBe(NOTIFY_PEOPLE);
    expect(await jobs.runDue()).toMatchObject({ retried: 1 });
    clock.advance(1_000);
    expect(await jobs.runDue()).toMatchObject({ done: 1 });
    const calls = notifier.inner.people;
    expect(calls).toHaveLength(2);
    expect(new Set(calls.map((c) => c.broadcastId))).toEqual(new Set([jobBroadcastId('aviso:grupos', at)]));
    expect(calls[1]!.recipients).toEqual([
      { personKey: 'aad:1', name: 'Eva', message: { text: 'Hola Eva' } },
      { personKey: 'aad:2', userId: '29:dos', message: { cards: [card] } },
    ]);
  });

  it('moving the message to another time makes it a new broadcast', async () => {
    const notifier = new RecordingNotifier();
    await setUp(notifier);
    await scheduleMessage(jobs, 'm', clock.at(60_000), { to: 'conversation', kind: 'reminder', ref: channel, message: { text: 'a' } });
    await scheduleMessage(jobs, 'm', clock.at(120_000), { to: 'conversation', kind: 'reminder', ref: channel, message: { text: 'b' } });
    clock.advance(120_000);
    await jobs.runDue();
    expect(notifier.conversations.map((c) => [c.broadcastId, c.message.text])).toEqual([[jobBroadcastId('m', clock.now()), 'b']]);
  });

  it('refuses a malformed message when it is scheduled', async () => {
    await setUp(new RecordingNotifier());
    await expect(scheduleMessage(jobs, 'vacio', clock.now(), { to: 'conversation', kind: 'reminder', ref: channel, message: {} })).rejects.toThrow();
    await expect(scheduleMessage(jobs, 'nadie', clock.now(), { to: 'people', kind: 'reminder', recipients: [] })).rejects.toThrow();
    expect(await jobs.list()).toEqual([]);
  });
});
