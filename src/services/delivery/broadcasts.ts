import { randomUUID } from 'node:crypto';
import type { ConversationRef } from '../../domain/conversationRef.js';
import { isFailureCode } from '../../domain/delivery/failureCodes.js';
import type { Logger } from '../../logger.js';
import type { DeliveryClock } from './clock.js';
import { NOTICE_BROADCAST_PREFIX, rateKeyOf, tenantOfRef } from './keys.js';
import type { OutboxRepository } from './outboxRepository.js';
import type { DeliveryTarget } from './transport.js';
import type { BroadcastDoc, BroadcastRecipient, EnqueueBroadcastInput, EnqueueResult, OutboxDoc, WaitingInstallEntry } from './types.js';

const DEFAULT_PRIORITY = 10;
/** Recipients inserted at once while enqueuing. */
const INSERT_CHUNK = 50;

export interface PersonalChatDefaults {
  serviceUrl?: string;
  tenantId?: string;
  botId?: string;
}

export interface BroadcastsOptions {
  repo: OutboxRepository;
  clock: DeliveryClock;
  logger: Logger;
  personalChatDefaults?: PersonalChatDefaults;
  /**
   * New messages may be due: the worker should look at the store again now. With `inserted`, these are
   * the messages just inserted (all of them), which the worker can take without reading the store.
   */
  onNewWork: (inserted?: readonly OutboxDoc[]) => void;
  /** A message now waits for its recipient to install the app (see DeliveryEngineOptions.onWaitingInstall). */
  onWaitingInstall?: (recipientKey: string) => void;
}

/**
 * The way in: queues broadcasts (one outbox message per recipient, addressed to her conversation, to her
 * Teams user id, or waiting for her to install the app) and re-queues the waiting messages once she does.
 */
export class Broadcasts {
  private readonly repo: OutboxRepository;
  private readonly clock: DeliveryClock;
  private readonly logger: Logger;
  private readonly defaults: PersonalChatDefaults;
  private readonly onNewWork: (inserted?: readonly OutboxDoc[]) => void;
  private readonly onWaitingInstall: ((recipientKey: string) => void) | undefined;

  constructor(opts: BroadcastsOptions) {
    this.repo = opts.repo;
    this.clock = opts.clock;
    this.logger = opts.logger;
    this.defaults = opts.personalChatDefaults ?? {};
    this.onNewWork = opts.onNewWork;
    this.onWaitingInstall = opts.onWaitingInstall;
  }

  /** See DeliveryEngine.enqueueBroadcast. */
  async enqueue(input: EnqueueBroadcastInput): Promise<EnqueueResult> {
    if (!input.broadcastId || input.broadcastId.startsWith(NOTICE_BROADCAST_PREFIX)) throw new Error(`Invalid broadcastId: ${input.broadcastId}`);
    const now = new Date(this.clock.now());
    const priority = input.priority ?? DEFAULT_PRIORITY;
    let existing: BroadcastDoc | null = null;
    const inserted = await this.repo.insertBroadcast({
      _id: input.broadcastId,
      kind: input.kind,
      state: 'enqueuing',
      total: 0,
      round: 1,
      priority,
      createdAt: now,
      updatedAt: now,
      ...(input.title ? { title: input.title } : {}),
      ...(input.startedBy ? { startedBy: input.startedBy } : {}),
      ...(input.expiresAt ? { expiresAt: input.expiresAt } : {}),
    });
    if (!inserted) {
      existing = await this.repo.findBroadcast(input.broadcastId);
      if (existing && existing.state !== 'finished') await this.repo.markEnqueuing(input.broadcastId, now);
    }

    const result: EnqueueResult = { enqueued: 0, alreadyQueued: 0, waitingInstall: 0 };
    const fresh: OutboxDoc[] = [];
    for (let i = 0; i < input.recipients.length; i += INSERT_CHUNK) {
      const chunk = input.recipients.slice(i, i + INSERT_CHUNK);
      await Promise.all(
        chunk.map(async (recipient, j) => {
          const doc = this.buildDoc(input, recipient, i + j, priority, now);
          if (await this.repo.insertMessage(doc)) {
            result.enqueued++;
            fresh.push(doc);
            if (doc.state === 'waiting-install') {
              result.waitingInstall++;
              this.onWaitingInstall?.(doc.recipientKey);
            }
          } else {
            result.alreadyQueued++;
          }
        }),
      );
    }

    const wasFinished = existing?.state === 'finished';
    if (!(wasFinished && result.enqueued === 0)) {
      const total = await this.repo.countMessages(input.broadcastId);
      // New recipients after it had finished: a new round, which ends with its own notice.
      await this.repo.activateBroadcast(input.broadcastId, total, new Date(this.clock.now()), wasFinished);
    }
    this.logger.info({ broadcastId: input.broadcastId, kind: input.kind, ...result }, 'delivery: broadcast enqueued');
    this.onNewWork(fresh);
    return result;
  }

  /** Recipients who cannot be messaged yet because they have not installed the app. */
  async listWaitingInstall(broadcastId?: string): Promise<WaitingInstallEntry[]> {
    const docs = await this.repo.waitingInstall(broadcastId);
    const titles = await this.repo.titlesOf([...new Set(docs.map((d) => d.broadcastId))]);
    return docs.map((d) => {
      const title = titles.get(d.broadcastId);
      return {
        broadcastId: d.broadcastId,
        recipientKey: d.recipientKey,
        kind: d.kind,
        ...(title ? { title } : {}),
        ...(d.person ? { person: d.person } : {}),
        ...(isFailureCode(d.lastErrorCode) ? { reason: d.lastErrorCode } : {}),
        since: d.createdAt,
      };
    });
  }

  /** See DeliveryEngine.onInstalled. */
  async onInstalled(recipientKey: string, ref: ConversationRef): Promise<number> {
    const now = new Date(this.clock.now());
    const target: DeliveryTarget = { kind: 'conversation', ref };
    const count = await this.repo.requeueWaiting(recipientKey, {
      target,
      rateKey: rateKeyOf(target),
      tenantKey: tenantOfRef(ref) ?? this.defaults.tenantId ?? 'default',
      nextAttemptAt: now,
      updatedAt: now,
    });
    if (count > 0) {
      this.logger.info({ recipientKey, count }, 'delivery: waiting messages re-queued after install');
      this.onNewWork();
    }
    return count;
  }

  private buildDoc(input: EnqueueBroadcastInput, r: BroadcastRecipient, seq: number, priority: number, now: Date): OutboxDoc {
    if (!r.recipientKey) throw new Error(`Recipient without recipientKey in broadcast ${input.broadcastId}`);
    const [target, ...fallbacks] = this.resolveTargets(r);
    const tenantKey = (r.ref && tenantOfRef(r.ref)) ?? r.user?.tenantId ?? this.defaults.tenantId ?? 'default';
    const person = r.user ? { id: r.user.id, aadObjectId: r.user.aadObjectId, name: r.user.name } : r.ref?.user ? { ...r.ref.user } : undefined;
    return {
      _id: randomUUID(),
      broadcastId: input.broadcastId,
      recipientKey: r.recipientKey,
      kind: input.kind,
      seq,
      priority,
      ...(target ? { target, rateKey: rateKeyOf(target) } : {}),
      ...(fallbacks.length ? { fallbacks } : {}),
      ...(person ? { person: stripUndefined(person) } : {}),
      messageJson: JSON.stringify(r.message),
      state: target ? 'pending' : 'waiting-install',
      attempts: 0,
      nextAttemptAt: now,
      tenantKey,
      ...(input.expiresAt ? { expiresAt: input.expiresAt } : {}),
      createdAt: now,
      updatedAt: now,
    };
  }

  /**
   * Where to try, in order: her conversation, her other conversations, then a chat to create from her
   * Teams user id (with the serviceUrl of her latest conversation when the defaults name none). Empty: she
   * waits for the install.
   */
  private resolveTargets(r: BroadcastRecipient): DeliveryTarget[] {
    const refs = [...(r.ref ? [r.ref] : []), ...(r.fallbacks ?? [])];
    const seen = new Set<string>();
    const targets: DeliveryTarget[] = [];
    for (const ref of refs) {
      if (seen.has(ref.conversation.id)) continue;
      seen.add(ref.conversation.id);
      targets.push({ kind: 'conversation', ref });
    }
    const d = this.defaults;
    const u = r.user;
    const latest = refs[0];
    const serviceUrl = u?.serviceUrl ?? d.serviceUrl ?? latest?.serviceUrl;
    const tenantId = u?.tenantId ?? d.tenantId ?? (latest ? tenantOfRef(latest) : undefined);
    const botId = u?.botId ?? d.botId ?? latest?.bot.id;
    // With stored chats, opening one is the last resort (Teams gives back her current chat with the bot).
    if (u?.id && serviceUrl && tenantId && botId) targets.push({ kind: 'user', user: { userId: u.id, serviceUrl, tenantId, botId } });
    return targets;
  }
}

function stripUndefined<T extends Record<string, unknown>>(obj: T): T {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as T;
}
