import { createHash, randomUUID } from 'node:crypto';
import type { Storage, StoreItem, StoreItems } from 'botbuilder';
import type { BaseDoc, Collection, Store } from '../store/types.js';

/**
 * botbuilder `Storage` (for ConversationState, UserState and dialog state) on top of the domain Store, so
 * bot state lives in the same database as everything else (MongoDB or the embedded store).
 *
 * Semantics follow botbuilder's Cosmos DB and Blob storages:
 * - read(keys) returns only the keys that exist;
 * - write: an item whose eTag is '*' or absent is written unconditionally; any other eTag must equal the
 *   stored one (optimistic concurrency), otherwise the write throws and the stored state is unchanged;
 *   every successful write stores a new random eTag, returned by the next read;
 * - delete(keys) removes them (missing keys are ignored).
 *
 * Storage layout: one document per key in the `botState` collection. The `_id` is the key escaped to a
 * safe ASCII form (long keys become a readable prefix plus a SHA-256), and the state is kept as a JSON
 * string, so property names with '.' or a leading '$' (not storable as field names) survive.
 */

export interface BotStateDoc extends BaseDoc {
  /** The item without its eTag, serialized with JSON.stringify. */
  state: string;
  eTag: string;
  updatedAt: Date;
}

/** Longest `_id` stored as is; longer escaped keys are shortened to a prefix plus a hash. */
export const MAX_STATE_ID_LENGTH = 200;
const HASHED_PREFIX_LENGTH = 120;

/**
 * The document `_id` for a storage key. Injective: every character outside a safe ASCII set (including '%'
 * and '#') is escaped as `%` plus four hex digits of its UTF-16 code unit, so distinct keys give distinct
 * escapes; escapes longer than MAX_STATE_ID_LENGTH become `<first 120 chars>#<sha256 of the escape>`,
 * which cannot collide with a short form because those never contain '#'.
 */
export function stateDocId(key: string): string {
  const escaped = key.replace(/[^A-Za-z0-9_\-:@/.]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (escaped.length <= MAX_STATE_ID_LENGTH) return escaped;
  const hash = createHash('sha256').update(escaped, 'ascii').digest('hex');
  return `${escaped.slice(0, HASHED_PREFIX_LENGTH)}#${hash}`;
}

export class StoreStorage implements Storage {
  private readonly col: Collection<BotStateDoc>;

  constructor(store: Store, collectionName = 'botState') {
    this.col = store.collection<BotStateDoc>(collectionName);
  }

  async read(keys: string[]): Promise<StoreItems> {
    if (!keys) throw new ReferenceError('Keys are required when reading.');
    const out: StoreItems = {};
    if (keys.length === 0) return out;
    const keysById = new Map<string, string[]>();
    for (const key of keys) {
      const id = stateDocId(key);
      keysById.set(id, [...(keysById.get(id) ?? []), key]);
    }
    const docs = await this.col.find({ _id: { $in: [...keysById.keys()] } });
    for (const doc of docs) {
      for (const key of keysById.get(doc._id) ?? []) {
        // Parsed once per key, so two requested keys never share one object.
        out[key] = { ...(JSON.parse(doc.state) as Record<string, unknown>), eTag: doc.eTag };
      }
    }
    return out;
  }

  async write(changes: StoreItems): Promise<void> {
    if (!changes) throw new ReferenceError('Changes are required when writing.');
    const results = await Promise.allSettled(Object.entries(changes).map(([key, item]) => this.writeOne(key, item as StoreItem)));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }

  private async writeOne(key: string, item: StoreItem | null | undefined): Promise<void> {
    const { eTag, ...state } = item ?? {};
    const _id = stateDocId(key);
    const next = { state: JSON.stringify(state), eTag: randomUUID(), updatedAt: new Date() };
    if (eTag === undefined || eTag === null || eTag === '' || eTag === '*') {
      await this.col.replaceOne({ _id }, { _id, ...next }, { upsert: true });
      return;
    }
    const res = await this.col.updateOne({ _id, eTag }, { $set: next });
    if (res.matched === 0) {
      throw new Error(
        `Storage: error writing "${key}" due to eTag conflict: the stored eTag did not match "${String(eTag)}" ` +
          '(the item changed since it was read, or it no longer exists).',
      );
    }
  }

  async delete(keys: string[]): Promise<void> {
    if (!keys) throw new ReferenceError('Keys are required when deleting.');
    if (keys.length === 0) return;
    await this.col.deleteMany({ _id: { $in: [...new Set(keys.map(stateDocId))] } });
  }
}
