import type { ConversationService } from './conversations.js';
import type { DeliveryEngine } from './delivery/engine.js';
import type { Notifier, NotifyResult } from './notifier.js';

/**
 * The Notifier used by the app: resolves people to their stored personal chats and queues in the outbox.
 * Her most recently used chat is the target; her other chats follow as fallbacks, tried by the engine when
 * one answers 404 or 403 (then, with her Teams user id, a chat opened anew).
 */
export class DeliveryNotifier implements Notifier {
  constructor(
    private readonly engine: DeliveryEngine,
    private readonly conversations: ConversationService,
  ) {}

  async notifyPeople(input: Parameters<Notifier['notifyPeople']>[0]): Promise<NotifyResult> {
    const recipients = [];
    for (const r of input.recipients) {
      const [chat, ...others] = await this.conversations.personalChatsOf(r.personKey);
      recipients.push({
        recipientKey: r.personKey,
        ...(chat ? { ref: chat.ref } : {}),
        ...(others.length ? { fallbacks: others.map((c) => c.ref) } : {}),
        ...(r.userId || r.name ? { user: { ...(r.userId ? { id: r.userId } : {}), ...(r.name ? { name: r.name } : {}) } } : {}),
        message: r.message,
      });
    }
    return this.engine.enqueueBroadcast({
      broadcastId: input.broadcastId,
      kind: input.kind,
      ...(input.title ? { title: input.title } : {}),
      ...(input.startedBy ? { startedBy: input.startedBy } : {}),
      recipients,
    });
  }

  async notifyConversation(input: Parameters<Notifier['notifyConversation']>[0]): Promise<NotifyResult> {
    return this.engine.enqueueBroadcast({
      broadcastId: input.broadcastId,
      kind: input.kind,
      ...(input.title ? { title: input.title } : {}),
      recipients: [{ recipientKey: `conv:${input.ref.conversation.id}`, ref: input.ref, message: input.message }],
    });
  }
}
