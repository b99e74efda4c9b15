import { describe, expect, it } from 'vitest';
import { backoffDelay, decide, parseRetryAfter, type RetryOptions } from '../../src/domain/delivery/retryPolicy.js';

const opts: RetryOptions = { maxAttempts: 5, baseDelayMs: 1000, maxDelayMs: 60_000 };
const max = (): number => 0.999999;
const zero = (): number => 0;

describe('retry classification', () => {
  it('honours Retry-After on 429', () => {
    const d = decide({ ok: false, status: 429, retryAfterMs: 7000, error: 'Throttled' }, 1, opts, zero);
    expect(d).toEqual({ kind: 'retry', delayMs: 7000, reason: 'HTTP 429: Throttled' });
    // A larger jittered backoff wins over a short Retry-After.
    const later = decide({ ok: false, status: 429, retryAfterMs: 10, error: 'Throttled' }, 3, opts, max);
    expect(later.kind === 'retry' && later.delayMs).toBeGreaterThan(3000);
  });

  it('retries 503, 502, 504, 412 and network errors with jittered exponential backoff', () => {
    for (const status of [412, 502, 503, 504]) {
      expect(decide({ ok: false, status, error: 'x' }, 1, opts, max).kind).toBe('retry');
    }
    const net = decide({ ok: false, network: true, error: 'ECONNRESET' }, 2, opts, max);
    expect(net).toMatchObject({ kind: 'retry', reason: 'Error de red: ECONNRESET' });
    expect(net.kind === 'retry' && net.delayMs).toBeLessThanOrEqual(2000);
  });

  it('blocks on 403 without retrying', () => {
    expect(decide({ ok: false, status: 403, error: 'MessageWritesBlocked: The user blocked the bot' }, 1, opts, zero)).toEqual({
      kind: 'blocked',
      reason: 'HTTP 403: MessageWritesBlocked: The user blocked the bot',
    });
  });

  it('fails other 4xx with the reason', () => {
    expect(decide({ ok: false, status: 400, error: 'BadArgument: Invalid card' }, 1, opts, zero)).toEqual({
      kind: 'failed',
      reason: 'HTTP 400: BadArgument: Invalid card',
    });
    expect(decide({ ok: false, status: 404, error: 'ConversationNotFound' }, 1, opts, zero).kind).toBe('failed');
  });

  it('gives up after maxAttempts', () => {
    expect(decide({ ok: false, status: 503, error: 'down' }, 4, opts, zero).kind).toBe('retry');
    const d = decide({ ok: false, status: 503, error: 'down' }, 5, opts, zero);
    expect(d).toEqual({ kind: 'failed', reason: 'HTTP 503: down (sin éxito tras 5 intentos)' });
  });

  it('sent on success', () => {
    expect(decide({ ok: true }, 1, opts, zero)).toEqual({ kind: 'sent' });
  });
});

describe('backoffDelay (full jitter)', () => {
  it('doubles its ceiling per attempt up to the cap', () => {
    expect([1, 2, 3, 4].map((a) => backoffDelay(a, opts, max))).toEqual([999, 1999, 3999, 7999]);
    expect(backoffDelay(30, opts, max)).toBe(59_999);
    expect(backoffDelay(1000, opts, max)).toBe(59_999);
    expect(backoffDelay(3, opts, zero)).toBe(0);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.UTC(2025, 0, 6, 12, 0, 0);
  it('reads delay-seconds', () => {
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('1.5', now)).toBe(1500);
  });
  it('reads an HTTP date', () => {
    expect(parseRetryAfter(new Date(now + 4000).toUTCString(), now)).toBe(4000);
    expect(parseRetryAfter('Mon, 06 Jan 2025 11:59:00 GMT', now)).toBe(0);
  });
  it('ignores absent or unreadable values', () => {
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('', now)).toBeUndefined();
    expect(parseRetryAfter('-1', now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });
});
