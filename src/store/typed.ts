import type { BaseDoc, Collection, Filter, FindOptions, IndexSpec, Store, Update, UpdateResult } from './types.js';

/**
 * Typed access to one collection: filters, updates, sorts and index specs only accept real field names
 * of the document type (dotted paths into nested objects, and into arrays of objects, up to 4 levels),
 * and operator values must have the field's value type. A misspelled field or a wrong value type fails
 * the type check instead of silently matching nothing.
 *
 * Additive: it wraps the untyped Collection of ./types.ts and changes nothing at run time.
 *
 *   const jobs = typedCollection<JobDoc>(store, 'jobs');
 *   await jobs.find({ status: 'scheduled', 'next.runAt': { $lte: now } }, { sort: { runAt: 1 } });
 *   await jobs.updateOne({ _id: key }, { $set: { status: 'done' }, $unset: { leaseOwner: 1 } });
 *
 * Limits: a document type with an index signature (`[key: string]: unknown`) accepts any field name;
 * filters built with computed keys (`{ [name]: v }`) are not checked.
 */

/** Values the paths do not descend into. */
type Leaf = string | number | boolean | bigint | symbol | null | undefined | Date | RegExp | Uint8Array | ((...args: never[]) => unknown);

/** Depth counter: Prev[4] = 3, …, Prev[0] = never. */
type Prev = [never, 0, 1, 2, 3];

/** The element type of an array, or the type itself. */
type ElementOrSelf<V> = V extends readonly (infer E)[] ? E : V;

/** A value paths can descend into (plain objects, or arrays of them), after removing null/undefined. */
type Descend<V> = ElementOrSelf<NonNullable<V>>;

type PathsOf<T, D extends number> = [D] extends [never]
  ? never
  : T extends Leaf
    ? never
    : T extends readonly unknown[]
      ? never
      : {
          [K in keyof T & string]-?: K | (Descend<T[K]> extends Leaf ? never : `${K}.${PathsOf<Descend<T[K]>, Prev[D]>}`);
        }[keyof T & string];

/** Every field name of T, plus dotted paths into its nested objects (and arrays of objects). */
export type FieldPath<T> = T extends unknown ? PathsOf<T, 4> : never;

/** The value type found at a dotted path of T (optional fields include undefined). */
export type PathValue<T, P extends string> = T extends unknown
  ? P extends keyof T
    ? T[P]
    : P extends `${infer K}.${infer Rest}`
      ? K extends keyof T
        ? PathValue<Descend<T[K]>, Rest>
        : never
      : never
  : never;

/** What an equality on a field may compare with: its value, or one element when it is an array (MongoDB semantics). */
type Matchable<V> = NonNullable<V> | (NonNullable<V> extends readonly (infer E)[] ? E : never);

/** Query operators on one field, typed by the field's value. `null` also matches a missing field. */
export interface FieldOperators<V> {
  $eq?: Matchable<V> | null;
  $ne?: Matchable<V> | null;
  $gt?: Matchable<V>;
  $gte?: Matchable<V>;
  $lt?: Matchable<V>;
  $lte?: Matchable<V>;
  $in?: readonly (Matchable<V> | null)[];
  $nin?: readonly (Matchable<V> | null)[];
  $exists?: boolean;
}

export type FieldCondition<V> = Matchable<V> | null | FieldOperators<V>;

export interface LogicalOperators<T> {
  $and?: TypedFilter<T>[];
  $or?: TypedFilter<T>[];
}

/** A filter over T: each key a field path, each value a value or an operator object of that field's type. */
export type TypedFilter<T> = { [P in FieldPath<T>]?: FieldCondition<PathValue<T, P>> } & LogicalOperators<T>;

/** Paths whose value type includes undefined (optional fields): the only ones `$unset` accepts. */
export type OptionalPath<T> = { [P in FieldPath<T>]: undefined extends PathValue<T, P> ? P : never }[FieldPath<T>];

/** Paths holding a number. */
export type NumericPath<T> = { [P in FieldPath<T>]: NonNullable<PathValue<T, P>> extends number ? P : never }[FieldPath<T>];

/** Paths holding an array. */
export type ArrayPath<T> = { [P in FieldPath<T>]: NonNullable<PathValue<T, P>> extends readonly unknown[] ? P : never }[FieldPath<T>];

type ElementAt<T, P extends string> = NonNullable<PathValue<T, P>> extends readonly (infer E)[] ? E : never;

/** An update over T (the operators the store supports), typed like the filters. */
export interface TypedUpdate<T> {
  $set?: { [P in FieldPath<T>]?: Exclude<PathValue<T, P>, undefined> };
  $unset?: { [P in OptionalPath<T>]?: true | 1 | '' };
  $inc?: { [P in NumericPath<T>]?: number };
  $push?: { [P in ArrayPath<T>]?: ElementAt<T, P> };
  $addToSet?: { [P in ArrayPath<T>]?: ElementAt<T, P> };
  $pull?: { [P in ArrayPath<T>]?: ElementAt<T, P> };
}

export type TypedSort<T> = { [P in FieldPath<T>]?: 1 | -1 };

export interface TypedFindOptions<T> {
  sort?: TypedSort<T>;
  limit?: number;
  skip?: number;
}

export interface TypedIndexSpec<T> extends Omit<IndexSpec, 'fields'> {
  fields: FieldPath<T>[];
}

/** The Collection API with typed filters, updates and sorts. */
export interface TypedCollection<T extends BaseDoc> {
  readonly name: string;
  /** The untyped collection underneath (for the rare query these types cannot express). */
  readonly raw: Collection<T>;
  insertOne(doc: T): Promise<void>;
  insertMany(docs: readonly T[]): Promise<void>;
  findOne(filter: TypedFilter<T>): Promise<T | null>;
  find(filter: TypedFilter<T>, options?: TypedFindOptions<T>): Promise<T[]>;
  countDocuments(filter: TypedFilter<T>): Promise<number>;
  updateOne(filter: TypedFilter<T>, update: TypedUpdate<T>, options?: { upsert?: boolean }): Promise<UpdateResult>;
  updateMany(filter: TypedFilter<T>, update: TypedUpdate<T>): Promise<UpdateResult>;
  findOneAndUpdate(filter: TypedFilter<T>, update: TypedUpdate<T>, options?: { sort?: TypedSort<T> }): Promise<T | null>;
  replaceOne(filter: TypedFilter<T>, doc: T, options?: { upsert?: boolean }): Promise<UpdateResult>;
  deleteOne(filter: TypedFilter<T>): Promise<number>;
  deleteMany(filter: TypedFilter<T>): Promise<number>;
}

// The typed shapes are the untyped ones with fewer keys allowed: these conversions only forget the typing.
const f = <T>(filter: TypedFilter<T>): Filter => filter as Filter;
const u = <T>(update: TypedUpdate<T>): Update => update as Update;
const o = <T>(options: TypedFindOptions<T> | undefined): FindOptions | undefined => options as FindOptions | undefined;

/** Wraps an existing collection. */
export function typed<T extends BaseDoc>(raw: Collection<T>): TypedCollection<T> {
  return {
    name: raw.name,
    raw,
    insertOne: (doc) => raw.insertOne(doc),
    insertMany: (docs) => raw.insertMany(docs),
    findOne: (filter) => raw.findOne(f(filter)),
    find: (filter, options) => raw.find(f(filter), o(options)),
    countDocuments: (filter) => raw.countDocuments(f(filter)),
    updateOne: (filter, update, options) => raw.updateOne(f(filter), u(update), options),
    updateMany: (filter, update) => raw.updateMany(f(filter), u(update)),
    findOneAndUpdate: (filter, update, options) => raw.findOneAndUpdate(f(filter), u(update), options?.sort ? { sort: options.sort as Record<string, 1 | -1> } : {}),
    replaceOne: (filter, doc, options) => raw.replaceOne(f(filter), doc, options),
    deleteOne: (filter) => raw.deleteOne(f(filter)),
    deleteMany: (filter) => raw.deleteMany(f(filter)),
  };
}

/** The typed view of collection `name` of `store`. */
export function typedCollection<T extends BaseDoc>(store: Store, name: string): TypedCollection<T> {
  return typed(store.collection<T>(name));
}

/** store.ensureIndexes with field names checked against T. */
export function ensureTypedIndexes<T extends BaseDoc>(store: Store, name: string, indexes: TypedIndexSpec<T>[]): Promise<void> {
  return store.ensureIndexes(name, indexes as IndexSpec[]);
}
