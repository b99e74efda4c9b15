import { describe, expect, it } from 'vitest';
import { backoffCap, backoffDelayMs } from '../../src/domain/backoff.js';

describe('backoff: one calculator for jobs and deliveries', () => {
  const opts = { baseDelayMs: 1_000, maxDelayMs: 10_000 };
  it.each([
    [1, 1_000],
    [2, 2_000],
    [4, 8_000],
    [5, 10_000],
    [1e9, 10_000],
    [0, 1_000],
  ])('the cap after attempt %d is %d ms', (attempt, cap) => {
    expect(backoffCap(attempt, opts)).toBe(cap);
  });

  it.each([
    ['full', 0, 0],
    ['full', 0.5, 2_000],
    ['full', 1, 4_000],
    ['equal', 0, 2_000],
    ['equal', 0.5, 3_000],
    ['equal', 1, 4_000],
  ] as const)('%s jitter with random %d after attempt 3 waits %d ms', (jitter, r, delay) => {
    expect(backoffDelayMs(3, opts, jitter, () => r)).toBe(delay);
  });

  it('a random source outside [0, 1] cannot make a negative or oversized delay', () => {
    expect(backoffDelayMs(2, opts, 'full', () => -3)).toBe(0);
    expect(backoffDelayMs(2, opts, 'equal', () => 7)).toBe(2_000);
  });
});
