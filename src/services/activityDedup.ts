import { isDuplicateKeyError, type Store } from '../store/types.js';

/**
 * Teams retries a delivery when the bot answers slowly, so the same activity can arrive twice with the
 * same id. The first delivery claims the id in the store (unique _id); later ones see the claim and are
 * skipped. Claims expire after a day (TTL index). A turn that fails releases its claim so a retry can run.
 */
interface ClaimDoc {
  _id: string;
  at: Date;
}

const COLLECTION = 'processedActivities';

export class ActivityDedup {
  constructor(
    private readonly store: Store,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async init(): Promise<void> {
    await this.store.ensureIndexes(COLLECTION, [{ fields: ['at'], expireAfterSeconds: 24 * 3600 }]);
  }

  /** True when this delivery is the first one with this key. */
  async claim(key: string): Promise<boolean> {
    try {
      await this.store.collection<ClaimDoc>(COLLECTION).insertOne({ _id: key, at: this.clock() });
      return true;
    } catch (err) {
      if (isDuplicateKeyError(err)) return false;
      throw err;
    }
  }

  async release(key: string): Promise<void> {
    await this.store.collection<ClaimDoc>(COLLECTION).deleteOne({ _id: key });
  }
}
