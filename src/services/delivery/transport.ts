import type { ConversationRef, OutgoingMessage } from '../../domain/conversationRef.js';

/**
 * How the delivery engine hands one message to the channel. Implementations make exactly one attempt
 * and never retry on their own (retries, backoff and rate limits belong to the engine, so they are not
 * multiplied). The Bot Framework implementation is src/bot/connectorTransport.ts.
 */

/** What is needed to open a personal chat with someone who has the app but no stored conversation. */
export interface NewPersonalChat {
  serviceUrl: string;
  tenantId: string;
  /** The bot's channel account id (`28:<app id>` in Teams). */
  botId: string;
  /** The person's bot-specific Teams id (`29:…`). */
  userId: string;
}

export type DeliveryTarget =
  | { kind: 'conversation'; ref: ConversationRef }
  | { kind: 'user'; user: NewPersonalChat; /** Set once the chat was created by an earlier attempt. */ conversationId?: string };

export interface DeliveryRequest {
  /** Outbox id, for logs and tracing. */
  messageId: string;
  target: DeliveryTarget;
  message: OutgoingMessage;
}

export type DeliveryResult =
  | {
      ok: true;
      activityId: string;
      /** The conversation the message went to (the new one when a personal chat was created). */
      conversationId?: string;
    }
  | {
      ok: false;
      /** HTTP status, when the service answered. */
      status?: number;
      /** From Retry-After, when present. */
      retryAfterMs?: number;
      error: string;
      /** No HTTP answer (connection error or timeout): the message may or may not have arrived. */
      network?: boolean;
      /** A personal chat created before the send failed: reuse it on the next attempt. */
      conversationId?: string;
    };

export type OpenChatResult = { ok: true; conversationId: string } | Extract<DeliveryResult, { ok: false }>;

export interface DeliveryTransport {
  /**
   * One attempt. Should not throw; a thrown error is treated as a network error. For a `user` target
   * without a conversation it creates the personal chat first (two requests in one call).
   */
  send(request: DeliveryRequest): Promise<DeliveryResult>;
  /**
   * Optional: creates (or finds) the personal chat only. When present the engine creates chats as a
   * step of their own, so each of the two requests is charged to the rate limits when it is made.
   */
  openPersonalChat?(chat: NewPersonalChat): Promise<OpenChatResult>;
}

/** Requests one `send` costs against the rate limits: creating a conversation counts as one. */
export function requestCost(target: DeliveryTarget): number {
  return target.kind === 'user' && !target.conversationId ? 2 : 1;
}
