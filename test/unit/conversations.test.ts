import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConversationRef } from '../../src/domain/conversationRef.js';
import { ConversationService } from '../../src/services/conversations.js';
import { EmbeddedStore } from '../../src/store/embeddedStore.js';

/** Issue 9, item 3: a person's notices go to the chat she used last, not to any stored one. */
const ref = (conversationId: string): ConversationRef => ({
  channelId: 'msteams',
  serviceUrl: 'https://smba.example.invalid/amer/',
  tenantId: 't',
  conversation: { id: conversationId, conversationType: 'personal', isGroup: false, tenantId: 't' },
  bot: { id: '28:bot' },
  user: { id: '29:berta' },
});

describe('ConversationService: the most recently seen personal chat', () => {
  let dataDir: string;
  let store: EmbeddedStore;
  let now: Date;
  let conversations: ConversationService;

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'rdc-conv-'));
    store = await EmbeddedStore.open({ dataDir });
    now = new Date('2026-12-05T18:00:00Z');
    conversations = new ConversationService(store, pino({ level: 'silent' }), () => now);
    await conversations.init();
  });
  afterEach(async () => {
    await store.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const at = (minutes: number) => {
    now = new Date(Date.UTC(2026, 11, 5, 18, minutes));
  };

  it('picks the chat she wrote from last, and lists the others after it', async () => {
    at(0);
    await conversations.remember('personal', ref('a:first'), 'aad:berta');
    at(10);
    await conversations.remember('personal', ref('a:second'), 'aad:berta');
    expect((await conversations.personalChatOf('aad:berta'))?._id).toBe('a:second');
    at(20);
    await conversations.remember('personal', ref('a:first'), 'aad:berta');
    expect((await conversations.personalChatOf('aad:berta'))?._id).toBe('a:first');
    expect((await conversations.personalChatsOf('aad:berta')).map((c) => c._id)).toEqual(['a:first', 'a:second']);
    at(30);
    await conversations.remember('personal', ref('a:second'), 'aad:berta');
    expect((await conversations.personalChatOf('aad:berta'))?._id).toBe('a:second');
  });

  it('skips inactive chats, and records a first sighting without a write on every turn', async () => {
    at(0);
    await conversations.remember('personal', ref('a:first'), 'aad:berta');
    at(10);
    await conversations.remember('personal', ref('a:second'), 'aad:berta');
    await conversations.markInactive('a:second');
    expect((await conversations.personalChatsOf('aad:berta')).map((c) => c._id)).toEqual(['a:first']);
    expect((await conversations.get('a:first'))?.lastSeenAt).toEqual(new Date(Date.UTC(2026, 11, 5, 18, 0)));
    // Seen again within the same minute: nothing to write.
    now = new Date(Date.UTC(2026, 11, 5, 18, 0, 30));
    expect(await conversations.remember('personal', ref('a:first'), 'aad:berta')).toBe(false);
    expect((await conversations.get('a:first'))?.lastSeenAt).toEqual(new Date(Date.UTC(2026, 11, 5, 18, 0)));
  });

  it('orders chats stored before lastSeenAt existed by their last update', async () => {
    const col = store.collection<Record<string, unknown> & { _id: string }>('conversations');
    const base = { kind: 'personal', active: true, personKey: 'aad:eva', installedAt: new Date(0) };
    await col.insertOne({ ...base, _id: 'a:old', ref: ref('a:old'), updatedAt: new Date(1000) });
    await col.insertOne({ ...base, _id: 'a:newer', ref: ref('a:newer'), updatedAt: new Date(5000) });
    expect((await conversations.personalChatOf('aad:eva'))?._id).toBe('a:newer');
  });
});

describe('ConversationService: no store read for a conversation seen moments ago', () => {
  let dataDir: string;
  let store: EmbeddedStore;
  let now: Date;
  let conversations: ConversationService;
  let reads: number;

  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'rdc-conv-cache-'));
    store = await EmbeddedStore.open({ dataDir });
    now = new Date('2026-12-05T18:00:00Z');
    const counting = new Proxy(store, {
      get(target, prop, receiver) {
        if (prop !== 'collection') return Reflect.get(target, prop, receiver) as unknown;
        return (name: string) => {
          const col = target.collection(name);
          return new Proxy(col, {
            get(c, p, r) {
              if (p === 'findOne') reads++;
              const v = Reflect.get(c, p, r) as unknown;
              return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(c) : v;
            },
          });
        };
      },
    });
    conversations = new ConversationService(counting, pino({ level: 'silent' }), () => now);
    await conversations.init();
    reads = 0;
  });
  afterEach(async () => {
    await store.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('reads once, then trusts what it saw for a few seconds; an uninstall or a new reference reads again', async () => {
    expect(await conversations.remember('personal', ref('a:one'), 'aad:berta')).toBe(true);
    expect(await conversations.remember('personal', ref('a:one'), 'aad:berta')).toBe(false);
    const afterSecond = reads;
    now = new Date(now.getTime() + 5_000);
    expect(await conversations.remember('personal', ref('a:one'), 'aad:berta')).toBe(false);
    expect(reads).toBe(afterSecond);
    // An uninstall seen here forgets it: the next turn is an install again.
    await conversations.markInactive('a:one');
    expect(await conversations.remember('personal', ref('a:one'), 'aad:berta')).toBe(true);
    // Another service URL is another reference: read and refreshed.
    const moved = { ...ref('a:one'), serviceUrl: 'https://smba.example.invalid/emea/' };
    const before = reads;
    expect(await conversations.remember('personal', moved, 'aad:berta')).toBe(false);
    expect(reads).toBe(before + 1);
    expect((await conversations.get('a:one'))?.ref.serviceUrl).toBe('https://smba.example.invalid/emea/');
  });

  it('still refreshes lastSeenAt once a minute', async () => {
    await conversations.remember('personal', ref('a:one'), 'aad:berta');
    await conversations.remember('personal', ref('a:one'), 'aad:berta');
    now = new Date(now.getTime() + 61_000);
    await conversations.remember('personal', ref('a:one'), 'aad:berta');
    expect((await conversations.get('a:one'))?.lastSeenAt?.getTime()).toBe(now.getTime());
  });
});
