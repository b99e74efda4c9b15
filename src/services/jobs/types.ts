import type { Logger } from '../../logger.js';

/**
 * Durable scheduled jobs: the stored document and the public shapes. No botbuilder types here.
 *
 * Life of a job (collection `jobs`, _id = the caller's stable key):
 *   scheduled ──claim──▶ running ──▶ done
 *       ▲                  │  ├──▶ failed      (handler threw maxAttempts times, threw PermanentJobError,
 *       │                  │  │                 has no handler, or the stored document is corrupt)
 *       └──── retry ◀──────┘  └──▶ cancelled   (cancel() while it ran, and the run failed)
 *   scheduled ──cancel()──▶ cancelled
 * A lease whose owner died (crash, SIGKILL) expires and the job goes back to scheduled (or to failed
 * when it has no attempts left).
 */
export type JobStatus = 'scheduled' | 'running' | 'done' | 'failed' | 'cancelled';

export const JOB_STATUSES: readonly JobStatus[] = ['scheduled', 'running', 'done', 'failed', 'cancelled'];

/** A version of a job scheduled while the previous version was running; it replaces it when that run ends. */
export interface JobNextVersion {
  kind: string;
  runAt: Date;
  payloadJson: string;
  maxAttempts: number;
  rev: string;
  scheduledAt: Date;
}

/** The stored job. */
export interface JobDoc {
  /** The job key. */
  _id: string;
  kind: string;
  status: JobStatus;
  /** The time it was scheduled for; retries do not change it (they move `dueAtMs`). */
  runAt: Date;
  /**
   * Only while scheduled: when the next attempt is due (runAt, or later for a retry), in ms since the
   * epoch. A number, not a Date: the embedded store's sparse indexes leave out every Date value, and this
   * index must be sparse to stay small (see repository.ts).
   */
  dueAtMs?: number;
  /** The payload as JSON text: it may hold card JSON whose keys ($schema, dotted) a document store would refuse. */
  payloadJson: string;
  /** Changes each time the key is scheduled (fences the promotion of `next`). */
  rev: string;
  /** Attempts started for this version (incremented when claimed, so a crash mid-run still counts). */
  attempts: number;
  maxAttempts: number;
  /** Only while running: who runs it, until when (ms since the epoch, like dueAtMs), and the claim's unique token. */
  leaseOwner?: string;
  leaseUntilMs?: number;
  leaseToken?: string;
  /** When the last attempt started. */
  startedAt?: Date;
  /** Set when it reached done, failed or cancelled. */
  finishedAt?: Date;
  /** finishedAt + the retention period: a TTL index deletes the job then. Never query on it (see repository.ts). */
  expiresAt?: Date;
  /** Reason of the last failure (Spanish: admins may read it). */
  lastError?: string;
  /** Scheduled again while running: replaces this version when the current run ends. */
  next?: JobNextVersion;
  /** cancel() arrived while running: the current run finishes, nothing runs after it. */
  cancelRequested?: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface ScheduleInput<P = unknown> {
  /** Stable key; scheduling the same key again replaces the job. At most 512 characters. */
  key: string;
  /** Names the handler (see register). */
  kind: string;
  runAt: Date;
  /** Stored as JSON: Dates become ISO strings (use z.coerce.date() in the handler's schema). */
  payload?: P;
  /** Total attempts, the first included (default: the factory's defaultMaxAttempts, 5). */
  maxAttempts?: number;
}

export interface ScheduleResult {
  key: string;
  /**
   * - `scheduled`: the job will run at runAt (it was new, or the old version was replaced: `replaced`).
   * - `after-current-run`: the key is running right now; this version replaces it when that run ends
   *   (and runs at runAt, or at once if runAt has passed by then). Never lost, never concurrent.
   */
  outcome: 'scheduled' | 'after-current-run';
  replaced: boolean;
}

/**
 * - `cancelled`: it was scheduled and will not run.
 * - `cancel-requested`: it is running now; that run is not interrupted (its outcome is recorded; if it
 *   fails it ends `cancelled` instead of being retried) and any version scheduled after it is dropped.
 * - `already-finished`: done, failed or cancelled before. `not-found`: no such key.
 */
export type CancelResult = 'cancelled' | 'cancel-requested' | 'already-finished' | 'not-found';

/** A job as callers see it. */
export interface JobInfo {
  key: string;
  kind: string;
  status: JobStatus;
  runAt: Date;
  /** While scheduled: when the next attempt is due (later than runAt after a failure). */
  nextAttemptAt?: Date;
  payload: unknown;
  attempts: number;
  maxAttempts: number;
  lastError?: string;
  startedAt?: Date;
  finishedAt?: Date;
  leaseOwner?: string;
  leaseUntil?: Date;
  /** A version scheduled while it was running, waiting for that run to end. */
  pendingVersion?: { kind: string; runAt: Date };
  cancelRequested: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface JobListFilter {
  status?: JobStatus | readonly JobStatus[];
  kind?: string;
  keyPrefix?: string;
  /** runAt >= from and runAt < to. */
  runAtFrom?: Date;
  runAtTo?: Date;
  /** Default 1,000. */
  limit?: number;
}

/** What a handler receives. */
export interface JobContext<P = unknown> {
  key: string;
  kind: string;
  payload: P;
  /** 1 for the first attempt. */
  attempt: number;
  maxAttempts: number;
  /** The time it was scheduled for (the same on every attempt and re-run). */
  runAt: Date;
  logger: Logger;
}

/** Runs one job. Throwing makes it retry with backoff (PermanentJobError: fail at once). */
export type JobHandler = (job: JobContext) => Promise<void>;

export interface JobHandlerDefinition<In = unknown> {
  readonly kind: string;
  readonly handle: JobHandler;
  /** Checks a payload when it is scheduled in this process: an error message, or undefined when valid. */
  readonly validate?: (payload: unknown) => string | undefined;
  /** Type-only: the payload type `schedule` expects for this kind. */
  readonly payloadType?: In;
}

/** A failure that retrying cannot fix (bad payload, a target that no longer exists): the job fails at once. */
export class PermanentJobError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PermanentJobError';
  }
}

/** Counts of one runDue() pass. */
export interface RunSummary {
  /** Attempts started. */
  claimed: number;
  done: number;
  retried: number;
  failed: number;
  cancelled: number;
  /** A version scheduled during the run replaced it. */
  replaced: number;
  /** The lease was lost before the outcome could be written (another runner took the job over). */
  leaseLost: number;
  /** Corrupt documents skipped (and marked failed when possible). */
  corrupt: number;
  /** Expired leases taken back. */
  recovered: number;
}

export function emptySummary(): RunSummary {
  return { claimed: 0, done: 0, retried: 0, failed: 0, cancelled: 0, replaced: 0, leaseLost: 0, corrupt: 0, recovered: 0 };
}
