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
}

const COLLECTION = 'conversations';

function sameRef(a: ConversationRef, b: ConversationRef): boolean {
  return a.serviceUrl === b.serviceUrl && a.tenantId === b.tenantId && a.bot.id === b.bot.id && a.user?.id === b.user?.id && a.conversation.name === b.conversation.name;
}

export class ConversationService {
  private readonly col;

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
   * Records (or refreshes) a conversation reference. Cheap when nothing changed: one read, no write.
   * Returns true when the conversation is new or was inactive (i.e. this is an install).
   */
  async remember(kind: ConversationKind, ref: ConversationRef, personKey?: string): Promise<boolean> {
    const id = ref.conversation.id;
    const existing = await this.col.findOne({ _id: id });
    const now = this.clock();
    if (existing && existing.active && sameRef(existing.ref, ref)) return false;
    if (!existing) {
      try {
        await this.col.insertOne({ _id: id, kind, ref, active: true, installedAt: now, updatedAt: now, ...(personKey ? { personKey } : {}) });
        this.logger.info({ conversationId: id, kind }, 'conversation remembered');
        return true;
      } catch {
        // Another turn inserted it concurrently: fall through to the update.
      }
    }
    await this.col.updateOne(
      { _id: id },
      { $set: { ref, active: true, updatedAt: now, kind, ...(personKey ? { personKey } : {}) }, $unset: { uninstalledAt: 1 } },
    );
    return !existing?.active;
  }

  async markInactive(conversationId: string): Promise<void> {
    const now = this.clock();
    await this.col.updateOne({ _id: conversationId }, { $set: { active: false, updatedAt: now, uninstalledAt: now } });
    this.logger.info({ conversationId }, 'conversation marked inactive');
  }

  get(conversationId: string): Promise<ConversationDoc | null> {
    return this.col.findOne({ _id: conversationId });
  }

  /** The active personal chat of a person, if she installed the app. */
  /** Every active personal chat (one per person who installed the app), for invitations to everyone. */
  listActivePersonal(): Promise<ConversationDoc[]> {
    return this.col.find({ kind: 'personal', active: true });
  }

  personalChatOf(personKey: string): Promise<ConversationDoc | null> {
    return this.col.findOne({ personKey, kind: 'personal', active: true });
  }
}
