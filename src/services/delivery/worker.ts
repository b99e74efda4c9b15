import type { RateKeys, RateLimiter } from '../../domain/delivery/rateLimiter.js';
import type { Logger } from '../../logger.js';
import { DueCandidates } from './candidates.js';
import type { DeliveryClock } from './clock.js';
import { rateKeyOf } from './keys.js';
import type { OutboxRepository } from './outboxRepository.js';
import type { MessageSender } from './sender.js';
import type { DeliveryTarget } from './transport.js';
import type { OutboxDoc } from './types.js';

export interface WorkerSettings {
  /** Sends in flight at once; also how many messages are claimed ahead. */
  concurrency: number;
  /** How often an idle worker looks for work enqueued by other instances. */
  pollIntervalMs: number;
  /** How long a claim lasts. */
  leaseMs: number;
  /** Messages read from the store per query. */
  batchSize: number;
  /** How often finished broadcasts are looked for while sending. */
  finishCheckMs: number;
  /** After a read found nothing, do not read again before this unless woken. */
  emptyReadBackoffMs: number;
}

/** The worker's settings from the engine's options, with their defaults (see DeliveryEngineOptions). */
export function resolveWorkerSettings(opts: { concurrency?: number; pollIntervalMs?: number; leaseMs?: number; batchSize?: number }): WorkerSettings {
  const concurrency = Math.max(1, Math.floor(opts.concurrency ?? 32));
  const pollIntervalMs = Math.max(1, opts.pollIntervalMs ?? 1_000);
  return {
    concurrency,
    pollIntervalMs,
    leaseMs: opts.leaseMs ?? 120_000,
    batchSize: Math.max(1, opts.batchSize ?? Math.max(512, 16 * concurrency)),
    finishCheckMs: Math.max(pollIntervalMs, 500),
    emptyReadBackoffMs: Math.min(pollIntervalMs, 250),
  };
}

export interface DeliveryWorkerOptions {
  repo: OutboxRepository;
  sender: MessageSender;
  limiter: RateLimiter;
  clock: DeliveryClock;
  logger: Logger;
  /** The lease owner written on claims. */
  instanceId: string;
  settings: WorkerSettings;
  /** Closes the broadcasts that have nothing left to send (see BroadcastCompletion). */
  closeFinished: () => Promise<void>;
}

/**
 * The scheduler: a loop that claims due messages and sends them within the rate limits.
 *
 * Two stages. Claiming: due messages whose conversation has room are claimed ahead (leased, in the
 * background, up to `concurrency`) into `ready`, each reserving its requests in its conversation so
 * claims do not overfill it. Sending: the head of `ready` goes out as soon as the rate limiter admits it,
 * with no store write between admission and the HTTP request, so the limiter's clock and the service's
 * agree and the tenant budget is used to the full. Timers only pace the polling of the store.
 */
export class DeliveryWorker {
  private readonly repo: OutboxRepository;
  private readonly sender: MessageSender;
  private readonly limiter: RateLimiter;
  private readonly clock: DeliveryClock;
  private readonly logger: Logger;
  private readonly instanceId: string;
  private readonly settings: WorkerSettings;
  private readonly closeFinished: () => Promise<void>;
  private readonly candidates: DueCandidates;

  private running = false;
  private loopDone: Promise<void> = Promise.resolve();
  /** Pending sleeps of the loop; `wake` cuts them short. */
  private readonly sleepers = new Set<AbortController>();
  /** Sends under way (HTTP request made or about to be). */
  private readonly inFlight = new Map<string, Promise<void>>();
  /** Claimed by this instance and waiting for the rate limiter, in order. */
  private ready: OutboxDoc[] = [];
  private readonly claiming = new Set<Promise<void>>();
  private readonly claimingIds = new Set<string>();
  /** Requests claimed per conversation and not yet sent (so claims do not overfill a conversation). */
  private readonly reserved = new Map<string, number>();
  private lastFinishCheck = -Infinity;
  private drainWaiters: (() => void)[] = [];

  constructor(opts: DeliveryWorkerOptions) {
    this.repo = opts.repo;
    this.sender = opts.sender;
    this.limiter = opts.limiter;
    this.clock = opts.clock;
    this.logger = opts.logger;
    this.instanceId = opts.instanceId;
    this.settings = opts.settings;
    this.closeFinished = opts.closeFinished;
    this.candidates = new DueCandidates({
      repo: opts.repo,
      batchSize: opts.settings.batchSize,
      emptyReadBackoffMs: opts.settings.emptyReadBackoffMs,
      isMine: (id) => this.isMine(id),
    });
  }

  /** Starts the loop (idempotent). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.candidates.markDirty();
    this.loopDone = this.loop();
  }

  /** See DeliveryEngine.stop. */
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

  /** See DeliveryEngine.drain. */
  async drain(): Promise<void> {
    const startedHere = !this.running;
    this.start();
    await new Promise<void>((resolve) => {
      this.drainWaiters.push(resolve);
      this.candidates.markDirty();
      this.wake();
    });
    if (startedHere) await this.stop();
  }

  /** New work may exist: read the store on the next turn. */
  markDirty(): void {
    this.candidates.markDirty();
  }

  /**
   * New work may be due now (enqueued, installed): read the store at once, even if the loop sleeps. With the
   * messages this instance has just inserted, they join the read-ahead without reading the store again.
   */
  newWork(inserted?: readonly OutboxDoc[]): void {
    if (inserted) this.candidates.offer(inserted, this.clock.now());
    else this.candidates.markDirty();
    this.wake();
  }

  // ---- the loop ---------------------------------------------------------------------------------

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
        if (this.running) await this.sleep(this.settings.pollIntervalMs);
      }
    }
  }

  private async step(): Promise<void> {
    // Sending comes first: the head of `ready` goes out the moment the limiter admits it. Store reads
    // and other housekeeping run in the gaps while the tenant limit makes it wait, so they never delay a
    // send whose slot is free (under a sliding window, time lost there is capacity lost for good).
    if (this.ready.length > 0 && this.inFlight.size < this.settings.concurrency) {
      const wait = await this.sendHead();
      if (wait === 0) return;
      const until = this.clock.now() + wait;
      // Claimed messages are still to send: a read of the store goes on in the background meanwhile.
      await this.housekeeping(false);
      const left = until - this.clock.now();
      if (left > 0) await this.sleep(left);
      return;
    }
    await this.housekeeping();
    if (this.inFlight.size >= this.settings.concurrency) {
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

  private async housekeeping(waitForRead = true): Promise<void> {
    const now = this.clock.now();
    if (now - this.lastFinishCheck >= this.settings.finishCheckMs) {
      this.lastFinishCheck = now;
      await this.closeFinished();
    }
    await this.topUp(now, waitForRead);
  }

  /** Nothing to send right now: wait for a send to finish, new work, the next due time or the poll. */
  private async idle(): Promise<void> {
    if (this.candidates.isDirty() || !this.running) return;
    const now = this.clock.now();
    let wait = this.settings.pollIntervalMs;
    const nextPending = await this.repo.nextPending();
    if (nextPending) wait = Math.min(wait, nextPending.nextAttemptAt.getTime() - now);
    const nextLease = await this.repo.nextLeaseEnd();
    if (nextLease?.leaseUntil && !this.isMine(nextLease._id)) wait = Math.min(wait, nextLease.leaseUntil.getTime() - now + 1);
    wait = Math.min(wait, this.candidates.untilFirstRelease(now));

    if (this.inFlight.size === 0 && this.drainWaiters.length > 0 && !nextPending && !nextLease) {
      await this.closeFinished();
      const open = await this.repo.countOpen();
      if (open === 0 && this.inFlight.size === 0) {
        const waiters = this.drainWaiters;
        this.drainWaiters = [];
        for (const w of waiters) w();
        return;
      }
      wait = Math.min(wait, 1);
    }
    if (this.candidates.isDirty() || !this.running) return;
    // Whatever happens next, read the store again.
    this.candidates.forgetRead();
    await this.sleep(wait, this.inFlight.size > 0 ? this.waitForSlot() : undefined);
  }

  // ---- claiming ---------------------------------------------------------------------------------

  /** Claimed, being claimed or being sent by this instance. */
  private isMine(id: string): boolean {
    return this.inFlight.has(id) || this.claimingIds.has(id) || this.ready.some((d) => d._id === id);
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

  /** Claims due messages (in the background) until `ready` plus the claims under way reach `concurrency`. */
  private async topUp(now: number, waitForRead = true): Promise<void> {
    while (this.running && this.ready.length + this.claiming.size < this.settings.concurrency) {
      const cand = await this.candidates.next(now, waitForRead);
      if (!cand || !this.running) return;
      if (cand.expiresAt && cand.expiresAt.getTime() <= now) {
        await this.repo.finishWithoutSending(cand, now, 'expired');
        continue;
      }
      const target = cand.target;
      if (!target) {
        // Cannot happen through this API (pending implies a target); fail it rather than spin on it.
        await this.repo.finishWithoutSending(cand, now, 'no-target');
        continue;
      }
      const keys = this.keysOf(cand, target);
      const cost = this.sender.stepCost(target);
      // Room in its conversation, counting the messages to it already claimed and not yet sent?
      const wait = this.limiter.conversationWait(keys.conversation, cost + (this.reserved.get(keys.conversation) ?? 0));
      if (wait > 0) {
        // Hold this conversation back and move on to others; re-reads skip it until then.
        this.candidates.holdAndSkip(keys.conversation, now + wait);
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

  private async claim(doc: OutboxDoc, now: number): Promise<OutboxDoc | null> {
    const claimed = await this.repo.claim(doc, this.instanceId, now, this.settings.leaseMs);
    if (claimed && doc.state === 'sending') {
      this.logger.warn({ messageId: doc._id, previousOwner: doc.leaseOwner }, 'delivery: expired lease taken over (the message may be delivered twice)');
    }
    return claimed;
  }

  /** Gives back a claimed message that was not attempted (stop, or its conversation filled up). */
  private async release(doc: OutboxDoc): Promise<void> {
    await this.repo.release(doc, this.instanceId, this.clock.now());
  }

  // ---- sending ----------------------------------------------------------------------------------

  /**
   * Sends the head of `ready` if the rate limits admit it now. Returns 0 when it went (or was given
   * back), else how long the tenant limit makes everyone wait.
   */
  private async sendHead(): Promise<number> {
    const doc = this.ready[0]!;
    const target = doc.target!;
    const keys = this.keysOf(doc, target);
    const cost = this.sender.stepCost(target);
    const acquisition = this.limiter.tryAcquire(keys, cost);
    if (!acquisition.ok && acquisition.scope === 'tenant') return acquisition.retryInMs;
    this.ready.shift();
    this.unreserve(keys.conversation, cost);
    if (!acquisition.ok) {
      // Its conversation filled up after the claim (e.g. a 429 paused it): give the message back.
      this.candidates.hold(keys.conversation, this.clock.now() + acquisition.retryInMs);
      await this.release(doc);
      return 0;
    }
    const task = this.sender
      .step(doc, acquisition.ticket)
      .then((next) => {
        // Her chat was created: the message, still claimed, goes back to the head to be sent on its own.
        if (!next) return;
        this.reserve(next.rateKey, 1);
        this.ready.unshift(next);
        this.wake();
      })
      .catch((err: unknown) => this.logger.error({ err, messageId: doc._id }, 'delivery: unexpected error while sending'))
      .finally(() => {
        this.inFlight.delete(doc._id);
      });
    this.inFlight.set(doc._id, task);
    return 0;
  }
}
