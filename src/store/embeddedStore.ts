import * as nedb from '@seald-io/nedb';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import {
  type BaseDoc,
  type Collection,
  DuplicateKeyError,
  type Filter,
  type FindOptions,
  type IndexSpec,
  type Store,
  StoreCorruptedError,
  type Update,
  type UpdateResult,
} from './types.js';

/**
 * Embedded on-disk store (no server): one append-only NeDB file per collection under `dataDir`.
 * Every acknowledged write has been appended to the file, so a killed process loses nothing it
 * acknowledged. Files are compacted (crash-safely: temp file, fsync, rename) on load and periodically.
 */
// The package is CommonJS with an `export default` typing: under NodeNext the class is `default.default`
// for the type checker, while at run time `module.exports` is the class itself.
type NedbClass = typeof nedb.default.default;
const nedbExports = nedb.default as unknown as NedbClass & { default?: NedbClass };
const Datastore: NedbClass = nedbExports.default ?? nedbExports;
type Db = InstanceType<NedbClass>;

const COLLECTION_NAME = /^[a-zA-Z][a-zA-Z0-9_-]{0,63}$/;

function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { errorType?: string }).errorType === 'uniqueViolated';
}

/** Mongo accepts `$unset: {a: 1}`; NeDB needs `true`. Also drops empty operator objects. */
function toNedbUpdate(update: Update): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [op, value] of Object.entries(update)) {
    if (!value || Object.keys(value).length === 0) continue;
    out[op] = op === '$unset' ? Object.fromEntries(Object.keys(value).map((k) => [k, true])) : value;
  }
  return out;
}

/** Equality fields of a filter (what an upsert copies into the inserted document). */
function equalityFields(filter: Filter): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(filter)) {
    if (k.startsWith('$')) continue;
    if (v !== null && typeof v === 'object' && !(v instanceof Date) && !Array.isArray(v)) {
      const keys = Object.keys(v);
      if (keys.some((x) => x.startsWith('$'))) {
        if ('$eq' in v) out[k] = (v as { $eq: unknown }).$eq;
        continue;
      }
    }
    out[k] = v;
  }
  return out;
}

class EmbeddedCollection<T extends BaseDoc> implements Collection<T> {
  constructor(
    readonly name: string,
    private readonly db: () => Promise<Db>,
  ) {}

  private async run<R>(fn: (db: Db) => Promise<R>): Promise<R> {
    const db = await this.db();
    try {
      return await fn(db);
    } catch (err) {
      if (isUniqueViolation(err)) throw new DuplicateKeyError(this.name, (err as Error).message);
      throw err;
    }
  }

  async insertOne(doc: T): Promise<void> {
    await this.run((db) => db.insertAsync({ ...doc }));
  }

  async findOne(filter: Filter): Promise<T | null> {
    return (await this.run((db) => db.findOneAsync(filter))) as T | null;
  }

  async find(filter: Filter, options: FindOptions = {}): Promise<T[]> {
    return this.run(async (db) => {
      let cursor = db.findAsync(filter);
      if (options.sort) cursor = cursor.sort(options.sort);
      if (options.skip) cursor = cursor.skip(options.skip);
      if (options.limit) cursor = cursor.limit(options.limit);
      return (await cursor) as unknown as T[];
    });
  }

  async countDocuments(filter: Filter): Promise<number> {
    return this.run((db) => db.countAsync(filter) as unknown as Promise<number>);
  }

  async updateOne(filter: Filter, update: Update, options: { upsert?: boolean } = {}): Promise<UpdateResult> {
    return this.run(async (db) => {
      const res = await db.updateAsync(filter, toNedbUpdate(update), { multi: false, upsert: !!options.upsert, returnUpdatedDocs: true });
      if (res.upsert) {
        const inserted = res.affectedDocuments as { _id?: string } | null;
        return { matched: 0, modified: 0, upsertedId: inserted?._id };
      }
      return { matched: res.numAffected, modified: res.numAffected };
    });
  }

  async updateMany(filter: Filter, update: Update): Promise<UpdateResult> {
    return this.run(async (db) => {
      const res = await db.updateAsync(filter, toNedbUpdate(update), { multi: true });
      return { matched: res.numAffected, modified: res.numAffected };
    });
  }

  async findOneAndUpdate(filter: Filter, update: Update, options: { sort?: Record<string, 1 | -1> } = {}): Promise<T | null> {
    // NeDB serialises operations but has no sorted update: pick a candidate, then compare-and-set on
    // the full filter so a concurrent change makes us pick again instead of updating a stale match.
    for (let attempt = 0; attempt < 50; attempt++) {
      const [candidate] = await this.find(filter, { sort: options.sort, limit: 1 });
      if (!candidate) return null;
      const res: { numAffected: number; affectedDocuments: unknown } = await this.run((db) =>
        db.updateAsync({ $and: [filter, { _id: candidate._id }] }, toNedbUpdate(update), { multi: false, returnUpdatedDocs: true }),
      );
      if (res.numAffected === 1) return res.affectedDocuments as unknown as T;
    }
    return null;
  }

  async replaceOne(filter: Filter, doc: T, options: { upsert?: boolean } = {}): Promise<UpdateResult> {
    return this.run(async (db) => {
      const { _id: _ignored, ...rest } = doc as BaseDoc & Record<string, unknown>;
      const existing = (await db.findOneAsync(filter)) as BaseDoc | null;
      if (!existing) {
        if (!options.upsert) return { matched: 0, modified: 0 };
        await db.insertAsync({ ...equalityFields(filter), ...doc });
        return { matched: 0, modified: 0, upsertedId: doc._id };
      }
      const res = await db.updateAsync({ $and: [filter, { _id: existing._id }] }, { ...rest, _id: existing._id }, { multi: false });
      return { matched: res.numAffected, modified: res.numAffected };
    });
  }

  async deleteOne(filter: Filter): Promise<number> {
    return this.run((db) => db.removeAsync(filter, { multi: false }));
  }

  async deleteMany(filter: Filter): Promise<number> {
    return this.run((db) => db.removeAsync(filter, { multi: true }));
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
  private closed = false;

  private constructor(private readonly options: EmbeddedStoreOptions) {}

  /**
   * Opens the store: creates the data directory and loads every existing collection file, so a
   * corrupted or unreadable file stops start-up with a message naming it.
   */
  static async open(options: EmbeddedStoreOptions): Promise<EmbeddedStore> {
    const store = new EmbeddedStore(options);
    try {
      await fs.mkdir(options.dataDir, { recursive: true });
      await fs.access(options.dataDir, fs.constants.R_OK | fs.constants.W_OK);
    } catch (err) {
      throw new StoreCorruptedError(options.dataDir, `la carpeta de datos no se puede crear, leer o escribir (${(err as Error).message})`);
    }
    const files = (await fs.readdir(options.dataDir)).filter((f) => f.endsWith('.db'));
    for (const file of files) {
      const name = file.slice(0, -3);
      if (COLLECTION_NAME.test(name)) await store.load(name);
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

  private async openDb(name: string): Promise<Db> {
    if (this.closed) throw new Error('The store is closed');
    const file = this.fileOf(name);
    await dropTornTail(file);
    const db: Db = new Datastore({ filename: file, autoload: false, corruptAlertThreshold: 0 });
    try {
      await db.loadDatabaseAsync();
    } catch (err) {
      throw new StoreCorruptedError(file, (err as Error).message);
    }
    if (this.options.compactionIntervalMs) db.setAutocompactionInterval(this.options.compactionIntervalMs);
    return db;
  }

  collection<T extends BaseDoc>(name: string): Collection<T> {
    if (!COLLECTION_NAME.test(name)) throw new Error(`Invalid collection name: ${name}`);
    return new EmbeddedCollection<T>(name, () => this.load(name));
  }

  async ensureIndexes(collection: string, indexes: IndexSpec[]): Promise<void> {
    const db = await this.load(collection);
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
    throw new StoreCorruptedError(file, (err as Error).message);
  }
  if (content.length === 0 || content[content.length - 1] === 0x0a) return;
  const lastNewline = content.lastIndexOf(0x0a);
  await fs.truncate(file, lastNewline + 1);
}
