/**
 * Time source of the delivery engine. `sleep` only paces the worker's polling of the store; it is never
 * the record of when something is due (that is `nextAttemptAt` in the outbox).
 */
export interface DeliveryClock {
  now(): number;
  /** Resolves after `ms`, or early (without rejecting) when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

function realSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, Math.max(0, ms));
    signal?.addEventListener('abort', done, { once: true });
  });
}

export const systemClock: DeliveryClock = { now: () => Date.now(), sleep: realSleep };

/** A clock reading time from the app's `() => Date` (e.g. a test's fixed clock) and sleeping for real. */
export function clockFrom(now: () => Date): DeliveryClock {
  return { now: () => now().getTime(), sleep: realSleep };
}

/** Resolves after the I/O callbacks already due have run (lets requests just handed to fetch go out). */
export function yieldToIo(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
