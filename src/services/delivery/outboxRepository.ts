import type { FailureCode } from '../../domain/delivery/failureCodes.js';
import type { Logger } from '../../logger.js';
import { type Collection, type Filter, type Store, type Update, isDuplicateKeyError } from '../../store/types.js';
import type { DeliveryClock } from './clock.js';
import type { BroadcastDoc, DeliveryState, OutboxDoc } from './types.js';

export const OUTBOX_COLLECTION = 'outbox';
export const BROADCASTS_COLLECTION = 'broadcasts';

/** A message is open while due or being sent. */
const OPEN_STATES: readonly DeliveryState[] = ['pending', 'sending'];

/** The fields `onInstalled` sets on the messages waiting for her. */
export type InstalledTarget = Required<Pick<OutboxDoc, 'target' | 'rateKey' | 'tenantKey' | 'nextAttemptAt' | 'updatedAt'>>;

/**
 * All store access of the delivery engine: collections `outbox` (one message per recipient) and
 * `broadcasts` (one document per broadcast). A claim is a compare-and-set on the message's _id; every
 * write after it is fenced by the lease (state `sending` and this leaseOwner), so an instance whose lease
 * was taken over cannot overwrite the outcome recorded by the one that took it.
 */
export class OutboxRepository {
  private readonly outbox: Collection<OutboxDoc>;
  private readonly broadcasts: Collection<BroadcastDoc>;

  constructor(
    private readonly store: Store,
    private readonly clock: DeliveryClock,
    private readonly logger: Logger,
  ) {
    this.outbox = store.collection<OutboxDoc>(OUTBOX_COLLECTION);
    this.broadcasts = store.collection<BroadcastDoc>(BROADCASTS_COLLECTION);
  }

  async ensureIndexes(): Promise<void> {
    await this.store.ensureIndexes(OUTBOX_COLLECTION, [
      { fields: ['broadcastId', 'recipientKey'], unique: true },
      { fields: ['state', 'nextAttemptAt'] },
      { fields: ['state', 'priority', 'createdAt', 'seq'] },
      { fields: ['state'] },
      { fields: ['broadcastId'] },
    ]);
    await this.store.ensureIndexes(BROADCASTS_COLLECTION, [{ fields: ['state'] }, { fields: ['createdAt'] }]);
  }

  /** Puts what `owner` left in flight back to pending, due at `now`. Returns how many. */
  async requeueInFlight(owner: string, now: number): Promise<number> {
    const res = await this.outbox.updateMany(
      { state: 'sending', leaseOwner: owner },
      { $set: { state: 'pending', nextAttemptAt: new Date(now), updatedAt: new Date(now) }, $unset: { leaseOwner: 1, leaseUntil: 1 } },
    );
    return res.modified;
  }

  // ---- broadcasts -------------------------------------------------------------------------------

  /** Inserts a new broadcast; false when one with the same _id exists. */
  async insertBroadcast(doc: BroadcastDoc): Promise<boolean> {
    try {
      await this.broadcasts.insertOne(doc);
      return true;
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
      return false;
    }
  }

  findBroadcast(broadcastId: string): Promise<BroadcastDoc | null> {
    return this.broadcasts.findOne({ _id: broadcastId });
  }

  async markEnqueuing(broadcastId: string, now: Date): Promise<void> {
    await this.broadcasts.updateOne({ _id: broadcastId }, { $set: { state: 'enqueuing', updatedAt: now } });
  }

  /** Opens a broadcast for sending with `total` recipients; `newRound` when it had finished before. */
  async activateBroadcast(broadcastId: string, total: number, now: Date, newRound: boolean): Promise<void> {
    await this.broadcasts.updateOne(
      { _id: broadcastId },
      { $set: { state: 'active', total, updatedAt: now }, ...(newRound ? { $inc: { round: 1 } } : {}) },
    );
  }

  /** One broadcast (none or one), or else the `limit` most recent ones, newest first. */
  findBroadcasts(broadcastId: string | undefined, limit: number): Promise<BroadcastDoc[]> {
    return broadcastId ? this.broadcasts.find({ _id: broadcastId }) : this.broadcasts.find({}, { sort: { createdAt: -1 }, limit });
  }

  activeBroadcasts(): Promise<BroadcastDoc[]> {
    return this.broadcasts.find({ state: 'active' });
  }

  /** Marks an active broadcast finished; false when it was no longer active (another instance closed it). */
  async closeBroadcast(broadcastId: string, now: Date): Promise<boolean> {
    const res = await this.broadcasts.updateOne({ _id: broadcastId, state: 'active' }, { $set: { state: 'finished', finishedAt: now, updatedAt: now } });
    return res.matched === 1;
  }

  // ---- messages: enqueue, waiting-install, status --------------------------------------------------

  /** Inserts a message; false when its (broadcastId, recipientKey) is already queued. */
  async insertMessage(doc: OutboxDoc): Promise<boolean> {
    try {
      await this.outbox.insertOne(doc);
      return true;
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
      return false;
    }
  }

  countMessages(broadcastId: string): Promise<number> {
    return this.outbox.countDocuments({ broadcastId });
  }

  countInState(broadcastId: string, state: DeliveryState): Promise<number> {
    return this.outbox.countDocuments({ broadcastId, state });
  }

  /** Pending messages that already failed at least once. */
  countRetrying(broadcastId: string): Promise<number> {
    return this.outbox.countDocuments({ broadcastId, state: 'pending', attempts: { $gt: 0 } });
  }

  failedOrBlocked(broadcastId: string): Promise<OutboxDoc[]> {
    return this.outbox.find({ broadcastId, state: { $in: ['failed', 'blocked'] } });
  }

  /** Pending messages that already failed at least once (their last reason says why they wait). */
  retryingMessages(broadcastId: string): Promise<OutboxDoc[]> {
    return this.outbox.find({ broadcastId, state: 'pending', attempts: { $gt: 0 } });
  }

  /** Whether the broadcast has a message still open (stops at the first: cheaper than counting). */
  async hasOpenMessages(broadcastId: string): Promise<boolean> {
    return (await this.outbox.findOne({ broadcastId, state: { $in: OPEN_STATES } })) !== null;
  }

  /** Open messages in the whole outbox. */
  countOpen(): Promise<number> {
    return this.outbox.countDocuments({ state: { $in: OPEN_STATES } });
  }

  waitingInstall(broadcastId?: string): Promise<OutboxDoc[]> {
    return this.outbox.find({ state: 'waiting-install', ...(broadcastId ? { broadcastId } : {}) }, { sort: { createdAt: 1 } });
  }

  /** Her messages waiting for the install become pending, addressed as given. Returns how many. */
  async requeueWaiting(recipientKey: string, to: InstalledTarget): Promise<number> {
    const res = await this.outbox.updateMany({ recipientKey, state: 'waiting-install' }, { $set: { state: 'pending', ...to }, $unset: { fallbacks: 1 } });
    return res.modified;
  }

  /** The titles of these broadcasts, by id (for the waiting-install list). */
  async titlesOf(broadcastIds: readonly string[]): Promise<Map<string, string>> {
    if (broadcastIds.length === 0) return new Map();
    const docs = await this.broadcasts.find({ _id: { $in: [...broadcastIds] } });
    return new Map(docs.filter((d) => d.title).map((d) => [d._id, d.title!]));
  }

  // ---- the worker: due messages, claims and outcomes ---------------------------------------------

  /** Claimed messages whose lease ended before `at` (their instance died or stalled). */
  expiredLeases(at: Date, limit: number): Promise<OutboxDoc[]> {
    return this.outbox.find({ state: 'sending', leaseUntil: { $lt: at } }, { limit });
  }

  /**
   * Pending messages due at `at`, outside the conversations in `skipRateKeys`. Oldest enqueued first (not
   * earliest due): a retry that is due again goes before messages enqueued after it, instead of waiting
   * behind a whole large broadcast.
   */
  dueMessages(at: Date, skipRateKeys: readonly string[], limit: number): Promise<OutboxDoc[]> {
    return this.outbox.find(
      { state: 'pending', nextAttemptAt: { $lte: at }, ...(skipRateKeys.length ? { rateKey: { $nin: skipRateKeys } } : {}) },
      { sort: { priority: 1, createdAt: 1, seq: 1 }, limit },
    );
  }

  /** The pending message due first. */
  async nextPending(): Promise<OutboxDoc | undefined> {
    const [doc] = await this.outbox.find({ state: 'pending' }, { sort: { nextAttemptAt: 1 }, limit: 1 });
    return doc;
  }

  /** The claimed message whose lease ends first. */
  async nextLeaseEnd(): Promise<OutboxDoc | undefined> {
    const [doc] = await this.outbox.find({ state: 'sending' }, { sort: { leaseUntil: 1 }, limit: 1 });
    return doc;
  }

  /**
   * Atomic claim: a compare-and-set on the message's _id and the state it was read in. (Not
   * findOneAndUpdate with the due-filter: the embedded adapter would scan the whole outbox on every
   * claim; a CAS on _id is an indexed single-document update in both adapters, and just as atomic.)
   * Returns the message as claimed, or null when another instance had it first.
   */
  async claim(doc: OutboxDoc, owner: string, now: number, leaseMs: number): Promise<OutboxDoc | null> {
    const at = new Date(now);
    const filter: Filter =
      doc.state === 'pending'
        ? { _id: doc._id, state: 'pending', attempts: doc.attempts, nextAttemptAt: { $lte: at } }
        : { _id: doc._id, state: 'sending', leaseOwner: doc.leaseOwner, leaseUntil: { $lt: at } };
    const leaseUntil = new Date(now + leaseMs);
    const res = await this.outbox.updateOne(filter, {
      $set: { state: 'sending', leaseOwner: owner, leaseUntil, updatedAt: at },
      $inc: { attempts: 1 },
    });
    if (res.matched !== 1) return null;
    return { ...doc, state: 'sending', leaseOwner: owner, leaseUntil, attempts: doc.attempts + 1 };
  }

  /** Fails a message read in `doc`'s state without sending it (if it is still in that state). */
  async finishWithoutSending(doc: OutboxDoc, now: number, code: FailureCode): Promise<void> {
    const at = new Date(now);
    const filter: Filter =
      doc.state === 'pending' ? { _id: doc._id, state: 'pending', attempts: doc.attempts } : { _id: doc._id, state: 'sending', leaseOwner: doc.leaseOwner };
    await this.outbox.updateOne(filter, {
      $set: { state: 'failed', lastErrorCode: code, lastError: code, doneAt: at, updatedAt: at },
      $unset: { leaseOwner: 1, leaseUntil: 1 },
    });
  }

  /** Gives back a message `owner` claimed and did not attempt: pending again, its attempt not counted. */
  async release(doc: OutboxDoc, owner: string, now: number): Promise<void> {
    await this.writeFenced(doc._id, owner, {
      $set: { state: 'pending', updatedAt: new Date(now) },
      $inc: { attempts: -1 },
      $unset: { leaseOwner: 1, leaseUntil: 1 },
    });
  }

  /** Records the personal chat created for a claimed message (still claimed). False if the lease was lost. */
  recordChatOpened(doc: OutboxDoc, owner: string, conversationId: string, rateKey: string, now: number): Promise<boolean> {
    return this.writeFenced(doc._id, owner, { $set: { 'target.conversationId': conversationId, rateKey, updatedAt: new Date(now) } });
  }

  /** Records an attempt's outcome (`set`, and the fields in `unset` removed) and ends the lease. False if the lease was lost. */
  recordOutcome(doc: OutboxDoc, owner: string, set: Record<string, unknown>, unset: Record<string, 1> = {}): Promise<boolean> {
    return this.writeFenced(doc._id, owner, { $set: set, $unset: { ...unset, leaseOwner: 1, leaseUntil: 1 } });
  }

  /**
   * A write guarded by the lease; retried a few times so a store hiccup does not turn into a duplicate.
   * Returns whether the lease still matched.
   */
  private async writeFenced(id: string, owner: string, update: Update): Promise<boolean> {
    const filter: Filter = { _id: id, state: 'sending', leaseOwner: owner };
    let delay = 50;
    for (let attempt = 1; ; attempt++) {
      try {
        const res = await this.outbox.updateOne(filter, update);
        return res.matched === 1;
      } catch (err) {
        if (attempt >= 5) {
          this.logger.error({ err, filter }, 'delivery: could not record an outcome; the message will be retried when its lease expires');
          return false;
        }
        await this.clock.sleep(delay);
        delay *= 4;
      }
    }
  }
}
