import { describe, expect, it } from 'vitest';
import { decideAfterFailure, DEFAULT_JOB_RETRY, jobRetryDelay } from '../../src/domain/jobs/backoff.js';
import { assertValidJobKey, jobBroadcastId, keyPrefixRange } from '../../src/domain/jobs/keys.js';

describe('job retry backoff', () => {
  const opts = { baseDelayMs: 1_000, maxDelayMs: 10_000 };

  it('doubles per attempt, with jitter between half and all of the cap, up to the maximum', () => {
    expect([1, 2, 3, 4, 5, 6].map((a) => jobRetryDelay(a, opts, () => 0))).toEqual([500, 1_000, 2_000, 4_000, 5_000, 5_000]);
    expect([1, 2, 3, 4, 5, 6].map((a) => jobRetryDelay(a, opts, () => 1))).toEqual([1_000, 2_000, 4_000, 8_000, 10_000, 10_000]);
    expect(jobRetryDelay(1_000, opts, () => 0.5)).toBe(7_500);
    for (let i = 0; i < 200; i++) {
      const d = jobRetryDelay(3, opts, Math.random);
      expect(d).toBeGreaterThanOrEqual(2_000);
      expect(d).toBeLessThanOrEqual(4_000);
    }
  });

  it('retries until maxAttempts, never after a permanent failure', () => {
    expect(decideAfterFailure({ attempt: 1, maxAttempts: 3, permanent: false }, opts, () => 0)).toEqual({ kind: 'retry', delayMs: 500 });
    expect(decideAfterFailure({ attempt: 3, maxAttempts: 3, permanent: false }, opts, () => 0)).toEqual({ kind: 'fail', why: 'exhausted' });
    expect(decideAfterFailure({ attempt: 1, maxAttempts: 3, permanent: true }, opts, () => 0)).toEqual({ kind: 'fail', why: 'permanent' });
    expect(jobRetryDelay(1, DEFAULT_JOB_RETRY, () => 0)).toBe(15_000);
  });
});

describe('job keys', () => {
  it('a prefix range holds exactly the keys with the prefix', () => {
    const keys = ['sesion:1', 'sesion:1:a', 'sesion:1:zz', 'sesion:10:a', 'sesion:1;', 'sesion:0', 'sesion:2', 'sesion:1:\u{1F600}'];
    const { from, to } = keyPrefixRange('sesion:1:');
    expect(to).toBe('sesion:1;');
    expect(keys.filter((k) => k >= from && k < to!).sort()).toEqual(['sesion:1:a', 'sesion:1:zz', 'sesion:1:\u{1F600}']);
    expect(keyPrefixRange('x\uffff')).toEqual({ from: 'x\uffff' });
  });

  it('refuses empty, very long or control-character keys', () => {
    expect(() => assertValidJobKey('')).toThrow();
    expect(() => assertValidJobKey('a'.repeat(513))).toThrow();
    expect(() => assertValidJobKey('a\nb')).toThrow();
    expect(() => assertValidJobKey('recordatorio:S-1:aad:123')).not.toThrow();
  });

  it('the broadcast id of a scheduled message depends on the key and the scheduled time only', () => {
    const at = new Date('2026-12-01T23:00:00.000Z');
    expect(jobBroadcastId('recordatorio:S-1', at)).toBe('job:recordatorio:S-1@2026-12-01T23:00:00.000Z');
  });
});
