import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { ensureTypedIndexes, typedCollection } from '../../src/store/typed.js';
import { EmbeddedStore } from '../../src/store/embeddedStore.js';

/**
 * src/store/typed.ts changes nothing at run time: typed filters, updates and sorts reach the store as
 * written. (Its compile-time checks are in typedStore.typecheck.ts, enforced by `tsc -p .`.)
 */

interface Person {
  _id: string;
  name: string;
  age: number;
  tags: string[];
  address: { city: string; geo?: { lat: number } };
  seenAt?: Date;
}

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

it('passes typed filters, updates, sorts and indexes through to the store unchanged', async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'typed-store-'));
  const store = await EmbeddedStore.open({ dataDir: dir });
  try {
    await ensureTypedIndexes<Person>(store, 'people', [{ fields: ['address.city'] }, { fields: ['name'], unique: true }]);
    const people = typedCollection<Person>(store, 'people');
    expect(people.name).toBe('people');
    await people.insertMany([
      { _id: 'a', name: 'Ana', age: 40, tags: ['coach'], address: { city: 'Puebla', geo: { lat: 19 } } },
      { _id: 'b', name: 'Eva', age: 30, tags: [], address: { city: 'Mérida' } },
      { _id: 'c', name: 'Iris', age: 35, tags: ['coach', 'enlace'], address: { city: 'Puebla' } },
    ]);
    expect((await people.find({ 'address.city': 'Puebla' }, { sort: { age: -1 } })).map((p) => p._id)).toEqual(['a', 'c']);
    expect((await people.find({ $or: [{ tags: 'enlace' }, { 'address.geo.lat': { $gte: 19 } }] }, { sort: { name: 1 } })).map((p) => p._id)).toEqual(['a', 'c']);
    const res = await people.updateOne({ _id: 'b' }, { $set: { 'address.geo': { lat: 20 } }, $inc: { age: 1 }, $push: { tags: 'nueva' } });
    expect(res).toMatchObject({ matched: 1, modified: 1 });
    expect(await people.findOne({ _id: 'b' })).toEqual({ _id: 'b', name: 'Eva', age: 31, tags: ['nueva'], address: { city: 'Mérida', geo: { lat: 20 } } });
    const first = await people.findOneAndUpdate({ age: { $gt: 30 } }, { $set: { seenAt: new Date(0) } }, { sort: { age: 1 } });
    expect(first?._id).toBe('b');
    expect(await people.countDocuments({ seenAt: { $exists: true } })).toBe(1);
    expect(await people.deleteMany({ 'address.city': { $in: ['Puebla'] } })).toBe(2);
    await expect(people.insertOne({ _id: 'd', name: 'Eva', age: 1, tags: [], address: { city: 'x' } })).rejects.toThrow(/Duplicate/);
  } finally {
    await store.close();
  }
});
