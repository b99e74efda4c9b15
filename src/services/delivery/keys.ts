import type { ConversationRef } from '../../domain/conversationRef.js';
import type { DeliveryTarget } from './transport.js';

/**
 * Keys the delivery engine files messages under: the conversation and tenant their requests are charged
 * to (rate limits), and the broadcast id of completion notices.
 */

/** Broadcast ids of completion notices start with this; callers cannot use it for their own broadcasts. */
export const NOTICE_BROADCAST_PREFIX = 'aviso-fin:';

export function conversationRateKey(conversationId: string): string {
  return `c:${conversationId}`;
}

/** The conversation a target's requests are charged to (`u:<user id>` while her personal chat does not exist). */
export function rateKeyOf(target: DeliveryTarget): string {
  if (target.kind === 'conversation') return conversationRateKey(target.ref.conversation.id);
  return target.conversationId ? conversationRateKey(target.conversationId) : `u:${target.user.userId}`;
}

export function tenantOfRef(ref: ConversationRef): string | undefined {
  return ref.tenantId ?? ref.conversation.tenantId;
}
