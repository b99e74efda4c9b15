import { DEFAULT_JOB_RETRY, type JobRetryOptions } from '../../domain/jobs/backoff.js';
import type { Logger } from '../../logger.js';
import type { Store } from '../../store/types.js';
import { JobHandlerRegistry } from './handlers.js';
import { JobRepository, JOBS_COLLECTION } from './repository.js';
import { JobRunner } from './runner.js';
import { type Jobs, JobScheduler } from './scheduler.js';

/**
 * Durable scheduled jobs on the Store (both adapters): "do X at time T, unless cancelled", run exactly
 * once across restarts and across instances sharing one MongoDB. See scheduler.ts for the API,
 * runner.ts for the guarantees and repository.ts for the store protocol.
 *
 *   const jobs = createJobs(store, { clock, logger, instanceId: os.hostname() });
 *   jobs.register(defineJobHandler('session.close', schema, async (p) => { ... }));
 *   await jobs.init();
 *   jobs.start();
 *   await jobs.schedule({ key: 'session.close:S-12', kind: 'session.close', runAt, payload: { sessionId: 'S-12' } });
 *   ...
 *   await jobs.stop();
 */

export interface JobsOptions {
  logger: Logger;
  /**
   * Names this process among those sharing the store. Keep it stable across restarts of the same
   * deployment (hostname, replica name) so a restart takes back its own interrupted jobs at once; two
   * live processes must never share one.
   */
  instanceId: string;
  clock?: () => Date;
  /** Handlers running at once in this process (default 8). */
  concurrency?: number;
  /** Longest wait between two looks at the store (default 1,000 ms); jobs due sooner wake the loop on time. */
  pollIntervalMs?: number;
  /** How long a claim lasts without renewal (default 60,000 ms): the delay before a crashed run is retried. */
  leaseMs?: number;
  /** How often a running job's lease is renewed (default leaseMs / 3). */
  heartbeatMs?: number;
  /** Attempts per job when schedule() does not say (default 5). */
  defaultMaxAttempts?: number;
  /** Retry backoff (defaults: first retry after 15–30 s, capped at 1 h). */
  retry?: Partial<JobRetryOptions>;
  /** Random source of the backoff jitter (tests pass a fixed one). */
  random?: () => number;
  /** Days a finished job is kept (default 30; a TTL index plus an hourly purge). null keeps them. */
  retentionDays?: number | null;
  /** Collection name (default `jobs`). */
  collection?: string;
}

export function createJobs(store: Store, options: JobsOptions): Jobs {
  const clock = options.clock ?? (() => new Date());
  const leaseMs = options.leaseMs ?? 60_000;
  const logger = options.logger.child({ component: 'jobs', instanceId: options.instanceId });
  const retentionDays = options.retentionDays === undefined ? 30 : options.retentionDays;
  const repo = new JobRepository(store, { collection: options.collection ?? JOBS_COLLECTION, retentionDays });
  const handlers = new JobHandlerRegistry();
  const runner = new JobRunner(repo, handlers, {
    clock,
    logger,
    instanceId: options.instanceId,
    concurrency: Math.max(1, Math.floor(options.concurrency ?? 8)),
    pollIntervalMs: Math.max(10, options.pollIntervalMs ?? 1_000),
    leaseMs,
    heartbeatMs: options.heartbeatMs ?? Math.floor(leaseMs / 3),
    retry: { ...DEFAULT_JOB_RETRY, ...options.retry },
    random: options.random ?? Math.random,
  });
  return new JobScheduler({
    repo,
    handlers,
    runner,
    clock,
    logger,
    instanceId: options.instanceId,
    defaultMaxAttempts: options.defaultMaxAttempts ?? 5,
  });
}

export { defineJobHandler, JobHandlerRegistry } from './handlers.js';
export { JobRepository, JOBS_COLLECTION } from './repository.js';
export { JobRunner } from './runner.js';
export { type Jobs, type JobScheduling, JobScheduler } from './scheduler.js';
export { NOTIFY_CONVERSATION, NOTIFY_PEOPLE, scheduledMessageHandlers, scheduleMessage, type ScheduledMessageInput } from './scheduledMessages.js';
export * from './types.js';
