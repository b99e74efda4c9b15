/**
 * Where the bot can write to someone (a personal chat) or somewhere (a channel or group chat).
 * A plain-JSON subset of Bot Framework's ConversationReference, so domain and delivery code never
 * import botbuilder types. The bot layer converts activities to it (src/bot/references.ts).
 */
export interface ConversationRef {
  channelId: string;
  serviceUrl: string;
  tenantId?: string;
  conversation: { id: string; conversationType?: string; isGroup?: boolean; tenantId?: string; name?: string };
  bot: { id: string; name?: string };
  /** The person, for personal conversations. */
  user?: { id: string; name?: string; aadObjectId?: string };
  /** Team and channel ids, for channel conversations. */
  teamId?: string;
  channelIdInTeam?: string;
  locale?: string;
}

/** A message to deliver: text and/or Adaptive Card attachments (already rendered JSON). */
export interface OutgoingMessage {
  text?: string;
  cards?: Record<string, unknown>[];
}
