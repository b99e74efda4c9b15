import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type Activity, ActivityTypes, ConversationState, TestAdapter, TurnContext, UserState } from 'botbuilder';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_STATE_ID_LENGTH, type BotStateDoc, StoreStorage, stateDocId } from '../../src/bot/storeStorage.js';
import { EmbeddedStore } from '../../src/store/embeddedStore.js';
import { MongoStore } from '../../src/store/mongoStore.js';
import type { Store } from '../../src/store/types.js';

interface Harness {
  store: Store;
  dispose(): Promise<void>;
}

async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected the promise to reject');
}

function teamsActivity(conversationId: string, userId: string): Partial<Activity> {
  return {
    type: ActivityTypes.Message,
    channelId: 'msteams',
    conversation: { id: conversationId, isGroup: false, name: '', conversationType: 'personal', tenantId: 't1' },
    from: { id: userId, name: 'Ana' },
    recipient: { id: '28:bot', name: 'bot' },
    serviceUrl: 'http://127.0.0.1:1/',
    text: 'hola',
  };
}

function defineStorageSuite(open: () => Promise<Harness>): void {
  let harness: Harness;
  /** A storage on its own collection, so tests do not see each other's keys. */
  const fresh = (): { storage: StoreStorage; collection: string } => {
    const collection = `botState_${randomUUID().slice(0, 8)}`;
    return { storage: new StoreStorage(harness.store, collection), collection };
  };

  beforeAll(async () => {
    harness = await open();
  });
  afterAll(async () => {
    await harness?.dispose();
  });

  it('reads only existing keys: missing keys are absent from the result', async () => {
    const { storage } = fresh();
    expect(await storage.read([])).toEqual({});
    await storage.write({ present: { v: 1 } });
    const items = await storage.read(['present', 'missing']);
    expect(Object.keys(items)).toEqual(['present']);
    expect('missing' in items).toBe(false);
  });

  it('round-trips an item and returns a new eTag on every write', async () => {
    const { storage } = fresh();
    const state = { count: 3, name: 'Ana', nested: { list: [1, 'dos', { tres: true }], none: null } };
    await storage.write({ k: { ...state } });
    const first = (await storage.read(['k'])).k as Record<string, unknown>;
    expect(first).toEqual({ ...state, eTag: expect.any(String) });
    expect(first.eTag).not.toBe('*');
    expect(first.eTag).not.toBe('');

    await storage.write({ k: { ...state, count: 4 } });
    const second = (await storage.read(['k'])).k as Record<string, unknown>;
    expect(second.count).toBe(4);
    expect(second.eTag).not.toBe(first.eTag);
  });

  it('a write with the current eTag succeeds; one with a stale eTag is rejected and leaves the state unchanged', async () => {
    const { storage } = fresh();
    await storage.write({ k: { v: 1 } });
    const read1 = (await storage.read(['k'])).k as { v: number; eTag: string };
    await storage.write({ k: { ...read1, v: 2 } });
    const read2 = (await storage.read(['k'])).k as { v: number; eTag: string };
    expect(read2.v).toBe(2);
    expect(read2.eTag).not.toBe(read1.eTag);

    const err = await rejection(storage.write({ k: { ...read1, v: 3 } }));
    expect(err.message).toMatch(/eTag/);
    expect(err.message).toMatch(/did not match/);
    expect((await storage.read(['k'])).k).toEqual(read2);
  });

  it('an eTag write to a key that does not exist is rejected and creates nothing', async () => {
    const { storage } = fresh();
    const err = await rejection(storage.write({ ghost: { v: 1, eTag: 'some-etag' } }));
    expect(err.message).toMatch(/eTag/);
    expect(await storage.read(['ghost'])).toEqual({});
  });

  it("an eTag of '*' or no eTag overwrites whatever is stored", async () => {
    const { storage } = fresh();
    await storage.write({ k: { v: 1 } });
    await storage.write({ k: { v: 2, eTag: '*' } });
    expect(((await storage.read(['k'])).k as { v: number }).v).toBe(2);
    await storage.write({ k: { v: 3 } });
    expect(((await storage.read(['k'])).k as { v: number }).v).toBe(3);
  });

  it('writes several items at once and rejects the batch when one has a stale eTag, leaving that one unchanged', async () => {
    const { storage } = fresh();
    await storage.write({ a: { v: 1 }, b: { v: 1 } });
    const { a, b } = (await storage.read(['a', 'b'])) as Record<string, { v: number; eTag: string }>;
    await storage.write({ b: { ...b, v: 2 } });
    await expect(storage.write({ a: { ...a!, v: 5 }, b: { ...b!, v: 9 } })).rejects.toThrow(/eTag/);
    const after = (await storage.read(['a', 'b'])) as Record<string, { v: number }>;
    expect(after.a!.v).toBe(5);
    expect(after.b!.v).toBe(2);
  });

  it('stores keys with any characters, keeping distinct keys apart', async () => {
    const { storage } = fresh();
    const keys = [
      'msteams/conversations/a:1Xyz-abc_DEF@thread.tacv2;messageid=1692/users/29:1AbC',
      'a.b',
      'a$b',
      '$a',
      'a/b',
      'a%2Fb',
      'a%002fb',
      'a#b',
      'with space',
      'ñandú Ünïcödé 日本語',
      'emoji 😀',
      'lone \ud800 surrogate',
      'line\nbreak\u0000nul',
      'A',
      '%0041',
    ];
    const changes = Object.fromEntries(keys.map((key, i) => [key, { i, key }]));
    await storage.write(changes);
    const items = await storage.read(keys);
    expect(Object.keys(items).sort()).toEqual([...keys].sort());
    keys.forEach((key, i) => expect(items[key]).toMatchObject({ i, key }));
    await storage.delete(['a.b']);
    expect(Object.keys(await storage.read(keys))).toHaveLength(keys.length - 1);
  });

  it('stores keys longer than the id limit as a readable prefix plus a hash, without collisions', async () => {
    const { storage, collection } = fresh();
    const common = `msteams/conversations/${'x'.repeat(260)}`;
    const k1 = `${common}/users/one`;
    const k2 = `${common}/users/two`;
    await storage.write({ [k1]: { who: 1 }, [k2]: { who: 2 } });
    const items = (await storage.read([k1, k2])) as Record<string, { who: number }>;
    expect(items[k1]!.who).toBe(1);
    expect(items[k2]!.who).toBe(2);
    const docs = await harness.store.collection<BotStateDoc>(collection).find({});
    expect(docs).toHaveLength(2);
    for (const doc of docs) {
      expect(doc._id.length).toBeLessThanOrEqual(MAX_STATE_ID_LENGTH);
      expect(doc._id.startsWith('msteams/conversations/xxx')).toBe(true);
      expect(doc._id).toMatch(/#[0-9a-f]{64}$/);
    }
    await storage.delete([k1]);
    expect(Object.keys(await storage.read([k1, k2]))).toEqual([k2]);
  });

  it("keeps state whose property names contain '.' or start with '$', at any depth", async () => {
    const { storage } = fresh();
    const state = {
      $type: 'DialogState',
      'a.b': { '$c.d': 1, arr: [{ $e: 2, 'f.g': [{ $h: null }] }] },
      $$date: 5,
      normal: 'ok',
    };
    await storage.write({ k: state });
    expect((await storage.read(['k'])).k).toEqual({ ...state, eTag: expect.any(String) });
  });

  it('deletes keys (missing ones are ignored)', async () => {
    const { storage } = fresh();
    await storage.write({ a: { v: 1 }, b: { v: 2 } });
    await storage.delete(['a', 'never-written']);
    await storage.delete([]);
    expect(await storage.read(['a', 'b'])).toEqual({ b: { v: 2, eTag: expect.any(String) } });
  });

  it('works as the storage of ConversationState and UserState across instances', async () => {
    const { storage } = fresh();
    const adapter = new TestAdapter();
    const activity = teamsActivity('a:1pT7-conv.with.dots;messageid=123', '29:1user$with.odd');

    const turn1 = new TurnContext(adapter, activity);
    const convo1 = new ConversationState(storage);
    const users1 = new UserState(storage);
    const counter1 = convo1.createProperty<{ count: number; $meta: { 'a.b': string } }>('counter');
    const profile1 = users1.createProperty<{ name?: string }>('profile');
    await convo1.load(turn1);
    await users1.load(turn1);
    const c = await counter1.get(turn1, { count: 0, $meta: { 'a.b': 'x' } });
    c.count += 1;
    (await profile1.get(turn1, {})).name = 'Ana';
    await convo1.saveChanges(turn1);
    await users1.saveChanges(turn1);

    // A new turn with new state instances reads what the first one saved, then saves again.
    const turn2 = new TurnContext(adapter, activity);
    const convo2 = new ConversationState(storage);
    const users2 = new UserState(storage);
    const counter2 = convo2.createProperty<{ count: number; $meta: { 'a.b': string } }>('counter');
    expect(await counter2.get(turn2)).toEqual({ count: 1, $meta: { 'a.b': 'x' } });
    expect(await users2.createProperty<{ name?: string }>('profile').get(turn2)).toEqual({ name: 'Ana' });
    (await counter2.get(turn2))!.count += 1;
    await convo2.saveChanges(turn2);

    const turn3 = new TurnContext(adapter, activity);
    const convo3 = new ConversationState(storage);
    expect(await convo3.createProperty<{ count: number }>('counter').get(turn3)).toMatchObject({ count: 2 });

    // Another conversation does not see this one's state; clearing and saving removes it.
    const other = new TurnContext(adapter, teamsActivity('a:other', '29:1user$with.odd'));
    expect(await new ConversationState(storage).createProperty('counter').get(other)).toBeUndefined();
    await convo3.delete(turn3);
    const turn4 = new TurnContext(adapter, activity);
    expect(await new ConversationState(storage).createProperty('counter').get(turn4)).toBeUndefined();
  });
}

describe('StoreStorage', () => {
  it('gives every key a distinct id of bounded length', () => {
    const ids = new Set(['a.b', 'a%002eb', 'a#b', 'a%0023b', 'x'.repeat(500), `${'x'.repeat(499)}y`].map(stateDocId));
    expect(ids.size).toBe(6);
    for (const id of ids) expect(id.length).toBeLessThanOrEqual(MAX_STATE_ID_LENGTH);
    expect(stateDocId('msteams/conversations/19:abc@thread.tacv2/users/29:1x')).toBe('msteams/conversations/19:abc@thread.tacv2/users/29:1x');
  });

  describe('on the embedded store', () => {
    defineStorageSuite(async () => {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'store-storage-'));
      const store = await EmbeddedStore.open({ dataDir: dir });
      return {
        store,
        dispose: async () => {
          await store.close();
          await rm(dir, { recursive: true, force: true });
        },
      };
    });

    it('keeps bot state across a store close and reopen', async () => {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'store-storage-reopen-'));
      try {
        const first = await EmbeddedStore.open({ dataDir: dir });
        await new StoreStorage(first).write({ 'msteams/conversations/c1/': { step: 'nombre', $x: { 'y.z': 1 } } });
        const { eTag } = (await new StoreStorage(first).read(['msteams/conversations/c1/']))['msteams/conversations/c1/'] as { eTag: string };
        await first.close();
        const second = await EmbeddedStore.open({ dataDir: dir });
        expect(await new StoreStorage(second).read(['msteams/conversations/c1/'])).toEqual({
          'msteams/conversations/c1/': { step: 'nombre', $x: { 'y.z': 1 }, eTag },
        });
        await second.close();
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
  });

  // Tests only talk to this machine: a MongoDB elsewhere is never used, even if configured.
  const mongoUri = process.env.MONGODB_URI;
  const mongoIsLocal = !!mongoUri && /^mongodb:\/\/([^@/]*@)?(127\.0\.0\.1|localhost)(:\d+)?(\/|$|\?)/.test(mongoUri);
  const mongoTitle = !mongoUri
    ? 'on MongoDB (skipped: MONGODB_URI not set)'
    : mongoIsLocal
      ? 'on MongoDB'
      : 'on MongoDB (skipped: MONGODB_URI is not a 127.0.0.1/localhost server)';
  describe.skipIf(!mongoIsLocal)(mongoTitle, () => {
    defineStorageSuite(async () => {
      const dbName = `red_coaching_storage_${Date.now()}_${randomUUID().slice(0, 8)}`;
      const store = await MongoStore.open(mongoUri!, dbName);
      return {
        store,
        dispose: async () => {
          await store.close();
          const client = new MongoClient(mongoUri!);
          try {
            await client.db(dbName).dropDatabase();
          } finally {
            await client.close();
          }
        },
      };
    });
  });
});
