import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../src/bot/rateLimit.js';

/** The per-person token bucket of src/bot/rateLimit.ts, with a fake clock (issue 9 item 7). */
describe('RateLimiter', () => {
  const make = (burst: number, perMinute: number, extra: { maxKeys?: number; noticeEveryMs?: number } = {}) => {
    const t = { now: 0 };
    return { t, limiter: new RateLimiter({ burst, perMinute, now: () => t.now, ...extra }) };
  };

  it('accepts the burst, then refills at the configured rate', () => {
    const { t, limiter } = make(3, 60);
    expect([1, 2, 3].map(() => limiter.take('a').ok)).toEqual([true, true, true]);
    expect(limiter.take('a')).toEqual({ ok: false, notify: true, dropped: 1 });
    t.now += 1000; // one token per second
    expect(limiter.take('a').ok).toBe(true);
    expect(limiter.take('a').ok).toBe(false);
    t.now += 60_000;
    expect([1, 2, 3, 4].map(() => limiter.take('a').ok)).toEqual([true, true, true, false]);
  });

  it('says to notify once per episode and counts what was dropped in between', () => {
    const { t, limiter } = make(1, 1, { noticeEveryMs: 10_000 });
    limiter.take('a');
    expect(limiter.take('a')).toMatchObject({ ok: false, notify: true });
    for (let i = 0; i < 338; i++) expect(limiter.take('a')).toMatchObject({ ok: false, notify: false });
    t.now += 10_000;
    expect(limiter.take('a')).toEqual({ ok: false, notify: true, dropped: 339 });
  });

  it('keeps people apart and its memory bounded', () => {
    const { t, limiter } = make(2, 60, { maxKeys: 100 });
    limiter.take('a');
    limiter.take('a');
    expect(limiter.take('a').ok).toBe(false);
    expect(limiter.take('b').ok).toBe(true);
    for (let i = 0; i < 1000; i++) limiter.take(`p${i}`);
    expect(limiter.size).toBeLessThanOrEqual(100);
    t.now += 120_000;
    limiter.take('new');
    expect(limiter.size).toBeLessThanOrEqual(100);
  });

  it('with a burst of 0 it is disabled', () => {
    const { limiter } = make(0, 60);
    expect(limiter.enabled).toBe(false);
    for (let i = 0; i < 100; i++) expect(limiter.take('a').ok).toBe(true);
  });
});
