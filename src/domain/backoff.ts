/**
 * Exponential backoff with jitter, the one calculator behind every retry of the bot: scheduled jobs
 * (domain/jobs/backoff.ts) and proactive deliveries (domain/delivery/retryPolicy.ts). Pure: randomness is
 * passed in.
 *
 * The cap of attempt n (1 for the first retry) is min(maxDelayMs, baseDelayMs × 2^(n − 1)). The delay is:
 * - 'full' jitter: uniform in [0, cap] (AWS architecture blog): a burst of throttled messages spreads out;
 * - 'equal' jitter: uniform in [cap / 2, cap]: spread out, yet a retry is never immediate.
 */
export type Jitter = 'full' | 'equal';

export interface BackoffOptions {
  baseDelayMs: number;
  maxDelayMs: number;
}

/** The upper bound of the delay after attempt `attempt` (≥ 1; the exponent is bounded, so huge numbers are safe). */
export function backoffCap(attempt: number, opts: BackoffOptions): number {
  const exponent = Math.max(0, Math.min(Math.floor(attempt) - 1, 40));
  return Math.max(0, Math.min(opts.maxDelayMs, opts.baseDelayMs * 2 ** exponent));
}

/** The jittered delay after attempt `attempt`, in whole milliseconds. */
export function backoffDelayMs(attempt: number, opts: BackoffOptions, jitter: Jitter, random: () => number): number {
  const cap = backoffCap(attempt, opts);
  const r = Math.min(1, Math.max(0, random()));
  return jitter === 'full' ? Math.floor(r * cap) : Math.round(cap / 2 + (r * cap) / 2);
}
