import type { Logger } from '../logger.js';
import { isDuplicateKeyError, type Store } from '../store/types.js';

/**
 * Teams retries a delivery when the bot answers slowly, so the same activity can arrive twice with the
 * same id. The first delivery claims the id; later ones see the claim and are skipped. Claims expire after
 * a day. A turn that fails releases its claim so a retry can run.
 *
 * Two ways to claim, by store:
 * - MongoDB (one or many instances): a unique `_id` insert per activity, atomic across instances.
 * - Embedded store (one instance by design): the claim is decided in memory (atomic within the process)
 *   and written to disk in batches every few milliseconds (group commit). A per-activity append would
 *   serialise every turn behind a file write; batching keeps the turn off the disk. Claims made in the last
 *   batch window before a crash are forgotten, so a Teams retry of those few activities runs again.
 */
interface ClaimDoc {
  _id: string;
  at: Date;
}

const COLLECTION = 'processedActivities';
const TTL_SECONDS = 24 * 3600;

export interface ActivityDedupOptions {
  clock?: () => Date;
  logger?: Logger;
  /** Group commit window of the embedded store (default 20 ms). */
  flushDelayMs?: number;
}

export class ActivityDedup {
  private readonly clock: () => Date;
  private readonly batched: boolean;
  /** Embedded store: claimed keys with their claim time (ms), the source of truth in this process. */
  private readonly claimed = new Map<string, number>();
  private pending: ClaimDoc[] = [];
  private flushTimer?: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: Store,
    private readonly options: ActivityDedupOptions = {},
  ) {
    this.clock = options.clock ?? (() => new Date());
    this.batched = store.kind === 'embedded';
  }

  private get col() {
    return this.store.collection<ClaimDoc>(COLLECTION);
  }

  async init(): Promise<void> {
    await this.store.ensureIndexes(COLLECTION, [{ fields: ['at'], expireAfterSeconds: TTL_SECONDS }]);
    if (!this.batched) return;
    const since = new Date(this.clock().getTime() - TTL_SECONDS * 1000);
    for (const c of await this.col.find({ at: { $gte: since } })) this.claimed.set(c._id, c.at.getTime());
  }

  /** True when this delivery is the first one with this key. */
  async claim(key: string): Promise<boolean> {
    if (!this.batched) {
      try {
        await this.col.insertOne({ _id: key, at: this.clock() });
        return true;
      } catch (err) {
        if (isDuplicateKeyError(err)) return false;
        throw err;
      }
    }
    if (this.claimed.has(key)) return false;
    const at = this.clock();
    this.claimed.set(key, at.getTime());
    this.pending.push({ _id: key, at });
    this.flushTimer ??= setTimeout(() => void this.flush(), this.options.flushDelayMs ?? 20);
    return true;
  }

  async release(key: string): Promise<void> {
    if (this.batched) {
      this.claimed.delete(key);
      this.pending = this.pending.filter((c) => c._id !== key);
      await this.flushing;
    }
    await this.col.deleteOne({ _id: key });
  }

  /** Writes the claims made since the last flush (embedded store); also drops expired ones from memory. */
  flush(): Promise<void> {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    const batch = this.pending;
    this.pending = [];
    this.flushing = this.flushing.then(async () => {
      if (batch.length === 0) return;
      try {
        await this.col.insertMany(batch);
      } catch (err) {
        this.options.logger?.error({ err, claims: batch.length }, 'could not persist activity claims');
      }
      const expiry = this.clock().getTime() - TTL_SECONDS * 1000;
      for (const [key, at] of this.claimed) {
        if (at >= expiry) break;
        this.claimed.delete(key);
      }
    });
    return this.flushing;
  }
}
