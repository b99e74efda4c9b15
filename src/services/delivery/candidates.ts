import { yieldToIo } from './clock.js';
import type { OutboxRepository } from './outboxRepository.js';
import type { OutboxDoc } from './types.js';

/** Candidates read from the store are re-read at least this often (new, higher-priority work). */
const BUFFER_MAX_AGE_MS = 10_000;

export interface DueCandidatesOptions {
  repo: OutboxRepository;
  /** Messages read per query. */
  batchSize: number;
  /** After a read found nothing, do not read again before this unless marked dirty. */
  emptyReadBackoffMs: number;
  /** Claimed, being claimed or being sent by this instance: not a candidate. */
  isMine: (id: string) => boolean;
}

/**
 * The worker's view of what is due: messages read from the store in batches (expired leases first, then
 * pending by priority and age), and the conversations held back by their rate limit, whose messages are
 * skipped until then. The store stays the only record of what is due; this is a read-ahead of it.
 */
export class DueCandidates {
  /** Set when new work may exist (enqueue, install, a notice): the next read goes to the store. */
  private dirty = true;
  private buffer: OutboxDoc[] = [];
  private readAt = -Infinity;
  /** The last read returned every due message (fewer than a batch): the buffer is the whole queue. */
  private complete = false;
  /** Conversations held back by their rate limit, until the given time. */
  private readonly held = new Map<string, number>();
  /** A read of the store under way (see next). */
  private reading: Promise<void> | undefined;

  constructor(private readonly opts: DueCandidatesOptions) {}

  markDirty(): void {
    this.dirty = true;
  }

  isDirty(): boolean {
    return this.dirty;
  }

  /**
   * Messages this instance has just enqueued: merged into the read-ahead in the store's order instead of
   * reading the store again. A sorted read of a large outbox holds the event loop for tens of milliseconds
   * on the embedded store, and a job enqueuing every few hundred milliseconds would repeat it each time;
   * every millisecond the loop is held is a send slot lost. Ones that sort after a partial buffer stay in the
   * store for the next read, as do other instances' (found by the periodic read).
   */
  offer(docs: readonly OutboxDoc[], now: number): void {
    if (this.dirty || this.readAt === -Infinity) return; // a read of the store comes first anyway
    if (this.reading) {
      // A read under way may have started before these were inserted, and replaces the buffer: read again.
      this.dirty = true;
      return;
    }
    const last = this.buffer[this.buffer.length - 1];
    if (!this.complete && !last) {
      this.dirty = true;
      return;
    }
    for (const d of docs) {
      if (d.state !== 'pending' || d.nextAttemptAt.getTime() > now || this.opts.isMine(d._id)) continue;
      if (d.rateKey && (this.held.get(d.rateKey) ?? -Infinity) > now) continue;
      if (!this.complete && compareQueueOrder(d, last!) >= 0) continue;
      let at = this.buffer.length;
      while (at > 0 && compareQueueOrder(this.buffer[at - 1]!, d) > 0) at--;
      this.buffer.splice(at, 0, d);
    }
  }

  /** Whatever happens next, the next candidate comes from a new read of the store. */
  forgetRead(): void {
    this.readAt = -Infinity;
  }

  /** Holds a conversation back until `until`: reads skip it until then. */
  hold(conversationKey: string, until: number): void {
    this.held.set(conversationKey, until);
  }

  /** Holds a conversation back and drops its messages already read, to move on to others. */
  holdAndSkip(conversationKey: string, until: number): void {
    this.held.set(conversationKey, until);
    this.buffer = this.buffer.filter((d) => d.rateKey !== conversationKey);
  }

  /** Milliseconds from `now` until the first held conversation is free again (Infinity when none is held). */
  untilFirstRelease(now: number): number {
    let wait = Infinity;
    for (const until of this.held.values()) wait = Math.min(wait, until - now);
    return wait;
  }

  /**
   * The next due message not held back and not this instance's, reading the store when needed. With
   * `waitForRead: false` a needed read starts in the background and what is already buffered (maybe
   * nothing) is handed out meanwhile: the worker, with claimed messages still to send, does not stop sending
   * while a large outbox is read.
   */
  async next(now: number, waitForRead = true): Promise<OutboxDoc | undefined> {
    if (this.reading) {
      if (waitForRead) await this.reading;
    } else if (this.dirty || this.buffer.length === 0 || now - this.readAt > BUFFER_MAX_AGE_MS) {
      if (!this.dirty && this.buffer.length === 0 && now - this.readAt < this.opts.emptyReadBackoffMs) return undefined;
      const read = this.refill(now).finally(() => {
        this.reading = undefined;
      });
      this.reading = read;
      if (waitForRead) await read;
      else {
        read.catch(() => {
          this.dirty = true; // the next call reads again (and a waiting one reports the error)
        });
      }
    }
    return this.buffer.shift();
  }

  private async refill(now: number): Promise<void> {
    // A sorted read of a large outbox can hold the event loop for a few milliseconds (embedded store):
    // let the requests just handed to fetch reach the network first, so they leave when admitted.
    await yieldToIo();
    this.dirty = false;
    this.readAt = now;
    for (const [key, until] of this.held) if (until <= now) this.held.delete(key);
    const held = [...this.held.keys()];
    const at = new Date(now);
    const { repo, batchSize, isMine } = this.opts;
    const expired = await repo.expiredLeases(at, batchSize);
    const due = await repo.dueMessages(at, held, batchSize);
    this.complete = due.length < batchSize;
    this.buffer = [...expired, ...due].filter((d) => !isMine(d._id) && !(d.rateKey && this.held.has(d.rateKey)));
  }
}

/** The order in which pending messages go (OutboxRepository.dueMessages): priority, then oldest enqueued. */
export function compareQueueOrder(a: Pick<OutboxDoc, 'priority' | 'createdAt' | 'seq'>, b: Pick<OutboxDoc, 'priority' | 'createdAt' | 'seq'>): number {
  return a.priority - b.priority || a.createdAt.getTime() - b.createdAt.getTime() || a.seq - b.seq;
}
