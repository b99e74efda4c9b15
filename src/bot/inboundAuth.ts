import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger } from '../logger.js';
import { SigningKeysUnavailableError } from './signingKeys.js';

/**
 * Helpers for rejecting unauthenticated requests quietly: a per-reason log throttle, a classification of
 * the SDK's errors, and a scope that keeps botframework-connector's console.error calls out of stderr.
 */

/** Why a request was not authenticated (logged; never sent to the caller). */
export type RejectionReason = 'missing_token' | 'token_rejected' | 'signing_keys_unavailable' | 'unverifiable';

export function rejectionReason(err: unknown, authHeader: string): RejectionReason {
  if (!authHeader.trim()) return 'missing_token';
  const e = err as { name?: unknown } | null;
  if (err instanceof SigningKeysUnavailableError) return 'signing_keys_unavailable';
  // AuthenticationError (the SDK's own checks) and jsonwebtoken's errors ("invalid signature", "jwt not active").
  if (e && typeof e.name === 'string' && /^(AuthenticationError|JsonWebTokenError|NotBeforeError|TokenExpiredError)$/.test(e.name)) return 'token_rejected';
  if (err instanceof Error && /^(Unauthorized|Signing Key|The token has expired)/.test(err.message)) return 'token_rejected';
  return 'unverifiable';
}

/**
 * Lets through at most `max` entries per `windowMs` for each key; reports how many were held back so the
 * next entry that goes through can say so. Unauthenticated callers cannot flood the log.
 */
export class LogThrottle {
  private readonly windows = new Map<string, { start: number; count: number; suppressed: number }>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Undefined when the entry must be dropped; otherwise how many entries of this key were dropped before it. */
  take(key: string): { suppressed: number } | undefined {
    const t = this.now();
    let w = this.windows.get(key);
    if (!w || t - w.start >= this.windowMs) {
      const suppressed = w?.suppressed ?? 0;
      w = { start: t, count: 0, suppressed };
      this.windows.set(key, w);
      if (this.windows.size > 64) this.windows.delete(this.windows.keys().next().value!);
    }
    if (w.count >= this.max) {
      w.suppressed++;
      return undefined;
    }
    w.count++;
    const suppressed = w.suppressed;
    w.suppressed = 0;
    return { suppressed };
  }
}

/**
 * Runs `fn` with console.error redirected to `sink` for the calls made on its behalf (AsyncLocalStorage,
 * so concurrent requests and the rest of the process are not affected). botframework-connector's token
 * validation prints each rejected token with console.error (jwtTokenExtractor.validateToken: the error
 * with its stack, or the PEM of the key); the adapter logs the rejection itself, rate-limited.
 */
const consoleScope = new AsyncLocalStorage<(args: unknown[]) => void>();
const REDIRECTED = Symbol.for('red-de-coaching.consoleErrorRedirected');

function ensureConsoleRedirect(): void {
  const current = console.error as typeof console.error & { [REDIRECTED]?: true };
  if (current[REDIRECTED]) return;
  const redirected = Object.assign(
    (...args: unknown[]): void => {
      const sink = consoleScope.getStore();
      if (sink) sink(args);
      else current.apply(console, args);
    },
    { [REDIRECTED]: true as const },
  );
  console.error = redirected;
}

export function withConsoleErrorsTo<T>(sink: (args: unknown[]) => void, fn: () => Promise<T>): Promise<T> {
  ensureConsoleRedirect();
  return consoleScope.run(sink, fn);
}

/** Logs a rejected request at warn, at most a few per minute per reason. */
export class RejectionLog {
  private readonly throttle: LogThrottle;

  constructor(
    private readonly logger: Logger,
    limits: { max: number; windowMs: number } = { max: 5, windowMs: 60_000 },
  ) {
    this.throttle = new LogThrottle(limits.max, limits.windowMs);
  }

  rejected(reason: RejectionReason, fields: Record<string, unknown>): void {
    const slot = this.throttle.take(reason);
    if (!slot) return;
    this.logger.warn({ reason, ...fields, ...(slot.suppressed ? { suppressed: slot.suppressed } : {}) }, 'request rejected: invalid or unverifiable token');
  }
}
