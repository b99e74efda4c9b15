import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { pino } from 'pino';
import { describe } from 'vitest';
import type { Logger } from '../../src/logger.js';
import { EmbeddedStore } from '../../src/store/embeddedStore.js';
import { MongoStore } from '../../src/store/mongoStore.js';
import type { Store } from '../../src/store/types.js';

/** A clock the test moves by hand. Starts at the current minute so the stores' TTL (real time) keeps finished jobs. */
export class FakeClock {
  private t = Math.floor(Date.now() / 60_000) * 60_000;
  readonly now = (): Date => new Date(this.t);
  get ms(): number {
    return this.t;
  }
  at(offsetMs: number): Date {
    return new Date(this.t + offsetMs);
  }
  advance(ms: number): void {
    this.t += ms;
  }
  set(at: Date): void {
    this.t = at.getTime();
  }
}

/** A logger whose JSON lines are kept for assertions. */
export function captureLogger(): { logger: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const logger = pino(
    { level: 'debug' },
    {
      write(msg: string): void {
        lines.push(JSON.parse(msg) as Record<string, unknown>);
      },
    },
  );
  return { logger, lines };
}

export const silentLogger = (): Logger => pino({ level: 'silent' });

/** A promise resolved from outside. */
export function deferred<T = void>(): { promise: Promise<T>; resolve: (v: T) => void; reject: (err: unknown) => void } {
  let resolve!: (v: T) => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Polls `fn` until it returns true (real time). */
export async function until(fn: () => boolean | Promise<boolean>, timeoutMs = 5_000, what = 'condition'): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await fn())) {
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** One data set on one adapter, opened as many times as a test needs (a restart, a second instance). */
export interface StoreHarness {
  readonly kind: 'embedded' | 'mongodb';
  /** Opens the data set (again after a close: a restart). */
  open(): Promise<Store>;
  /**
   * The store a second instance would use: another connection on MongoDB; on the embedded store (one
   * process only, by design) the same object.
   */
  second(first: Store): Promise<Store>;
  /** Closes what is open and removes the data. */
  dispose(): Promise<void>;
}

async function embeddedHarness(): Promise<StoreHarness> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'jobs-test-'));
  const opened: Store[] = [];
  return {
    kind: 'embedded',
    async open() {
      const s = await EmbeddedStore.open({ dataDir: dir });
      opened.push(s);
      return s;
    },
    second: async (first) => first,
    async dispose() {
      for (const s of opened) await s.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

// Tests only talk to this machine: a MongoDB elsewhere is never used, even if configured.
export const mongoUri = process.env.MONGODB_URI;
export const mongoIsLocal = !!mongoUri && /^mongodb:\/\/([^@/]*@)?(127\.0\.0\.1|localhost)(:\d+)?(\/|$|\?)/.test(mongoUri);
const mongoTitle = !mongoUri
  ? 'MongoDB adapter (skipped: MONGODB_URI not set)'
  : mongoIsLocal
    ? 'MongoDB adapter'
    : 'MongoDB adapter (skipped: MONGODB_URI is not a 127.0.0.1/localhost server)';

async function mongoHarness(): Promise<StoreHarness> {
  const dbName = `red_coaching_jobs_${Date.now()}_${randomUUID().slice(0, 8)}`;
  const opened: Store[] = [];
  const open = async (): Promise<Store> => {
    const s = await MongoStore.open(mongoUri!, dbName);
    opened.push(s);
    return s;
  };
  return {
    kind: 'mongodb',
    open,
    second: () => open(),
    async dispose() {
      for (const s of opened) await s.close().catch(() => undefined);
      const client = new MongoClient(mongoUri!);
      try {
        await client.db(dbName).dropDatabase();
      } finally {
        await client.close();
      }
    },
  };
}

/** Defines `suite` once per adapter: the embedded store always, MongoDB when MONGODB_URI is a local server. */
export function forEachStore(suite: (newHarness: () => Promise<StoreHarness>) => void): void {
  describe('embedded store', () => suite(embeddedHarness));
  describe.skipIf(!mongoIsLocal)(mongoTitle, () => suite(mongoHarness));
}
