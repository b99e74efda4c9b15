import { randomUUID } from 'node:crypto';
import { MongoClient, MongoServerError, type Db, type Document } from 'mongodb';
import {
  type BaseDoc,
  type Collection,
  DuplicateKeyError,
  type Filter,
  type FindOptions,
  type IndexSpec,
  isDuplicateKeyError,
  isEmptyUpdate,
  type Store,
  type Update,
  type UpdateResult,
  upsertSeed,
} from './types.js';

/** MongoDB adapter: a thin layer over the official driver. Writes use w: 'majority' with journaling. */

function translate(name: string, err: unknown): never {
  if (err instanceof MongoServerError && err.code === 11000) throw new DuplicateKeyError(name, err.message);
  throw err;
}

function cleanUpdate(update: Update): Document {
  const out: Document = {};
  for (const [op, value] of Object.entries(update)) {
    if (value && Object.keys(value).length > 0) out[op] = value;
  }
  return out;
}

/** The _id an upsert will give the new document when the filter names one by equality. */
function seedId(filter: Filter): string | undefined {
  const id = upsertSeed(filter)._id;
  return id === undefined ? undefined : (id as string);
}

/** Upserts must produce a string _id like every other document. */
function withStringId(filter: Filter, update: Document): Document {
  if (seedId(filter) !== undefined) return update;
  return { ...update, $setOnInsert: { _id: randomUUID() } };
}

/**
 * Runs an upsert; when it collides on a unique index (two concurrent upserts of the same key both found
 * nothing and both inserted), it is retried once: the retry matches the document the other one inserted.
 */
async function retryUpsertOnce<R>(upsert: boolean | undefined, fn: () => Promise<R>): Promise<R> {
  try {
    return await fn();
  } catch (err) {
    if (!upsert || !isDuplicateKeyError(err)) throw err;
    return fn();
  }
}

class MongoCollection<T extends BaseDoc> implements Collection<T> {
  constructor(
    readonly name: string,
    private readonly db: Db,
  ) {}

  private get c() {
    return this.db.collection<Document>(this.name);
  }

  async insertOne(doc: T): Promise<void> {
    await this.c.insertOne({ ...doc } as Document).catch((e: unknown) => translate(this.name, e));
  }

  async insertMany(docs: readonly T[]): Promise<void> {
    if (docs.length === 0) return;
    await this.c.insertMany(docs.map((d) => ({ ...d }) as Document), { ordered: true }).catch((e: unknown) => translate(this.name, e));
  }

  async findOne(filter: Filter): Promise<T | null> {
    return (await this.c.findOne(filter)) as unknown as T | null;
  }

  async find(filter: Filter, options: FindOptions = {}): Promise<T[]> {
    let cursor = this.c.find(filter);
    if (options.sort) cursor = cursor.sort(options.sort);
    if (options.skip) cursor = cursor.skip(options.skip);
    if (options.limit) cursor = cursor.limit(options.limit);
    return (await cursor.toArray()) as unknown as T[];
  }

  countDocuments(filter: Filter): Promise<number> {
    return this.c.countDocuments(filter);
  }

  async updateOne(filter: Filter, update: Update, options: { upsert?: boolean } = {}): Promise<UpdateResult> {
    if (isEmptyUpdate(update)) return this.emptyUpdateOne(filter, !!options.upsert);
    const u = cleanUpdate(update);
    return retryUpsertOnce(options.upsert, async () => {
      const res = await this.c
        .updateOne(filter, options.upsert ? withStringId(filter, u) : u, { upsert: !!options.upsert })
        .catch((e: unknown) => translate(this.name, e));
      return {
        matched: res.matchedCount,
        modified: res.modifiedCount,
        ...(res.upsertedId !== null && res.upsertedId !== undefined ? { upsertedId: String(res.upsertedId) } : {}),
      };
    });
  }

  /** MongoDB rejects an update without operators: a no-op update only reports (or upserts) the match. */
  private async emptyUpdateOne(filter: Filter, upsert: boolean): Promise<UpdateResult> {
    return retryUpsertOnce(upsert, async () => {
      if (await this.c.findOne(filter, { projection: { _id: 1 } })) return { matched: 1, modified: 0 };
      if (!upsert) return { matched: 0, modified: 0 };
      const id = seedId(filter) ?? randomUUID();
      await this.c.insertOne({ ...upsertSeed(filter), _id: id } as Document).catch((e: unknown) => translate(this.name, e));
      return { matched: 0, modified: 0, upsertedId: id };
    });
  }

  async updateMany(filter: Filter, update: Update): Promise<UpdateResult> {
    if (isEmptyUpdate(update)) return { matched: await this.c.countDocuments(filter), modified: 0 };
    const res = await this.c.updateMany(filter, cleanUpdate(update)).catch((e: unknown) => translate(this.name, e));
    return { matched: res.matchedCount, modified: res.modifiedCount };
  }

  async findOneAndUpdate(filter: Filter, update: Update, options: { sort?: Record<string, 1 | -1> } = {}): Promise<T | null> {
    const sort = options.sort ? { sort: options.sort } : {};
    if (isEmptyUpdate(update)) return (await this.c.findOne(filter, sort)) as unknown as T | null;
    const res = await this.c
      .findOneAndUpdate(filter, cleanUpdate(update), { returnDocument: 'after', ...sort })
      .catch((e: unknown) => translate(this.name, e));
    return res as unknown as T | null;
  }

  async replaceOne(filter: Filter, doc: T, options: { upsert?: boolean } = {}): Promise<UpdateResult> {
    // A matched document keeps its _id (MongoDB refuses to change it); an upserted one gets the
    // replacement's _id, else the filter's, else a new string id. Same rules as the embedded adapter.
    const { _id: docId, ...rest } = doc as BaseDoc & Document;
    return retryUpsertOnce(options.upsert, async () => {
      const res = await this.c.replaceOne(filter, rest).catch((e: unknown) => translate(this.name, e));
      if (res.matchedCount > 0 || !options.upsert) return { matched: res.matchedCount, modified: res.modifiedCount };
      const id = docId ?? seedId(filter) ?? randomUUID();
      await this.c.insertOne({ ...rest, _id: id } as Document).catch((e: unknown) => translate(this.name, e));
      return { matched: 0, modified: 0, upsertedId: id };
    });
  }

  async deleteOne(filter: Filter): Promise<number> {
    return (await this.c.deleteOne(filter)).deletedCount;
  }

  async deleteMany(filter: Filter): Promise<number> {
    return (await this.c.deleteMany(filter)).deletedCount;
  }
}

export class MongoStore implements Store {
  readonly kind = 'mongodb' as const;

  private constructor(
    private readonly client: MongoClient,
    private readonly db: Db,
  ) {}

  static async open(uri: string, dbName: string): Promise<MongoStore> {
    const client = new MongoClient(uri, {
      writeConcern: { w: 'majority', journal: true },
      serverSelectionTimeoutMS: 10_000,
      // Like the embedded store (JSON), a property set to undefined is not stored (the driver default stores null).
      ignoreUndefined: true,
      appName: 'red-de-coaching',
    });
    await client.connect();
    const db = client.db(dbName);
    await db.command({ ping: 1 });
    return new MongoStore(client, db);
  }

  collection<T extends BaseDoc>(name: string): Collection<T> {
    return new MongoCollection<T>(name, this.db);
  }

  async ensureIndexes(collection: string, indexes: IndexSpec[]): Promise<void> {
    for (const ix of indexes) {
      const keys = Object.fromEntries(ix.fields.map((f) => [f, 1 as const]));
      await this.db.collection(collection).createIndex(keys, {
        name: `${ix.fields.join('_')}${ix.unique ? '_unique' : ''}`,
        unique: !!ix.unique,
        sparse: !!ix.sparse,
        ...(ix.expireAfterSeconds !== undefined ? { expireAfterSeconds: ix.expireAfterSeconds } : {}),
      });
    }
  }

  async dropIndexes(collection: string, indexes: Pick<IndexSpec, 'fields' | 'unique'>[]): Promise<void> {
    for (const ix of indexes) {
      // The same name ensureIndexes gives it.
      const name = `${ix.fields.join('_')}${ix.unique ? '_unique' : ''}`;
      try {
        await this.db.collection(collection).dropIndex(name);
      } catch (err) {
        // 26 NamespaceNotFound (no collection yet), 27 IndexNotFound: nothing to drop.
        const code = (err as { code?: unknown }).code;
        if (code !== 26 && code !== 27) throw err;
      }
    }
  }

  async ping(): Promise<void> {
    await this.db.command({ ping: 1 });
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}
