import { randomUUID } from 'node:crypto';
import type { ConversationRef, OutgoingMessage } from '../../domain/conversationRef.js';
import type { Logger } from '../../logger.js';
import { type DeliveryClock, yieldToIo } from './clock.js';
import { NOTICE_BROADCAST_PREFIX, rateKeyOf, tenantOfRef } from './keys.js';
import type { OutboxRepository } from './outboxRepository.js';
import { statusOf } from './status.js';
import type { DeliveryTarget } from './transport.js';
import type { BroadcastDoc, BroadcastStatus } from './types.js';

/** Completion notices go before any broadcast message (broadcasts default to 10). */
const NOTICE_PRIORITY = 0;

export interface BroadcastCompletionOptions {
  repo: OutboxRepository;
  clock: DeliveryClock;
  logger: Logger;
  /** The notice sent to whoever started a broadcast when it ends (its text belongs to the bot layer). */
  notice: (status: BroadcastStatus) => OutgoingMessage;
  onBroadcastFinished?: (status: BroadcastStatus) => void | Promise<unknown>;
  /** Tenant charged for a notice whose conversation names none. */
  defaultTenantId?: string;
  /** A notice was queued: the worker should read the store again on its next turn. */
  onNoticeQueued: () => void;
}

/**
 * Closes the broadcasts that have nothing left to send: queues the completion notice to whoever started
 * it, marks it finished and reports it through `onBroadcastFinished`, exactly once across instances.
 */
export class BroadcastCompletion {
  constructor(private readonly opts: BroadcastCompletionOptions) {}

  async closeFinished(): Promise<void> {
    await yieldToIo();
    const { repo, clock, logger, onBroadcastFinished } = this.opts;
    for (const b of await repo.activeBroadcasts()) {
      if (await repo.hasOpenMessages(b._id)) continue;
      const now = new Date(clock.now());
      const status = await statusOf(repo, b);
      // The notice is queued before the broadcast is closed, and its key is unique: a crash between the
      // two steps, or two instances racing, still yields exactly one notice.
      if (b.startedBy) await this.queueNotice(b, b.startedBy, status, now);
      if (!(await repo.closeBroadcast(b._id, now))) continue;
      const finished: BroadcastStatus = { ...status, state: 'finished', finishedAt: now };
      logger.info({ broadcastId: b._id, counts: status.counts }, 'delivery: broadcast finished');
      if (onBroadcastFinished) {
        try {
          await onBroadcastFinished(finished);
        } catch (err) {
          logger.error({ err, broadcastId: b._id }, 'delivery: onBroadcastFinished failed');
        }
      }
    }
  }

  private async queueNotice(b: BroadcastDoc, to: ConversationRef, status: BroadcastStatus, now: Date): Promise<void> {
    const target: DeliveryTarget = { kind: 'conversation', ref: to };
    const message = this.opts.notice(status);
    const inserted = await this.opts.repo.insertMessage({
      _id: randomUUID(),
      broadcastId: NOTICE_BROADCAST_PREFIX + b._id,
      // One notice per round: unique on (broadcastId, recipientKey).
      recipientKey: `startedBy#${b.round ?? 1}`,
      kind: 'completion-notice',
      seq: 0,
      priority: NOTICE_PRIORITY,
      target,
      rateKey: rateKeyOf(target),
      tenantKey: tenantOfRef(to) ?? this.opts.defaultTenantId ?? 'default',
      messageJson: JSON.stringify(message),
      state: 'pending',
      attempts: 0,
      nextAttemptAt: now,
      createdAt: now,
      updatedAt: now,
    });
    if (inserted) this.opts.onNoticeQueued();
  }
}
