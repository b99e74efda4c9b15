import type { Logger } from '../logger.js';
import type { ConversationRef } from '../domain/conversationRef.js';
import type { Store } from '../store/types.js';

/**
 * Remembers every place the bot can write to: the personal chat of every user who installed the app
 * and every channel or group chat where it is installed. Later features send proactive messages with
 * these references; an uninstall marks them inactive.
 */
export type ConversationKind = 'personal' | 'channel' | 'groupChat';

export interface ConversationDoc {
  _id: string;
  kind: ConversationKind;
  ref: ConversationRef;
  active: boolean;
  /** For personal chats: the person's key (see domain/person.ts). */
  personKey?: string;
  installedAt: Date;
  updatedAt: Date;
  uninstalledAt?: Date;
  /**
   * When she last wrote to the bot from this conversation (to the minute; see LAST_SEEN_RESOLUTION_MS):
   * proactive notices go to the personal chat she used last. Absent in documents stored before it existed.
   */
  lastSeenAt?: Date;
}

const COLLECTION = 'conversations';

/** lastSeenAt is refreshed at most this often per conversation, so a turn normally costs no write. */
export const LAST_SEEN_RESOLUTION_MS = 60_000;

/** When a conversation was last seen: lastSeenAt, or for older documents their last update. */
function seenAt(d: ConversationDoc): number {
  return (d.lastSeenAt ?? d.updatedAt ?? d.installedAt).getTime();
}

function sameRef(a: ConversationRef, b: ConversationRef): boolean {
  return a.serviceUrl === b.serviceUrl && a.tenantId === b.tenantId && a.bot.id === b.bot.id && a.user?.id === b.user?.id && a.conversation.name === b.conversation.name;
}

/**
 * A conversation seen active with the same reference this recently is not read again (one store read less
 * per turn). Short, so that a change made by another instance (an uninstall seen there) is picked up soon;
 * an uninstall seen here forgets the entry at once.
 */
export const KNOWN_CONVERSATION_TTL_MS = 30_000;
const MAX_KNOWN = 20_000;

interface KnownConversation {
  ref: ConversationRef;
  lastSeenAt: number;
  verifiedAt: number;
}

export class ConversationService {
  private readonly col;
  private readonly known = new Map<string, KnownConversation>();

  constructor(
    private readonly store: Store,
    private readonly logger: Logger,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.col = store.collection<ConversationDoc>(COLLECTION);
  }

  async init(): Promise<void> {
    await this.store.ensureIndexes(COLLECTION, [{ fields: ['personKey'], sparse: true }, { fields: ['kind', 'active'] }]);
  }

  /**
   * Records (or refreshes) a conversation reference and when it was last seen. Cheap when nothing changed:
   * one read, and a write at most once a minute (lastSeenAt). Returns true when the conversation is new or
   * was inactive (i.e. this is an install).
   */
  async remember(kind: ConversationKind, ref: ConversationRef, personKey?: string): Promise<boolean> {
    const id = ref.conversation.id;
    const now = this.clock();
    const cached = this.known.get(id);
    if (
      cached &&
      sameRef(cached.ref, ref) &&
      now.getTime() - cached.verifiedAt < KNOWN_CONVERSATION_TTL_MS &&
      (kind !== 'personal' || now.getTime() - cached.lastSeenAt < LAST_SEEN_RESOLUTION_MS)
    ) {
      return false;
    }
    const existing = await this.col.findOne({ _id: id });
    if (existing && existing.active && sameRef(existing.ref, ref)) {
      let lastSeenAt = existing.lastSeenAt?.getTime() ?? 0;
      if (kind === 'personal' && now.getTime() - lastSeenAt >= LAST_SEEN_RESOLUTION_MS) {
        await this.col.updateOne({ _id: id }, { $set: { lastSeenAt: now } });
        lastSeenAt = now.getTime();
      }
      this.remembered(id, ref, lastSeenAt, now);
      return false;
    }
    this.known.delete(id);
    if (!existing) {
      try {
        await this.col.insertOne({ _id: id, kind, ref, active: true, installedAt: now, updatedAt: now, lastSeenAt: now, ...(personKey ? { personKey } : {}) });
        this.logger.info({ conversationId: id, kind }, 'conversation remembered');
        return true;
      } catch {
        // Another turn inserted it concurrently: fall through to the update.
      }
    }
    await this.col.updateOne(
      { _id: id },
      { $set: { ref, active: true, updatedAt: now, lastSeenAt: now, kind, ...(personKey ? { personKey } : {}) }, $unset: { uninstalledAt: 1 } },
    );
    return !existing?.active;
  }

  private remembered(id: string, ref: ConversationRef, lastSeenAt: number, now: Date): void {
    if (this.known.size >= MAX_KNOWN) this.known.clear();
    this.known.set(id, { ref, lastSeenAt, verifiedAt: now.getTime() });
  }

  async markInactive(conversationId: string): Promise<void> {
    this.known.delete(conversationId);
    const now = this.clock();
    await this.col.updateOne({ _id: conversationId }, { $set: { active: false, updatedAt: now, uninstalledAt: now } });
    this.logger.info({ conversationId }, 'conversation marked inactive');
  }

  get(conversationId: string): Promise<ConversationDoc | null> {
    return this.col.findOne({ _id: conversationId });
  }

  /** Every active personal chat (one per person who installed the app), for invitations to everyone. */
  listActivePersonal(): Promise<ConversationDoc[]> {
    return this.col.find({ kind: 'personal', active: true });
  }

  /**
   * Her active personal chats, the one she used last first. Usually one; several when she reached the bot
   * from more than one place (another service URL, a reinstall): the notifier tries them in this order.
   */
  async personalChatsOf(personKey: string): Promise<ConversationDoc[]> {
    const chats = await this.col.find({ personKey, kind: 'personal', active: true });
    return chats.sort((a, b) => seenAt(b) - seenAt(a) || a._id.localeCompare(b._id));
  }

  /** The personal chat she used last, if she has the app. */
  async personalChatOf(personKey: string): Promise<ConversationDoc | null> {
    return (await this.personalChatsOf(personKey))[0] ?? null;
  }
}
