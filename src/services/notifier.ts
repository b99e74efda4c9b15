import type { ConversationRef, OutgoingMessage } from '../domain/conversationRef.js';

/**
 * Proactive messages for features (registration answers, group notices, reminders, ballots, surveys).
 * Always durable: messages go through the delivery engine's outbox, respect Teams rate limits, and wait for
 * people who have not installed the app yet. Re-sending the same broadcastId never duplicates a recipient.
 */
export interface PersonRecipient {
  /** domain/person.ts personKey ("aad:<object id>"). */
  personKey: string;
  /** Teams user id ("29:..."), when known: lets the engine open the personal chat if none is stored. */
  userId?: string;
  name?: string;
  message: OutgoingMessage;
}

export interface NotifyResult {
  enqueued: number;
  alreadyQueued: number;
  waitingInstall: number;
}

export interface Notifier {
  notifyPeople(input: {
    broadcastId: string;
    kind: string;
    title?: string;
    /** Where to tell the admin who started it that it finished. */
    startedBy?: ConversationRef;
    recipients: PersonRecipient[];
  }): Promise<NotifyResult>;
  /** Posts in a channel or group chat (a new thread in a channel). */
  notifyConversation(input: { broadcastId: string; kind: string; title?: string; ref: ConversationRef; message: OutgoingMessage }): Promise<NotifyResult>;
}
