/**
 * What to do after one delivery attempt: pure classification of the transport's answer, exponential
 * backoff with full jitter, and Retry-After parsing. No I/O; randomness and time are passed in.
 *
 * - 2xx: sent.
 * - 403 (e.g. MessageWritesBlocked: she blocked or uninstalled the bot): blocked, never retried.
 * - 408, 412, 429, 500, 502, 503, 504 and network errors (including timeouts): retried. Microsoft asks
 *   bots to retry 429, 412, 502 and 504; 503 and 500 are transient server answers; 408 is a timeout.
 * - 401: retried, because it usually means an expired token (the transport refreshes it on 401); a
 *   wrong credential still ends as failed after the maximum number of attempts.
 * - Any other status: failed, with the reason.
 * Retries stop at `maxAttempts` attempts in total: the message is then failed with the last reason.
 * Every decision but `sent` carries a stable code (failureCodes.ts) and a technical detail for logs; the
 * words shown to people are the bot layer's.
 */

import { backoffDelayMs } from '../backoff.js';
import { failureCodeOf, type FailureCode } from './failureCodes.js';

export interface RetryOptions {
  /** Total attempts, the first included. */
  maxAttempts: number;
  /** Backoff base: the cap of the first retry's random delay. */
  baseDelayMs: number;
  /** Upper bound of the exponential part. A longer Retry-After is still honoured. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryOptions = Object.freeze({ maxAttempts: 8, baseDelayMs: 1_000, maxDelayMs: 5 * 60_000 });

/** The transport's answer to one attempt (see services/delivery/transport.ts). */
export type AttemptResult =
  | { ok: true }
  | { ok: false; status?: number; retryAfterMs?: number; error: string; network?: boolean };

export type RetryDecision =
  | { kind: 'sent' }
  | { kind: 'retry'; delayMs: number; code: FailureCode; detail: string }
  | { kind: 'blocked'; code: FailureCode; detail: string }
  | { kind: 'failed'; code: FailureCode; detail: string; /** Retryable, but `maxAttempts` were spent. */ exhausted?: true };

const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([401, 408, 412, 429, 500, 502, 503, 504]);

export function isRetryable(result: { status?: number; network?: boolean }): boolean {
  if (result.network) return true;
  return result.status !== undefined && RETRYABLE_STATUSES.has(result.status);
}

/**
 * Full-jitter exponential backoff (AWS architecture blog): a uniform random delay in
 * [0, min(maxDelay, base * 2^(attempt-1))]. `attempt` is the number of attempts made so far (>= 1).
 */
export function backoffDelay(attempt: number, opts: RetryOptions, random: () => number): number {
  return backoffDelayMs(attempt, opts, 'full', random);
}

/**
 * Decides the next step after attempt number `attempts` (1 for the first). With a Retry-After the retry
 * is never earlier than it asks; the jittered backoff can push it later, which spreads a burst of
 * throttled messages instead of retrying them all at the same instant.
 */
export function decide(result: AttemptResult, attempts: number, opts: RetryOptions, random: () => number): RetryDecision {
  if (result.ok) return { kind: 'sent' };
  const detail = describeFailure(result);
  const code = failureCodeOf(result);
  if (result.status === 403) return { kind: 'blocked', code, detail };
  if (!isRetryable(result)) return { kind: 'failed', code, detail };
  if (attempts >= opts.maxAttempts) return { kind: 'failed', code, detail: `${detail} (${attempts} attempts)`, exhausted: true };
  const jittered = backoffDelay(attempts, opts, random);
  const delayMs = result.retryAfterMs !== undefined ? Math.max(result.retryAfterMs, jittered) : jittered;
  return { kind: 'retry', delayMs, code, detail };
}

/** A short technical detail for logs ("HTTP 400: BadArgument: …"); people see the code's words instead. */
export function describeFailure(result: { status?: number; error: string; network?: boolean }): string {
  const prefix = result.status !== undefined ? `HTTP ${result.status}` : result.network ? 'network error' : 'error';
  const text = result.error.replace(/\s+/g, ' ').trim().slice(0, 200);
  return text ? `${prefix}: ${text}` : prefix;
}

/**
 * Parses an HTTP Retry-After value: delay-seconds (integer; decimals tolerated) or an HTTP date.
 * Returns milliseconds from `nowMs` (never negative), or undefined when absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const v = value.trim();
  if (v === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  // Only date-shaped values (e.g. "Wed, 21 Oct 2015 07:28:00 GMT"): Date.parse accepts odd inputs like "1".
  if (!/[a-z]/i.test(v)) return undefined;
  const at = Date.parse(v);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}
