import { backoffDelayMs } from '../backoff.js';

/**
 * When a failed job runs again: exponential backoff with "equal jitter" (half of the delay fixed, half
 * random), so retries of many jobs that failed together spread out, yet a retry is never immediate.
 * Pure: randomness is passed in.
 */

export interface JobRetryOptions {
  /** Delay cap of the first retry (it waits between half of it and all of it). */
  baseDelayMs: number;
  /** Upper bound of the delay. */
  maxDelayMs: number;
}

export const DEFAULT_JOB_RETRY: Readonly<JobRetryOptions> = Object.freeze({ baseDelayMs: 30_000, maxDelayMs: 60 * 60_000 });

/**
 * Delay before the next attempt after attempt number `attempt` (1 for the first) failed: uniform in
 * [cap / 2, cap] where cap = min(maxDelayMs, baseDelayMs × 2^(attempt − 1)).
 */
export function jobRetryDelay(attempt: number, opts: JobRetryOptions, random: () => number): number {
  return backoffDelayMs(attempt, opts, 'equal', random);
}

export type JobFailureDecision =
  | { kind: 'retry'; delayMs: number }
  /** `permanent`: the handler said retrying cannot help; `exhausted`: maxAttempts reached. */
  | { kind: 'fail'; why: 'permanent' | 'exhausted' };

/** What to do after attempt `attempt` of at most `maxAttempts` failed. */
export function decideAfterFailure(
  failure: { attempt: number; maxAttempts: number; permanent: boolean },
  opts: JobRetryOptions,
  random: () => number,
): JobFailureDecision {
  if (failure.permanent) return { kind: 'fail', why: 'permanent' };
  if (failure.attempt >= failure.maxAttempts) return { kind: 'fail', why: 'exhausted' };
  return { kind: 'retry', delayMs: jobRetryDelay(failure.attempt, opts, random) };
}
