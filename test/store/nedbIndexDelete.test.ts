import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EmbeddedStore } from '../../src/store/embeddedStore.js';
import { installFastIndexValueDelete } from '../../src/store/nedbIndexDelete.js';

interface Tree {
  insert(key: unknown, value: unknown): void;
  delete(key: unknown, value?: unknown): void;
  search(key: unknown): unknown[];
  getNumberOfKeys(): number;
}
const nedbRequire = createRequire(createRequire(import.meta.url).resolve('@seald-io/nedb'));
const { AVLTree } = nedbRequire('@seald-io/binary-search-tree') as { AVLTree: new (o: { checkValueEquality: (a: unknown, b: unknown) => boolean }) => Tree };

installFastIndexValueDelete();

function tree(): Tree {
  return new AVLTree({ checkValueEquality: (a, b) => a === b });
}

describe('NeDB index: removing one document from a key shared by many', () => {
  // Before: each removal built a new array of the other 15,999 documents through a callback per element
  // (the largest single cost of the delivery worker with a 16,000-message backlog).
  it('removes it in place, without copying the other documents', () => {
    const t = tree();
    const docs = Array.from({ length: 16_000 }, (_, i) => ({ _id: `m-${i}` }));
    for (const d of docs) t.insert('pending', d);
    t.insert('sent', { _id: 'x' });
    const before = t.search('pending');
    t.delete('pending', docs[1234]);
    const after = t.search('pending');
    expect(after).toBe(before);
    expect(after).toHaveLength(15_999);
    expect(after).not.toContain(docs[1234]);
    expect(after[1234]).toBe(docs[1235]); // the order of the others is kept
    expect(t.search('sent')).toHaveLength(1);
  });

  it('does the same in NeDB’s own index (documents compared by identity)', () => {
    const NedbIndex = nedbRequire('@seald-io/nedb/lib/indexes.js') as new (o: { fieldName: string }) => {
      insert(doc: unknown): void;
      remove(doc: unknown): void;
      getMatching(value: unknown): unknown[];
    };
    const index = new NedbIndex({ fieldName: 'state' });
    const docs = Array.from({ length: 5_000 }, (_, i) => ({ _id: `m-${i}`, state: 'pending' }));
    for (const d of docs) index.insert(d);
    const before = index.getMatching('pending');
    index.remove(docs[0]);
    index.remove(docs[4_999]);
    index.remove({ _id: 'm-7', state: 'pending' }); // an equal copy is not the stored document: nothing goes
    const after = index.getMatching('pending');
    expect(after).toBe(before);
    expect(after).toHaveLength(4_998);
    expect(after[0]).toBe(docs[1]);
    expect(after).toContain(docs[7]);
    expect(after).not.toContain(docs[4_999]);
  });

  it.each([
    ['a value the key does not hold', (t: Tree) => t.delete('pending', { _id: 'stranger' }), { pending: 3, sent: 1, keys: 2 }],
    ['a key the tree does not hold', (t: Tree) => t.delete('failed', { _id: 'stranger' }), { pending: 3, sent: 1, keys: 2 }],
    ['the only value of a key (the library removes the node)', (t: Tree) => t.delete('sent', SENT), { pending: 3, sent: 0, keys: 1 }],
    ['a whole key', (t: Tree) => t.delete('pending'), { pending: 0, sent: 1, keys: 1 }],
  ])('leaves the library’s answer for %s', (_name, op, want) => {
    const t = tree();
    for (let i = 0; i < 3; i++) t.insert('pending', { _id: `p-${i}` });
    t.insert('sent', SENT);
    op(t);
    expect({ pending: t.search('pending').length, sent: t.search('sent').length, keys: t.getNumberOfKeys() }).toEqual(want);
  });
});
const SENT = { _id: 's-0' };

describe('NeDB index: answers after many updates of a low-cardinality field', () => {
  const dirs: string[] = [];
  const stores: EmbeddedStore[] = [];
  afterEach(async () => {
    for (const s of stores.splice(0)) await s.close();
    for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
  });

  it('finds by the indexed field exactly what a scan finds, before and after a reload', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'nedb-index-'));
    dirs.push(dir);
    let store = await EmbeddedStore.open({ dataDir: dir });
    stores.push(store);
    await store.ensureIndexes('q', [{ fields: ['state'] }]);
    const states = ['pending', 'sending', 'sent'] as const;
    const model = new Map<string, (typeof states)[number]>();
    const col = () => store.collection<{ _id: string; state: string }>('q');
    await col().insertMany(Array.from({ length: 1_500 }, (_, i) => ({ _id: `m-${i}`, state: 'pending' })));
    for (let i = 0; i < 1_500; i++) model.set(`m-${i}`, 'pending');
    let x = 7;
    const rnd = (n: number): number => (x = (x * 1_103_515_245 + 12_345) % 2_147_483_648) % n;
    for (let step = 0; step < 600; step++) {
      const id = `m-${rnd(1_500)}`;
      if (!model.has(id)) continue;
      if (rnd(10) === 0) {
        await col().deleteOne({ _id: id });
        model.delete(id);
      } else {
        const state = states[rnd(3)]!;
        await col().updateOne({ _id: id }, { $set: { state } });
        model.set(id, state);
      }
    }
    const check = async (): Promise<void> => {
      for (const s of states) {
        const want = [...model].filter(([, v]) => v === s).map(([k]) => k).sort();
        expect((await col().find({ state: s })).map((d) => d._id).sort()).toEqual(want);
        expect(await col().countDocuments({ state: s })).toBe(want.length);
      }
    };
    await check();
    await store.close();
    stores.length = 0;
    store = await EmbeddedStore.open({ dataDir: dir });
    stores.push(store);
    await check();
  });
});
