import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedStore } from '../../src/store/embeddedStore.js';
import { MongoStore } from '../../src/store/mongoStore.js';
import { type BaseDoc, type Collection, DuplicateKeyError, type Filter, type Store, isDuplicateKeyError } from '../../src/store/types.js';

/**
 * One contract for both Store adapters: every test here must pass against the embedded store and against
 * MongoDB, so domain code can rely on the same behaviour whichever is configured.
 */

interface Harness {
  store: Store;
  /** Removes everything the harness created (temp dir or test database). */
  dispose(): Promise<void>;
}

interface Doc extends BaseDoc {
  [key: string]: unknown;
}

const ids = (docs: BaseDoc[]): string[] => docs.map((d) => d._id).sort();

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error('expected the promise to reject');
}

function defineStoreContract(open: () => Promise<Harness>): void {
  let harness: Harness;
  let seq = 0;
  /** Each test works in its own collection, so tests do not see each other's documents. */
  const fresh = <T extends BaseDoc = Doc>(): { name: string; col: Collection<T> } => {
    const name = `c${++seq}_${randomUUID().slice(0, 8)}`;
    return { name, col: harness.store.collection<T>(name) };
  };

  beforeAll(async () => {
    harness = await open();
  });
  afterAll(async () => {
    await harness?.dispose();
  });

  it('answers ping', async () => {
    await expect(harness.store.ping()).resolves.toBeUndefined();
  });

  describe('insert and find', () => {
    it('inserts documents and finds them back unchanged', async () => {
      const { col } = fresh();
      const doc = { _id: 'a', name: 'Ana', n: 1, ok: true, none: null, list: [1, 'dos', { tres: 3 }], sub: { deep: { x: 'y' } } };
      await col.insertOne(doc);
      expect(await col.findOne({ _id: 'a' })).toEqual(doc);
      expect(await col.find({})).toEqual([doc]);
      expect(await col.findOne({ _id: 'missing' })).toBeNull();
      expect(await col.find({ _id: 'missing' })).toEqual([]);
    });

    it('rejects a second document with the same _id with DuplicateKeyError', async () => {
      const { name, col } = fresh();
      await col.insertOne({ _id: 'a', v: 1 });
      const err = await rejection(col.insertOne({ _id: 'a', v: 2 }));
      expect(err).toBeInstanceOf(DuplicateKeyError);
      expect(isDuplicateKeyError(err)).toBe(true);
      expect((err as DuplicateKeyError).collection).toBe(name);
      expect(await col.findOne({ _id: 'a' })).toEqual({ _id: 'a', v: 1 });
    });

    it('insertMany writes every document; a collision is a DuplicateKeyError', async () => {
      const { col } = fresh();
      await col.insertMany([]);
      await col.insertMany([{ _id: 'a', v: 1 }, { _id: 'b', v: 2 }, { _id: 'c', v: 3 }]);
      expect((await col.find({}, { sort: { _id: 1 } })).map((d) => d._id)).toEqual(['a', 'b', 'c']);
      const err = await rejection(col.insertMany([{ _id: 'b', v: 9 }]));
      expect(err).toBeInstanceOf(DuplicateKeyError);
      expect(await col.findOne({ _id: 'b' })).toEqual({ _id: 'b', v: 2 });
    });

    it('returns copies: mutating a returned document or an inserted object does not change the stored data', async () => {
      const { col } = fresh();
      const at = new Date('2024-05-01T10:00:00.000Z');
      const original = { _id: 'a', sub: { v: 1 }, at, list: [1] };
      await col.insertOne(original);
      original.sub.v = 99;
      original.list.push(2);
      at.setUTCFullYear(1999);
      const read = (await col.findOne({ _id: 'a' }))!;
      expect(read).toEqual({ _id: 'a', sub: { v: 1 }, at: new Date('2024-05-01T10:00:00.000Z'), list: [1] });
      (read.sub as { v: number }).v = 42;
      (read.at as Date).setUTCFullYear(2000);
      const payload = { v: 7 };
      await col.updateOne({ _id: 'a' }, { $set: { other: payload } });
      payload.v = 8;
      expect(await col.findOne({ _id: 'a' })).toEqual({
        _id: 'a',
        sub: { v: 1 },
        at: new Date('2024-05-01T10:00:00.000Z'),
        list: [1],
        other: { v: 7 },
      });
    });
  });

  describe('filters', () => {
    let col: Collection<Doc>;
    beforeAll(async () => {
      col = fresh().col;
      await col.insertOne({
        _id: 'a',
        n: 1,
        s: 'x',
        tags: ['red', 'blue'],
        nested: { k: 'p', v: 10 },
        opt: 'yes',
        items: [
          { sku: 's1', qty: 1 },
          { sku: 's2', qty: 5 },
        ],
      });
      await col.insertOne({ _id: 'b', n: 2, s: 'y', tags: ['blue'], nested: { k: 'q', v: 20 }, opt: null, items: [{ sku: 's1', qty: 2 }] });
      await col.insertOne({ _id: 'c', n: 3, s: 'z', tags: [], nested: { k: 'p', v: 30 } });
      await col.insertOne({ _id: 'd', n: 4, s: 'x', tags: ['green'], nested: { k: 'r', v: 40 }, opt: 'no' });
    });
    const cases: [string, Filter, string[]][] = [
      ['empty filter', {}, ['a', 'b', 'c', 'd']],
      ['plain equality', { s: 'x' }, ['a', 'd']],
      ['equality on two fields', { s: 'x', n: 4 }, ['d']],
      ['$eq', { n: { $eq: 2 } }, ['b']],
      ['$ne', { s: { $ne: 'x' } }, ['b', 'c']],
      ['$gt', { n: { $gt: 2 } }, ['c', 'd']],
      ['$gte', { n: { $gte: 2 } }, ['b', 'c', 'd']],
      ['$lt', { n: { $lt: 2 } }, ['a']],
      ['$lte', { n: { $lte: 2 } }, ['a', 'b']],
      ['range with two operators', { n: { $gt: 1, $lt: 4 } }, ['b', 'c']],
      ['$gt on strings', { s: { $gt: 'x' } }, ['b', 'c']],
      ['$in', { s: { $in: ['y', 'z'] } }, ['b', 'c']],
      ['$nin', { s: { $nin: ['y', 'z'] } }, ['a', 'd']],
      ['$exists true (null counts as present)', { opt: { $exists: true } }, ['a', 'b', 'd']],
      ['$exists false', { opt: { $exists: false } }, ['c']],
      ['equality with null matches null and missing', { opt: null }, ['b', 'c']],
      ['$ne null excludes null and missing', { opt: { $ne: null } }, ['a', 'd']],
      ['$in with null matches missing too', { opt: { $in: [null, 'no'] } }, ['b', 'c', 'd']],
      ['$and', { $and: [{ s: 'x' }, { n: { $gt: 1 } }] }, ['d']],
      ['$or', { $or: [{ s: 'y' }, { n: 4 }] }, ['b', 'd']],
      ['$or nested in $and with a plain field', { s: 'x', $and: [{ $or: [{ n: 1 }, { 'nested.k': 'r' }] }] }, ['a', 'd']],
      ['dotted path equality', { 'nested.k': 'p' }, ['a', 'c']],
      ['dotted path with an operator', { 'nested.v': { $gte: 20 } }, ['b', 'c', 'd']],
      ['dotted path into an array of subdocuments', { 'items.sku': 's2' }, ['a']],
      ['dotted path into an array with $gt', { 'items.qty': { $gt: 1 } }, ['a', 'b']],
      ['equality of a whole subdocument', { nested: { k: 'p', v: 10 } }, ['a']],
      ['array membership equality', { tags: 'blue' }, ['a', 'b']],
      ['array membership with $in', { tags: { $in: ['green', 'red'] } }, ['a', 'd']],
      ['$ne on an array excludes arrays that contain the value', { tags: { $ne: 'blue' } }, ['c', 'd']],
      ['$nin on an array excludes arrays that contain a value', { tags: { $nin: ['blue', 'green'] } }, ['c']],
      ['whole-array equality', { tags: ['red', 'blue'] }, ['a']],
      ['no match', { s: 'nothing' }, []],
    ];
    it.each(cases)('%s', async (_label, filter, expected) => {
      expect(ids(await col.find(filter))).toEqual(expected);
      expect(await col.countDocuments(filter)).toBe(expected.length);
      const one = await col.findOne(filter);
      if (expected.length === 0) expect(one).toBeNull();
      else expect(expected).toContain(one?._id);
    });
  });

  describe('sort, skip, limit', () => {
    let col: Collection<Doc>;
    beforeAll(async () => {
      col = fresh().col;
      for (const [id, n, s, v] of [
        ['a', 1, 'x', 30],
        ['b', 2, 'y', 10],
        ['c', 3, 'z', 40],
        ['d', 4, 'x', 20],
      ] as const) {
        await col.insertOne({ _id: id, n, s, sub: { v } });
      }
    });
    const order = async (opts: Parameters<Collection<Doc>['find']>[1], filter: Filter = {}): Promise<string[]> =>
      (await col.find(filter, opts)).map((d) => d._id);

    it('sorts ascending and descending', async () => {
      expect(await order({ sort: { n: 1 } })).toEqual(['a', 'b', 'c', 'd']);
      expect(await order({ sort: { n: -1 } })).toEqual(['d', 'c', 'b', 'a']);
    });
    it('sorts on several keys and on a dotted path', async () => {
      expect(await order({ sort: { s: 1, n: -1 } })).toEqual(['d', 'a', 'b', 'c']);
      expect(await order({ sort: { 'sub.v': 1 } })).toEqual(['b', 'd', 'a', 'c']);
    });
    it('skips and limits after sorting', async () => {
      expect(await order({ sort: { n: 1 }, skip: 1, limit: 2 })).toEqual(['b', 'c']);
      expect(await order({ sort: { n: -1 }, limit: 1 })).toEqual(['d']);
      expect(await order({ sort: { n: 1 }, skip: 3 })).toEqual(['d']);
      expect(await order({ sort: { n: 1 }, skip: 10 })).toEqual([]);
      expect(await order({ sort: { n: 1 }, limit: 2 }, { s: 'x' })).toEqual(['a', 'd']);
    });
    it('counts with and without a filter', async () => {
      expect(await col.countDocuments({})).toBe(4);
      expect(await col.countDocuments({ s: 'x' })).toBe(2);
      expect(await col.countDocuments({ n: { $gt: 10 } })).toBe(0);
    });
  });

  describe('updateOne and updateMany', () => {
    it('$set (also dotted, creating the parent), $unset, $inc', async () => {
      const { col } = fresh();
      await col.insertOne({ _id: 'a', name: 'Ana', count: 1, gone: 'x', profile: { region: 'norte' } });
      const res = await col.updateOne(
        { _id: 'a' },
        { $set: { name: 'Ana María', 'profile.city': 'Monterrey', 'prefs.lang': 'es' }, $unset: { gone: 1 }, $inc: { count: 2, fresh: 5 } },
      );
      expect(res).toEqual({ matched: 1, modified: 1 });
      expect(await col.findOne({ _id: 'a' })).toEqual({
        _id: 'a',
        name: 'Ana María',
        count: 3,
        fresh: 5,
        profile: { region: 'norte', city: 'Monterrey' },
        prefs: { lang: 'es' },
      });
      await col.updateOne({ _id: 'a' }, { $unset: { 'profile.city': '' }, $inc: { count: -3 } });
      expect(await col.findOne({ _id: 'a' })).toMatchObject({ count: 0, profile: { region: 'norte' } });
      expect(((await col.findOne({ _id: 'a' }))!.profile as Record<string, unknown>).city).toBeUndefined();
    });

    it('$push, $addToSet and $pull on arrays (creating them when missing)', async () => {
      const { col } = fresh();
      await col.insertOne({ _id: 'a', tags: ['x'] });
      await col.updateOne({ _id: 'a' }, { $push: { tags: 'y', log: { at: 1 } } });
      expect(await col.findOne({ _id: 'a' })).toEqual({ _id: 'a', tags: ['x', 'y'], log: [{ at: 1 }] });
      expect(await col.updateOne({ _id: 'a' }, { $addToSet: { tags: 'x' } })).toEqual({ matched: 1, modified: 0 });
      expect(await col.updateOne({ _id: 'a' }, { $addToSet: { tags: 'z', members: 'm1' } })).toEqual({ matched: 1, modified: 1 });
      expect(await col.findOne({ _id: 'a' })).toEqual({ _id: 'a', tags: ['x', 'y', 'z'], log: [{ at: 1 }], members: ['m1'] });
      await col.updateOne({ _id: 'a' }, { $push: { tags: 'x' } });
      expect(await col.updateOne({ _id: 'a' }, { $pull: { tags: 'x' } })).toEqual({ matched: 1, modified: 1 });
      expect((await col.findOne({ _id: 'a' }))!.tags).toEqual(['y', 'z']);
      expect(await col.updateOne({ _id: 'a' }, { $pull: { tags: 'absent' } })).toEqual({ matched: 1, modified: 0 });
    });

    it('reports modified 0 when nothing changes and matched 0 when nothing matches', async () => {
      const { col } = fresh();
      await col.insertOne({ _id: 'a', v: 1 });
      expect(await col.updateOne({ _id: 'a' }, { $set: { v: 1 } })).toEqual({ matched: 1, modified: 0 });
      expect(await col.updateOne({ _id: 'zz' }, { $set: { v: 2 } })).toEqual({ matched: 0, modified: 0 });
      expect(await col.countDocuments({})).toBe(1);
    });

    it('an update with only empty operators changes nothing (and does not wipe the document)', async () => {
      const { col } = fresh();
      await col.insertOne({ _id: 'a', v: 1 });
      expect(await col.updateOne({ _id: 'a' }, { $set: {} })).toEqual({ matched: 1, modified: 0 });
      expect(await col.updateMany({}, { $set: {}, $inc: {} })).toEqual({ matched: 1, modified: 0 });
      expect(await col.findOneAndUpdate({ _id: 'a' }, { $set: {} })).toEqual({ _id: 'a', v: 1 });
      expect(await col.findOne({ _id: 'a' })).toEqual({ _id: 'a', v: 1 });
    });

    it('updateOne changes a single document even when several match', async () => {
      const { col } = fresh();
      for (const id of ['a', 'b', 'c']) await col.insertOne({ _id: id, state: 'new' });
      expect(await col.updateOne({ state: 'new' }, { $set: { state: 'done' } })).toEqual({ matched: 1, modified: 1 });
      expect(await col.countDocuments({ state: 'done' })).toBe(1);
    });

    it('updateMany changes every match and counts matched and modified', async () => {
      const { col } = fresh();
      await col.insertOne({ _id: 'a', group: 'g1', n: 1, flag: true });
      await col.insertOne({ _id: 'b', group: 'g1', n: 2, flag: false });
      await col.insertOne({ _id: 'c', group: 'g2', n: 3, flag: false });
      expect(await col.updateMany({ group: 'g1' }, { $inc: { n: 10 } })).toEqual({ matched: 2, modified: 2 });
      expect(await col.updateMany({ group: 'g1' }, { $set: { flag: true } })).toEqual({ matched: 2, modified: 1 });
      expect(await col.updateMany({ group: 'none' }, { $set: { flag: true } })).toEqual({ matched: 0, modified: 0 });
      expect(await col.find({}, { sort: { _id: 1 } })).toEqual([
        { _id: 'a', group: 'g1', n: 11, flag: true },
        { _id: 'b', group: 'g1', n: 12, flag: true },
        { _id: 'c', group: 'g2', n: 3, flag: false },
      ]);
    });
  });

  describe('upsert', () => {
    it('without _id in the filter: inserts a document with a string _id and the filter equality fields', async () => {
      const { col } = fresh();
      const res = await col.updateOne(
        { email: 'ana@ine.mx', 'profile.region': 'norte', $and: [{ active: true }], visits: { $gte: 0 } },
        { $set: { name: 'Ana' }, $inc: { logins: 1 } },
        { upsert: true },
      );
      expect(res.matched).toBe(0);
      expect(typeof res.upsertedId).toBe('string');
      expect(res.upsertedId!.length).toBeGreaterThan(0);
      const doc = await col.findOne({ _id: res.upsertedId });
      expect(doc).toEqual({ _id: res.upsertedId, email: 'ana@ine.mx', profile: { region: 'norte' }, active: true, name: 'Ana', logins: 1 });
    });

    it('updates instead of inserting when the filter matches', async () => {
      const { col } = fresh();
      const first = await col.updateOne({ email: 'b@ine.mx' }, { $inc: { logins: 1 } }, { upsert: true });
      const second = await col.updateOne({ email: 'b@ine.mx' }, { $inc: { logins: 1 } }, { upsert: true });
      expect(second).toEqual({ matched: 1, modified: 1 });
      expect(await col.find({})).toEqual([{ _id: first.upsertedId, email: 'b@ine.mx', logins: 2 }]);
    });

    it('with _id in the filter: the upserted document has that _id', async () => {
      const { col } = fresh();
      const res = await col.updateOne({ _id: 'user-1', kind: 'coachee' }, { $set: { name: 'Eva' } }, { upsert: true });
      expect(res).toEqual({ matched: 0, modified: 0, upsertedId: 'user-1' });
      expect(await col.findOne({ _id: 'user-1' })).toEqual({ _id: 'user-1', kind: 'coachee', name: 'Eva' });
    });

    it('with an empty update: inserts just the filter equality fields', async () => {
      const { col } = fresh();
      const res = await col.updateOne({ _id: 'k', kind: 'x' }, { $set: {} }, { upsert: true });
      expect(res).toEqual({ matched: 0, modified: 0, upsertedId: 'k' });
      expect(await col.findOne({ _id: 'k' })).toEqual({ _id: 'k', kind: 'x' });
      const res2 = await col.updateOne({ code: 'c1' }, {}, { upsert: true });
      expect(typeof res2.upsertedId).toBe('string');
      expect(await col.findOne({ code: 'c1' })).toEqual({ _id: res2.upsertedId, code: 'c1' });
    });

    it('an upsert whose _id exists but does not match the rest of the filter is a duplicate key', async () => {
      const { col } = fresh();
      await col.insertOne({ _id: 'x', state: 'done' });
      await expect(col.updateOne({ _id: 'x', state: 'pending' }, { $set: { n: 1 } }, { upsert: true })).rejects.toBeInstanceOf(DuplicateKeyError);
      expect(await col.findOne({ _id: 'x' })).toEqual({ _id: 'x', state: 'done' });
    });

    it('concurrent upserts of the same unique key end in one document that got every update', async () => {
      const { name, col } = fresh();
      await harness.store.ensureIndexes(name, [{ fields: ['email'], unique: true }]);
      const results = await Promise.allSettled(
        Array.from({ length: 10 }, () => col.updateOne({ email: 'same@ine.mx' }, { $inc: { n: 1 } }, { upsert: true })),
      );
      expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
      expect(results.filter((r) => r.status === 'fulfilled' && r.value.upsertedId !== undefined)).toHaveLength(1);
      const docs = await col.find({});
      expect(docs).toHaveLength(1);
      expect(docs[0]).toMatchObject({ email: 'same@ine.mx', n: 10 });
    });
  });

  describe('findOneAndUpdate', () => {
    it('updates the first document in sort order and returns it after the update', async () => {
      const { col } = fresh();
      await col.insertOne({ _id: 'late', state: 'pending', at: new Date('2024-01-03T00:00:00Z'), tries: 0 });
      await col.insertOne({ _id: 'early', state: 'pending', at: new Date('2024-01-01T00:00:00Z'), tries: 0 });
      await col.insertOne({ _id: 'mid', state: 'pending', at: new Date('2024-01-02T00:00:00Z'), tries: 0 });
      await col.insertOne({ _id: 'done', state: 'done', at: new Date('2023-01-01T00:00:00Z'), tries: 0 });
      const got = await col.findOneAndUpdate({ state: 'pending' }, { $set: { state: 'claimed' }, $inc: { tries: 1 } }, { sort: { at: 1 } });
      expect(got).toEqual({ _id: 'early', state: 'claimed', at: new Date('2024-01-01T00:00:00Z'), tries: 1 });
      const next = await col.findOneAndUpdate({ state: 'pending' }, { $set: { state: 'claimed' } }, { sort: { at: -1 } });
      expect(next?._id).toBe('late');
      expect(await col.findOne({ _id: 'early' })).toMatchObject({ state: 'claimed', tries: 1 });
    });

    it('returns null when nothing matches and changes nothing', async () => {
      const { col } = fresh();
      await col.insertOne({ _id: 'a', state: 'done' });
      expect(await col.findOneAndUpdate({ state: 'pending' }, { $set: { state: 'claimed' } })).toBeNull();
      expect(await col.find({})).toEqual([{ _id: 'a', state: 'done' }]);
    });

    it('is atomic: concurrent claims take every pending document exactly once', async () => {
      const { col } = fresh();
      const base = Date.UTC(2024, 0, 1);
      for (let i = 0; i < 20; i++) {
        await col.insertOne({ _id: `job${String(i).padStart(2, '0')}`, state: 'pending', createdAt: new Date(base + i * 1000) });
      }
      const claims = await Promise.all(
        Array.from({ length: 25 }, (_, worker) =>
          col.findOneAndUpdate({ state: 'pending' }, { $set: { state: 'claimed', worker } }, { sort: { createdAt: 1 } }),
        ),
      );
      const claimed = claims.filter((c): c is Doc => c !== null);
      expect(claimed).toHaveLength(20);
      expect(new Set(claimed.map((c) => c._id)).size).toBe(20);
      expect(claimed.every((c) => c.state === 'claimed')).toBe(true);
      expect(claims.filter((c) => c === null)).toHaveLength(5);
      expect(await col.countDocuments({ state: 'pending' })).toBe(0);
      // Each document records the worker whose claim returned it: nobody overwrote another's claim.
      for (const c of claimed) expect(await col.findOne({ _id: c._id })).toMatchObject({ worker: c.worker });
    });
  });

  describe('replaceOne', () => {
    it('replaces the whole document and keeps its _id', async () => {
      const { col } = fresh();
      await col.insertOne({ _id: 'a', old: 1, keep: 'no' });
      const res = await col.replaceOne({ old: 1 }, { _id: 'a', fresh: 2 });
      expect(res).toEqual({ matched: 1, modified: 1 });
      expect(await col.findOne({ _id: 'a' })).toEqual({ _id: 'a', fresh: 2 });
    });

    it('without upsert does nothing when nothing matches', async () => {
      const { col } = fresh();
      expect(await col.replaceOne({ _id: 'none' }, { _id: 'none', v: 1 })).toEqual({ matched: 0, modified: 0 });
      expect(await col.countDocuments({})).toBe(0);
    });

    it('with upsert inserts the replacement with its _id when nothing matches', async () => {
      const { col } = fresh();
      const res = await col.replaceOne({ _id: 'n1' }, { _id: 'n1', v: 1 }, { upsert: true });
      expect(res).toEqual({ matched: 0, modified: 0, upsertedId: 'n1' });
      expect(await col.find({})).toEqual([{ _id: 'n1', v: 1 }]);
      expect(await col.replaceOne({ _id: 'n1' }, { _id: 'n1', v: 2 }, { upsert: true })).toEqual({ matched: 1, modified: 1 });
      expect(await col.find({})).toEqual([{ _id: 'n1', v: 2 }]);
    });
  });

  describe('delete', () => {
    it('deleteOne removes a single match; deleteMany removes all; both return the count', async () => {
      const { col } = fresh();
      for (const [id, g] of [
        ['a', 1],
        ['b', 1],
        ['c', 1],
        ['d', 2],
      ] as const) {
        await col.insertOne({ _id: id, g });
      }
      expect(await col.deleteOne({ g: 1 })).toBe(1);
      expect(await col.countDocuments({ g: 1 })).toBe(2);
      expect(await col.deleteOne({ g: 9 })).toBe(0);
      expect(await col.deleteMany({ g: 1 })).toBe(2);
      expect(await col.deleteMany({ g: 1 })).toBe(0);
      expect(ids(await col.find({}))).toEqual(['d']);
      expect(await col.deleteMany({})).toBe(1);
      expect(await col.countDocuments({})).toBe(0);
    });
  });

  describe('indexes', () => {
    it('a unique index rejects duplicates on insert and on update', async () => {
      const { name, col } = fresh();
      await harness.store.ensureIndexes(name, [{ fields: ['email'], unique: true }]);
      await col.insertOne({ _id: 'a', email: 'a@ine.mx' });
      await col.insertOne({ _id: 'b', email: 'b@ine.mx' });
      await expect(col.insertOne({ _id: 'c', email: 'a@ine.mx' })).rejects.toBeInstanceOf(DuplicateKeyError);
      await expect(col.updateOne({ _id: 'b' }, { $set: { email: 'a@ine.mx' } })).rejects.toBeInstanceOf(DuplicateKeyError);
      await expect(col.replaceOne({ _id: 'b' }, { _id: 'b', email: 'a@ine.mx' })).rejects.toBeInstanceOf(DuplicateKeyError);
      await expect(col.updateOne({ email: 'a@ine.mx', kind: 'other' }, { $set: { v: 1 } }, { upsert: true })).rejects.toBeInstanceOf(
        DuplicateKeyError,
      );
      expect(await col.find({}, { sort: { _id: 1 } })).toEqual([
        { _id: 'a', email: 'a@ine.mx' },
        { _id: 'b', email: 'b@ine.mx' },
      ]);
    });

    it('a compound unique index rejects only the same combination', async () => {
      const { name, col } = fresh();
      await harness.store.ensureIndexes(name, [{ fields: ['group', 'member'], unique: true }]);
      await col.insertOne({ _id: '1', group: 'g1', member: 'm1' });
      await col.insertOne({ _id: '2', group: 'g1', member: 'm2' });
      await col.insertOne({ _id: '3', group: 'g2', member: 'm1' });
      await expect(col.insertOne({ _id: '4', group: 'g1', member: 'm1' })).rejects.toBeInstanceOf(DuplicateKeyError);
      expect(await col.countDocuments({})).toBe(3);
    });

    it('a sparse unique index allows many documents without the field', async () => {
      const { name, col } = fresh();
      await harness.store.ensureIndexes(name, [
        { fields: ['aadId'], unique: true, sparse: true },
        { fields: ['team', 'seat'], unique: true, sparse: true },
      ]);
      await col.insertOne({ _id: '1' });
      await col.insertOne({ _id: '2' });
      await col.insertOne({ _id: '3', aadId: 'x' });
      await expect(col.insertOne({ _id: '4', aadId: 'x' })).rejects.toBeInstanceOf(DuplicateKeyError);
      await col.insertOne({ _id: '5', team: 't', seat: 1 });
      await expect(col.insertOne({ _id: '6', team: 't', seat: 1 })).rejects.toBeInstanceOf(DuplicateKeyError);
      expect(ids(await col.find({}))).toEqual(['1', '2', '3', '5']);
    });

    it('a sparse unique index is released by $unset: another document can then take the value', async () => {
      const { name, col } = fresh();
      await harness.store.ensureIndexes(name, [{ fields: ['holds'], unique: true, sparse: true }]);
      await col.insertOne({ _id: 'a', holds: '2026|ana@ine.mx' });
      await col.insertOne({ _id: 'b' });
      await expect(col.updateOne({ _id: 'b' }, { $set: { holds: '2026|ana@ine.mx' } })).rejects.toBeInstanceOf(DuplicateKeyError);
      await col.updateOne({ _id: 'a' }, { $unset: { holds: 1 } });
      await col.updateOne({ _id: 'b' }, { $set: { holds: '2026|ana@ine.mx' } });
      await col.insertOne({ _id: 'c' });
      expect(await col.findOne({ holds: '2026|ana@ine.mx' })).toEqual({ _id: 'b', holds: '2026|ana@ine.mx' });
    });

    it('dropIndexes removes a unique index (also one that does not exist, without error)', async () => {
      const { name, col } = fresh();
      const old = { fields: ['edition', 'email'], unique: true };
      await harness.store.ensureIndexes(name, [old, { fields: ['state'] }]);
      await col.insertOne({ _id: 'a', edition: 'e', email: 'x' });
      await expect(col.insertOne({ _id: 'b', edition: 'e', email: 'x' })).rejects.toBeInstanceOf(DuplicateKeyError);
      await harness.store.dropIndexes(name, [old]);
      await harness.store.dropIndexes(name, [old, { fields: ['never', 'created'], unique: true }]);
      await col.insertOne({ _id: 'b', edition: 'e', email: 'x' });
      expect(await col.countDocuments({ email: 'x' })).toBe(2);
    });

    it('concurrent inserts of the same unique key: exactly one succeeds', async () => {
      const { name, col } = fresh();
      await harness.store.ensureIndexes(name, [{ fields: ['email'], unique: true }]);
      const results = await Promise.allSettled(Array.from({ length: 12 }, (_, i) => col.insertOne({ _id: `u${i}`, email: 'dup@ine.mx' })));
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(rejected).toHaveLength(11);
      for (const r of rejected) expect(r.reason).toBeInstanceOf(DuplicateKeyError);
      expect(await col.countDocuments({ email: 'dup@ine.mx' })).toBe(1);
    });

    it('ensureIndexes is idempotent', async () => {
      const { name, col } = fresh();
      const specs = [
        { fields: ['email'], unique: true },
        { fields: ['group', 'member'], unique: true },
        { fields: ['state'] },
      ];
      await harness.store.ensureIndexes(name, specs);
      await harness.store.ensureIndexes(name, specs);
      await col.insertOne({ _id: 'a', email: 'e', group: 'g', member: 'm', state: 's' });
      await harness.store.ensureIndexes(name, specs);
      await expect(col.insertOne({ _id: 'b', email: 'e' })).rejects.toBeInstanceOf(DuplicateKeyError);
      expect(await col.find({ state: 's' })).toHaveLength(1);
    });

    it('accepts a TTL index and keeps documents that have not expired', async () => {
      const { name, col } = fresh();
      await harness.store.ensureIndexes(name, [{ fields: ['expiresAt'], expireAfterSeconds: 3600 }]);
      await harness.store.ensureIndexes(name, [{ fields: ['expiresAt'], expireAfterSeconds: 3600 }]);
      await col.insertOne({ _id: 'a', expiresAt: new Date() });
      expect(await col.findOne({ _id: 'a' })).not.toBeNull();
    });
  });

  describe('dates', () => {
    it('round-trip as Date (top level, nested, in arrays) and compare in filters and sorts', async () => {
      const { col } = fresh();
      const d1 = new Date('2024-03-10T12:34:56.789Z');
      const d2 = new Date('2024-03-11T00:00:00.000Z');
      await col.insertOne({ _id: 'a', at: d1, sub: { at: d1 }, list: [d1, d2] });
      await col.insertOne({ _id: 'b', at: d2 });
      const a = (await col.findOne({ _id: 'a' }))!;
      expect(a.at).toBeInstanceOf(Date);
      expect((a.at as Date).getTime()).toBe(d1.getTime());
      expect((a.sub as { at: unknown }).at).toBeInstanceOf(Date);
      expect((a.list as unknown[])[1]).toBeInstanceOf(Date);
      expect(a).toEqual({ _id: 'a', at: d1, sub: { at: d1 }, list: [d1, d2] });
      expect(ids(await col.find({ at: { $gt: d1 } }))).toEqual(['b']);
      expect(ids(await col.find({ at: { $lte: d2 } }))).toEqual(['a', 'b']);
      expect(ids(await col.find({ at: d1 }))).toEqual(['a']);
      expect((await col.find({}, { sort: { at: -1 } })).map((d) => d._id)).toEqual(['b', 'a']);
      const later = new Date('2025-01-01T00:00:00.000Z');
      const updated = await col.findOneAndUpdate({ _id: 'b' }, { $set: { at: later } });
      expect(updated?.at).toBeInstanceOf(Date);
      expect((updated?.at as Date).getTime()).toBe(later.getTime());
    });
  });
}

describe('embedded adapter', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  defineStoreContract(async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'store-contract-'));
    dirs.push(dir);
    const store = await EmbeddedStore.open({ dataDir: dir });
    return { store, dispose: () => store.close() };
  });

  describe('persistence', () => {
    it('keeps documents, updates, deletions, dates and unique indexes across close and reopen', async () => {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'store-reopen-'));
      dirs.push(dir);
      const at = new Date('2024-06-01T08:00:00.000Z');
      const first = await EmbeddedStore.open({ dataDir: dir });
      const col = first.collection<Doc>('people');
      await first.ensureIndexes('people', [{ fields: ['email'], unique: true }]);
      await col.insertOne({ _id: 'a', email: 'a@ine.mx', at, n: 1 });
      await col.insertOne({ _id: 'b', email: 'b@ine.mx', n: 1 });
      await col.insertOne({ _id: 'c', email: 'c@ine.mx', n: 1 });
      await col.updateOne({ _id: 'a' }, { $inc: { n: 1 }, $push: { log: 'x' } });
      await col.deleteOne({ _id: 'c' });
      await first.close();
      await expect(col.findOne({ _id: 'a' })).rejects.toThrow(/closed/);

      const second = await EmbeddedStore.open({ dataDir: dir });
      const again = second.collection<Doc>('people');
      expect(await again.find({}, { sort: { _id: 1 } })).toEqual([
        { _id: 'a', email: 'a@ine.mx', at, n: 2, log: ['x'] },
        { _id: 'b', email: 'b@ine.mx', n: 1 },
      ]);
      expect((await again.findOne({ _id: 'a' }))!.at).toBeInstanceOf(Date);
      await expect(again.insertOne({ _id: 'd', email: 'b@ine.mx' })).rejects.toBeInstanceOf(DuplicateKeyError);
      await second.close();
    });

    it('a dropped index stays dropped after close and reopen', async () => {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'store-dropix-'));
      dirs.push(dir);
      const first = await EmbeddedStore.open({ dataDir: dir });
      await first.ensureIndexes('people', [{ fields: ['edition', 'email'], unique: true }]);
      await first.collection<Doc>('people').insertOne({ _id: 'a', edition: 'e', email: 'x' });
      await first.dropIndexes('people', [{ fields: ['edition', 'email'], unique: true }]);
      await first.close();
      const second = await EmbeddedStore.open({ dataDir: dir });
      await second.collection<Doc>('people').insertOne({ _id: 'b', edition: 'e', email: 'x' });
      expect(await second.collection<Doc>('people').countDocuments({})).toBe(2);
      await second.close();
    });
  });
});

// Tests only talk to this machine: a MongoDB elsewhere is never used, even if configured.
const mongoUri = process.env.MONGODB_URI;
const mongoIsLocal = !!mongoUri && /^mongodb:\/\/([^@/]*@)?(127\.0\.0\.1|localhost)(:\d+)?(\/|$|\?)/.test(mongoUri);
const mongoTitle = !mongoUri
  ? 'MongoDB adapter (skipped: MONGODB_URI not set)'
  : mongoIsLocal
    ? 'MongoDB adapter'
    : 'MongoDB adapter (skipped: MONGODB_URI is not a 127.0.0.1/localhost server)';

describe.skipIf(!mongoIsLocal)(mongoTitle, () => {
  defineStoreContract(async () => {
    const dbName = `red_coaching_contract_${Date.now()}_${randomUUID().slice(0, 8)}`;
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
