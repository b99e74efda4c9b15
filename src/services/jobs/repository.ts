import { randomUUID } from 'node:crypto';
import { keyPrefixRange } from '../../domain/jobs/keys.js';
import { ensureTypedIndexes, type TypedCollection, type TypedFilter, type TypedUpdate, typedCollection } from '../../store/typed.js';
import { isDuplicateKeyError, type Store } from '../../store/types.js';
import { parseJobDoc, type ParsedJob } from './schema.js';
import type { CancelResult, JobDoc, JobListFilter, JobNextVersion, ScheduleResult } from './types.js';

/**
 * Every read and write of the `jobs` collection, each one a single atomic store operation, so that any
 * number of runners (in this process or others sharing a MongoDB) agree on who runs what:
 * - a claim moves scheduled → running only where `dueAtMs <= now` still holds, so one claimant wins;
 * - every write after a claim is fenced by the claim (status running + leaseOwner + leaseToken +
 *   attempts): a runner whose lease was taken over cannot overwrite what happened since.
 *
 * Indexes (see ensureIndexes) are chosen for both adapters: `dueAtMs` exists only while scheduled and
 * `leaseUntilMs` only while running, and their indexes are sparse, so "what is due" and "whose lease
 * expired" are range scans over just those jobs, however many finished jobs the collection holds.
 * Quirks of the embedded store (NeDB) shape them:
 * - its sparse indexes silently leave out every Date value (it takes a Date for an empty object), so the
 *   two indexed times are numbers (ms since the epoch);
 * - a non-sparse index keeps every document without the field under one key, and each update of such a
 *   document scans that list: so no index on fields many documents share (`status`, `runAt`). With an
 *   index on `status` it would also pick it over `_id` for `{ _id, status }` filters and scan every job
 *   with that status;
 * - retention: a finished job gets `expiresAt` (finishedAt + retention) under a sparse TTL index. MongoDB
 *   deletes it then. NeDB checks TTL only on the documents a query reads and its sparse index on a Date
 *   is empty (so `expiresAt` must never be queried), hence purgeFinished(), which the runner calls now
 *   and then: an unindexed scan by `finishedAt` that deletes what has expired, on both adapters.
 */

export const JOBS_COLLECTION = 'jobs';

/** A job this process claimed: what fences its writes. */
export interface ClaimedJob extends JobDoc {
  status: 'running';
  leaseOwner: string;
  leaseToken: string;
  leaseUntilMs: number;
}

export type FinishOutcome =
  | { kind: 'done' }
  | { kind: 'retry'; dueAtMs: number; error: string }
  | { kind: 'failed'; error: string };

/** What was recorded: the outcome asked for, or what the job's state made of it. */
export type FinishResult = 'done' | 'retried' | 'failed' | 'cancelled' | 'replaced' | 'lease-lost';

/** What recovering an expired lease did. */
export type RecoverResult = 'rescheduled' | 'failed' | 'cancelled' | 'replaced' | 'gone';

export interface NewJob {
  key: string;
  kind: string;
  runAt: Date;
  payloadJson: string;
  maxAttempts: number;
}

const LEASE_FIELDS = { leaseOwner: 1, leaseUntilMs: 1, leaseToken: 1 } as const;
const MAX_RACE_ROUNDS = 8;

export class JobRepository {
  readonly jobs: TypedCollection<JobDoc>;

  readonly collectionName: string;
  /** How long a finished job is kept (null: for ever). */
  private readonly retentionMs: number | null;

  constructor(
    private readonly store: Store,
    options: { collection?: string; retentionDays?: number | null } = {},
  ) {
    this.collectionName = options.collection ?? JOBS_COLLECTION;
    this.retentionMs = options.retentionDays === null ? null : Math.round((options.retentionDays ?? 30) * 86_400_000);
    this.jobs = typedCollection<JobDoc>(store, this.collectionName);
  }

  /** Creates the indexes (idempotent). */
  async ensureIndexes(): Promise<void> {
    await ensureTypedIndexes<JobDoc>(this.store, this.collectionName, [
      { fields: ['dueAtMs'], sparse: true },
      { fields: ['leaseUntilMs'], sparse: true },
      { fields: ['expiresAt'], sparse: true, expireAfterSeconds: 0 },
    ]);
  }

  // ---- scheduling -------------------------------------------------------------------------------

  /**
   * Schedules (or replaces) the job `key`. A scheduled or finished job is replaced in one write (new
   * runAt/payload/kind, attempts reset, outcome cleared). A running job is never touched: the new version
   * is stored beside it as `next` and replaces it when the run ends (see finish / recoverExpired).
   */
  async schedule(job: NewJob, now: Date): Promise<ScheduleResult> {
    const rev = randomUUID();
    for (let round = 0; round < MAX_RACE_ROUNDS; round++) {
      try {
        await this.jobs.insertOne({
          _id: job.key,
          kind: job.kind,
          status: 'scheduled',
          runAt: job.runAt,
          dueAtMs: job.runAt.getTime(),
          payloadJson: job.payloadJson,
          rev,
          attempts: 0,
          maxAttempts: job.maxAttempts,
          createdAt: now,
          updatedAt: now,
        });
        return { key: job.key, outcome: 'scheduled', replaced: false };
      } catch (err) {
        if (!isDuplicateKeyError(err)) throw err;
      }
      const replaced = await this.jobs.updateOne(
        { _id: job.key, status: { $ne: 'running' } },
        {
          $set: {
            kind: job.kind,
            status: 'scheduled',
            runAt: job.runAt,
            dueAtMs: job.runAt.getTime(),
            payloadJson: job.payloadJson,
            rev,
            attempts: 0,
            maxAttempts: job.maxAttempts,
            updatedAt: now,
          },
          $unset: { ...LEASE_FIELDS, startedAt: 1, finishedAt: 1, expiresAt: 1, lastError: 1, next: 1, cancelRequested: 1 },
        },
      );
      if (replaced.matched === 1) return { key: job.key, outcome: 'scheduled', replaced: true };
      const next: JobNextVersion = { kind: job.kind, runAt: job.runAt, payloadJson: job.payloadJson, maxAttempts: job.maxAttempts, rev, scheduledAt: now };
      const queued = await this.jobs.updateOne({ _id: job.key, status: 'running' }, { $set: { next, updatedAt: now } });
      if (queued.matched === 1) return { key: job.key, outcome: 'after-current-run', replaced: true };
      // It changed state between the writes (finished, or expired and deleted): try again.
    }
    throw new Error(`Could not schedule job ${job.key}: it kept changing state`);
  }

  async cancel(key: string, now: Date): Promise<CancelResult> {
    for (let round = 0; round < MAX_RACE_ROUNDS; round++) {
      const cancelled = await this.jobs.updateOne(
        { _id: key, status: 'scheduled' },
        { $set: { status: 'cancelled', ...this.ended(now) }, $unset: { dueAtMs: 1 } },
      );
      if (cancelled.matched === 1) return 'cancelled';
      const requested = await this.jobs.updateOne({ _id: key, status: 'running' }, { $set: { cancelRequested: true, updatedAt: now }, $unset: { next: 1 } });
      if (requested.matched === 1) return 'cancel-requested';
      const doc = await this.jobs.findOne({ _id: key });
      if (!doc) return 'not-found';
      if (doc.status !== 'scheduled' && doc.status !== 'running') return 'already-finished';
      // It was claimed or finished between the writes: look again.
    }
    throw new Error(`Could not cancel job ${key}: it kept changing state`);
  }

  /** Keys of the scheduled or running jobs whose key starts with `prefix`. */
  async activeKeysWithPrefix(prefix: string): Promise<string[]> {
    const range = keyPrefixRange(prefix);
    const docs = await this.jobs.find({
      _id: range.to !== undefined ? { $gte: range.from, $lt: range.to } : { $gte: range.from },
      status: { $in: ['scheduled', 'running'] },
    });
    return docs.map((d) => d._id).filter((id) => typeof id === 'string' && id.startsWith(prefix));
  }

  async get(key: string): Promise<ParsedJob | null> {
    const raw = await this.jobs.findOne({ _id: key });
    return raw ? parseJobDoc(raw) : null;
  }

  async list(filter: JobListFilter): Promise<ParsedJob[]> {
    const query: TypedFilter<JobDoc> = {};
    if (filter.status !== undefined) query.status = typeof filter.status === 'string' ? filter.status : { $in: [...filter.status] };
    if (filter.kind !== undefined) query.kind = filter.kind;
    if (filter.keyPrefix) {
      const range = keyPrefixRange(filter.keyPrefix);
      query._id = range.to !== undefined ? { $gte: range.from, $lt: range.to } : { $gte: range.from };
    }
    if (filter.runAtFrom || filter.runAtTo) {
      query.runAt = { ...(filter.runAtFrom ? { $gte: filter.runAtFrom } : {}), ...(filter.runAtTo ? { $lt: filter.runAtTo } : {}) };
    }
    const docs = await this.jobs.find(query, { sort: { runAt: 1, _id: 1 }, limit: filter.limit ?? 1_000 });
    return docs
      .filter((d) => !filter.keyPrefix || (typeof d._id === 'string' && d._id.startsWith(filter.keyPrefix)))
      .map((d) => parseJobDoc(d));
  }

  // ---- running ----------------------------------------------------------------------------------

  /**
   * Scheduled jobs due by `until` (those due by now, and the next ones, which tell the runner when to
   * wake up), earliest first. Raw: the caller checks each document.
   */
  async dueBy(until: Date, limit: number): Promise<unknown[]> {
    return this.jobs.find({ dueAtMs: { $lte: until.getTime() } }, { sort: { dueAtMs: 1 }, limit });
  }

  /** Running jobs whose lease ended before `now` (their runner died or lost the store). Raw. */
  async expiredLeases(now: Date, limit: number): Promise<unknown[]> {
    return this.jobs.find({ leaseUntilMs: { $lt: now.getTime() } }, { sort: { leaseUntilMs: 1 }, limit });
  }

  /** Running jobs leased by `owner` (a previous process with this instanceId). Raw. */
  async leasedBy(owner: string): Promise<unknown[]> {
    return this.jobs.find({ status: 'running', leaseOwner: owner });
  }

  /**
   * Claims the given jobs where they are still scheduled and due: one write for all of them, then one
   * read of those this claim won (they carry its unique token). Others may win some of them.
   */
  async claim(keys: readonly string[], owner: string, now: Date, leaseMs: number): Promise<unknown[]> {
    if (keys.length === 0) return [];
    const leaseToken = randomUUID();
    const res = await this.jobs.updateMany(
      { _id: { $in: [...keys] }, status: 'scheduled', dueAtMs: { $lte: now.getTime() } },
      {
        $set: { status: 'running', leaseOwner: owner, leaseToken, leaseUntilMs: now.getTime() + leaseMs, startedAt: now, updatedAt: now },
        $unset: { dueAtMs: 1 },
        $inc: { attempts: 1 },
      },
    );
    if (res.matched === 0) return [];
    return this.jobs.find({ _id: { $in: [...keys] }, leaseToken });
  }

  /** Extends a lease; false when it is no longer this claim's (taken over, or finished). */
  async renewLease(job: ClaimedJob, now: Date, leaseMs: number): Promise<boolean> {
    const res = await this.jobs.updateOne(fence(job), { $set: { leaseUntilMs: now.getTime() + leaseMs } });
    return res.matched === 1;
  }

  /**
   * Records the end of a claimed run, fenced by the claim. When a new version was scheduled meanwhile it
   * replaces this one (whatever the outcome); when cancel() arrived meanwhile a retry becomes `cancelled`.
   */
  async finish(job: ClaimedJob, outcome: FinishOutcome, now: Date): Promise<FinishResult> {
    const ended: TypedUpdate<JobDoc> = (() => {
      switch (outcome.kind) {
        case 'done':
          return { $set: { status: 'done', ...this.ended(now) }, $unset: { ...LEASE_FIELDS, cancelRequested: 1 } };
        case 'failed':
          return { $set: { status: 'failed', lastError: outcome.error, ...this.ended(now) }, $unset: { ...LEASE_FIELDS, cancelRequested: 1 } };
        case 'retry':
          return { $set: { status: 'scheduled', dueAtMs: outcome.dueAtMs, lastError: outcome.error, updatedAt: now }, $unset: LEASE_FIELDS };
      }
    })();
    for (let round = 0; round < MAX_RACE_ROUNDS; round++) {
      // The common case: nothing happened to the job while it ran.
      const plain = await this.jobs.updateOne(
        { ...fence(job), next: { $exists: false }, ...(outcome.kind === 'retry' ? { cancelRequested: { $ne: true } } : {}) },
        ended,
      );
      if (plain.matched === 1) return outcome.kind === 'retry' ? 'retried' : outcome.kind;
      const current = await this.jobs.findOne({ _id: job._id });
      if (!current || !isSameClaim(current, job)) return 'lease-lost';
      if (current.next) {
        if (await this.promote(fence(job), current.next, now)) return 'replaced';
        continue;
      }
      if (outcome.kind === 'retry' && current.cancelRequested) {
        const res = await this.jobs.updateOne(
          { ...fence(job), next: { $exists: false }, cancelRequested: true },
          { $set: { status: 'cancelled', lastError: outcome.error, ...this.ended(now) }, $unset: { ...LEASE_FIELDS, cancelRequested: 1 } },
        );
        if (res.matched === 1) return 'cancelled';
      }
    }
    throw new Error(`Could not record the outcome of job ${job._id}: it kept changing state`);
  }

  /**
   * Takes back a running job whose lease is over (`expiredBefore`), or any job leased by `owner` (when a
   * process restarts with its own instanceId), fenced on the lease as it was read. The interrupted
   * attempt counts: the job runs again at once if it has attempts left, else it fails.
   */
  async recover(doc: JobDoc, now: Date, reason: string, opts: { expiredBefore?: Date } = {}): Promise<RecoverResult> {
    const f: TypedFilter<JobDoc> = {
      _id: doc._id,
      status: 'running',
      attempts: doc.attempts,
      leaseOwner: doc.leaseOwner ?? null,
      leaseToken: doc.leaseToken ?? null,
      ...(opts.expiredBefore ? { leaseUntilMs: { $lt: opts.expiredBefore.getTime() } } : {}),
    };
    if (doc.next) return (await this.promote(f, doc.next, now)) ? 'replaced' : 'gone';
    let set: TypedUpdate<JobDoc>['$set'];
    let result: RecoverResult;
    if (doc.cancelRequested) {
      set = { status: 'cancelled', lastError: reason, ...this.ended(now) };
      result = 'cancelled';
    } else if (doc.attempts >= doc.maxAttempts) {
      set = { status: 'failed', lastError: `${reason} Sin intentos restantes (${doc.attempts} de ${doc.maxAttempts}).`, ...this.ended(now) };
      result = 'failed';
    } else {
      set = { status: 'scheduled', dueAtMs: now.getTime(), lastError: reason, updatedAt: now };
      result = 'rescheduled';
    }
    const res = await this.jobs.updateOne({ ...f, next: { $exists: false } }, { $set: set, $unset: { ...LEASE_FIELDS, cancelRequested: 1 } });
    return res.matched === 1 ? result : 'gone';
  }

  /** Marks a document that fails the schema as failed (it must have an _id), so it is not read again. */
  async markCorrupt(id: unknown, reason: string, now: Date): Promise<boolean> {
    const res = await this.jobs.raw.updateOne(
      { _id: id },
      { $set: { status: 'failed', lastError: reason, ...this.ended(now) }, $unset: { dueAtMs: 1, ...LEASE_FIELDS } },
    );
    return res.matched === 1;
  }

  /**
   * Deletes the jobs finished more than the retention period ago (see the class comment); returns how
   * many. MongoDB's TTL index does it too; on the embedded store this is what keeps the file small.
   */
  async purgeFinished(now: Date): Promise<number> {
    if (this.retentionMs === null) return 0;
    return this.jobs.deleteMany({ status: { $in: ['done', 'failed', 'cancelled'] }, finishedAt: { $lt: new Date(now.getTime() - this.retentionMs) } });
  }

  /** The fields every end (done, failed, cancelled) sets. */
  private ended(now: Date): { finishedAt: Date; updatedAt: Date; expiresAt?: Date } {
    return { finishedAt: now, updatedAt: now, ...(this.retentionMs !== null ? { expiresAt: new Date(now.getTime() + this.retentionMs) } : {}) };
  }

  /** Replaces the version in `f` by `next`, fenced on both. */
  private async promote(f: TypedFilter<JobDoc>, next: JobNextVersion, now: Date): Promise<boolean> {
    const res = await this.jobs.updateOne(
      { ...f, 'next.rev': next.rev },
      {
        $set: {
          kind: next.kind,
          status: 'scheduled',
          runAt: next.runAt,
          dueAtMs: next.runAt.getTime(),
          payloadJson: next.payloadJson,
          maxAttempts: next.maxAttempts,
          rev: next.rev,
          attempts: 0,
          updatedAt: now,
        },
        $unset: { ...LEASE_FIELDS, next: 1, startedAt: 1, finishedAt: 1, expiresAt: 1, lastError: 1, cancelRequested: 1 },
      },
    );
    return res.matched === 1;
  }
}

/** The filter that matches a job only while it is still held by this claim. */
function fence(job: ClaimedJob): TypedFilter<JobDoc> {
  return { _id: job._id, status: 'running', leaseOwner: job.leaseOwner, leaseToken: job.leaseToken, attempts: job.attempts };
}

function isSameClaim(current: JobDoc, job: ClaimedJob): boolean {
  return current.status === 'running' && current.leaseOwner === job.leaseOwner && current.leaseToken === job.leaseToken && current.attempts === job.attempts;
}
