import type { ConversationRef, OutgoingMessage } from '../../domain/conversationRef.js';
import type { FailureCode } from '../../domain/delivery/failureCodes.js';
import type { DeliveryTarget } from './transport.js';

/**
 * - pending: due at `nextAttemptAt` (first attempt or a scheduled retry).
 * - sending: claimed by `leaseOwner` until `leaseUntil`; an expired lease makes it claimable again.
 * - sent / failed / blocked: final. Blocked = the service answered 403 (she blocked or removed the bot).
 * - waiting-install: no way to address her yet (no conversation and no Teams user id, or every conversation
 *   answered that it does not exist or that the app is not installed); `onInstalled` re-queues it.
 */
export type DeliveryState = 'pending' | 'sending' | 'sent' | 'failed' | 'blocked' | 'waiting-install';

export const DELIVERY_STATES: readonly DeliveryState[] = ['pending', 'sending', 'sent', 'failed', 'blocked', 'waiting-install'];

/** One message to one recipient, in collection `outbox`. Unique on (broadcastId, recipientKey). */
export interface OutboxDoc {
  _id: string;
  broadcastId: string;
  recipientKey: string;
  kind: string;
  /** Position within its broadcast: due messages go out by (priority, createdAt, seq). */
  seq: number;
  /** Lower goes first. Broadcasts default to 10; completion notices use 0. */
  priority: number;
  /** Absent while waiting-install. */
  target?: DeliveryTarget;
  /**
   * Her other conversations, tried in order when `target` answers 404 or 403 (a stale or refused chat);
   * the first becomes the target. Absent or empty: nothing else to try.
   */
  fallbacks?: DeliveryTarget[];
  /** Who she is, kept for the waiting-install list. */
  person?: { id?: string; aadObjectId?: string; name?: string };
  /**
   * The OutgoingMessage as JSON text: card JSON may hold keys that document stores refuse or misread
   * (`$schema`, `$data`, keys with dots), so it is stored opaque.
   */
  messageJson: string;
  state: DeliveryState;
  /** Attempts started so far (incremented when claimed, so a crash mid-send still counts). */
  attempts: number;
  nextAttemptAt: Date;
  /** Conversation the rate limits are charged to (`c:<conversation id>` or `u:<user id>` before a chat exists). */
  rateKey?: string;
  tenantKey: string;
  /** Why the last attempt did not go through (words for people: src/features/delivery/texts.ts). */
  lastErrorCode?: FailureCode;
  /** Technical detail of the last failure, for logs ("HTTP 404: ConversationNotFound"). Earlier versions stored Spanish text here. */
  lastError?: string;
  lastStatus?: number | null;
  leaseOwner?: string;
  leaseUntil?: Date;
  activityId?: string;
  conversationId?: string;
  expiresAt?: Date;
  createdAt: Date;
  updatedAt: Date;
  doneAt?: Date;
}

export type BroadcastState = 'enqueuing' | 'active' | 'finished';

/** A broadcast, in collection `broadcasts` (_id = broadcast id). */
export interface BroadcastDoc {
  _id: string;
  kind: string;
  title?: string;
  /** Who started it; she receives a completion notice. */
  startedBy?: ConversationRef;
  state: BroadcastState;
  /** Distinct recipients enqueued. */
  total: number;
  /** 1, plus one each time recipients were added after it had finished (each round ends with a notice). */
  round: number;
  priority: number;
  expiresAt?: Date;
  createdAt: Date;
  updatedAt: Date;
  finishedAt?: Date;
}

/** A recipient of a broadcast. Give `ref` when a conversation with her exists, else `user`. */
export interface BroadcastRecipient {
  /** Stable key of the person or place (e.g. the person key); unique within the broadcast. */
  recipientKey: string;
  ref?: ConversationRef;
  /** Her other conversations, most recent first: tried when `ref` answers 404 or 403 (see OutboxDoc.fallbacks). */
  fallbacks?: ConversationRef[];
  /**
   * For a personal chat not created yet: her Teams user id (`29:…`) plus serviceUrl/tenantId/botId
   * (these three default to the engine's `personalChatDefaults`). Without an id she waits for the install.
   */
  user?: { id?: string; aadObjectId?: string; name?: string; serviceUrl?: string; tenantId?: string; botId?: string };
  message: OutgoingMessage;
}

export interface EnqueueBroadcastInput {
  broadcastId: string;
  /** What it is: 'group-notification', 'reminder', 'ballot', 'survey', … */
  kind: string;
  /** Human title used in the completion notice and the status report. */
  title?: string;
  startedBy?: ConversationRef;
  recipients: BroadcastRecipient[];
  /** Lower goes first; default 10. */
  priority?: number;
  /** Messages not sent by then are failed instead (e.g. a reminder for a session that already happened). */
  expiresAt?: Date;
}

export interface EnqueueResult {
  enqueued: number;
  alreadyQueued: number;
  waitingInstall: number;
}

export interface BroadcastStatus {
  broadcastId: string;
  kind: string;
  title?: string;
  state: BroadcastState;
  startedBy?: ConversationRef;
  total: number;
  counts: Record<DeliveryState, number>;
  /** Pending messages that already failed at least once (waiting for a retry). */
  retrying: number;
  /** Most frequent reasons among failed and blocked messages. */
  topErrors: FailureCount[];
  /** Most frequent reasons among the messages waiting for a retry. */
  retryErrors: FailureCount[];
  createdAt: Date;
  finishedAt?: Date;
}

export interface FailureCount {
  code: FailureCode;
  count: number;
  /** Failed after spending every retry (the code is a transient one). */
  exhausted?: boolean;
}

export interface WaitingInstallEntry {
  broadcastId: string;
  recipientKey: string;
  kind: string;
  /** The broadcast's title, when it has one. */
  title?: string;
  person?: { id?: string; aadObjectId?: string; name?: string };
  /** Why she waits when a chat was tried (404: no chat with the bot; 403: the app is not installed). */
  reason?: FailureCode;
  since: Date;
}
