/**
 * Client-side rate limiter for proactive messages, shaped after the limits Teams documents for bots:
 * per conversation 7 per 1 s, 8 per 2 s, 60 per 30 s and 1,800 per hour; 50 requests per second per app
 * per tenant overall. Creating a conversation counts as a request (acquire with cost 2 for "create + send").
 *
 * Pure: no timers, no I/O. Time comes from the injected `now` function, so it is tested with a fake clock.
 * Each key keeps a sliding log of request times (sorted, pruned to the longest window) — exact, unlike
 * token buckets, which can overshoot a multi-window policy.
 *
 * The limiter is per process: several engine instances sharing a store each keep their own, so give each
 * instance a share of the limits (or rely on the engine's 429 handling).
 */

export interface RateWindow {
  /** Requests allowed in any interval of `windowMs`. */
  limit: number;
  windowMs: number;
}

export interface RateLimits {
  /** Per bot, per conversation (1:1 chat, group chat or channel thread). */
  perConversation: RateWindow[];
  /** Per app, per tenant, all conversations together. */
  perTenant: RateWindow[];
  /**
   * Added to every window. The service counts a request when it arrives, the limiter when it is sent;
   * network and event-loop jitter between the two can make two requests look closer together at the
   * service than here. A few milliseconds keep most of that from causing 429s at full speed; each one costs
   * capacity for good (10 ms on a 1-second window is 1 %), and the rare 429 left is retried after Retry-After.
   * Measured with bench:reminders (22,096 messages), unpaced: 25 ms → 4.1 % slower than 50/s end to end, 38
   * answers 429; 10 ms → 3.0 % slower, 179 answers 429. Paced (paceToleranceMs) and with the store's stalls
   * removed: 5 ms → 1.8-2.4 % slower, 82-93 answers 429 (0.4 %). With refused requests given back
   * (refusedRefundsPerWindow) and the store's writes no longer waiting for its reads: 5 ms → 1.8 % slower, 166
   * answers 429 costing little; 3 ms → 2.3 % slower, 212 answers 429. The same code on a machine that wakes up
   * sooner (slot reuse p90 1008 ms instead of 1025 ms): 5 ms → 0.7 % slower, 24-29 answers 429.
   */
  safetyMarginMs: number;
  /**
   * Spreads the tenant's requests evenly (one per windowMs / limit of its tightest window) instead of letting
   * them leave in bursts, allowing up to this much ahead of the even pace (so a late timer is caught up on,
   * not lost). A sliding window repeats the pattern of the previous window for ever, so one initial burst of
   * 32 would stay a burst; bursts are what make requests arrive with uneven delays (the last of a burst waits
   * for the others to be written), and uneven delays are what the safety margin has to cover. 0 turns
   * pacing off.
   */
  paceToleranceMs: number;
  /**
   * A request the service refused with 429 was not counted by it (it counts a request when it admits it), so
   * its place in the windows is given back: one 429 then costs that message a retry, not a send slot of the
   * whole tenant (each slot lost is 1/50 of a second for everyone). At most this many per tenant window, so a
   * service that did count refused requests would see at most this many extra per window; 0 never gives back.
   */
  refusedRefundsPerWindow: number;
}

export const TEAMS_RATE_LIMITS: RateLimits = Object.freeze({
  perConversation: [
    { limit: 7, windowMs: 1_000 },
    { limit: 8, windowMs: 2_000 },
    { limit: 60, windowMs: 30_000 },
    { limit: 1_800, windowMs: 3_600_000 },
  ],
  perTenant: [{ limit: 50, windowMs: 1_000 }],
  safetyMarginMs: 5,
  paceToleranceMs: 100,
  refusedRefundsPerWindow: 2,
});

/** Merges partial settings over the Teams defaults and validates them. */
export function resolveRateLimits(partial?: Partial<RateLimits>): RateLimits {
  const limits: RateLimits = {
    perConversation: partial?.perConversation ?? TEAMS_RATE_LIMITS.perConversation,
    perTenant: partial?.perTenant ?? TEAMS_RATE_LIMITS.perTenant,
    safetyMarginMs: partial?.safetyMarginMs ?? TEAMS_RATE_LIMITS.safetyMarginMs,
    paceToleranceMs: partial?.paceToleranceMs ?? TEAMS_RATE_LIMITS.paceToleranceMs,
    refusedRefundsPerWindow: partial?.refusedRefundsPerWindow ?? TEAMS_RATE_LIMITS.refusedRefundsPerWindow,
  };
  for (const w of [...limits.perConversation, ...limits.perTenant]) {
    // At least 2: a first message that has to create the chat costs two requests.
    if (!Number.isInteger(w.limit) || w.limit < 2 || !(w.windowMs > 0)) {
      throw new Error(`Invalid rate window: ${JSON.stringify(w)}`);
    }
  }
  if (!(limits.safetyMarginMs >= 0)) throw new Error('safetyMarginMs must be >= 0');
  if (!(limits.paceToleranceMs >= 0)) throw new Error('paceToleranceMs must be >= 0');
  if (!Number.isInteger(limits.refusedRefundsPerWindow) || limits.refusedRefundsPerWindow < 0) throw new Error('refusedRefundsPerWindow must be an integer >= 0');
  return limits;
}

/** What a request is charged to. */
export interface RateKeys {
  /** The conversation (or, for a 1:1 still to be created, the user) the request goes to. */
  conversation: string;
  tenant: string;
}

export type Acquisition =
  | { ok: true; ticket: RateTicket }
  | {
      ok: false;
      /** Earliest time (ms from now, > 0) at which the same request could be admitted. */
      retryInMs: number;
      /** Which limit refused it: a conversation limit only delays that conversation; a tenant limit delays everyone. */
      scope: 'conversation' | 'tenant';
    };

/** Proof of an admitted request; hand it back with `release` if the request is not made after all. */
export interface RateTicket {
  readonly keys: RateKeys;
  readonly at: number;
  readonly cost: number;
}

/** Sorted request times of one key. */
class SlidingLog {
  times: number[] = [];
  pausedUntil = 0;
  /** Pacing (tenants only): when the next request is due at the even pace (GCRA's theoretical arrival time). */
  paceAt = -Infinity;
  /** Tenants only: when refused requests were given back (see RateLimits.refusedRefundsPerWindow). */
  refunds: number[] = [];

  /** Number of recorded requests at or after `from`. */
  countSince(from: number): number {
    return this.times.length - lowerBound(this.times, from);
  }

  /**
   * How long until `cost` more requests fit in every window; 0 when they fit now.
   * For a window (limit L, length W) holding c requests, the request must wait until the
   * (c + cost - L)-th oldest in-window request leaves it.
   */
  waitFor(windows: RateWindow[], margin: number, now: number, cost: number): number {
    let wait = this.pausedUntil > now ? this.pausedUntil - now : 0;
    for (const w of windows) {
      const span = w.windowMs + margin;
      if (cost > w.limit) throw new Error(`A request of cost ${cost} can never fit in a window of ${w.limit}`);
      const start = lowerBound(this.times, now - span + 1);
      const inWindow = this.times.length - start;
      const excess = inWindow + cost - w.limit;
      if (excess > 0) {
        const leaving = this.times[start + excess - 1]!;
        wait = Math.max(wait, leaving + span - now);
      }
    }
    return wait;
  }

  record(at: number, cost: number): void {
    // Times only grow with a monotonic clock; insert in order anyway if a clock steps back.
    for (let i = 0; i < cost; i++) {
      if (this.times.length === 0 || this.times[this.times.length - 1]! <= at) this.times.push(at);
      else this.times.splice(lowerBound(this.times, at + 1), 0, at);
    }
  }

  remove(at: number, cost: number): void {
    for (let i = 0; i < cost; i++) {
      const idx = lowerBound(this.times, at);
      if (this.times[idx] === at) this.times.splice(idx, 1);
    }
  }

  prune(before: number): void {
    const idx = lowerBound(this.times, before);
    if (idx > 0) this.times.splice(0, idx);
  }
}

/** First index whose value is >= x. */
function lowerBound(arr: number[], x: number): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (arr[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class RateLimiter {
  private readonly conversations = new Map<string, SlidingLog>();
  private readonly tenants = new Map<string, SlidingLog>();
  private readonly longestConversationWindow: number;
  private readonly longestTenantWindow: number;
  /** The tenant's tightest window, margin included: the span of refusedRefundsPerWindow. */
  private readonly shortestTenantWindow: number;
  /** The even pace of the tenant: ms per request of its tightest window (margin included); 0 = no pacing. */
  private readonly paceIntervalMs: number;
  private calls = 0;

  constructor(
    readonly limits: RateLimits,
    private readonly now: () => number,
  ) {
    this.longestConversationWindow = Math.max(0, ...limits.perConversation.map((w) => w.windowMs)) + limits.safetyMarginMs;
    this.longestTenantWindow = Math.max(0, ...limits.perTenant.map((w) => w.windowMs)) + limits.safetyMarginMs;
    this.shortestTenantWindow = Math.min(...limits.perTenant.map((w) => w.windowMs)) + limits.safetyMarginMs;
    this.paceIntervalMs = limits.paceToleranceMs > 0 ? Math.max(0, ...limits.perTenant.map((w) => (w.windowMs + limits.safetyMarginMs) / w.limit)) : 0;
  }

  /** How long the even pace makes the tenant wait before `cost` more requests (0 = now). */
  private paceWait(log: SlidingLog, now: number): number {
    if (this.paceIntervalMs === 0) return 0;
    return Math.max(0, log.paceAt - this.limits.paceToleranceMs - now);
  }

  private log(map: Map<string, SlidingLog>, key: string): SlidingLog {
    let log = map.get(key);
    if (!log) {
      log = new SlidingLog();
      map.set(key, log);
    }
    return log;
  }

  /**
   * Admits `cost` requests now if every window of the conversation and of the tenant allows it, and
   * records them; otherwise records nothing and says how long to wait (and which limit refused).
   */
  tryAcquire(keys: RateKeys, cost = 1): Acquisition {
    const now = this.now();
    if (++this.calls % 1024 === 0) this.prune(now);
    const conv = this.log(this.conversations, keys.conversation);
    const tenant = this.log(this.tenants, keys.tenant);
    const margin = this.limits.safetyMarginMs;
    const tenantWait = Math.max(tenant.waitFor(this.limits.perTenant, margin, now, cost), this.paceWait(tenant, now));
    const convWait = conv.waitFor(this.limits.perConversation, margin, now, cost);
    if (convWait > 0 || tenantWait > 0) {
      // A conversation limit is the more specific answer: the caller can send to others meanwhile.
      return convWait >= tenantWait ? { ok: false, retryInMs: convWait, scope: 'conversation' } : { ok: false, retryInMs: tenantWait, scope: 'tenant' };
    }
    conv.record(now, cost);
    tenant.record(now, cost);
    if (this.paceIntervalMs > 0) tenant.paceAt = Math.max(tenant.paceAt, now) + cost * this.paceIntervalMs;
    return { ok: true, ticket: { keys: { ...keys }, at: now, cost } };
  }

  /** Gives back an admitted request that was not made (e.g. another instance claimed the message). */
  release(ticket: RateTicket): void {
    const tenant = this.unrecord(ticket);
    if (tenant) tenant.paceAt -= ticket.cost * this.paceIntervalMs;
  }

  /** Removes an admitted request from its conversation's and tenant's logs; returns the tenant's log. */
  private unrecord(ticket: RateTicket): SlidingLog | undefined {
    this.conversations.get(ticket.keys.conversation)?.remove(ticket.at, ticket.cost);
    const tenant = this.tenants.get(ticket.keys.tenant);
    tenant?.remove(ticket.at, ticket.cost);
    return tenant;
  }

  /**
   * The service refused an admitted request (HTTP 429): it did not count it, so its place in the conversation's
   * and the tenant's windows is given back (the pace is not: the next requests keep their spacing). Up to
   * `refusedRefundsPerWindow` per tenant window; returns whether this one was given back.
   */
  refused(ticket: RateTicket): boolean {
    const tenant = this.tenants.get(ticket.keys.tenant);
    if (!tenant || this.limits.refusedRefundsPerWindow === 0) return false;
    const now = this.now();
    tenant.refunds = tenant.refunds.filter((t) => t > now - this.shortestTenantWindow);
    if (tenant.refunds.length >= this.limits.refusedRefundsPerWindow) return false;
    tenant.refunds.push(now);
    this.unrecord(ticket);
    return true;
  }

  /**
   * How long (ms, 0 = now) until `cost` requests fit in the conversation's windows, without recording
   * anything. Lets a caller pick work that can go soon before committing to it.
   */
  conversationWait(conversation: string, cost = 1): number {
    const windows = this.limits.perConversation;
    // More than a window allows at once (a caller asking for a queue of messages): not before that
    // window has passed; the caller asks again then.
    const tooBig = windows.filter((w) => cost > w.limit);
    if (tooBig.length) return Math.max(...tooBig.map((w) => w.windowMs));
    const log = this.conversations.get(conversation);
    return log ? log.waitFor(windows, this.limits.safetyMarginMs, this.now(), cost) : 0;
  }

  /** Holds a conversation back until `untilMs` (e.g. after a 429 with Retry-After). */
  pauseConversation(conversation: string, untilMs: number): void {
    const log = this.log(this.conversations, conversation);
    log.pausedUntil = Math.max(log.pausedUntil, untilMs);
  }

  /** Requests recorded for a key within the last `windowMs` (for tests and diagnostics). */
  recentCount(scope: 'conversation' | 'tenant', key: string, windowMs: number): number {
    const log = (scope === 'conversation' ? this.conversations : this.tenants).get(key);
    return log ? log.countSince(this.now() - windowMs + 1) : 0;
  }

  /** Number of keys currently tracked (memory stays bounded by pruning idle keys). */
  get trackedKeys(): number {
    return this.conversations.size + this.tenants.size;
  }

  /** Forgets request times older than every window, and keys left empty. */
  prune(now = this.now()): void {
    for (const [map, longest] of [
      [this.conversations, this.longestConversationWindow],
      [this.tenants, this.longestTenantWindow],
    ] as const) {
      for (const [key, log] of map) {
        log.prune(now - longest + 1);
        if (log.times.length === 0 && log.pausedUntil <= now && log.paceAt <= now) map.delete(key);
      }
    }
  }
}
