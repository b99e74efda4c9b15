import type { ConversationRef, OutgoingMessage } from '../../domain/conversationRef.js';
import type { RateKeys, RateLimiter } from '../../domain/delivery/rateLimiter.js';
import { decide, type RetryOptions } from '../../domain/delivery/retryPolicy.js';
import type { Logger } from '../../logger.js';
import type { DeliveryClock } from './clock.js';
import { conversationRateKey } from './keys.js';
import type { OutboxRepository } from './outboxRepository.js';
import { type DeliveryResult, type DeliveryTarget, type DeliveryTransport, type OpenChatResult, requestCost } from './transport.js';
import type { OutboxDoc } from './types.js';

/** A claimed message whose personal chat was just created, addressed (and rate-keyed) to that chat. */
export type ChatOpened = OutboxDoc & { rateKey: string };

export interface MessageSenderOptions {
  repo: OutboxRepository;
  transport: DeliveryTransport;
  logger: Logger;
  clock: DeliveryClock;
  /** The worker's limiter: a 429 with Retry-After pauses the conversation in it. */
  limiter: RateLimiter;
  retry: RetryOptions;
  random: () => number;
  /** The lease owner (this instance): outcomes are written only while the lease is still ours. */
  instanceId: string;
  onConversationCreated?: (recipientKey: string, ref: ConversationRef) => void | Promise<unknown>;
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * One step of a claimed message, already admitted by the rate limiter: one request to the transport,
 * then its outcome written under the lease (sent, blocked, failed, or pending again after a backoff).
 */
export class MessageSender {
  constructor(private readonly opts: MessageSenderOptions) {}

  /** Requests the next step of a message costs: 1, or 2 when `send` has to create the chat too. */
  stepCost(target: DeliveryTarget): number {
    return this.opts.transport.openPersonalChat ? 1 : requestCost(target);
  }

  /**
   * Creates her personal chat (when the transport can do it alone) or sends the message. After a chat
   * was created, returns the message, still claimed and now addressed to that chat, to be charged to the
   * limits and sent as a step of its own; otherwise the outcome is recorded and nothing is returned.
   */
  async step(doc: OutboxDoc, keys: RateKeys): Promise<ChatOpened | undefined> {
    const { transport, repo, instanceId, clock, logger } = this.opts;
    const target = doc.target!;
    if (target.kind === 'user' && !target.conversationId && transport.openPersonalChat) {
      let opened: OpenChatResult;
      try {
        opened = await transport.openPersonalChat(target.user);
      } catch (err) {
        opened = { ok: false, error: errorMessage(err), network: true };
      }
      if (!opened.ok) {
        await this.recordOutcome(doc, keys, opened);
        return undefined;
      }
      const rateKey = conversationRateKey(opened.conversationId);
      if (!(await repo.recordChatOpened(doc, instanceId, opened.conversationId, rateKey, clock.now()))) {
        logger.warn({ messageId: doc._id }, 'delivery: lease lost after creating a chat');
        return undefined;
      }
      return { ...doc, target: { ...target, conversationId: opened.conversationId }, rateKey };
    }
    let result: DeliveryResult;
    try {
      result = await transport.send({ messageId: doc._id, target, message: JSON.parse(doc.messageJson) as OutgoingMessage });
    } catch (err) {
      result = { ok: false, error: errorMessage(err), network: true };
    }
    await this.recordOutcome(doc, keys, result);
    return undefined;
  }

  private async recordOutcome(doc: OutboxDoc, keys: RateKeys, result: DeliveryResult): Promise<void> {
    const { repo, instanceId, clock, logger, limiter, onConversationCreated } = this.opts;
    const target = doc.target!;
    const now = clock.now();
    const at = new Date(now);
    const decision = decide(result, doc.attempts, this.opts.retry, this.opts.random);
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
        limiter.pauseConversation(keys.conversation, now + result.retryAfterMs);
      }
    }
    const matched = await repo.recordOutcome(doc, instanceId, set);
    const log = { messageId: doc._id, broadcastId: doc.broadcastId, recipientKey: doc.recipientKey, attempts: doc.attempts };
    if (!matched) logger.warn({ ...log, outcome: decision.kind }, 'delivery: lease lost before the outcome was recorded');
    else if (decision.kind === 'sent') logger.debug(log, 'delivery: sent');
    else logger.info({ ...log, outcome: decision.kind, reason: decision.reason }, 'delivery: attempt failed');

    const personalChat = target.kind === 'user' ? (createdConversation ?? target.conversationId) : undefined;
    if (decision.kind === 'sent' && personalChat && target.kind === 'user' && onConversationCreated) {
      const ref: ConversationRef = {
        channelId: 'msteams',
        serviceUrl: target.user.serviceUrl,
        tenantId: target.user.tenantId,
        conversation: { id: personalChat, conversationType: 'personal', isGroup: false, tenantId: target.user.tenantId },
        bot: { id: target.user.botId },
        user: { id: target.user.userId },
      };
      try {
        await onConversationCreated(doc.recipientKey, ref);
      } catch (err) {
        logger.error({ err, recipientKey: doc.recipientKey }, 'delivery: onConversationCreated failed');
      }
    }
  }
}
