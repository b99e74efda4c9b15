import { createRequire } from 'node:module';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EmbeddedStore } from '../../src/store/embeddedStore.js';

// NeDB's matcher, as its cursor calls it (one call per document examined).
const nedbModel = createRequire(import.meta.url)('@seald-io/nedb/lib/model.js') as { match: (doc: unknown, query: unknown) => boolean };

interface QueueDoc {
  _id: string;
  state: 'pending' | 'sent';
  n: number;
}

const dirs: string[] = [];
const stores: EmbeddedStore[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const s of stores.splice(0)) await s.close();
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

async function queue(size: number): Promise<EmbeddedStore> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'embedded-plan-'));
  dirs.push(dir);
  const store = await EmbeddedStore.open({ dataDir: dir });
  stores.push(store);
  await store.ensureIndexes('queue', [{ fields: ['state'] }]);
  await store.collection<QueueDoc>('queue').insertMany(Array.from({ length: size }, (_, i) => ({ _id: `m-${i}`, state: 'pending' as const, n: i })));
  return store;
}

describe('embedded store: which documents a query by _id examines', () => {
  // Before the fix NeDB picked the `state` index (the last indexed field in the filter) and examined every
  // pending document to find one id: a claim in a 22,000-message outbox read 22,000 documents.
  it.each([
    ['findOne', (s: EmbeddedStore) => s.collection<QueueDoc>('queue').findOne({ _id: 'm-1999', state: 'pending' })],
    ['updateOne', (s: EmbeddedStore) => s.collection<QueueDoc>('queue').updateOne({ _id: 'm-1999', state: 'pending' }, { $set: { state: 'sent' } })],
    ['countDocuments', (s: EmbeddedStore) => s.collection<QueueDoc>('queue').countDocuments({ _id: 'm-1999', state: 'pending' })],
  ])('%s with { _id, state } examines the one document, not every pending one', async (_name, op) => {
    const store = await queue(2000);
    const match = vi.spyOn(nedbModel, 'match');
    await op(store);
    expect(match.mock.calls.length).toBeGreaterThan(0);
    expect(match.mock.calls.length).toBeLessThanOrEqual(2);
  });

  // Before: NeDB read through `state` (the last indexed equality in the filter), so counting one broadcast's
  // sent messages examined every sent message of every broadcast (22,000 in bench:reminders, 20-30 ms each).
  it.each([
    ['{ broadcastId, state }', { broadcastId: 'b-7', state: 'sent' }, 20],
    ['{ state, broadcastId }', { state: 'sent', broadcastId: 'b-7' }, 20],
    ['{ broadcastId, state } where the state is the narrower', { broadcastId: 'b-7', state: 'pending' }, 1],
  ])('reads %s through the index holding fewer documents', async (_name, filter, examined) => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'embedded-plan-'));
    dirs.push(dir);
    const store = await EmbeddedStore.open({ dataDir: dir });
    stores.push(store);
    await store.ensureIndexes('outbox', [{ fields: ['state'] }, { fields: ['broadcastId'] }]);
    // 100 broadcasts of 20 sent messages, and one pending message in b-7.
    const docs = Array.from({ length: 2_000 }, (_, i) => ({ _id: `m-${i}`, broadcastId: `b-${i % 100}`, state: i === 7 ? 'pending' : 'sent' }));
    const col = store.collection<{ _id: string; broadcastId: string; state: string }>('outbox');
    await col.insertMany(docs);
    const want = docs.filter((d) => d.broadcastId === filter.broadcastId && d.state === filter.state).length;
    for (const op of [() => col.countDocuments(filter), () => col.find(filter).then((r) => r.length), () => col.find(filter, { sort: { _id: 1 } }).then((r) => r.length)]) {
      const match = vi.spyOn(nedbModel, 'match');
      expect(await op()).toBe(want);
      expect(match.mock.calls.length).toBeLessThanOrEqual(examined);
      match.mockRestore();
    }
  });

  it('still answers like MongoDB: the filter keeps every condition', async () => {
    const store = await queue(10);
    const col = store.collection<QueueDoc>('queue');
    expect(await col.findOne({ _id: 'm-3', state: 'sent' })).toBeNull();
    expect(await col.updateOne({ _id: 'm-3', state: 'sent' }, { $set: { n: -1 } })).toEqual({ matched: 0, modified: 0 });
    expect((await col.findOne({ _id: 'm-3', state: 'pending' }))?.n).toBe(3);
  });

  // Before: NeDB matched and sorted every candidate in one piece, holding the event loop (100-300 ms for a
  // 20,000-message outbox) while sends were due.
  it('a sorted read of a large collection lets the event loop run between slices, with the same answer', async () => {
    const store = await queue(20_000);
    const col = store.collection<QueueDoc>('queue');
    let turns = 0;
    let reading = true;
    const spin = (): void => {
      if (!reading) return;
      turns++;
      setImmediate(spin);
    };
    setImmediate(spin);
    const page = await col.find({ state: 'pending', n: { $gte: 10 } }, { sort: { n: -1 }, skip: 5, limit: 3 });
    reading = false;
    expect(page.map((d) => d.n)).toEqual([19_994, 19_993, 19_992]);
    expect(turns).toBeGreaterThanOrEqual(10);
  });

  // Before: the sorted read held the collection's executor through all its slices, so every write issued
  // meanwhile (a claim, an outcome) waited for the whole read (up to 500 ms in bench:reminders).
  it('a write issued during a sorted read does not wait for it, and the read answers as of its start', async () => {
    const store = await queue(20_000);
    const col = store.collection<QueueDoc>('queue');
    const order: string[] = [];
    const read = col.find({ state: 'pending' }, { sort: { n: 1 }, limit: 2 }).then((page) => {
      order.push('read');
      return page;
    });
    // Let the read take its candidates, then write the first row it is about to return.
    await new Promise<void>((resolve) => setImmediate(resolve));
    const write = col.updateOne({ _id: 'm-0' }, { $set: { state: 'sent' } }).then((r) => {
      order.push('write');
      return r;
    });
    const [page, written] = await Promise.all([read, write]);
    expect(order).toEqual(['write', 'read']);
    expect(written).toEqual({ matched: 1, modified: 1 });
    expect(page.map((d) => [d._id, d.state])).toEqual([
      ['m-0', 'pending'],
      ['m-1', 'pending'],
    ]);
    expect((await col.findOne({ _id: 'm-0' }))?.state).toBe('sent');
  });
});

describe('embedded store: sorted reads answer as NeDB’s own cursor does', () => {
  interface Row {
    _id: string;
    state: 'pending' | 'sent';
    a: number;
    b?: string;
  }
  // Few distinct keys, so ties (kept in NeDB's stable order), missing fields and every skip/limit edge show up.
  function rows(count: number, seed: number): Row[] {
    let x = seed;
    const rnd = (n: number): number => {
      x = (x * 1_103_515_245 + 12_345) % 2_147_483_648;
      return x % n;
    };
    return Array.from({ length: count }, (_, i) => {
      const r: Row = { _id: `r-${String(i).padStart(5, '0')}`, state: rnd(3) === 0 ? 'sent' : 'pending', a: rnd(7) };
      if (rnd(4) !== 0) r.b = ['x', 'y', 'z'][rnd(3)]!;
      return r;
    });
  }

  it.each([
    [{ a: 1 }, 0, 10],
    [{ a: -1, b: 1 }, 3, 25],
    [{ b: 1, a: -1 }, 0, 1],
    [{ b: -1 }, 40, 7],
    [{ a: 1, b: -1 }, 0, 0],
    [{ a: 1 }, 2_990, 50],
  ] as const)('sort %j, skip %i, limit %i', async (sort, skip, limit) => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'embedded-plan-'));
    dirs.push(dir);
    const store = await EmbeddedStore.open({ dataDir: dir });
    stores.push(store);
    await store.ensureIndexes('rows', [{ fields: ['state'] }]);
    const data = rows(3_000, skip + limit + 1);
    await store.collection<Row>('rows').insertMany(data);
    const got = await store.collection<Row>('rows').find({ state: 'pending' }, { sort: { ...sort }, skip, ...(limit ? { limit } : {}) });

    // The reference: a plain NeDB datastore in memory, same documents, its cursor.
    const Nedb = createRequire(import.meta.url)('@seald-io/nedb') as new () => {
      insertAsync(d: unknown): Promise<unknown>;
      findAsync(q: unknown): { sort(s: unknown): { skip(n: number): { limit(n: number): Promise<Row[]> } & Promise<Row[]> } };
    };
    const ref = new Nedb();
    await ref.insertAsync(data);
    const cursor = ref.findAsync({ state: 'pending' }).sort({ ...sort }).skip(skip);
    const want = limit ? await cursor.limit(limit) : await cursor;
    expect(got.map((r) => r._id)).toEqual(want.map((r) => r._id));
    expect(got.length).toBe(limit ? Math.min(limit, Math.max(0, data.filter((r) => r.state === 'pending').length - skip)) : Math.max(0, data.filter((r) => r.state === 'pending').length - skip));
  });
});
