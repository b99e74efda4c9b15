import type { ConversationRef, OutgoingMessage } from '../../domain/conversationRef.js';
import type { RateKeys, RateLimiter, RateTicket } from '../../domain/delivery/rateLimiter.js';
import { triesAnotherConversation, waitsForInstall } from '../../domain/delivery/failureCodes.js';
import { decide, type RetryDecision, type RetryOptions } from '../../domain/delivery/retryPolicy.js';
import type { Logger } from '../../logger.js';
import type { DeliveryClock } from './clock.js';
import { conversationRateKey, rateKeyOf } from './keys.js';
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
  /** The worker's limiter: a 429 gives the request's place back and, with Retry-After, pauses the conversation. */
  limiter: RateLimiter;
  retry: RetryOptions;
  random: () => number;
  /** The lease owner (this instance): outcomes are written only while the lease is still ours. */
  instanceId: string;
  onConversationCreated?: (recipientKey: string, ref: ConversationRef) => void | Promise<unknown>;
  /** A personal conversation answered 404 (it no longer exists): the app stops using it. */
  onConversationGone?: (conversationId: string, recipientKey: string) => void | Promise<unknown>;
  /** A message was put back to pending, due now (moved to her next conversation): the worker should look. */
  onRequeued?: () => void;
  /** A message now waits for its recipient to install the app. */
  onWaitingInstall?: (recipientKey: string) => void;
}

/** What happens to a message after a refused attempt, besides the retry policy's decision. */
type Outcome = RetryDecision['kind'] | 'next-conversation' | 'waiting-install';

/** Whether the target is a personal chat (a 404 there means she has no chat with the bot, not a lost channel). */
function isPersonal(target: DeliveryTarget): boolean {
  return target.kind === 'user' || target.ref.conversation.conversationType === 'personal';
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
   * `ticket` is the limiter's admission of this step.
   */
  async step(doc: OutboxDoc, ticket: RateTicket): Promise<ChatOpened | undefined> {
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
        await this.recordOutcome(doc, ticket, opened);
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
    await this.recordOutcome(doc, ticket, result);
    return undefined;
  }

  private async recordOutcome(doc: OutboxDoc, ticket: RateTicket, result: DeliveryResult): Promise<void> {
    const { repo, instanceId, clock, logger, limiter, onConversationCreated } = this.opts;
    const keys: RateKeys = ticket.keys;
    const target = doc.target!;
    const now = clock.now();
    const at = new Date(now);
    const decision = decide(result, doc.attempts, this.opts.retry, this.opts.random);
    const set: Record<string, unknown> = { updatedAt: at };
    const unset: Record<string, 1> = {};
    let outcome: Outcome = decision.kind;
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
        Object.assign(set, { state: 'pending', nextAttemptAt: new Date(now + decision.delayMs), lastErrorCode: decision.code, lastError: decision.detail });
        break;
      case 'blocked':
      case 'failed': {
        const code = decision.code;
        Object.assign(set, { lastErrorCode: code, lastError: decision.detail });
        const [next, ...rest] = doc.fallbacks ?? [];
        if (next && triesAnotherConversation(code)) {
          // A stale or refused chat: her next conversation is tried at once.
          outcome = 'next-conversation';
          delete set['target.conversationId'];
          Object.assign(set, { state: 'pending', target: next, rateKey: rateKeyOf(next), nextAttemptAt: at });
          if (rest.length) set.fallbacks = rest;
          else unset.fallbacks = 1;
        } else if (waitsForInstall(code) && isPersonal(target)) {
          // No chat with her works: she gets it when she opens the app (onInstalled re-queues it).
          outcome = 'waiting-install';
          delete set['target.conversationId'];
          delete set.rateKey;
          set.state = 'waiting-install';
          Object.assign(unset, { target: 1, rateKey: 1, fallbacks: 1 });
        } else {
          Object.assign(set, { state: decision.kind, doneAt: at });
        }
        break;
      }
    }
    if (!result.ok) {
      set.lastStatus = result.status ?? null;
      if (result.status === 429) {
        // Refused, so not counted by the service: its place goes back to the others (a step of one request
        // only: of a chat creation plus a send, the first may have been counted).
        if (ticket.cost === 1) limiter.refused(ticket);
        if (result.retryAfterMs !== undefined) limiter.pauseConversation(keys.conversation, now + result.retryAfterMs);
      }
    }
    const matched = await repo.recordOutcome(doc, instanceId, set, unset);
    const log = { messageId: doc._id, broadcastId: doc.broadcastId, recipientKey: doc.recipientKey, attempts: doc.attempts };
    if (!matched) logger.warn({ ...log, outcome }, 'delivery: lease lost before the outcome was recorded');
    else if (decision.kind === 'sent') logger.debug(log, 'delivery: sent');
    else logger.info({ ...log, outcome, code: set.lastErrorCode, reason: decision.detail }, 'delivery: attempt failed');
    if (matched && outcome === 'next-conversation') this.opts.onRequeued?.();
    if (matched && outcome === 'waiting-install') this.opts.onWaitingInstall?.(doc.recipientKey);
    if (matched && set.lastErrorCode === 'conversation-not-found' && target.kind === 'conversation' && isPersonal(target)) {
      try {
        await this.opts.onConversationGone?.(target.ref.conversation.id, doc.recipientKey);
      } catch (err) {
        logger.error({ err, recipientKey: doc.recipientKey }, 'delivery: onConversationGone failed');
      }
    }

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
