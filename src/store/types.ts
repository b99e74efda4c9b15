/**
 * Domain data store: a small Mongo-style document API implemented by two adapters (MongoDB and an
 * embedded on-disk database). Domain services depend on this interface only, never on a driver.
 *
 * Supported filter operators: equality (also on dotted paths), $eq, $ne, $gt, $gte, $lt, $lte, $in, $nin,
 * $exists, $and, $or. Supported update operators: $set, $unset, $inc, $push, $addToSet, $pull (by equality).
 * Both adapters are exercised by one contract suite (test/store/contract.test.ts).
 */

export type Primitive = string | number | boolean | null | Date;

export interface BaseDoc {
  _id: string;
}

export type Filter = Record<string, unknown>;

export interface Update {
  $set?: Record<string, unknown>;
  $unset?: Record<string, true | 1 | ''>;
  $inc?: Record<string, number>;
  $push?: Record<string, unknown>;
  $addToSet?: Record<string, unknown>;
  $pull?: Record<string, unknown>;
}

export interface FindOptions {
  sort?: Record<string, 1 | -1>;
  limit?: number;
  skip?: number;
}

export interface UpdateResult {
  matched: number;
  modified: number;
  /** Set when an upsert inserted a new document. */
  upsertedId?: string;
}

export interface IndexSpec {
  /** Field names (dotted paths allowed); several make a compound index. */
  fields: string[];
  unique?: boolean;
  /** Only documents that have the fields are indexed (needed for unique optional fields). */
  sparse?: boolean;
  /** Documents are removed this many seconds after the date in the (single) field. */
  expireAfterSeconds?: number;
}

export interface Collection<T extends BaseDoc> {
  readonly name: string;
  /** Inserts a document; rejects with DuplicateKeyError when _id or a unique index collides. */
  insertOne(doc: T): Promise<void>;
  /**
   * Inserts several documents in one write (one append for the embedded store). All or nothing on the
   * embedded store; MongoDB inserts in order and stops at the first collision. Rejects with DuplicateKeyError.
   */
  insertMany(docs: readonly T[]): Promise<void>;
  findOne(filter: Filter): Promise<T | null>;
  find(filter: Filter, options?: FindOptions): Promise<T[]>;
  countDocuments(filter: Filter): Promise<number>;
  /**
   * Updates the first matching document. With upsert, inserts one built from the filter's equality
   * fields plus the update when nothing matches (atomically with respect to the unique indexes).
   */
  updateOne(filter: Filter, update: Update, options?: { upsert?: boolean }): Promise<UpdateResult>;
  updateMany(filter: Filter, update: Update): Promise<UpdateResult>;
  /** Atomically updates one matching document and returns it as it is after the update (or null). */
  findOneAndUpdate(filter: Filter, update: Update, options?: { sort?: Record<string, 1 | -1> }): Promise<T | null>;
  /** Replaces the matching document entirely; returns how many matched (0 or 1). */
  replaceOne(filter: Filter, doc: T, options?: { upsert?: boolean }): Promise<UpdateResult>;
  deleteOne(filter: Filter): Promise<number>;
  deleteMany(filter: Filter): Promise<number>;
}

export interface Store {
  readonly kind: 'mongodb' | 'embedded';
  collection<T extends BaseDoc>(name: string): Collection<T>;
  /** Creates the indexes of a collection (idempotent). Called at start-up by the services that own them. */
  ensureIndexes(collection: string, indexes: IndexSpec[]): Promise<void>;
  /**
   * Removes indexes created by ensureIndexes with the same fields and unique flag (idempotent: an index that
   * does not exist is ignored). For migrations, e.g. replacing a unique index by a sparse one on another field.
   */
  dropIndexes(collection: string, indexes: Pick<IndexSpec, 'fields' | 'unique'>[]): Promise<void>;
  /** Resolves when the store answers; rejects otherwise. Used by /readyz. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** A unique-index or _id collision. Adapters translate their driver's error into this one. */
export class DuplicateKeyError extends Error {
  constructor(
    readonly collection: string,
    detail: string,
  ) {
    super(`Duplicate key in ${collection}: ${detail}`);
    this.name = 'DuplicateKeyError';
  }
}

/** The on-disk data cannot be read; start-up must stop with this message. */
export class StoreCorruptedError extends Error {
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(
      `No se pudo leer el archivo de datos ${file}: ${detail}. ` +
        'Restaure el respaldo más reciente de ese archivo o muévalo a otra carpeta para revisarlo; el bot no arranca con datos incompletos.',
    );
    this.name = 'StoreCorruptedError';
  }
}

/** The data directory cannot be created, read or written; start-up must stop with this message. */
export class StoreAccessError extends Error {
  constructor(
    readonly dir: string,
    detail: string,
  ) {
    super(
      `No se puede usar la carpeta de datos ${dir}: ${detail}. ` +
        'Revise la variable DATA_DIR y que el usuario que ejecuta el bot pueda leer y escribir en esa carpeta.',
    );
    this.name = 'StoreAccessError';
  }
}

export function isDuplicateKeyError(err: unknown): err is DuplicateKeyError {
  return err instanceof DuplicateKeyError;
}

/** A plain object whose keys are all query/update operators, e.g. `{ $gt: 1 }`. */
export function isOperatorObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || v instanceof Date || Array.isArray(v)) return false;
  const keys = Object.keys(v);
  return keys.length > 0 && keys.every((k) => k.startsWith('$'));
}

/**
 * The document an upsert starts from when nothing matches, as MongoDB builds it: the filter's equality
 * fields (plain values and `$eq`, also inside `$and`), dotted paths expanded into nested objects.
 * Shared by both adapters so they agree on it.
 */
export function upsertSeed(filter: Filter): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const collect = (f: Filter): void => {
    for (const [key, value] of Object.entries(f)) {
      if (key === '$and' && Array.isArray(value)) {
        for (const sub of value as Filter[]) collect(sub);
        continue;
      }
      if (key.startsWith('$')) continue;
      if (isOperatorObject(value)) {
        if ('$eq' in value) setPath(out, key, value.$eq);
        continue;
      }
      setPath(out, key, value);
    }
  };
  collect(filter);
  return out;
}

function setPath(target: Record<string, unknown>, dotted: string, value: unknown): void {
  const parts = dotted.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    if (next === null || typeof next !== 'object' || Array.isArray(next) || next instanceof Date) node[part] = {};
    node = node[part] as Record<string, unknown>;
  }
  node[parts[parts.length - 1]!] = value;
}

/** True when the update has no operator with at least one field (a no-op). */
export function isEmptyUpdate(update: Update): boolean {
  return Object.values(update).every((v) => !v || Object.keys(v as object).length === 0);
}
