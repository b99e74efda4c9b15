import { describe, expect, it } from 'vitest';
import { compareQueueOrder, DueCandidates } from '../../src/services/delivery/candidates.js';
import type { OutboxRepository } from '../../src/services/delivery/outboxRepository.js';
import type { OutboxDoc } from '../../src/services/delivery/types.js';

const T0 = Date.UTC(2026, 11, 2, 12, 0, 0);

/** A pending message; `at` is when it was enqueued (ms after T0). */
function msg(id: string, at: number, seq: number, extra: Partial<OutboxDoc> = {}): OutboxDoc {
  return {
    _id: id,
    broadcastId: 'b',
    recipientKey: id,
    kind: 'k',
    seq,
    priority: 10,
    rateKey: `c:${id}`,
    tenantKey: 't',
    messageJson: '{}',
    state: 'pending',
    attempts: 0,
    nextAttemptAt: new Date(T0 + at),
    createdAt: new Date(T0 + at),
    updatedAt: new Date(T0 + at),
    ...extra,
  };
}

/** The store's side: every pending message, read in queue order like OutboxRepository.dueMessages. */
function fakeRepo(stored: OutboxDoc[]): { repo: OutboxRepository; reads: () => number } {
  let reads = 0;
  const repo = {
    expiredLeases: () => Promise.resolve([]),
    dueMessages: (at: Date, skip: readonly string[], limit: number) => {
      reads++;
      const due = stored.filter((d) => d.state === 'pending' && d.nextAttemptAt <= at && !skip.includes(d.rateKey ?? ''));
      return Promise.resolve(due.sort(compareQueueOrder).slice(0, limit));
    },
  } as unknown as OutboxRepository;
  return { repo, reads: () => reads };
}

async function drain(c: DueCandidates, now: number): Promise<string[]> {
  const out: string[] = [];
  for (let d = await c.next(now); d; d = await c.next(now)) out.push(d._id);
  return out;
}

describe('DueCandidates: messages just enqueued join the read-ahead without a store read', () => {
  it('merges them in queue order after a read that held the whole queue', async () => {
    const stored = [msg('a', 0, 0), msg('b', 0, 1)];
    const { repo, reads } = fakeRepo(stored);
    const c = new DueCandidates({ repo, batchSize: 10, emptyReadBackoffMs: 250, isMine: () => false });
    expect((await c.next(T0 + 100))?._id).toBe('a');
    const fresh = [msg('d', 50, 1), msg('c', 50, 0), msg('urgent', 60, 0, { priority: 0 })];
    stored.push(...fresh);
    c.offer(fresh, T0 + 100);
    expect(await drain(c, T0 + 100)).toEqual(['urgent', 'b', 'c', 'd']);
    expect(reads()).toBe(1);
  });

  it('leaves for the next read the ones that sort after a partial batch (nothing skipped, nothing twice)', async () => {
    const stored = Array.from({ length: 5 }, (_, i) => msg(`old${i}`, 0, i));
    const { repo, reads } = fakeRepo(stored);
    const c = new DueCandidates({ repo, batchSize: 3, emptyReadBackoffMs: 0, isMine: () => false });
    const first = (await c.next(T0 + 100))!;
    stored.splice(stored.indexOf(first), 1); // claimed
    const fresh = [msg('new0', 50, 0), msg('first', -10, 0)];
    stored.push(...fresh);
    c.offer(fresh, T0 + 100);
    const seen: string[] = [first._id];
    for (let d = await c.next(T0 + 100); d; d = await c.next(T0 + 100)) {
      seen.push(d._id);
      stored.splice(stored.indexOf(stored.find((s) => s._id === d._id)!), 1);
    }
    // 'first' sorts before the buffer's last one: taken at once; 'new0' came with a later read.
    expect(seen).toEqual(['old0', 'first', 'old1', 'old2', 'old3', 'old4', 'new0']);
    expect(reads()).toBeGreaterThan(1);
  });

  it.each([
    ['not due yet', msg('later', 0, 9, { nextAttemptAt: new Date(T0 + 60_000) })],
    ['not pending', msg('waiting', 0, 9, { state: 'waiting-install' })],
    ['held back by its conversation', msg('held', 0, 9, { rateKey: 'c:busy' })],
    ['already this instance’s', msg('mine', 0, 9)],
  ])('skips a message %s', async (_why, doc) => {
    const { repo } = fakeRepo([msg('a', 0, 0)]);
    const c = new DueCandidates({ repo, batchSize: 10, emptyReadBackoffMs: 250, isMine: (id) => id === 'mine' });
    await c.next(T0 + 100);
    c.hold('c:busy', T0 + 5_000);
    c.offer([doc], T0 + 100);
    expect(await drain(c, T0 + 100)).toEqual([]);
  });

  it('reads the store when nothing was read yet or a read is already due', async () => {
    const stored = [msg('a', 0, 0)];
    const { repo, reads } = fakeRepo(stored);
    const c = new DueCandidates({ repo, batchSize: 10, emptyReadBackoffMs: 250, isMine: () => false });
    c.offer([stored[0]!], T0 + 100); // before any read: ignored, the first read finds it
    expect(await drain(c, T0 + 100)).toEqual(['a']);
    expect(reads()).toBe(1);
  });

  it('without waiting, hands out what is buffered while a read goes on in the background', async () => {
    const stored = [msg('a', 0, 0), msg('b', 0, 1)];
    let release!: () => void;
    let reads = 0;
    const repo = {
      expiredLeases: () => Promise.resolve([]),
      dueMessages: async () => {
        reads++;
        if (reads === 2) await new Promise<void>((r) => (release = r)); // a slow read of a large outbox
        return [...stored].sort(compareQueueOrder);
      },
    } as unknown as OutboxRepository;
    const c = new DueCandidates({ repo, batchSize: 10, emptyReadBackoffMs: 0, isMine: () => false });
    expect((await c.next(T0))?._id).toBe('a');
    c.markDirty(); // e.g. another instance's work: the next call reads again
    stored.push(msg('c', 10, 0));
    // The read starts, and the buffered 'b' comes at once instead of after it.
    expect((await c.next(T0 + 1, false))?._id).toBe('b');
    expect(await c.next(T0 + 1, false)).toBeUndefined();
    // A waiting call waits for that same read (no second one) and gets its result.
    const waiting = c.next(T0 + 1);
    await new Promise((r) => setImmediate(r));
    expect(reads).toBe(2);
    release();
    expect((await waiting)?._id).toBe('a'); // still pending in the store: the claim will tell
    expect(reads).toBe(2);
  });

  it('after a background read that failed, the next call reads again instead of trusting the old buffer', async () => {
    const stored = [msg('x', 0, 0), msg('y', 0, 1), msg('z', 0, 2)];
    let fail = false;
    const repo = {
      expiredLeases: () => Promise.resolve([]),
      dueMessages: () => (fail ? Promise.reject(new Error('store unavailable')) : Promise.resolve([...stored].sort(compareQueueOrder))),
    } as unknown as OutboxRepository;
    const c = new DueCandidates({ repo, batchSize: 10, emptyReadBackoffMs: 0, isMine: () => false });
    expect((await c.next(T0))?._id).toBe('x');
    stored.splice(0, 2);
    c.markDirty();
    fail = true;
    expect((await c.next(T0 + 1, false))?._id).toBe('y'); // buffered; the read fails in the background
    for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
    fail = false;
    stored.push(msg('urgent', 5, 0, { priority: 0 }));
    expect((await c.next(T0 + 2))?._id).toBe('urgent'); // not the buffered 'z' first
  });

  it('messages offered while a read is under way are not lost when that read replaces the buffer', async () => {
    const stored = [msg('x', 0, 0), msg('y', 0, 1)];
    let release: (() => void) | undefined;
    const repo = {
      expiredLeases: () => Promise.resolve([]),
      dueMessages: async () => {
        const seen = [...stored].sort(compareQueueOrder); // what the read sees when it starts
        if (release === undefined && seen.length === 1) await new Promise<void>((r) => (release = r));
        return seen;
      },
    } as unknown as OutboxRepository;
    const c = new DueCandidates({ repo, batchSize: 10, emptyReadBackoffMs: 0, isMine: () => false });
    expect((await c.next(T0))?._id).toBe('x');
    stored.splice(0, 1);
    c.markDirty();
    expect((await c.next(T0 + 1, false))?._id).toBe('y'); // a slow read starts: it sees only 'y'
    for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
    const fresh = msg('new', 5, 0);
    stored.push(fresh);
    c.offer([fresh], T0 + 2);
    release?.();
    for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r));
    stored.splice(0, 1); // 'y' was claimed
    expect((await c.next(T0 + 3))?._id).toBe('new');
  });
});
