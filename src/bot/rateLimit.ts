import { ActivityTypes, type Middleware, type TurnContext } from 'botbuilder';
import type { Logger } from '../logger.js';
import { personKey } from '../domain/person.js';
import { personOf } from '../teams/activity.js';
import { BOT_TEXTS } from './texts.js';

/**
 * Per-person rate limit (issue 9: one member sent "exportar mis datos" 340 times in 8 s).
 *
 * A token bucket per person (personKey): `burst` activities at once, refilled at `perMinute`. It lives in the
 * memory of this process, which is what it protects (CPU, memory, the store and the replies of this
 * instance); with several instances each one applies it, so the effective limit is at most that many times
 * higher, which is still bounded. Buckets that are full again are forgotten, so memory stays bounded.
 */
export interface RateLimitOptions {
  /** Activities accepted at once; 0 disables the limit. */
  burst: number;
  /** Tokens added per minute after the burst. */
  perMinute: number;
  /** Monotonic milliseconds (tests pass a fake one). */
  now?: () => number;
  /** Buckets kept before full ones are swept (default 10 000). */
  maxKeys?: number;
  /** After a "wait" answer, further refused activities stay silent this long (default 10 s). */
  noticeEveryMs?: number;
}

interface Bucket {
  tokens: number;
  at: number;
  /** When she was last told to wait. */
  noticedAt?: number;
  /** Activities refused since then, for the log. */
  dropped: number;
}

export type TakeResult = { ok: true } | { ok: false; notify: boolean; dropped: number };

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly now: () => number;
  private readonly perMs: number;
  private readonly maxKeys: number;
  private readonly noticeEveryMs: number;

  constructor(private readonly options: RateLimitOptions) {
    this.now = options.now ?? (() => performance.now());
    this.perMs = options.perMinute / 60_000;
    this.maxKeys = options.maxKeys ?? 10_000;
    this.noticeEveryMs = options.noticeEveryMs ?? 10_000;
  }

  get enabled(): boolean {
    return this.options.burst > 0;
  }

  /** Takes one token for `key`; when there is none, says whether to tell her (once per episode). */
  take(key: string): TakeResult {
    if (!this.enabled) return { ok: true };
    const now = this.now();
    let b = this.buckets.get(key);
    if (!b) {
      if (this.buckets.size >= this.maxKeys) this.sweep(now);
      b = { tokens: this.options.burst, at: now, dropped: 0 };
      this.buckets.set(key, b);
    } else {
      b.tokens = Math.min(this.options.burst, b.tokens + (now - b.at) * this.perMs);
      b.at = now;
    }
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return { ok: true };
    }
    b.dropped += 1;
    if (b.noticedAt !== undefined && now - b.noticedAt < this.noticeEveryMs) return { ok: false, notify: false, dropped: b.dropped };
    const dropped = b.dropped;
    b.noticedAt = now;
    b.dropped = 0;
    return { ok: false, notify: true, dropped };
  }

  /** How many people have a bucket (tests, diagnostics). */
  get size(): number {
    return this.buckets.size;
  }

  /** Forgets buckets that have refilled completely (they behave exactly like new ones). */
  private sweep(now: number): void {
    for (const [key, b] of this.buckets) {
      if (b.tokens + (now - b.at) * this.perMs >= this.options.burst) this.buckets.delete(key);
    }
    // Everyone is active: drop the oldest buckets rather than grow without bound.
    for (const key of this.buckets.keys()) {
      if (this.buckets.size < this.maxKeys) break;
      this.buckets.delete(key);
    }
  }
}

const INVOKE_ACTION = 'adaptiveCard/action';

/** What a person can send that costs work: messages (typed text or Action.Submit) and Action.Execute invokes. */
function isLimited(context: TurnContext): boolean {
  const a = context.activity;
  return a.type === ActivityTypes.Message || (a.type === ActivityTypes.Invoke && a.name === INVOKE_ACTION);
}

/**
 * Runs before the bot: each message or card action of a person costs one token, whatever it is (a command, a
 * card button, the answer to a dialog's card): an activity is counted exactly once, here, never again in the
 * dialogs. Over the limit the turn does not run (no state change) and she is told, once per episode, to wait.
 */
export function rateLimitMiddleware(limiter: RateLimiter, logger: Logger): Middleware {
  return {
    async onTurn(context, next) {
      if (!limiter.enabled || !isLimited(context)) return next();
      const person = personOf(context.activity);
      if (!person.userId && !person.aadObjectId) return next();
      const key = personKey(person);
      const result = limiter.take(key);
      if (result.ok) return next();
      if (result.notify) logger.warn({ personKey: key, activityType: context.activity.type, droppedSinceLastNotice: result.dropped }, 'rate limit: activity refused');
      if (context.activity.type === ActivityTypes.Invoke) {
        // An invoke always needs its answer (otherwise Teams gets 501); this one shows the text on the card.
        await context.sendActivity({
          type: ActivityTypes.InvokeResponse,
          value: { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: BOT_TEXTS.rateLimited } },
        });
        return;
      }
      if (result.notify) await context.sendActivity(BOT_TEXTS.rateLimited);
    },
  };
}
