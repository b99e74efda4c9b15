import { type FailureCode, isFailureCode, isTransient, legacyFailureCode } from '../../domain/delivery/failureCodes.js';
import type { OutboxRepository } from './outboxRepository.js';
import { type BroadcastDoc, type BroadcastStatus, DELIVERY_STATES, type DeliveryState, type FailureCount, type OutboxDoc } from './types.js';

/** How many of the most frequent failure reasons a status reports. */
const TOP_ERRORS = 5;

/**
 * Broadcasts with their counts per state and the most frequent error reasons: one broadcast, or the
 * `limit` most recent ones (default 20, newest first).
 */
export async function readStatus(repo: OutboxRepository, broadcastId?: string, options: { limit?: number } = {}): Promise<BroadcastStatus[]> {
  const docs = await repo.findBroadcasts(broadcastId, options.limit ?? 20);
  return Promise.all(docs.map((b) => statusOf(repo, b)));
}

/** Why a message's last attempt failed: its code, or the code read from the text earlier versions stored. */
export function failureCodeOfDoc(d: Pick<OutboxDoc, 'lastErrorCode' | 'lastError'>): FailureCode {
  return isFailureCode(d.lastErrorCode) ? d.lastErrorCode : legacyFailureCode(d.lastError);
}

/** The most frequent codes among `docs`, most frequent first (ties by code). */
function tally(docs: readonly OutboxDoc[], final: boolean): FailureCount[] {
  const counts = new Map<string, FailureCount>();
  for (const d of docs) {
    const code = failureCodeOfDoc(d);
    const exhausted = final && d.state === 'failed' && isTransient(code);
    const key = `${code}|${exhausted}`;
    const entry = counts.get(key) ?? { code, count: 0, ...(exhausted ? { exhausted: true } : {}) };
    entry.count++;
    counts.set(key, entry);
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || a.code.localeCompare(b.code)).slice(0, TOP_ERRORS);
}

/** The status of one broadcast, counted from its messages in the outbox. */
export async function statusOf(repo: OutboxRepository, b: BroadcastDoc): Promise<BroadcastStatus> {
  const counts = {} as Record<DeliveryState, number>;
  await Promise.all(
    DELIVERY_STATES.map(async (s) => {
      counts[s] = await repo.countInState(b._id, s);
    }),
  );
  const retrying = await repo.countRetrying(b._id);
  const topErrors = counts.failed + counts.blocked > 0 ? tally(await repo.failedOrBlocked(b._id), true) : [];
  const retryErrors = retrying > 0 ? tally(await repo.retryingMessages(b._id), false) : [];
  return {
    broadcastId: b._id,
    kind: b.kind,
    ...(b.title ? { title: b.title } : {}),
    state: b.state,
    ...(b.startedBy ? { startedBy: b.startedBy } : {}),
    total: b.total,
    counts,
    retrying,
    topErrors,
    retryErrors,
    createdAt: b.createdAt,
    ...(b.finishedAt ? { finishedAt: b.finishedAt } : {}),
  };
}
