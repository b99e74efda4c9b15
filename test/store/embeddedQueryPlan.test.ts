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
});
