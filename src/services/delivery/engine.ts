import { randomUUID } from 'node:crypto';
import type { ConversationRef, OutgoingMessage } from '../../domain/conversationRef.js';
import { RateLimiter, resolveRateLimits, type RateKeys, type RateLimits } from '../../domain/delivery/rateLimiter.js';
import { DEFAULT_RETRY, decide, type RetryOptions } from '../../domain/delivery/retryPolicy.js';
import type { Logger } from '../../logger.js';
import { type Collection, type Filter, type Store, type Update, isDuplicateKeyError } from '../../store/types.js';
import { type DeliveryClock, systemClock } from './clock.js';
import { type DeliveryResult, type DeliveryTarget, type DeliveryTransport, type OpenChatResult, requestCost } from './transport.js';
import {
  type BroadcastDoc,
  type BroadcastRecipient,
  type BroadcastStatus,
  DELIVERY_STATES,
  type DeliveryState,
  type EnqueueBroadcastInput,
  type EnqueueResult,
  type OutboxDoc,
  type WaitingInstallEntry,
} from './types.js';

/**
 * Durable proactive delivery: every broadcast (group notifications, reminders, ballots, surveys) goes
 * through a persistent outbox and is sent by this engine, within Teams' rate limits, with retries.
 *
 * How it works
 * - `enqueueBroadcast` writes one outbox document per recipient (unique on broadcastId + recipientKey, so
 *   enqueuing the same broadcast again never queues anyone twice) and a `broadcasts` document.
 * - A worker loop reads due messages (pending with nextAttemptAt <= now, or sending with an expired lease)
 *   and claims each with an atomic compare-and-set on its _id (pending → sending, leaseOwner = this
 *   instance, leaseUntil = now + leaseMs, attempts + 1). Only the instance whose claim matched sends it,
 *   so several engines can share one store. Messages are claimed a little ahead (up to `concurrency`,
 *   only where their conversation has room) and each goes out the moment the in-process rate limiter
 *   admits it; up to `concurrency` sends are in flight at once. A personal chat still to be created is
 *   a step of its own (one request), charged to the limits when it is made.
 * - After the one HTTP attempt the outcome is written, guarded by the lease: sent, blocked (403), failed
 *   (other 4xx, or too many attempts), or back to pending with nextAttemptAt = now + backoff (exponential,
 *   full jitter, never earlier than Retry-After). The schedule lives in the store, so it survives restarts.
 * - The transport makes one attempt and never retries by itself; retries are only the engine's.
 * - Timers only pace the polling of the store; the store is the only record of what is due.
 *
 * Delivery guarantee: at least once for every message, exactly once except in these cases.
 * - A process killed (or a store write lost) after the HTTP request left but before the outcome was
 *   written: those messages — at most `concurrency` per instance, the ones in flight — are sent again
 *   when their lease expires (or at once by the same instanceId on restart). Nothing enqueued is lost.
 *   Messages claimed ahead but not yet sent are taken back the same way; they were never sent, so they
 *   arrive once. `stop()` finishes the sends in flight and gives back the rest: a clean shutdown
 *   duplicates nothing.
 * - A retried timeout / network error / 5xx whose request did reach Teams: the Bot Connector has no
 *   idempotency key, so such a retry can show the message twice.
 * Keep `leaseMs` well above the transport's request timeout, or a slow send could be claimed twice.
 */

export interface DeliveryEngineOptions {
  store: Store;
  transport: DeliveryTransport;
  logger: Logger;
  /**
   * Names this process among those sharing the store. Keep it stable across restarts of the same
   * deployment (e.g. the hostname of a single server, or the replica name) so that a restart takes back
   * its own in-flight messages at once; two live processes must never share one.
   */
  instanceId: string;
  clock?: DeliveryClock;
  /** Rate limits; defaults to the documented Teams limits. With N instances, give each 1/N of perTenant. */
  limits?: Partial<RateLimits>;
  /** Sends in flight at once (default 32): with ~100 ms per request, 5+ are needed for 50/s. */
  concurrency?: number;
  /** How often an idle worker looks for new work enqueued by other instances (default 1,000 ms). */
  pollIntervalMs?: number;
  /** How long a claim lasts (default 120,000 ms). Must exceed the transport's request timeout. */
  leaseMs?: number;
  /** Total attempts per message (default 8). */
  maxAttempts?: number;
  /** Backoff base and cap (defaults 1 s and 5 min). */
  retry?: Partial<Omit<RetryOptions, 'maxAttempts'>>;
  /** Random source for the jitter (tests pass a fixed one). */
  random?: () => number;
  /** Messages read from the store per query (default max(512, 16 × concurrency)): fewer, larger reads. */
  batchSize?: number;
  /** Used for recipients given as `user` without serviceUrl/tenantId/botId. */
  personalChatDefaults?: { serviceUrl?: string; tenantId?: string; botId?: string };
  /** Called once (by one instance) when a broadcast has nothing left to send. Errors are logged. */
  onBroadcastFinished?: (status: BroadcastStatus) => void | Promise<unknown>;
  /** Called after a personal chat was created to deliver a message, so the app can remember it. */
  onConversationCreated?: (recipientKey: string, ref: ConversationRef) => void | Promise<unknown>;
  /** Text of the notice sent to `startedBy` when a broadcast ends (default: a Spanish summary). */
  completionMessage?: (status: BroadcastStatus) => OutgoingMessage;
}

const OUTBOX = 'outbox';
const BROADCASTS = 'broadcasts';
const DEFAULT_PRIORITY = 10;
const NOTICE_PRIORITY = 0;
const NOTICE_PREFIX = 'aviso-fin:';
const INSERT_CHUNK = 50;
/** Candidates read from the store are re-read at least this often (new, higher-priority work). */
const BUFFER_MAX_AGE_MS = 10_000;

export function conversationRateKey(conversationId: string): string {
  return `c:${conversationId}`;
}

function rateKeyOf(target: DeliveryTarget): string {
  if (target.kind === 'conversation') return conversationRateKey(target.ref.conversation.id);
  return target.conversationId ? conversationRateKey(target.conversationId) : `u:${target.user.userId}`;
}

function tenantOfRef(ref: ConversationRef): string | undefined {
  return ref.tenantId ?? ref.conversation.tenantId;
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export class DeliveryEngine {
  private readonly store: Store;
  private readonly outbox: Collection<OutboxDoc>;
  private readonly broadcasts: Collection<BroadcastDoc>;
  private readonly transport: DeliveryTransport;
  private readonly logger: Logger;
  private readonly clock: DeliveryClock;
  private readonly limiter: RateLimiter;
  private readonly retry: RetryOptions;
  private readonly random: () => number;
  readonly instanceId: string;
  readonly concurrency: number;
  private readonly pollIntervalMs: number;
  private readonly leaseMs: number;
  private readonly batchSize: number;
  private readonly finishCheckMs: number;
  private readonly opts: DeliveryEngineOptions;

  private running = false;
  private loopDone: Promise<void> = Promise.resolve();
  /** Pending sleeps of the loop; `wake` cuts them short. */
  private readonly sleepers = new Set<AbortController>();
  /** Set when new work may exist (enqueue, install): the next loop turn re-reads the store. */
  private dirty = true;
  private buffer: OutboxDoc[] = [];
  private bufferReadAt = -Infinity;
  /** Conversations held back by their rate limit, until the given time. */
  private readonly heldKeys = new Map<string, number>();
  /** Sends under way (HTTP request made or about to be). */
  private readonly inFlight = new Map<string, Promise<void>>();
  /** Claimed by this instance and waiting for the rate limiter, in order. */
  private ready: OutboxDoc[] = [];
  private readonly claiming = new Set<Promise<void>>();
  private readonly claimingIds = new Set<string>();
  /** Requests claimed per conversation and not yet sent (so claims do not overfill a conversation). */
  private readonly reserved = new Map<string, number>();
  private readonly readyTarget: number;
  /** After a read found nothing, do not read again before this unless woken. */
  private readonly emptyReadBackoffMs: number;
  private lastFinishCheck = -Infinity;
  private drainWaiters: (() => void)[] = [];

  constructor(opts: DeliveryEngineOptions) {
    this.opts = opts;
    this.store = opts.store;
    this.outbox = opts.store.collection<OutboxDoc>(OUTBOX);
    this.broadcasts = opts.store.collection<BroadcastDoc>(BROADCASTS);
    this.transport = opts.transport;
    this.logger = opts.logger;
    this.clock = opts.clock ?? systemClock;
    this.instanceId = opts.instanceId;
    if (!this.instanceId) throw new Error('DeliveryEngine needs an instanceId');
    this.limiter = new RateLimiter(resolveRateLimits(opts.limits), () => this.clock.now());
    this.retry = { ...DEFAULT_RETRY, ...opts.retry, maxAttempts: opts.maxAttempts ?? DEFAULT_RETRY.maxAttempts };
    this.random = opts.random ?? Math.random;
    this.concurrency = Math.max(1, Math.floor(opts.concurrency ?? 32));
    this.pollIntervalMs = Math.max(1, opts.pollIntervalMs ?? 1_000);
    this.leaseMs = opts.leaseMs ?? 120_000;
    this.batchSize = Math.max(1, opts.batchSize ?? Math.max(512, 16 * this.concurrency));
    this.finishCheckMs = Math.max(this.pollIntervalMs, 500);
    this.readyTarget = this.concurrency;
    this.emptyReadBackoffMs = Math.min(this.pollIntervalMs, 250);
    if (this.retry.maxAttempts < 1) throw new Error('maxAttempts must be >= 1');
  }

  /**
   * Creates the indexes and takes back the messages this instanceId left in flight when its previous
   * process stopped without finishing them (they may have been delivered: see the guarantee above).
   */
  async init(): Promise<void> {
    await this.store.ensureIndexes(OUTBOX, [
      { fields: ['broadcastId', 'recipientKey'], unique: true },
      { fields: ['state', 'nextAttemptAt'] },
      { fields: ['state', 'priority', 'createdAt', 'seq'] },
      { fields: ['state'] },
      { fields: ['broadcastId'] },
    ]);
    await this.store.ensureIndexes(BROADCASTS, [{ fields: ['state'] }, { fields: ['createdAt'] }]);
    const now = this.clock.now();
    const res = await this.outbox.updateMany(
      { state: 'sending', leaseOwner: this.instanceId },
      { $set: { state: 'pending', nextAttemptAt: new Date(now), updatedAt: new Date(now) }, $unset: { leaseOwner: 1, leaseUntil: 1 } },
    );
    if (res.modified > 0) {
      this.logger.warn({ count: res.modified }, 'delivery: messages left in flight by the previous run re-queued (they may be delivered twice)');
    }
  }

  /** Starts the worker loop (idempotent). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.dirty = true;
    this.loopDone = this.loop();
  }

  /**
   * Stops taking new work, waits for the sends in flight and records their outcomes. Nothing is left
   * half-done: every claimed message ends sent/failed/blocked or back to pending.
   */
  async stop(): Promise<void> {
    if (!this.running) {
      await this.loopDone;
      return;
    }
    this.running = false;
    this.wake();
    await this.loopDone;
    // Sends under way finish and are recorded (a chat creation puts its message back in `ready`).
    await Promise.all(this.inFlight.values());
    await Promise.all(this.claiming);
    // Claimed ahead but never attempted: back to pending, as they were.
    for (const doc of this.ready.splice(0)) await this.release(doc);
    this.reserved.clear();
    // A drain() still waiting gives up: the engine no longer runs.
    for (const w of this.drainWaiters.splice(0)) w();
  }

  /**
   * Runs until the whole outbox has nothing pending or in flight (retries included, waiting-install
   * excluded) and finished broadcasts have been closed. Starts the loop if needed and stops it again.
   * Resolves early if stop() is called meanwhile.
   */
  async drain(): Promise<void> {
    const startedHere = !this.running;
    this.start();
    await new Promise<void>((resolve) => {
      this.drainWaiters.push(resolve);
      this.dirty = true;
      this.wake();
    });
    if (startedHere) await this.stop();
  }

  /**
   * Queues a broadcast. Idempotent: recipients already queued under the same broadcastId are counted as
   * `alreadyQueued` and left as they are, so a broadcast interrupted while enqueuing can simply be
   * enqueued again. Adding recipients to a finished broadcast reopens it (a new round, with its own
   * completion notice); enqueuing it again with nobody new changes nothing.
   */
  async enqueueBroadcast(input: EnqueueBroadcastInput): Promise<EnqueueResult> {
    if (!input.broadcastId || input.broadcastId.startsWith(NOTICE_PREFIX)) throw new Error(`Invalid broadcastId: ${input.broadcastId}`);
    const now = new Date(this.clock.now());
    const priority = input.priority ?? DEFAULT_PRIORITY;
    let existing: BroadcastDoc | null = null;
    try {
      await this.broadcasts.insertOne({
        _id: input.broadcastId,
        kind: input.kind,
        state: 'enqueuing',
        total: 0,
        round: 1,
        priority,
        createdAt: now,
        updatedAt: now,
        ...(input.title ? { title: input.title } : {}),
        ...(input.startedBy ? { startedBy: input.startedBy } : {}),
        ...(input.expiresAt ? { expiresAt: input.expiresAt } : {}),
      });
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
      existing = await this.broadcasts.findOne({ _id: input.broadcastId });
      if (existing && existing.state !== 'finished') {
        await this.broadcasts.updateOne({ _id: input.broadcastId }, { $set: { state: 'enqueuing', updatedAt: now } });
      }
    }

    const result: EnqueueResult = { enqueued: 0, alreadyQueued: 0, waitingInstall: 0 };
    for (let i = 0; i < input.recipients.length; i += INSERT_CHUNK) {
      const chunk = input.recipients.slice(i, i + INSERT_CHUNK);
      await Promise.all(
        chunk.map(async (recipient, j) => {
          const doc = this.buildDoc(input, recipient, i + j, priority, now);
          try {
            await this.outbox.insertOne(doc);
            result.enqueued++;
            if (doc.state === 'waiting-install') result.waitingInstall++;
          } catch (err) {
            if (!isDuplicateKeyError(err)) throw err;
            result.alreadyQueued++;
          }
        }),
      );
    }

    if (!(existing?.state === 'finished' && result.enqueued === 0)) {
      const total = await this.outbox.countDocuments({ broadcastId: input.broadcastId });
      await this.broadcasts.updateOne(
        { _id: input.broadcastId },
        {
          $set: { state: 'active', total, updatedAt: new Date(this.clock.now()) },
          // New recipients after it had finished: a new round, which ends with its own notice.
          ...(existing?.state === 'finished' ? { $inc: { round: 1 } } : {}),
        },
      );
    }
    this.logger.info({ broadcastId: input.broadcastId, kind: input.kind, ...result }, 'delivery: broadcast enqueued');
    this.dirty = true;
    this.wake();
    return result;
  }

  private buildDoc(input: EnqueueBroadcastInput, r: BroadcastRecipient, seq: number, priority: number, now: Date): OutboxDoc {
    if (!r.recipientKey) throw new Error(`Recipient without recipientKey in broadcast ${input.broadcastId}`);
    const target = this.resolveTarget(r);
    const tenantKey = (r.ref && tenantOfRef(r.ref)) ?? r.user?.tenantId ?? this.opts.personalChatDefaults?.tenantId ?? 'default';
    const person = r.user ? { id: r.user.id, aadObjectId: r.user.aadObjectId, name: r.user.name } : r.ref?.user ? { ...r.ref.user } : undefined;
    return {
      _id: randomUUID(),
      broadcastId: input.broadcastId,
      recipientKey: r.recipientKey,
      kind: input.kind,
      seq,
      priority,
      ...(target ? { target, rateKey: rateKeyOf(target) } : {}),
      ...(person ? { person: stripUndefined(person) } : {}),
      messageJson: JSON.stringify(r.message),
      state: target ? 'pending' : 'waiting-install',
      attempts: 0,
      nextAttemptAt: now,
      tenantKey,
      ...(input.expiresAt ? { expiresAt: input.expiresAt } : {}),
      createdAt: now,
      updatedAt: now,
    };
  }

  private resolveTarget(r: BroadcastRecipient): DeliveryTarget | undefined {
    if (r.ref) return { kind: 'conversation', ref: r.ref };
    const d = this.opts.personalChatDefaults ?? {};
    const u = r.user;
    const serviceUrl = u?.serviceUrl ?? d.serviceUrl;
    const tenantId = u?.tenantId ?? d.tenantId;
    const botId = u?.botId ?? d.botId;
    if (u?.id && serviceUrl && tenantId && botId) return { kind: 'user', user: { userId: u.id, serviceUrl, tenantId, botId } };
    return undefined;
  }

  /** Recipients who cannot be messaged yet because they have not installed the app. */
  async listWaitingInstall(broadcastId?: string): Promise<WaitingInstallEntry[]> {
    const docs = await this.outbox.find({ state: 'waiting-install', ...(broadcastId ? { broadcastId } : {}) }, { sort: { createdAt: 1 } });
    return docs.map((d) => ({
      broadcastId: d.broadcastId,
      recipientKey: d.recipientKey,
      kind: d.kind,
      ...(d.person ? { person: d.person } : {}),
      since: d.createdAt,
    }));
  }

  /**
   * She installed the app (or a conversation with her became known): her waiting messages are queued
   * to `ref`. Returns how many were re-queued.
   */
  async onInstalled(recipientKey: string, ref: ConversationRef): Promise<number> {
    const now = new Date(this.clock.now());
    const target: DeliveryTarget = { kind: 'conversation', ref };
    const res = await this.outbox.updateMany(
      { recipientKey, state: 'waiting-install' },
      {
        $set: {
          state: 'pending',
          target,
          rateKey: rateKeyOf(target),
          tenantKey: tenantOfRef(ref) ?? this.opts.personalChatDefaults?.tenantId ?? 'default',
          nextAttemptAt: now,
          updatedAt: now,
        },
      },
    );
    if (res.modified > 0) {
      this.logger.info({ recipientKey, count: res.modified }, 'delivery: waiting messages re-queued after install');
      this.dirty = true;
      this.wake();
    }
    return res.modified;
  }

  /**
   * Broadcasts with their counts per state and the most frequent error reasons: one broadcast, or the
   * most recent ones (newest first).
   */
  async status(broadcastId?: string, options: { limit?: number } = {}): Promise<BroadcastStatus[]> {
    const docs = broadcastId
      ? await this.broadcasts.find({ _id: broadcastId })
      : await this.broadcasts.find({}, { sort: { createdAt: -1 }, limit: options.limit ?? 20 });
    return Promise.all(docs.map((b) => this.statusOf(b)));
  }

  private async statusOf(b: BroadcastDoc): Promise<BroadcastStatus> {
    const counts = {} as Record<DeliveryState, number>;
    await Promise.all(
      DELIVERY_STATES.map(async (s) => {
        counts[s] = await this.outbox.countDocuments({ broadcastId: b._id, state: s });
      }),
    );
    const retrying = await this.outbox.countDocuments({ broadcastId: b._id, state: 'pending', attempts: { $gt: 0 } });
    const tally = new Map<string, number>();
    if (counts.failed + counts.blocked > 0) {
      for (const d of await this.outbox.find({ broadcastId: b._id, state: { $in: ['failed', 'blocked'] } })) {
        const reason = d.lastError ?? 'Sin detalle';
        tally.set(reason, (tally.get(reason) ?? 0) + 1);
      }
    }
    const topErrors = [...tally.entries()]
      .sort((a, b2) => b2[1] - a[1] || a[0].localeCompare(b2[0]))
      .slice(0, 5)
      .map(([reason, count]) => ({ reason, count }));
    return {
      broadcastId: b._id,
      kind: b.kind,
      ...(b.title ? { title: b.title } : {}),
      state: b.state,
      ...(b.startedBy ? { startedBy: b.startedBy } : {}),
      total: b.total,
      counts,
      retrying,
      topErrors,
      createdAt: b.createdAt,
      ...(b.finishedAt ? { finishedAt: b.finishedAt } : {}),
    };
  }

  // ---- worker loop ----------------------------------------------------------------------------
  //
  // Two stages. Claiming: due messages whose conversation has room are claimed ahead (leased, in the
  // background, up to `readyTarget`) into `ready`. Sending: the head of `ready` goes out as soon as the
  // rate limiter admits it, with no store write between admission and the HTTP request, so the limiter's
  // clock and the service's agree and the tenant budget is used to the full.

  private wake(): void {
    for (const c of this.sleepers) c.abort();
    this.sleepers.clear();
  }

  /** Sleeps until `ms` pass, `wake` is called, or `until` settles (whichever comes first). */
  private async sleep(ms: number, until?: Promise<unknown>): Promise<void> {
    const c = new AbortController();
    this.sleepers.add(c);
    try {
      const nap = this.clock.sleep(Math.max(1, Math.ceil(ms)), c.signal);
      await (until ? Promise.race([nap, until]) : nap);
    } finally {
      c.abort(); // releases the timer when `until` won
      this.sleepers.delete(c);
    }
  }

  private waitForSlot(): Promise<void> {
    return Promise.race(this.inFlight.values());
  }

  private async loop(): Promise<void> {
    while (this.running) {
      try {
        await this.step();
      } catch (err) {
        this.logger.error({ err }, 'delivery: worker loop error');
        if (this.running) await this.sleep(this.pollIntervalMs);
      }
    }
  }

  private async step(): Promise<void> {
    // Sending comes first: the head of `ready` goes out the moment the limiter admits it. Store reads
    // and other housekeeping run in the gaps while the tenant limit makes it wait, so they never delay a
    // send whose slot is free (under a sliding window, time lost there is capacity lost for good).
    if (this.ready.length > 0 && this.inFlight.size < this.concurrency) {
      const wait = await this.sendHead();
      if (wait === 0) return;
      const until = this.clock.now() + wait;
      await this.housekeeping();
      const left = until - this.clock.now();
      if (left > 0) await this.sleep(left);
      return;
    }
    await this.housekeeping();
    if (this.inFlight.size >= this.concurrency) {
      await this.waitForSlot();
      return;
    }
    if (this.ready.length > 0) return;
    if (this.claiming.size > 0) {
      // Claims are single store writes and always settle; the next one may be ready to send.
      await Promise.race(this.claiming);
      return;
    }
    await this.idle();
  }

  private async housekeeping(): Promise<void> {
    const now = this.clock.now();
    if (now - this.lastFinishCheck >= this.finishCheckMs) {
      this.lastFinishCheck = now;
      await this.closeFinishedBroadcasts();
    }
    await this.topUp(now);
  }

  private keysOf(doc: OutboxDoc, target: DeliveryTarget): RateKeys {
    return { conversation: doc.rateKey ?? rateKeyOf(target), tenant: doc.tenantKey };
  }

  private reserve(key: string, cost: number): void {
    this.reserved.set(key, (this.reserved.get(key) ?? 0) + cost);
  }

  private unreserve(key: string, cost: number): void {
    const left = (this.reserved.get(key) ?? 0) - cost;
    if (left > 0) this.reserved.set(key, left);
    else this.reserved.delete(key);
  }

  /** Claims due messages (in the background) until `ready` plus the claims under way reach the target. */
  private async topUp(now: number): Promise<void> {
    while (this.running && this.ready.length + this.claiming.size < this.readyTarget) {
      const cand = await this.nextCandidate(now);
      if (!cand) return;
      if (cand.expiresAt && cand.expiresAt.getTime() <= now) {
        await this.expire(cand, now);
        continue;
      }
      const target = cand.target;
      if (!target) {
        // Cannot happen through this API (pending implies a target); fail it rather than spin on it.
        await this.finishWithoutSending(cand, now, 'Sin destino');
        continue;
      }
      const keys = this.keysOf(cand, target);
      const cost = this.stepCost(target);
      // Room in its conversation, counting the messages to it already claimed and not yet sent?
      const wait = this.limiter.conversationWait(keys.conversation, cost + (this.reserved.get(keys.conversation) ?? 0));
      if (wait > 0) {
        // Hold this conversation back and move on to others; re-reads skip it until then.
        this.heldKeys.set(keys.conversation, now + wait);
        this.buffer = this.buffer.filter((d) => d.rateKey !== keys.conversation);
        continue;
      }
      this.reserve(keys.conversation, cost);
      this.claimingIds.add(cand._id);
      const p: Promise<void> = this.claim(cand, now)
        .then(
          (claimed) => {
            if (claimed) this.ready.push(claimed);
            else this.unreserve(keys.conversation, cost); // another instance has it
          },
          (err: unknown) => {
            this.unreserve(keys.conversation, cost);
            this.logger.error({ err, messageId: cand._id }, 'delivery: claim failed');
          },
        )
        .finally(() => {
          this.claiming.delete(p);
          this.claimingIds.delete(cand._id);
        });
      this.claiming.add(p);
    }
  }

  private async nextCandidate(now: number): Promise<OutboxDoc | undefined> {
    if (this.dirty || this.buffer.length === 0 || now - this.bufferReadAt > BUFFER_MAX_AGE_MS) {
      if (!this.dirty && this.buffer.length === 0 && now - this.bufferReadAt < this.emptyReadBackoffMs) return undefined;
      await this.refill(now);
    }
    return this.buffer.shift();
  }

  private async refill(now: number): Promise<void> {
    // A sorted read of a large outbox can hold the event loop for a few milliseconds (embedded store):
    // let the requests just handed to fetch reach the network first, so they leave when admitted.
    await yieldToIo();
    this.dirty = false;
    this.bufferReadAt = now;
    for (const [key, until] of this.heldKeys) if (until <= now) this.heldKeys.delete(key);
    const held = [...this.heldKeys.keys()];
    const at = new Date(now);
    const expired = await this.outbox.find({ state: 'sending', leaseUntil: { $lt: at } }, { limit: this.batchSize });
    const due = await this.outbox.find(
      { state: 'pending', nextAttemptAt: { $lte: at }, ...(held.length ? { rateKey: { $nin: held } } : {}) },
      // Oldest enqueued first (not earliest due): a retry that is due again goes before messages enqueued
      // after it, instead of waiting behind a whole large broadcast.
      { sort: { priority: 1, createdAt: 1, seq: 1 }, limit: this.batchSize },
    );
    this.buffer = [...expired, ...due].filter((d) => !this.isMine(d._id) && !(d.rateKey && this.heldKeys.has(d.rateKey)));
  }

  /** Claimed, being claimed or being sent by this instance. */
  private isMine(id: string): boolean {
    return this.inFlight.has(id) || this.claimingIds.has(id) || this.ready.some((d) => d._id === id);
  }

  /** Nothing to send right now: wait for a send to finish, new work, the next due time or the poll. */
  private async idle(): Promise<void> {
    if (this.dirty || !this.running) return;
    const now = this.clock.now();
    let wait = this.pollIntervalMs;
    const [nextPending] = await this.outbox.find({ state: 'pending' }, { sort: { nextAttemptAt: 1 }, limit: 1 });
    if (nextPending) wait = Math.min(wait, nextPending.nextAttemptAt.getTime() - now);
    const [nextLease] = await this.outbox.find({ state: 'sending' }, { sort: { leaseUntil: 1 }, limit: 1 });
    if (nextLease?.leaseUntil && !this.isMine(nextLease._id)) wait = Math.min(wait, nextLease.leaseUntil.getTime() - now + 1);
    for (const until of this.heldKeys.values()) wait = Math.min(wait, until - now);

    if (this.inFlight.size === 0 && this.drainWaiters.length > 0 && !nextPending && !nextLease) {
      await this.closeFinishedBroadcasts();
      const open = await this.outbox.countDocuments({ state: { $in: ['pending', 'sending'] } });
      if (open === 0 && this.inFlight.size === 0) {
        const waiters = this.drainWaiters;
        this.drainWaiters = [];
        for (const w of waiters) w();
        return;
      }
      wait = Math.min(wait, 1);
    }
    if (this.dirty || !this.running) return;
    // Whatever happens next, read the store again.
    this.bufferReadAt = -Infinity;
    await this.sleep(wait, this.inFlight.size > 0 ? this.waitForSlot() : undefined);
  }

  /**
   * Sends the head of `ready` if the rate limits admit it now. Returns 0 when it went (or was given
   * back), else how long the tenant limit makes everyone wait.
   */
  private async sendHead(): Promise<number> {
    const doc = this.ready[0]!;
    const target = doc.target!;
    const keys = this.keysOf(doc, target);
    const cost = this.stepCost(target);
    const acquisition = this.limiter.tryAcquire(keys, cost);
    if (!acquisition.ok && acquisition.scope === 'tenant') return acquisition.retryInMs;
    this.ready.shift();
    this.unreserve(keys.conversation, cost);
    if (!acquisition.ok) {
      // Its conversation filled up after the claim (e.g. a 429 paused it): give the message back.
      this.heldKeys.set(keys.conversation, this.clock.now() + acquisition.retryInMs);
      await this.release(doc);
      return 0;
    }
    const task = this.attempt(doc, keys)
      .catch((err: unknown) => this.logger.error({ err, messageId: doc._id }, 'delivery: unexpected error while sending'))
      .finally(() => {
        this.inFlight.delete(doc._id);
      });
    this.inFlight.set(doc._id, task);
    return 0;
  }

  /**
   * Atomic claim: a compare-and-set on the message's _id and the state it was read in. (Not
   * findOneAndUpdate with the due-filter: the embedded adapter would scan the whole outbox on every
   * claim; a CAS on _id is an indexed single-document update in both adapters, and just as atomic.)
   */
  private async claim(doc: OutboxDoc, now: number): Promise<OutboxDoc | null> {
    const at = new Date(now);
    const filter: Filter =
      doc.state === 'pending'
        ? { _id: doc._id, state: 'pending', attempts: doc.attempts, nextAttemptAt: { $lte: at } }
        : { _id: doc._id, state: 'sending', leaseOwner: doc.leaseOwner, leaseUntil: { $lt: at } };
    const leaseUntil = new Date(now + this.leaseMs);
    const res = await this.outbox.updateOne(filter, {
      $set: { state: 'sending', leaseOwner: this.instanceId, leaseUntil, updatedAt: at },
      $inc: { attempts: 1 },
    });
    if (res.matched !== 1) return null;
    if (doc.state === 'sending') {
      this.logger.warn({ messageId: doc._id, previousOwner: doc.leaseOwner }, 'delivery: expired lease taken over (the message may be delivered twice)');
    }
    return { ...doc, state: 'sending', leaseOwner: this.instanceId, leaseUntil, attempts: doc.attempts + 1 };
  }

  /** Gives back a claimed message that was not attempted (stop, or its conversation filled up). */
  private async release(doc: OutboxDoc): Promise<void> {
    await this.writeOutcome(
      { _id: doc._id, state: 'sending', leaseOwner: this.instanceId },
      { $set: { state: 'pending', updatedAt: new Date(this.clock.now()) }, $inc: { attempts: -1 }, $unset: { leaseOwner: 1, leaseUntil: 1 } },
    );
  }

  private async expire(doc: OutboxDoc, now: number): Promise<void> {
    await this.finishWithoutSending(doc, now, 'Caducó antes de poder enviarse');
  }

  private async finishWithoutSending(doc: OutboxDoc, now: number, reason: string): Promise<void> {
    const at = new Date(now);
    const filter: Filter =
      doc.state === 'pending' ? { _id: doc._id, state: 'pending', attempts: doc.attempts } : { _id: doc._id, state: 'sending', leaseOwner: doc.leaseOwner };
    await this.outbox.updateOne(filter, {
      $set: { state: 'failed', lastError: reason, doneAt: at, updatedAt: at },
      $unset: { leaseOwner: 1, leaseUntil: 1 },
    });
  }

  /** Requests the next step of a message costs: 1, or 2 when `send` has to create the chat too. */
  private stepCost(target: DeliveryTarget): number {
    return this.transport.openPersonalChat ? 1 : requestCost(target);
  }

  /**
   * One step of a claimed message: create her personal chat (when the transport can do it alone; the
   * message then goes back to the head of the queue, still claimed, to be charged and sent on its own),
   * or send it.
   */
  private async attempt(doc: OutboxDoc, keys: RateKeys): Promise<void> {
    const target = doc.target!;
    if (target.kind === 'user' && !target.conversationId && this.transport.openPersonalChat) {
      let opened: OpenChatResult;
      try {
        opened = await this.transport.openPersonalChat(target.user);
      } catch (err) {
        opened = { ok: false, error: errorMessage(err), network: true };
      }
      if (!opened.ok) {
        await this.recordOutcome(doc, keys, opened);
        return;
      }
      const rateKey = conversationRateKey(opened.conversationId);
      const matched = await this.writeOutcome(
        { _id: doc._id, state: 'sending', leaseOwner: this.instanceId },
        { $set: { 'target.conversationId': opened.conversationId, rateKey, updatedAt: new Date(this.clock.now()) } },
      );
      if (!matched) {
        this.logger.warn({ messageId: doc._id }, 'delivery: lease lost after creating a chat');
        return;
      }
      this.reserve(rateKey, 1);
      this.ready.unshift({ ...doc, target: { ...target, conversationId: opened.conversationId }, rateKey });
      this.wake();
      return;
    }
    let result: DeliveryResult;
    try {
      result = await this.transport.send({ messageId: doc._id, target, message: JSON.parse(doc.messageJson) as OutgoingMessage });
    } catch (err) {
      result = { ok: false, error: errorMessage(err), network: true };
    }
    await this.recordOutcome(doc, keys, result);
  }

  private async recordOutcome(doc: OutboxDoc, keys: RateKeys, result: DeliveryResult): Promise<void> {
    const target = doc.target!;
    const now = this.clock.now();
    const at = new Date(now);
    const decision = decide(result, doc.attempts, this.retry, this.random);
    const set: Record<string, unknown> = { updatedAt: at };
    const createdConversation = target.kind === 'user' && !target.conversationId && result.conversationId ? result.conversationId : undefined;
    if (createdConversation) {
      set['target.conversationId'] = createdConversation;
      set.rateKey = conversationRateKey(createdConversation);
    }
    switch (decision.kind) {
      case 'sent':
        Object.assign(set, { state: 'sent', doneAt: at, ...(result.ok ? { activityId: result.activityId } : {}) });
        if (result.ok && result.conversationId) set.conversationId = result.conversationId;
        break;
      case 'retry':
        Object.assign(set, { state: 'pending', nextAttemptAt: new Date(now + decision.delayMs), lastError: decision.reason });
        break;
      case 'blocked':
      case 'failed':
        Object.assign(set, { state: decision.kind, doneAt: at, lastError: decision.reason });
        break;
    }
    if (!result.ok) {
      set.lastStatus = result.status ?? null;
      if (result.status === 429 && result.retryAfterMs !== undefined) {
        this.limiter.pauseConversation(keys.conversation, now + result.retryAfterMs);
      }
    }
    const update: Update = { $set: set, $unset: { leaseOwner: 1, leaseUntil: 1 } };
    const matched = await this.writeOutcome({ _id: doc._id, state: 'sending', leaseOwner: this.instanceId }, update);
    const log = { messageId: doc._id, broadcastId: doc.broadcastId, recipientKey: doc.recipientKey, attempts: doc.attempts };
    if (!matched) this.logger.warn({ ...log, outcome: decision.kind }, 'delivery: lease lost before the outcome was recorded');
    else if (decision.kind === 'sent') this.logger.debug(log, 'delivery: sent');
    else this.logger.info({ ...log, outcome: decision.kind, reason: decision.reason }, 'delivery: attempt failed');

    const personalChat = target.kind === 'user' ? (createdConversation ?? target.conversationId) : undefined;
    if (decision.kind === 'sent' && personalChat && target.kind === 'user' && this.opts.onConversationCreated) {
      const ref: ConversationRef = {
        channelId: 'msteams',
        serviceUrl: target.user.serviceUrl,
        tenantId: target.user.tenantId,
        conversation: { id: personalChat, conversationType: 'personal', isGroup: false, tenantId: target.user.tenantId },
        bot: { id: target.user.botId },
        user: { id: target.user.userId },
      };
      try {
        await this.opts.onConversationCreated(doc.recipientKey, ref);
      } catch (err) {
        this.logger.error({ err, recipientKey: doc.recipientKey }, 'delivery: onConversationCreated failed');
      }
    }
  }

  /** Records an outcome; retried a few times so a store hiccup does not turn into a duplicate. */
  private async writeOutcome(filter: Filter, update: Update): Promise<boolean> {
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

  // ---- completion -------------------------------------------------------------------------------

  private async closeFinishedBroadcasts(): Promise<void> {
    await yieldToIo();
    const active = await this.broadcasts.find({ state: 'active' });
    for (const b of active) {
      // findOne stops at the first open message (cheaper than counting them on a large broadcast).
      const open = await this.outbox.findOne({ broadcastId: b._id, state: { $in: ['pending', 'sending'] } });
      if (open) continue;
      const now = new Date(this.clock.now());
      const status = await this.statusOf(b);
      // The notice is queued before the broadcast is closed, and its key is unique: a crash between the
      // two steps, or two instances racing, still yields exactly one notice.
      if (b.startedBy) await this.queueNotice(b, b.startedBy, status, now);
      const res = await this.broadcasts.updateOne({ _id: b._id, state: 'active' }, { $set: { state: 'finished', finishedAt: now, updatedAt: now } });
      if (res.matched !== 1) continue;
      const finished: BroadcastStatus = { ...status, state: 'finished', finishedAt: now };
      this.logger.info({ broadcastId: b._id, counts: status.counts }, 'delivery: broadcast finished');
      if (this.opts.onBroadcastFinished) {
        try {
          await this.opts.onBroadcastFinished(finished);
        } catch (err) {
          this.logger.error({ err, broadcastId: b._id }, 'delivery: onBroadcastFinished failed');
        }
      }
    }
  }

  private async queueNotice(b: BroadcastDoc, to: ConversationRef, status: BroadcastStatus, now: Date): Promise<void> {
    const target: DeliveryTarget = { kind: 'conversation', ref: to };
    const message = (this.opts.completionMessage ?? completionNotice)(status);
    try {
      await this.outbox.insertOne({
        _id: randomUUID(),
        broadcastId: NOTICE_PREFIX + b._id,
        recipientKey: `startedBy#${b.round ?? 1}`,
        kind: 'completion-notice',
        seq: 0,
        priority: NOTICE_PRIORITY,
        target,
        rateKey: rateKeyOf(target),
        tenantKey: tenantOfRef(to) ?? this.opts.personalChatDefaults?.tenantId ?? 'default',
        messageJson: JSON.stringify(message),
        state: 'pending',
        attempts: 0,
        nextAttemptAt: now,
        createdAt: now,
        updatedAt: now,
      });
      this.dirty = true;
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
    }
  }
}

function yieldToIo(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function stripUndefined<T extends Record<string, unknown>>(obj: T): T {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as T;
}

/** Default completion notice (es-MX). */
export function completionNotice(s: BroadcastStatus): OutgoingMessage {
  const name = s.title ? `«${s.title}»` : `«${s.kind}»`;
  const lines = [
    `Terminó el envío ${name} (${s.broadcastId}).`,
    `Entregados: ${s.counts.sent} de ${s.total}.`,
  ];
  if (s.counts.blocked) lines.push(`Bloqueados (la persona bloqueó o quitó la aplicación): ${s.counts.blocked}.`);
  if (s.counts.failed) lines.push(`Fallidos: ${s.counts.failed}.`);
  if (s.counts['waiting-install']) lines.push(`Sin la aplicación instalada (se les enviará cuando la instalen): ${s.counts['waiting-install']}.`);
  if (s.topErrors.length) lines.push(`Motivos más frecuentes: ${s.topErrors.map((e) => `${e.reason} (${e.count})`).join('; ')}.`);
  lines.push('Consulte el detalle con el comando «envios estado».');
  return { text: lines.join('\n\n') };
}
