import { FAILURE_REASONS } from './failureReasons.js';
import type { OutboxRepository } from './outboxRepository.js';
import { type BroadcastDoc, type BroadcastStatus, DELIVERY_STATES, type DeliveryState } from './types.js';

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

/** The status of one broadcast, counted from its messages in the outbox. */
export async function statusOf(repo: OutboxRepository, b: BroadcastDoc): Promise<BroadcastStatus> {
  const counts = {} as Record<DeliveryState, number>;
  await Promise.all(
    DELIVERY_STATES.map(async (s) => {
      counts[s] = await repo.countInState(b._id, s);
    }),
  );
  const retrying = await repo.countRetrying(b._id);
  const tally = new Map<string, number>();
  if (counts.failed + counts.blocked > 0) {
    for (const d of await repo.failedOrBlocked(b._id)) {
      const reason = d.lastError ?? FAILURE_REASONS.noDetail;
      tally.set(reason, (tally.get(reason) ?? 0) + 1);
    }
  }
  const topErrors = [...tally.entries()]
    .sort((a, b2) => b2[1] - a[1] || a[0].localeCompare(b2[0]))
    .slice(0, TOP_ERRORS)
    .map(([reason, count]) => ({ reason, count }));
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
    createdAt: b.createdAt,
    ...(b.finishedAt ? { finishedAt: b.finishedAt } : {}),
  };
}
