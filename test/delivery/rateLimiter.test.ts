import { describe, expect, it } from 'vitest';
import { RateLimiter, resolveRateLimits, TEAMS_RATE_LIMITS, type RateLimits, type RateWindow } from '../../src/domain/delivery/rateLimiter.js';

// The windows alone (no margin, no pacing): what the service enforces.
const exact: RateLimits = { ...TEAMS_RATE_LIMITS, safetyMarginMs: 0, paceToleranceMs: 0 };

function fakeClock(start = 1_000_000): { now: () => number; advance: (ms: number) => void; set: (t: number) => void } {
  let t = start;
  return { now: () => t, advance: (ms) => (t += ms), set: (x) => (t = x) };
}

/** Brute-force check: no interval of any window holds more admitted requests than allowed. */
function violations(times: number[], windows: RateWindow[]): string[] {
  const out: string[] = [];
  const sorted = [...times].sort((a, b) => a - b);
  for (const w of windows) {
    for (let i = 0; i < sorted.length; i++) {
      let j = i;
      while (j < sorted.length && sorted[j]! < sorted[i]! + w.windowMs) j++;
      if (j - i > w.limit) out.push(`${j - i} requests within ${w.windowMs} ms from t=${sorted[i]} (limit ${w.limit})`);
    }
  }
  return out;
}

describe('RateLimiter', () => {
  it('admits 7 per second in one conversation, then says how long to wait', () => {
    const c = fakeClock();
    const rl = new RateLimiter(exact, c.now);
    const keys = { conversation: 'c:chat', tenant: 't' };
    for (let i = 0; i < 7; i++) expect(rl.tryAcquire(keys).ok).toBe(true);
    const refused = rl.tryAcquire(keys);
    expect(refused).toEqual({ ok: false, retryInMs: 1000, scope: 'conversation' });
    c.advance(999);
    expect(rl.tryAcquire(keys).ok).toBe(false);
    c.advance(1);
    expect(rl.tryAcquire(keys).ok).toBe(true);
  });

  it('enforces 8 per 2 s on top of 7 per 1 s', () => {
    const c = fakeClock();
    const rl = new RateLimiter(exact, c.now);
    const keys = { conversation: 'c:chat', tenant: 't' };
    for (let i = 0; i < 7; i++) expect(rl.tryAcquire(keys).ok).toBe(true);
    c.advance(1000);
    expect(rl.tryAcquire(keys).ok).toBe(true); // 8th within 2 s
    const refused = rl.tryAcquire(keys);
    expect(refused.ok).toBe(false);
    // The first request of t=0 leaves the 2 s window at t=2000.
    expect(refused.ok === false && refused.retryInMs).toBe(1000);
    c.advance(1000);
    expect(rl.tryAcquire(keys).ok).toBe(true);
  });

  it('never exceeds any conversation window when driven greedily for over an hour', () => {
    const c = fakeClock(0);
    const rl = new RateLimiter(exact, c.now);
    const keys = { conversation: 'c:busy', tenant: 't' };
    const admitted: number[] = [];
    while (c.now() < 3_700_000) {
      const a = rl.tryAcquire(keys);
      if (a.ok) admitted.push(c.now());
      else c.advance(a.retryInMs);
    }
    expect(violations(admitted, exact.perConversation)).toEqual([]);
    // Greedy use reaches the hourly cap exactly: 1,800 in the first hour.
    expect(admitted.filter((t) => t < 3_600_000)).toHaveLength(1800);
    expect(admitted.filter((t) => t < 30_000)).toHaveLength(60);
  });

  it('caps the tenant at 50 requests per second across conversations', () => {
    const c = fakeClock();
    const rl = new RateLimiter(exact, c.now);
    for (let i = 0; i < 50; i++) expect(rl.tryAcquire({ conversation: `c:${i}`, tenant: 'ine' }).ok).toBe(true);
    expect(rl.tryAcquire({ conversation: 'c:other', tenant: 'ine' })).toEqual({ ok: false, retryInMs: 1000, scope: 'tenant' });
    // Another tenant has its own budget.
    expect(rl.tryAcquire({ conversation: 'c:other', tenant: 'other-tenant' }).ok).toBe(true);
  });

  it('counts creating a conversation as a request (cost 2)', () => {
    const c = fakeClock();
    const rl = new RateLimiter(exact, c.now);
    for (let i = 0; i < 25; i++) expect(rl.tryAcquire({ conversation: `u:${i}`, tenant: 'ine' }, 2).ok).toBe(true);
    expect(rl.tryAcquire({ conversation: 'u:x', tenant: 'ine' }, 1).ok).toBe(false);
    expect(rl.recentCount('tenant', 'ine', 1000)).toBe(50);
  });

  it('gives back a released ticket', () => {
    const c = fakeClock();
    const rl = new RateLimiter(exact, c.now);
    const tickets = [];
    for (let i = 0; i < 50; i++) {
      const a = rl.tryAcquire({ conversation: `c:${i}`, tenant: 'ine' });
      if (a.ok) tickets.push(a.ticket);
    }
    expect(rl.tryAcquire({ conversation: 'c:x', tenant: 'ine' }).ok).toBe(false);
    rl.release(tickets[10]!);
    expect(rl.tryAcquire({ conversation: 'c:x', tenant: 'ine' }).ok).toBe(true);
    expect(rl.recentCount('conversation', 'c:10', 1000)).toBe(0);
  });

  it('holds a paused conversation (after a 429) without holding others', () => {
    const c = fakeClock();
    const rl = new RateLimiter(exact, c.now);
    rl.pauseConversation('c:a', c.now() + 3000);
    expect(rl.tryAcquire({ conversation: 'c:a', tenant: 'ine' })).toEqual({ ok: false, retryInMs: 3000, scope: 'conversation' });
    expect(rl.tryAcquire({ conversation: 'c:b', tenant: 'ine' }).ok).toBe(true);
    c.advance(3000);
    expect(rl.tryAcquire({ conversation: 'c:a', tenant: 'ine' }).ok).toBe(true);
  });

  it('tells, without recording, when a conversation has room for n more', () => {
    const c = fakeClock();
    const rl = new RateLimiter(exact, c.now);
    expect(rl.conversationWait('c:a', 7)).toBe(0);
    expect(rl.conversationWait('c:a', 8)).toBe(1000); // more than 7 can never go at once
    for (let i = 0; i < 5; i++) rl.tryAcquire({ conversation: 'c:a', tenant: 'ine' });
    expect(rl.conversationWait('c:a', 2)).toBe(0);
    expect(rl.conversationWait('c:a', 3)).toBe(1000);
    expect(rl.recentCount('conversation', 'c:a', 1000)).toBe(5);
    rl.pauseConversation('c:a', c.now() + 4000);
    expect(rl.conversationWait('c:a', 1)).toBe(4000);
  });

  it('widens every window by the safety margin', () => {
    const c = fakeClock();
    const rl = new RateLimiter({ ...exact, safetyMarginMs: 20 }, c.now);
    for (let i = 0; i < 50; i++) rl.tryAcquire({ conversation: `c:${i}`, tenant: 'ine' });
    c.advance(1000);
    expect(rl.tryAcquire({ conversation: 'c:x', tenant: 'ine' })).toEqual({ ok: false, retryInMs: 20, scope: 'tenant' });
    c.advance(20);
    expect(rl.tryAcquire({ conversation: 'c:x', tenant: 'ine' }).ok).toBe(true);
  });

  it('keeps the tenant within 50/s under a random mix of conversations and costs', () => {
    const c = fakeClock(0);
    const rl = new RateLimiter(exact, c.now);
    let seed = 12345;
    const rand = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const tenantTimes: number[] = [];
    const perConv = new Map<string, number[]>();
    while (c.now() < 20_000) {
      const conv = `c:${Math.floor(rand() * 30)}`;
      const cost = rand() < 0.2 ? 2 : 1;
      const a = rl.tryAcquire({ conversation: conv, tenant: 'ine' }, cost);
      if (a.ok) {
        for (let i = 0; i < cost; i++) {
          tenantTimes.push(c.now());
          perConv.set(conv, [...(perConv.get(conv) ?? []), c.now()]);
        }
      } else {
        c.advance(Math.ceil(rand() * 15));
      }
    }
    expect(violations(tenantTimes, exact.perTenant)).toEqual([]);
    for (const times of perConv.values()) expect(violations(times, exact.perConversation)).toEqual([]);
    // And it is not needlessly slow: close to 50/s over 20 s.
    expect(tenantTimes.length).toBeGreaterThan(950);
  });

  describe('pacing (the default)', () => {
    const paced: RateLimits = { ...exact, paceToleranceMs: 100 };
    const admitAll = (rl: RateLimiter, c: ReturnType<typeof fakeClock>, until: number): number[] => {
      const times: number[] = [];
      let i = 0;
      while (c.now() < until) {
        const a = rl.tryAcquire({ conversation: `c:${i}`, tenant: 'ine' });
        if (a.ok) {
          times.push(c.now());
          i++;
        } else c.advance(a.retryInMs);
      }
      return times;
    };

    it('spreads the tenant evenly (one per 20 ms) instead of a burst of 50 each second', () => {
      const c = fakeClock(0);
      const times = admitAll(new RateLimiter(paced, c.now), c, 10_000);
      // At most the tolerance ahead of the even pace: 100 ms / 20 ms + 1 = 6 at once, and 11 in 100 ms
      // (unpaced: 50 at once, each second).
      expect(violations(times, [{ limit: 6, windowMs: 1 }])).toEqual([]);
      expect(violations(times, [{ limit: 11, windowMs: 100 }])).toEqual([]);
      expect(violations(times, exact.perTenant)).toEqual([]);
      // And the full rate still: 50 per second.
      expect(times.length).toBeGreaterThanOrEqual(500);
    });

    it.each([
      [50, 0],
      [100, 0],
      [200, 5],
    ])('catches up on a late timer of %i ms within the tolerance (requests lost: %i)', (lateMs, lostAtMost) => {
      const c = fakeClock(0);
      const rl = new RateLimiter(paced, c.now);
      const times = admitAll(rl, c, 5_000);
      c.advance(lateMs); // the event loop was held
      times.push(...admitAll(rl, c, 10_000));
      expect(violations(times, exact.perTenant)).toEqual([]);
      expect(times.length).toBeGreaterThanOrEqual(500 - lostAtMost);
    });

    it('gives the pace back with a released ticket', () => {
      const c = fakeClock(0);
      const rl = new RateLimiter({ ...paced, paceToleranceMs: 1 }, c.now);
      const first = rl.tryAcquire({ conversation: 'c:a', tenant: 'ine' });
      expect(rl.tryAcquire({ conversation: 'c:b', tenant: 'ine' })).toEqual({ ok: false, retryInMs: 19, scope: 'tenant' });
      if (!first.ok) throw new Error('first admitted');
      rl.release(first.ticket);
      expect(rl.tryAcquire({ conversation: 'c:b', tenant: 'ine' }).ok).toBe(true);
    });
  });

  describe('a request the service refused (429)', () => {
    const tenantOf2: RateLimits = { ...exact, perTenant: [{ limit: 2, windowMs: 1000 }] };
    const admit = (rl: RateLimiter, conversation: string) => {
      const a = rl.tryAcquire({ conversation, tenant: 'ine' });
      if (!a.ok) throw new Error(`${conversation} not admitted`);
      return a.ticket;
    };

    // Before: a refused request kept its place for the whole window, a send slot of the tenant lost for good.
    it('gives its place in the tenant and its conversation back', () => {
      const c = fakeClock();
      const rl = new RateLimiter(tenantOf2, c.now);
      const refused = admit(rl, 'c:a');
      admit(rl, 'c:b');
      expect(rl.tryAcquire({ conversation: 'c:c', tenant: 'ine' })).toMatchObject({ ok: false, scope: 'tenant' });
      c.advance(100); // the 429 comes back
      expect(rl.refused(refused)).toBe(true);
      expect(rl.recentCount('tenant', 'ine', 1000)).toBe(1);
      expect(rl.recentCount('conversation', 'c:a', 1000)).toBe(0);
      expect(rl.tryAcquire({ conversation: 'c:c', tenant: 'ine' }).ok).toBe(true);
    });

    it.each([
      [2, 2],
      [1, 1],
      [0, 0],
    ])('gives back at most %i per tenant window (given back: %i of 3)', (perWindow, given) => {
      const c = fakeClock();
      const rl = new RateLimiter({ ...exact, refusedRefundsPerWindow: perWindow }, c.now);
      const tickets = ['c:a', 'c:b', 'c:c'].map((conv) => admit(rl, conv));
      c.advance(100);
      expect(tickets.map((t) => rl.refused(t)).filter(Boolean)).toHaveLength(given);
      expect(rl.recentCount('tenant', 'ine', 1000)).toBe(3 - given);
      // A window later the allowance is back.
      c.advance(1000);
      const later = admit(rl, 'c:d');
      expect(rl.refused(later)).toBe(perWindow > 0);
    });

    it('keeps the even pace: the place comes back, not a burst', () => {
      const c = fakeClock();
      const rl = new RateLimiter({ ...exact, paceToleranceMs: 1 }, c.now);
      const first = admit(rl, 'c:a');
      expect(rl.refused(first)).toBe(true);
      expect(rl.tryAcquire({ conversation: 'c:b', tenant: 'ine' })).toMatchObject({ ok: false, scope: 'tenant', retryInMs: 19 });
    });

    it('rejects a negative or fractional allowance', () => {
      expect(() => resolveRateLimits({ refusedRefundsPerWindow: -1 })).toThrow();
      expect(() => resolveRateLimits({ refusedRefundsPerWindow: 1.5 })).toThrow();
    });
  });

  it('forgets idle conversations', () => {
    const c = fakeClock();
    const rl = new RateLimiter(exact, c.now);
    for (let i = 0; i < 100; i++) rl.tryAcquire({ conversation: `c:${i}`, tenant: 'ine' });
    expect(rl.trackedKeys).toBeGreaterThan(50);
    c.advance(3_600_001);
    rl.prune();
    expect(rl.trackedKeys).toBe(0);
  });

  it('validates settings', () => {
    expect(() => resolveRateLimits({ perTenant: [{ limit: 0, windowMs: 1000 }] })).toThrow();
    expect(() => resolveRateLimits({ perConversation: [{ limit: 1, windowMs: 1000 }] })).toThrow(); // a create + send costs 2
    expect(resolveRateLimits({ perTenant: [{ limit: 25, windowMs: 1000 }] }).perConversation).toEqual(TEAMS_RATE_LIMITS.perConversation);
    expect(() => resolveRateLimits({ paceToleranceMs: -1 })).toThrow();
  });
});
