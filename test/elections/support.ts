import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { pino } from 'pino';
import { AuditLog } from '../../src/services/registration/audit.js';
import { ElectionService, type CastStep, type ElectionMembership, type ElectionServiceDeps } from '../../src/services/elections/index.js';
import { EmbeddedStore } from '../../src/store/embeddedStore.js';
import { MongoStore } from '../../src/store/mongoStore.js';
import type { Store } from '../../src/store/types.js';

export const EDITION = '2026';
export const KEY = 'clave-de-prueba-de-boletas-0123456789abcdef';

/** personKey of test person n (Entra-style). */
export const P = (n: number): string => `aad:00000000-0000-0000-0000-${String(n).padStart(12, '0')}`;

/** Group membership the test sets by hand: personKey → group. */
export class FakeMembership implements ElectionMembership {
  readonly groups = new Map<string, number>();
  groupCount = 3;

  place(group: number, ...people: string[]): this {
    for (const p of people) this.groups.set(p, group);
    return this;
  }

  async groupOf(_editionId: string, personKey: string): Promise<number | null> {
    return this.groups.get(personKey) ?? null;
  }

  async membersOf(_editionId: string, group: number): Promise<string[]> {
    return [...this.groups].filter(([, g]) => g === group).map(([p]) => p);
  }

  async groupNumbers(): Promise<number[]> {
    return Array.from({ length: this.groupCount }, (_, i) => i + 1);
  }
}

export class TestClock {
  t = Date.parse('2026-12-01T16:00:00Z');
  readonly now = (): Date => new Date(this.t);
  at(minutes: number): Date {
    return new Date(this.t + minutes * 60_000);
  }
  advance(minutes: number): void {
    this.t += minutes * 60_000;
  }
}

export interface Kit {
  store: Store;
  service: ElectionService;
  audit: AuditLog;
  membership: FakeMembership;
  clock: TestClock;
  /** A service on the same store with other options (a restart, hooks, another key). */
  make(extra?: Partial<ElectionServiceDeps>): ElectionService;
}

export function makeService(store: Store, membership: ElectionMembership, clock: TestClock, extra: Partial<ElectionServiceDeps> = {}): ElectionService {
  return new ElectionService({
    store,
    membership,
    audit: new AuditLog(store, clock.now),
    logger: pino({ level: 'silent' }),
    ballotKey: KEY,
    clock: clock.now,
    ...extra,
  });
}

export async function kitOn(store: Store, extra: Partial<ElectionServiceDeps> = {}): Promise<Kit> {
  const membership = new FakeMembership();
  const clock = new TestClock();
  const audit = new AuditLog(store, clock.now);
  await audit.init();
  const make = (more: Partial<ElectionServiceDeps> = {}): ElectionService => makeService(store, membership, clock, { ...extra, ...more });
  const service = make();
  await service.init();
  return { store, service, audit, membership, clock, make };
}

// ---------------------------------------------------------------- stores

export interface StoreTarget {
  kind: 'embedded' | 'mongodb';
  /** Opens the data set (again after a close: a restart). */
  open(): Promise<Store>;
  /** Where the embedded store keeps its files (undefined on MongoDB). */
  dataDir?: string;
  dispose(): Promise<void>;
}

export async function embeddedTarget(): Promise<StoreTarget> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'elections-'));
  const opened: Store[] = [];
  return {
    kind: 'embedded',
    dataDir,
    async open() {
      const s = await EmbeddedStore.open({ dataDir });
      opened.push(s);
      return s;
    },
    async dispose() {
      for (const s of opened) await s.close().catch(() => undefined);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

// Tests only talk to this machine: a MongoDB elsewhere is never used, even if configured.
export const mongoUri = process.env.MONGODB_URI;
export const mongoIsLocal = !!mongoUri && /^mongodb:\/\/([^@/]*@)?(127\.0\.0\.1|localhost)(:\d+)?(\/|$|\?)/.test(mongoUri);
export const mongoSkipReason = !mongoUri ? 'skipped: MONGODB_URI not set' : mongoIsLocal ? '' : 'skipped: MONGODB_URI is not a 127.0.0.1/localhost server';

export async function mongoTarget(): Promise<StoreTarget> {
  const db = `red_coaching_elections_${Date.now()}_${randomUUID().slice(0, 8)}`;
  const opened: Store[] = [];
  return {
    kind: 'mongodb',
    async open() {
      const s = await MongoStore.open(mongoUri!, db);
      opened.push(s);
      return s;
    },
    async dispose() {
      for (const s of opened) await s.close().catch(() => undefined);
      const client = new MongoClient(mongoUri!);
      try {
        await client.db(db).dropDatabase();
      } finally {
        await client.close();
      }
    },
  };
}

/** A hook that stops castBallot after one step until the test lets it go. */
export function pauseAt(step: CastStep): { hooks: ElectionServiceDeps['hooks']; reached: Promise<void>; release: () => void } {
  let release!: () => void;
  let reachedResolve!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const reached = new Promise<void>((r) => (reachedResolve = r));
  return {
    hooks: {
      async afterCastStep(s) {
        if (s !== step) return;
        reachedResolve();
        await gate;
      },
    },
    reached,
    release,
  };
}
