import * as nedb from '@seald-io/nedb';
import { randomUUID } from 'node:crypto';
import { closeSync, openSync, promises as fs, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { installFastIndexValueDelete } from './nedbIndexDelete.js';
import {
  type BaseDoc,
  type Collection,
  DuplicateKeyError,
  type Filter,
  type FindOptions,
  type IndexSpec,
  isEmptyUpdate,
  isOperatorObject,
  type Store,
  StoreAccessError,
  StoreCorruptedError,
  type Update,
  type UpdateResult,
  upsertSeed,
} from './types.js';

/**
 * Embedded on-disk store (no server): one append-only NeDB file per collection under `dataDir`.
 * Every acknowledged write has been appended to the file, so a killed process loses nothing it
 * acknowledged. Files are compacted (crash-safely: temp file, fsync, rename) on load and periodically.
 *
 * NeDB differs from MongoDB in a few places; this adapter hides them so both adapters pass one contract:
 * - filters: `$eq` is missing, `$ne`/`$nin` match arrays element by element, `{ f: null }` does not match
 *   a missing field, and there is no field-level `$not`; filters are rewritten (see toNedbFilter).
 * - writes: the multi-step operations (sorted findOneAndUpdate, upsert, replace, modified counts) run under a
 *   per-collection write lock, so within this process they are atomic with respect to every other write.
 * - upserts: NeDB builds the new document from the filter without dotted paths or `$and`; the seed is built
 *   here, as MongoDB does.
 * - aliasing: NeDB keeps references to values passed to updates and shares Date objects with returned
 *   documents; both are copied so a caller mutating its objects cannot alter the stored data.
 */
// The package is CommonJS with an `export default` typing: under NodeNext the class is `default.default`
// for the type checker, while at run time `module.exports` is the class itself.
type NedbClass = typeof nedb.default.default;
const nedbExports = nedb.default as unknown as NedbClass & { default?: NedbClass };
const Datastore: NedbClass = nedbExports.default ?? nedbExports;
type Db = InstanceType<NedbClass>;
type RawDoc = Record<string, unknown> & { _id: string };

const COLLECTION_NAME = /^[a-zA-Z][a-zA-Z0-9_-]{0,63}$/;

installFastIndexValueDelete();

/** NeDB's own serializer (the format of its data files), for appends through a file kept open. */
const nedbModel = createRequire(import.meta.url)('@seald-io/nedb/lib/model.js') as {
  serialize(doc: unknown): string;
  match(doc: unknown, query: unknown): boolean;
  getDotValue(doc: unknown, field: string): unknown;
  compareThings(a: unknown, b: unknown, compareStrings?: (a: string, b: string) => number): number;
  deepCopy<T>(doc: T): T;
};

/** The parts of a NeDB Datastore that sortedFind uses (see lib/datastore.js, lib/cursor.js). */
interface DatastoreInternals {
  executor: { pushAsync<T>(task: () => Promise<T>): Promise<T> };
  _getCandidatesAsync(query: unknown): Promise<RawDoc[]>;
  compareStrings?: (a: string, b: string) => number;
}

/** Documents matched between two turns of the event loop in a sorted read. */
const MATCH_SLICE = 1_000;

interface SortRow {
  doc: RawDoc;
  keys: unknown[];
}

/**
 * A sorted read, with NeDB's semantics (its matcher, its order, a stable sort, then skip and limit) but not
 * its cost: NeDB's cursor matches every candidate in one go, inside the collection's executor, and sorts them
 * reading each field through its path on every comparison. A sorted read of a 20,000-message outbox held the
 * event loop for 100-300 ms, and every write of the collection (a claim, an outcome) waited behind it.
 *
 * Here the executor is held only to take the candidates: NeDB never changes a stored document in place (an
 * update stores a modified copy, see Datastore._updateAsync), so the documents taken stay as they were at
 * that point while later writes go on, and the read sees exactly the writes queued before it, as before. They
 * are matched in slices with a turn of the event loop between them; each sort key is read once; with a limit,
 * only the first skip + limit rows are kept (a bounded insertion, not a sort of every match).
 */
async function sortedFind(db: Db, query: Filter, options: FindOptions & { sort: Record<string, 1 | -1> }): Promise<RawDoc[]> {
  const internals = db as unknown as DatastoreInternals;
  const candidates = await internals.executor.pushAsync(() => internals._getCandidatesAsync(query));
  const fields = Object.entries(options.sort);
  const compare = (a: SortRow, b: SortRow): number => {
    for (let k = 0; k < fields.length; k++) {
      const c = fields[k]![1] * nedbModel.compareThings(a.keys[k], b.keys[k], internals.compareStrings);
      if (c !== 0) return c;
    }
    return 0;
  };
  const skip = options.skip ?? 0;
  const keep = options.limit ? skip + options.limit : Infinity;
  const rows: SortRow[] = [];
  for (let i = 0; i < candidates.length; i++) {
    if (i > 0 && i % MATCH_SLICE === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    const doc = candidates[i]!;
    if (!nedbModel.match(doc, query)) continue;
    const row = { doc, keys: fields.map(([f]) => nedbModel.getDotValue(doc, f)) };
    if (keep === Infinity) {
      rows.push(row);
      continue;
    }
    // Rows kept sorted; a row goes after the rows it ties with (a stable sort), and not at all past `keep`.
    if (rows.length >= keep && compare(row, rows[rows.length - 1]!) >= 0) continue;
    let lo = 0;
    let hi = rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compare(rows[mid]!, row) <= 0) lo = mid + 1;
      else hi = mid;
    }
    rows.splice(lo, 0, row);
    if (rows.length > keep) rows.pop();
  }
  if (keep === Infinity) rows.sort(compare);
  return rows.slice(skip, keep === Infinity ? undefined : keep).map((r) => nedbModel.deepCopy(r.doc));
}

/** Writes the whole buffer at the end of the file (opened with O_APPEND). */
function writeAll(fd: number, data: Buffer): void {
  let done = 0;
  while (done < data.length) done += writeSync(fd, data, done, data.length - done);
}

/** The parts of NeDB's Persistence that appendThroughOpenFile replaces (see lib/persistence.js). */
interface PersistenceInternals {
  afterSerialization(s: string): Promise<string>;
  persistNewStateAsync(newDocs: unknown[]): Promise<void>;
  persistCachedDatabaseAsync(): Promise<void>;
  modes: { fileMode: number };
}

/**
 * NeDB appends every write with fs.appendFile: open, write, close, three trips to the thread pool per write,
 * while its executor holds every other operation of the collection. Here the data file stays open (O_APPEND)
 * and each write is one synchronous append of its lines (a few hundred bytes to the page cache: microseconds on
 * a local disk, and the collection's queue moves on at once), then one turn of the event loop so that a queue of
 * writes does not keep incoming requests waiting. Same bytes as NeDB's (its serializer) and the same durability
 * (NeDB does not fsync appends either: an acknowledged write is in the file, so a killed process loses nothing).
 * Compaction replaces the file (temp file, fsync, rename), so the file is closed first and reopened on the next
 * append. Both run in NeDB's executor, one at a time.
 */
function appendThroughOpenFile(db: Db, file: string): void {
  const persistence = (db as unknown as { persistence: PersistenceInternals }).persistence;
  const rewrite = persistence.persistCachedDatabaseAsync.bind(persistence);
  let handle: number | undefined;
  persistence.persistNewStateAsync = async (newDocs) => {
    let text = '';
    for (const doc of newDocs) text += `${await persistence.afterSerialization(nedbModel.serialize(doc))}\n`;
    if (text.length === 0) return;
    handle ??= openSync(file, 'a', persistence.modes.fileMode);
    writeAll(handle, Buffer.from(text, 'utf8'));
    await new Promise<void>((resolve) => setImmediate(resolve));
  };
  persistence.persistCachedDatabaseAsync = async () => {
    const open = handle;
    handle = undefined;
    if (open !== undefined) closeSync(open);
    await rewrite();
  };
}

function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { errorType?: string }).errorType === 'uniqueViolated';
}

/** Serialises asynchronous sections: each `run` starts after the previous one settled. */
class Mutex {
  private tail: Promise<unknown> = Promise.resolve();

  run<R>(fn: () => Promise<R>): Promise<R> {
    const result = this.tail.then(fn);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

/**
 * Mongo accepts `$unset: {a: 1}`; NeDB needs `true`. Drops empty operator objects and deep-copies the
 * values (NeDB stores references to them).
 */
function toNedbUpdate(update: Update): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [op, value] of Object.entries(update) as [string, Record<string, unknown> | undefined][]) {
    if (!value || Object.keys(value).length === 0) continue;
    out[op] = op === '$unset' ? Object.fromEntries(Object.keys(value).map((k) => [k, true])) : structuredClone(value);
  }
  return out;
}

/** MongoDB equality: `null` also matches a missing field. */
function eqClause(field: string, value: unknown): Filter {
  return value === null ? { $or: [{ [field]: null }, { [field]: { $exists: false } }] } : { [field]: value };
}

function inClause(field: string, values: unknown): Filter {
  if (!Array.isArray(values)) throw new Error(`$in/$nin needs an array (field ${field})`);
  return values.includes(null) ? { $or: [{ [field]: { $in: values } }, { [field]: { $exists: false } }] } : { [field]: { $in: values } };
}

/** Rewrites a MongoDB filter into an equivalent NeDB query (see the class comment). */
function toNedbFilter(filter: Filter): Filter {
  const out: Filter = {};
  const extra: Filter[] = [];
  for (const [key, value] of Object.entries(filter)) {
    if (key === '$and' || key === '$or' || key === '$nor') {
      if (!Array.isArray(value)) throw new Error(`${key} needs an array`);
      const subs = (value as Filter[]).map(toNedbFilter);
      if (key === '$nor') extra.push({ $not: { $or: subs } });
      else if (key === '$and') extra.push(...subs);
      else out.$or = subs;
      continue;
    }
    if (key.startsWith('$')) {
      out[key] = value;
      continue;
    }
    if (!isOperatorObject(value)) {
      if (value === null) extra.push(eqClause(key, value));
      else out[key] = value;
      continue;
    }
    const native: Record<string, unknown> = {};
    for (const [op, arg] of Object.entries(value)) {
      switch (op) {
        case '$eq':
          extra.push(eqClause(key, arg));
          break;
        case '$ne':
          extra.push({ $not: eqClause(key, arg) });
          break;
        case '$in':
          if (Array.isArray(arg) && !arg.includes(null)) native.$in = arg;
          else extra.push(inClause(key, arg));
          break;
        case '$nin':
          extra.push({ $not: inClause(key, arg) });
          break;
        case '$not':
          extra.push({ $not: toNedbFilter({ [key]: arg }) });
          break;
        default:
          native[op] = arg;
      }
    }
    if (Object.keys(native).length > 0) out[key] = native;
  }
  if (extra.length > 0) out.$and = extra;
  return out;
}

/** The part of a NeDB index that narrowestIndexLast reads (see lib/indexes.js). */
interface NedbIndex {
  getMatching(value: unknown): readonly unknown[];
}

/** The values NeDB looks up in an index (see filterIndexNames in lib/datastore.js). */
function isIndexableValue(v: unknown): boolean {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date || v === null;
}

/**
 * NeDB reads its candidates through the LAST field of the filter that has an index and is matched by
 * equality, however many documents that index holds under the value: `{ _id, state: 'pending' }` scanned every
 * pending message for one id, and `{ broadcastId, state: 'sent' }` every sent message (22,000 in
 * bench:reminders) to count one broadcast's 36. Puts last the equality whose index holds the fewest documents
 * (an index lookup per field, no scan), so NeDB reads through the narrowest one.
 */
function narrowestIndexLast(db: Db, filter: Filter): Filter {
  const indexes = (db as unknown as { indexes: Record<string, NedbIndex | undefined> }).indexes;
  let best: string | undefined;
  let bestSize = Infinity;
  let usable = 0;
  for (const [key, value] of Object.entries(filter)) {
    const index = indexes[key];
    if (!index || !isIndexableValue(value)) continue;
    usable++;
    const size = index.getMatching(value).length;
    if (size <= bestSize) {
      best = key;
      bestSize = size;
    }
  }
  if (best === undefined || usable < 2) return filter;
  const { [best]: value, ...rest } = filter;
  return { ...rest, [best]: value };
}

/** Structural equality of stored values (used to report `modified` like MongoDB does). */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a instanceof Date || b instanceof Date) return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  }
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  const ak = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const bk = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return ak.length === bk.length && ak.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** NeDB returns copies that still share their Date objects with the stored document: replace them. */
function freshDates<V>(value: V): V {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = freshDates(value[i] as unknown);
    return value;
  }
  if (value instanceof Date) return new Date(value.getTime()) as V;
  if (value !== null && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    for (const k of Object.keys(obj)) obj[k] = freshDates(obj[k]);
  }
  return value;
}

interface CollectionHandle {
  db(): Promise<Db>;
  readonly lock: Mutex;
  isClosed(): boolean;
}

class EmbeddedCollection<T extends BaseDoc> implements Collection<T> {
  constructor(
    readonly name: string,
    private readonly handle: CollectionHandle,
  ) {}

  private async run<R>(fn: (db: Db) => Promise<R>): Promise<R> {
    if (this.handle.isClosed()) throw new Error('The store is closed');
    const db = await this.handle.db();
    try {
      return await fn(db);
    } catch (err) {
      if (isUniqueViolation(err)) throw new DuplicateKeyError(this.name, (err as Error).message);
      throw err;
    }
  }

  /** A write: runs under the collection's write lock. */
  private write<R>(fn: (db: Db) => Promise<R>): Promise<R> {
    return this.handle.lock.run(() => this.run(fn));
  }

  async insertOne(doc: T): Promise<void> {
    const copy = structuredClone(doc);
    await this.write((db) => db.insertAsync(copy));
  }

  async insertMany(docs: readonly T[]): Promise<void> {
    if (docs.length === 0) return;
    const copies = docs.map((d) => structuredClone(d));
    await this.write((db) => db.insertAsync(copies));
  }

  async findOne(filter: Filter): Promise<T | null> {
    const doc = (await this.run((db) => db.findOneAsync(narrowestIndexLast(db, toNedbFilter(filter))))) as T | null;
    return freshDates(doc);
  }

  async find(filter: Filter, options: FindOptions = {}): Promise<T[]> {
    return this.run((db) => this.findRaw(db, filter, options) as Promise<T[]>);
  }

  private async findRaw(db: Db, filter: Filter, options: FindOptions = {}): Promise<RawDoc[]> {
    if (options.sort && Object.keys(options.sort).length > 0) return freshDates(await sortedFind(db, narrowestIndexLast(db, toNedbFilter(filter)), { ...options, sort: options.sort }));
    let cursor = db.findAsync(narrowestIndexLast(db, toNedbFilter(filter)));
    if (options.sort) cursor = cursor.sort(options.sort);
    if (options.skip) cursor = cursor.skip(options.skip);
    if (options.limit) cursor = cursor.limit(options.limit);
    return freshDates((await cursor) as unknown as RawDoc[]);
  }

  async countDocuments(filter: Filter): Promise<number> {
    return this.run((db) => db.countAsync(narrowestIndexLast(db, toNedbFilter(filter))) as unknown as Promise<number>);
  }

  /** Applies the update to one document known to exist (by _id); returns it after the update. */
  private async updateById(db: Db, id: string, u: Record<string, unknown>): Promise<RawDoc> {
    const res = await db.updateAsync({ _id: id }, u, { multi: false, returnUpdatedDocs: true });
    return freshDates(res.affectedDocuments as unknown as RawDoc);
  }

  async updateOne(filter: Filter, update: Update, options: { upsert?: boolean } = {}): Promise<UpdateResult> {
    const u = toNedbUpdate(update);
    return this.write(async (db) => {
      const [before] = await this.findRaw(db, filter, { limit: 1 });
      if (before) {
        if (isEmptyUpdate(update)) return { matched: 1, modified: 0 };
        const after = await this.updateById(db, before._id, u);
        return { matched: 1, modified: sameValue(before, after) ? 0 : 1 };
      }
      if (!options.upsert) return { matched: 0, modified: 0 };
      const seed = upsertSeed(filter);
      const id = (seed._id as string | undefined) ?? randomUUID();
      if (isEmptyUpdate(update)) {
        await db.insertAsync({ ...seed, _id: id });
        return { matched: 0, modified: 0, upsertedId: id };
      }
      // NeDB's upsert inserts the update applied to the query stripped of operators: give it a query
      // that is the seed (plus the real filter under $and, which we know matches nothing).
      const res = await db.updateAsync({ ...seed, _id: id, $and: [toNedbFilter(filter)] }, u, {
        multi: false,
        upsert: true,
        returnUpdatedDocs: true,
      });
      const inserted = res.affectedDocuments as unknown as RawDoc | null;
      return { matched: 0, modified: 0, upsertedId: inserted?._id ?? id };
    });
  }

  async updateMany(filter: Filter, update: Update): Promise<UpdateResult> {
    const u = toNedbUpdate(update);
    return this.write(async (db) => {
      const before = await this.findRaw(db, filter);
      if (before.length === 0 || isEmptyUpdate(update)) return { matched: before.length, modified: 0 };
      const res = await db.updateAsync({ _id: { $in: before.map((d) => d._id) } }, u, { multi: true, returnUpdatedDocs: true });
      const after = new Map((res.affectedDocuments as unknown as RawDoc[]).map((d) => [d._id, d]));
      const modified = before.filter((d) => !sameValue(d, after.get(d._id))).length;
      return { matched: before.length, modified };
    });
  }

  async findOneAndUpdate(filter: Filter, update: Update, options: { sort?: Record<string, 1 | -1> } = {}): Promise<T | null> {
    const u = toNedbUpdate(update);
    return this.write(async (db) => {
      const [candidate] = await this.findRaw(db, filter, { sort: options.sort, limit: 1 });
      if (!candidate) return null;
      if (isEmptyUpdate(update)) return candidate as unknown as T;
      return (await this.updateById(db, candidate._id, u)) as unknown as T;
    });
  }

  async replaceOne(filter: Filter, doc: T, options: { upsert?: boolean } = {}): Promise<UpdateResult> {
    const { _id: docId, ...rest } = structuredClone(doc) as BaseDoc & Record<string, unknown>;
    return this.write(async (db) => {
      const [existing] = await this.findRaw(db, filter, { limit: 1 });
      if (existing) {
        // The stored document keeps its _id, whatever the replacement says (MongoDB forbids changing it).
        const after = await db.updateAsync({ _id: existing._id }, { ...rest, _id: existing._id }, { multi: false, returnUpdatedDocs: true });
        return { matched: 1, modified: sameValue(existing, after.affectedDocuments) ? 0 : 1 };
      }
      if (!options.upsert) return { matched: 0, modified: 0 };
      const id = docId ?? (upsertSeed(filter)._id as string | undefined) ?? randomUUID();
      await db.insertAsync({ ...rest, _id: id });
      return { matched: 0, modified: 0, upsertedId: id };
    });
  }

  async deleteOne(filter: Filter): Promise<number> {
    return this.write((db) => db.removeAsync(narrowestIndexLast(db, toNedbFilter(filter)), { multi: false }));
  }

  async deleteMany(filter: Filter): Promise<number> {
    return this.write((db) => db.removeAsync(narrowestIndexLast(db, toNedbFilter(filter)), { multi: true }));
  }
}

export interface EmbeddedStoreOptions {
  dataDir: string;
  /** Periodic compaction of the append-only files; 0 disables it. */
  compactionIntervalMs?: number;
}

export class EmbeddedStore implements Store {
  readonly kind = 'embedded' as const;
  private readonly dbs = new Map<string, Promise<Db>>();
  private readonly locks = new Map<string, Mutex>();
  private closed = false;

  private constructor(private readonly options: EmbeddedStoreOptions) {}

  /**
   * Opens the store: creates the data directory and loads every existing collection file, so a
   * corrupted or unreadable file stops start-up with a message naming it.
   */
  static async open(options: EmbeddedStoreOptions): Promise<EmbeddedStore> {
    const dir = path.resolve(options.dataDir);
    const store = new EmbeddedStore({ ...options, dataDir: dir });
    let files: string[];
    try {
      await fs.mkdir(dir, { recursive: true });
      await fs.access(dir, fs.constants.R_OK | fs.constants.W_OK | fs.constants.X_OK);
      files = (await fs.readdir(dir)).filter((f) => f.endsWith('.db'));
    } catch (err) {
      throw new StoreAccessError(dir, `no se puede crear, leer o escribir (${(err as Error).message})`);
    }
    try {
      for (const file of files) {
        const name = file.slice(0, -3);
        if (COLLECTION_NAME.test(name)) await store.load(name);
      }
    } catch (err) {
      store.abandon();
      throw err;
    }
    return store;
  }

  private fileOf(name: string): string {
    return path.join(this.options.dataDir, `${name}.db`);
  }

  private load(name: string): Promise<Db> {
    let p = this.dbs.get(name);
    if (!p) {
      p = this.openDb(name);
      this.dbs.set(name, p);
      // Keep a failed load from being an unhandled rejection; callers see it when they await.
      p.catch(() => undefined);
    }
    return p;
  }

  private lockOf(name: string): Mutex {
    let lock = this.locks.get(name);
    if (!lock) {
      lock = new Mutex();
      this.locks.set(name, lock);
    }
    return lock;
  }

  private async openDb(name: string): Promise<Db> {
    if (this.closed) throw new Error('The store is closed');
    const file = this.fileOf(name);
    await dropTornTail(file);
    const db: Db = new Datastore({ filename: file, autoload: false, corruptAlertThreshold: 0 });
    try {
      await db.loadDatabaseAsync();
    } catch (err) {
      throw new StoreCorruptedError(file, await describeLoadError(file, err));
    }
    appendThroughOpenFile(db, file);
    if (this.options.compactionIntervalMs) db.setAutocompactionInterval(this.options.compactionIntervalMs);
    return db;
  }

  collection<T extends BaseDoc>(name: string): Collection<T> {
    if (!COLLECTION_NAME.test(name)) throw new Error(`Invalid collection name: ${name}`);
    return new EmbeddedCollection<T>(name, {
      db: () => this.load(name),
      lock: this.lockOf(name),
      isClosed: () => this.closed,
    });
  }

  async ensureIndexes(collection: string, indexes: IndexSpec[]): Promise<void> {
    if (!COLLECTION_NAME.test(collection)) throw new Error(`Invalid collection name: ${collection}`);
    if (this.closed) throw new Error('The store is closed');
    const db = await this.load(collection);
    await this.lockOf(collection).run(async () => {
      for (const ix of indexes) {
        const fieldName = ix.fields.length === 1 ? ix.fields[0]! : ix.fields;
        try {
          await db.ensureIndexAsync({
            fieldName,
            unique: ix.unique,
            sparse: ix.sparse,
            ...(ix.expireAfterSeconds !== undefined ? { expireAfterSeconds: ix.expireAfterSeconds } : {}),
          });
        } catch (err) {
          if (isUniqueViolation(err)) {
            throw new StoreCorruptedError(this.fileOf(collection), `hay documentos repetidos para el índice único ${ix.fields.join(', ')}`);
          }
          throw err;
        }
      }
    });
  }

  async dropIndexes(collection: string, indexes: Pick<IndexSpec, 'fields' | 'unique'>[]): Promise<void> {
    if (!COLLECTION_NAME.test(collection)) throw new Error(`Invalid collection name: ${collection}`);
    if (this.closed) throw new Error('The store is closed');
    const db = await this.load(collection);
    await this.lockOf(collection).run(async () => {
      for (const ix of indexes) {
        // NeDB names an index by its sorted field names joined with commas (see ensureIndexAsync).
        const fieldName = [...ix.fields].sort().join(',');
        const existing = (db as unknown as { indexes: Record<string, { unique?: boolean } | undefined> }).indexes[fieldName];
        // Only an index with the same unique flag; the removal is appended to the file, so it lasts.
        if (fieldName !== '_id' && existing && !!existing.unique === !!ix.unique) await db.removeIndexAsync(fieldName);
      }
    });
  }

  /** Rewrites a collection's file now, as the periodic compaction does (crash-safely: temp file, fsync, rename). */
  async compact(collection: string): Promise<void> {
    if (!COLLECTION_NAME.test(collection)) throw new Error(`Invalid collection name: ${collection}`);
    if (this.closed) throw new Error('The store is closed');
    await (await this.load(collection)).compactDatafileAsync();
  }

  async ping(): Promise<void> {
    if (this.closed) throw new Error('The store is closed');
    await fs.access(this.options.dataDir, fs.constants.W_OK);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const dbs = await Promise.allSettled([...this.dbs.values()]);
    for (const r of dbs) {
      if (r.status !== 'fulfilled') continue;
      r.value.stopAutocompaction();
      // Wait for queued writes, then leave a compact file behind.
      await r.value.compactDatafileAsync();
    }
  }

  /** After a failed open: stop the timers of the collections already loaded, without touching files. */
  private abandon(): void {
    this.closed = true;
    for (const p of this.dbs.values()) p.then((db) => db.stopAutocompaction()).catch(() => undefined);
  }
}

/**
 * A process killed in the middle of an append can leave an incomplete last line: a write that was never
 * acknowledged. Drop it so that it is not mistaken for corruption; any other bad line still fails the load.
 */
async function dropTornTail(file: string): Promise<void> {
  let content: Buffer;
  try {
    content = await fs.readFile(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw new StoreCorruptedError(file, `no se puede leer (${(err as Error).message})`);
  }
  if (content.length === 0 || content[content.length - 1] === 0x0a) return;
  const lastNewline = content.lastIndexOf(0x0a);
  await fs.truncate(file, lastNewline + 1);
}

/** A Spanish description of why NeDB refused a file, naming the first unreadable line when there is one. */
async function describeLoadError(file: string, err: unknown): Promise<string> {
  if (isUniqueViolation(err)) return `hay documentos repetidos para un índice único (${(err as Error).message})`;
  const corrupt = (err as { corruptItems?: number; dataLength?: number }).corruptItems;
  if (typeof corrupt !== 'number') return (err as Error).message;
  let firstBad = 0;
  try {
    const lines = (await fs.readFile(file, 'utf8')).split('\n');
    firstBad = lines.findIndex((line) => {
      if (line === '') return false;
      try {
        const v: unknown = JSON.parse(line);
        return v === null || typeof v !== 'object';
      } catch {
        return true;
      }
    }) + 1;
  } catch {
    // Keep the generic description below.
  }
  const where = firstBad > 0 ? ` (la primera es la línea ${firstBad})` : '';
  return `${corrupt} de ${(err as { dataLength?: number }).dataLength ?? '?'} líneas no son documentos válidos${where}`;
}
