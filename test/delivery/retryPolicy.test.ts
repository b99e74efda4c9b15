import { describe, expect, it } from 'vitest';
import { failureCodeOf, legacyFailureCode } from '../../src/domain/delivery/failureCodes.js';
import { backoffDelay, decide, parseRetryAfter, type RetryOptions } from '../../src/domain/delivery/retryPolicy.js';

const opts: RetryOptions = { maxAttempts: 5, baseDelayMs: 1000, maxDelayMs: 60_000 };
const max = (): number => 0.999999;
const zero = (): number => 0;

describe('retry classification', () => {
  it('honours Retry-After on 429', () => {
    const d = decide({ ok: false, status: 429, retryAfterMs: 7000, error: 'Throttled' }, 1, opts, zero);
    expect(d).toEqual({ kind: 'retry', delayMs: 7000, code: 'throttled', detail: 'HTTP 429: Throttled' });
    // A larger jittered backoff wins over a short Retry-After.
    const later = decide({ ok: false, status: 429, retryAfterMs: 10, error: 'Throttled' }, 3, opts, max);
    expect(later.kind === 'retry' && later.delayMs).toBeGreaterThan(3000);
  });

  it('retries 503, 502, 504, 412 and network errors with jittered exponential backoff', () => {
    for (const status of [412, 502, 503, 504]) {
      expect(decide({ ok: false, status, error: 'x' }, 1, opts, max).kind).toBe('retry');
    }
    const net = decide({ ok: false, network: true, error: 'ECONNRESET' }, 2, opts, max);
    expect(net).toMatchObject({ kind: 'retry', code: 'network', detail: 'network error: ECONNRESET' });
    expect(net.kind === 'retry' && net.delayMs).toBeLessThanOrEqual(2000);
  });

  it('blocks on 403 without retrying', () => {
    expect(decide({ ok: false, status: 403, error: 'MessageWritesBlocked: The user blocked the bot' }, 1, opts, zero)).toEqual({
      kind: 'blocked',
      code: 'blocked',
      detail: 'HTTP 403: MessageWritesBlocked: The user blocked the bot',
    });
  });

  it('fails other 4xx with the reason', () => {
    expect(decide({ ok: false, status: 400, error: 'BadArgument: Invalid card' }, 1, opts, zero)).toEqual({
      kind: 'failed',
      code: 'invalid-message',
      detail: 'HTTP 400: BadArgument: Invalid card',
    });
    expect(decide({ ok: false, status: 404, error: 'ConversationNotFound' }, 1, opts, zero)).toMatchObject({ kind: 'failed', code: 'conversation-not-found' });
  });

  it('gives up after maxAttempts', () => {
    expect(decide({ ok: false, status: 503, error: 'down' }, 4, opts, zero).kind).toBe('retry');
    const d = decide({ ok: false, status: 503, error: 'down' }, 5, opts, zero);
    expect(d).toEqual({ kind: 'failed', code: 'service-error', detail: 'HTTP 503: down (5 attempts)', exhausted: true });
  });

  it('sent on success', () => {
    expect(decide({ ok: true }, 1, opts, zero)).toEqual({ kind: 'sent' });
  });
});

describe('failure codes (stored instead of text; issue 9, item 14)', () => {
  it('classifies the transport answers', () => {
    expect(failureCodeOf({ status: 404, error: 'ConversationNotFound' })).toBe('conversation-not-found');
    expect(failureCodeOf({ status: 403, error: 'MessageWritesBlocked' })).toBe('blocked');
    expect(failureCodeOf({ status: 403, error: 'BotNotInConversationRoster: The bot is not part of the conversation roster.' })).toBe('not-installed');
    expect(failureCodeOf({ status: 429, error: 'Throttled' })).toBe('throttled');
    expect(failureCodeOf({ status: 401, error: '' })).toBe('unauthorized');
    expect(failureCodeOf({ status: 400, error: 'BadArgument' })).toBe('invalid-message');
    expect(failureCodeOf({ status: 412, error: '' })).toBe('service-error');
    expect(failureCodeOf({ status: 502, error: '' })).toBe('service-error');
    expect(failureCodeOf({ status: 408, error: '' })).toBe('network');
    expect(failureCodeOf({ network: true, error: 'ECONNRESET' })).toBe('network');
  });

  it('reads the Spanish reasons stored by earlier versions', () => {
    expect(legacyFailureCode('HTTP 404: ConversationNotFound')).toBe('conversation-not-found');
    expect(legacyFailureCode('HTTP 403: MessageWritesBlocked: blocked')).toBe('blocked');
    expect(legacyFailureCode('HTTP 503: down (sin éxito tras 8 intentos)')).toBe('service-error');
    expect(legacyFailureCode('Error de red: socket hang up (sin éxito tras 4 intentos)')).toBe('network');
    expect(legacyFailureCode('Caducó antes de poder enviarse')).toBe('expired');
    expect(legacyFailureCode('Sin destino')).toBe('no-target');
    expect(legacyFailureCode('Sin detalle')).toBe('unknown');
    expect(legacyFailureCode(undefined)).toBe('unknown');
    expect(legacyFailureCode('throttled')).toBe('throttled');
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
