import type { ConversationRef, OutgoingMessage } from '../../domain/conversationRef.js';
import { RateLimiter, resolveRateLimits, type RateLimits } from '../../domain/delivery/rateLimiter.js';
import { DEFAULT_RETRY, type RetryOptions } from '../../domain/delivery/retryPolicy.js';
import type { Logger } from '../../logger.js';
import type { Store } from '../../store/types.js';
import { Broadcasts, type PersonalChatDefaults } from './broadcasts.js';
import { type DeliveryClock, systemClock } from './clock.js';
import { BroadcastCompletion } from './completion.js';
import { OutboxRepository } from './outboxRepository.js';
import { MessageSender } from './sender.js';
import { readStatus } from './status.js';
import type { DeliveryTransport } from './transport.js';
import type { BroadcastStatus, EnqueueBroadcastInput, EnqueueResult, WaitingInstallEntry } from './types.js';
import { DeliveryWorker, resolveWorkerSettings } from './worker.js';

export { conversationRateKey } from './keys.js';

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
 *   A 404 or 403 from one of her conversations moves the message to her next one (`fallbacks`, most
 *   recently used first); when none is left and her personal chat does not exist (404) or the app is not
 *   installed for her, the message waits for the install (`waiting-install`) instead of failing.
 *   Reasons are stored as codes (src/domain/delivery/failureCodes.ts); their words are the bot layer's.
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
 *
 * Parts (this class only wires them together):
 * - outboxRepository.ts: all store access (indexes, claims, outcome writes fenced by the lease);
 * - broadcasts.ts: enqueueBroadcast, the waiting-install list and onInstalled;
 * - status.ts: counts per state and top failure reasons of a broadcast;
 * - worker.ts (+ candidates.ts): the loop, claims ahead, rate-limit reservations, the ready queue;
 * - sender.ts: one attempt of a claimed message and its outcome;
 * - completion.ts: closing finished broadcasts and queueing the completion notice, whose text the bot
 *   layer supplies (`completionNotice`).
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
  /**
   * The notice sent to `startedBy` when a broadcast (or a later round of it) ends. Its wording belongs to
   * the bot layer: the app passes src/features/delivery/completionNotice.ts.
   */
  completionNotice: (status: BroadcastStatus) => OutgoingMessage;
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
  personalChatDefaults?: PersonalChatDefaults;
  /** Called once (by one instance) when a broadcast has nothing left to send. Errors are logged. */
  onBroadcastFinished?: (status: BroadcastStatus) => void | Promise<unknown>;
  /** Called after a personal chat was created to deliver a message, so the app can remember it. */
  onConversationCreated?: (recipientKey: string, ref: ConversationRef) => void | Promise<unknown>;
  /**
   * Called when a personal conversation answered 404 (it no longer exists), so the app stops choosing it
   * (and her next message to the bot counts as an install, which re-queues what waits for her).
   */
  onConversationGone?: (conversationId: string, recipientKey: string) => void | Promise<unknown>;
  /**
   * Called (synchronously; do the work in the background) when a message starts waiting for its recipient to
   * install the app: the app may install it for her (src/services/appInstall.ts, PROACTIVE_INSTALL).
   */
  onWaitingInstall?: (recipientKey: string) => void;
  /** @deprecated Use `completionNotice`; when given, it is used instead. */
  completionMessage?: (status: BroadcastStatus) => OutgoingMessage;
}

/** The delivery engine's public face: builds its parts from the options and delegates to them. */
export class DeliveryEngine {
  readonly instanceId: string;
  readonly concurrency: number;
  private readonly repo: OutboxRepository;
  private readonly clock: DeliveryClock;
  private readonly logger: Logger;
  private readonly broadcasts: Broadcasts;
  private readonly worker: DeliveryWorker;

  constructor(opts: DeliveryEngineOptions) {
    this.instanceId = opts.instanceId;
    if (!this.instanceId) throw new Error('DeliveryEngine needs an instanceId');
    if (typeof opts.completionNotice !== 'function' && !opts.completionMessage) throw new Error('DeliveryEngine needs a completionNotice');
    const clock = opts.clock ?? systemClock;
    const logger = opts.logger;
    const limiter = new RateLimiter(resolveRateLimits(opts.limits), () => clock.now());
    const retry: RetryOptions = { ...DEFAULT_RETRY, ...opts.retry, maxAttempts: opts.maxAttempts ?? DEFAULT_RETRY.maxAttempts };
    if (retry.maxAttempts < 1) throw new Error('maxAttempts must be >= 1');
    const settings = resolveWorkerSettings(opts);
    this.concurrency = settings.concurrency;
    this.clock = clock;
    this.logger = logger;

    const repo = new OutboxRepository(opts.store, clock, logger);
    const completion = new BroadcastCompletion({
      repo,
      clock,
      logger,
      notice: opts.completionMessage ?? opts.completionNotice,
      ...(opts.onBroadcastFinished ? { onBroadcastFinished: opts.onBroadcastFinished } : {}),
      ...(opts.personalChatDefaults?.tenantId ? { defaultTenantId: opts.personalChatDefaults.tenantId } : {}),
      onNoticeQueued: () => worker.markDirty(),
    });
    const sender = new MessageSender({
      repo,
      transport: opts.transport,
      logger,
      clock,
      limiter,
      retry,
      random: opts.random ?? Math.random,
      instanceId: this.instanceId,
      ...(opts.onConversationCreated ? { onConversationCreated: opts.onConversationCreated } : {}),
      ...(opts.onConversationGone ? { onConversationGone: opts.onConversationGone } : {}),
      onRequeued: () => worker.newWork(),
      ...(opts.onWaitingInstall ? { onWaitingInstall: opts.onWaitingInstall } : {}),
    });
    const worker = new DeliveryWorker({
      repo,
      sender,
      limiter,
      clock,
      logger,
      instanceId: this.instanceId,
      settings,
      closeFinished: () => completion.closeFinished(),
    });
    this.repo = repo;
    this.worker = worker;
    this.broadcasts = new Broadcasts({
      repo,
      clock,
      logger,
      ...(opts.personalChatDefaults ? { personalChatDefaults: opts.personalChatDefaults } : {}),
      onNewWork: (inserted) => worker.newWork(inserted),
      ...(opts.onWaitingInstall ? { onWaitingInstall: opts.onWaitingInstall } : {}),
    });
  }

  /**
   * Creates the indexes and takes back the messages this instanceId left in flight when its previous
   * process stopped without finishing them (they may have been delivered: see the guarantee above).
   */
  async init(): Promise<void> {
    await this.repo.ensureIndexes();
    const count = await this.repo.requeueInFlight(this.instanceId, this.clock.now());
    if (count > 0) {
      this.logger.warn({ count }, 'delivery: messages left in flight by the previous run re-queued (they may be delivered twice)');
    }
  }

  /** Starts the worker loop (idempotent). */
  start(): void {
    this.worker.start();
  }

  /**
   * Stops taking new work, waits for the sends in flight and records their outcomes. Nothing is left
   * half-done: every claimed message ends sent/failed/blocked or back to pending.
   */
  stop(): Promise<void> {
    return this.worker.stop();
  }

  /**
   * Runs until the whole outbox has nothing pending or in flight (retries included, waiting-install
   * excluded) and finished broadcasts have been closed. Starts the loop if needed and stops it again.
   * Resolves early if stop() is called meanwhile.
   */
  drain(): Promise<void> {
    return this.worker.drain();
  }

  /**
   * Queues a broadcast. Idempotent: recipients already queued under the same broadcastId are counted as
   * `alreadyQueued` and left as they are, so a broadcast interrupted while enqueuing can simply be
   * enqueued again. Adding recipients to a finished broadcast reopens it (a new round, with its own
   * completion notice); enqueuing it again with nobody new changes nothing.
   */
  enqueueBroadcast(input: EnqueueBroadcastInput): Promise<EnqueueResult> {
    return this.broadcasts.enqueue(input);
  }

  /** Recipients who cannot be messaged yet because they have not installed the app. */
  listWaitingInstall(broadcastId?: string): Promise<WaitingInstallEntry[]> {
    return this.broadcasts.listWaitingInstall(broadcastId);
  }

  /**
   * She installed the app (or a conversation with her became known): her waiting messages are queued
   * to `ref`. Returns how many were re-queued.
   */
  onInstalled(recipientKey: string, ref: ConversationRef): Promise<number> {
    return this.broadcasts.onInstalled(recipientKey, ref);
  }

  /**
   * Broadcasts with their counts per state and the most frequent error reasons: one broadcast, or the
   * most recent ones (newest first).
   */
  status(broadcastId?: string, options: { limit?: number } = {}): Promise<BroadcastStatus[]> {
    return readStatus(this.repo, broadcastId, options);
  }
}
