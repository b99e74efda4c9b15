/**
 * Broadcast ids of the groups feature. They are stable on purpose: the outbox skips recipients already
 * queued under the same id, so re-running "grupos confirmar" never notifies anybody twice. Never change them.
 */

/** Each member's 1:1 notice of her group (once per edition and person). */
export function groupNoticeBroadcastId(editionId: string): string {
  return `grupos-aviso:${editionId}`;
}

/** The roster posted in a group's channel or group chat (once per edition, group and conversation). */
export function groupRosterBroadcastId(editionId: string, group: number, conversationId: string): string {
  return `grupo-integrantes:${editionId}:${group}:${conversationId}`;
}

/**
 * Each member's 1:1 notice that her group's space was linked (once per edition, group and conversation):
 * re-linking the same space notifies nobody twice; linking another space is a new notice.
 */
export function groupSpaceNoticeBroadcastId(editionId: string, group: number, conversationId: string): string {
  return `grupo-espacio-aviso:${editionId}:${group}:${conversationId}`;
}
