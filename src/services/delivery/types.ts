import type { ConversationRef, OutgoingMessage } from '../../domain/conversationRef.js';
import type { DeliveryTarget } from './transport.js';

/**
 * - pending: due at `nextAttemptAt` (first attempt or a scheduled retry).
 * - sending: claimed by `leaseOwner` until `leaseUntil`; an expired lease makes it claimable again.
 * - sent / failed / blocked: final. Blocked = the service answered 403 (she blocked or removed the bot).
 * - waiting-install: no way to address her yet (no conversation and no Teams user id); `onInstalled` re-queues it.
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
  topErrors: { reason: string; count: number }[];
  createdAt: Date;
  finishedAt?: Date;
}

export interface WaitingInstallEntry {
  broadcastId: string;
  recipientKey: string;
  kind: string;
  person?: { id?: string; aadObjectId?: string; name?: string };
  since: Date;
}
