import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { EmbeddedStore } from '../../src/store/embeddedStore.js';
import { MongoStore } from '../../src/store/mongoStore.js';
import type { Store } from '../../src/store/types.js';
import { AuditLog } from '../../src/services/registration/audit.js';
import { loadDefaultCatalog } from '../../src/data/defaultCatalog.js';
import { memberId } from '../../src/domain/member.js';
import type { MemberStatus } from '../../src/domain/member.js';
import type { GroupSetDoc } from '../../src/services/groupSets.js';
import { createTopicServices, type TopicServices } from '../../src/services/topics/index.js';
import { editionMonths } from '../../src/domain/topics/index.js';

/**
 * Topic services on a store (embedded by default; MongoDB when a local MONGODB_URI is set), with fake ports
 * for groups, members, representantes and scheduling, and a controllable clock.
 */

export const EDITION = '2027';
export const MONTHS = editionMonths('2027-01');

export interface StoreHarness {
  store: Store;
  dispose(): Promise<void>;
}

export async function openEmbedded(): Promise<StoreHarness> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'rdc-topics-'));
  const store = await EmbeddedStore.open({ dataDir });
  return {
    store,
    async dispose() {
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

// Tests only talk to this machine: a MongoDB elsewhere is never used, even if configured.
const mongoUri = process.env.MONGODB_URI;
export const mongoIsLocal = !!mongoUri && /^mongodb:\/\/([^@/]*@)?(127\.0\.0\.1|localhost)(:\d+)?(\/|$|\?)/.test(mongoUri);
export const mongoTitle = !mongoUri
  ? 'MongoDB adapter (skipped: MONGODB_URI not set)'
  : mongoIsLocal
    ? 'MongoDB adapter'
    : 'MongoDB adapter (skipped: MONGODB_URI is not a 127.0.0.1/localhost server)';

export async function openMongo(): Promise<StoreHarness> {
  const dbName = `red_coaching_topics_${Date.now()}_${randomUUID().slice(0, 8)}`;
  const store = await MongoStore.open(mongoUri!, dbName);
  return {
    store,
    async dispose() {
      await store.close();
      const client = new MongoClient(mongoUri!);
      try {
        await client.db(dbName).dropDatabase();
      } finally {
        await client.close();
      }
    },
  };
}

export const STORES: [string, () => Promise<StoreHarness>, boolean][] = [
  ['embedded store', openEmbedded, true],
  [mongoTitle, openMongo, mongoIsLocal],
];

type GroupSet = Pick<GroupSetDoc, 'state' | 'groupCount' | 'assignment' | 'removed'>;

export interface TopicKit {
  store: Store;
  audit: AuditLog;
  topics: TopicServices;
  now: { value: Date };
  /** The fake group set (edit it freely). */
  groups: { set: GroupSet | null };
  /** personKey → status of her registration in EDITION. */
  statuses: Map<string, MemberStatus>;
  /** `${group}` → personKey of the representante. */
  representantes: Map<number, string>;
  scheduled: { key: string; kind: string; runAt: Date; payload?: unknown }[];
  cancelled: string[];
  close(): Promise<void>;
}

export async function openKit(open: () => Promise<StoreHarness> = openEmbedded, opts: { maxPicks?: number } = {}): Promise<TopicKit> {
  const h = await open();
  const now = { value: new Date('2027-01-20T17:00:00Z') };
  const clock = () => new Date(now.value);
  const audit = new AuditLog(h.store, clock);
  const groups: TopicKit['groups'] = { set: null };
  const statuses = new Map<string, MemberStatus>();
  const representantes = new Map<number, string>();
  const scheduled: TopicKit['scheduled'] = [];
  const cancelled: string[] = [];
  const catalog = loadDefaultCatalog();
  const topics = createTopicServices({
    store: h.store,
    audit,
    catalogs: { forEdition: async () => catalog },
    groups: { get: async (editionId) => (editionId === EDITION ? groups.set : null) },
    members: {
      get: async (editionId, personKey) => {
        const status = editionId === EDITION ? statuses.get(personKey) : undefined;
        return status ? { _id: memberId(editionId, personKey), status } : null;
      },
    },
    representantes: { isRepresentante: async (editionId, group, personKey) => editionId === EDITION && representantes.get(group) === personKey },
    months: { monthsOf: async () => MONTHS },
    scheduling: {
      schedule: async (input) => {
        scheduled.push(input);
        return { key: input.key };
      },
      cancel: async (key) => {
        cancelled.push(key);
        return 'cancelled';
      },
    },
    clock,
    ...(opts.maxPicks !== undefined ? { maxPicks: opts.maxPicks } : {}),
  });
  await Promise.all([audit.init(), topics.init()]);
  return {
    store: h.store,
    audit,
    topics,
    now,
    groups,
    statuses,
    representantes,
    scheduled,
    cancelled,
    close: () => h.dispose(),
  };
}

/** personKey of member i of group g. */
export const person = (g: number, i: number): string => `aad:g${g}-m${i}`;

/** Confirms `groupCount` groups of `perGroup` validated members each; member 1 of each group is its representante. */
export function seedGroups(kit: TopicKit, groupCount: number, perGroup: number): void {
  const assignment: Record<string, number> = {};
  for (let g = 1; g <= groupCount; g++) {
    for (let i = 1; i <= perGroup; i++) {
      assignment[memberId(EDITION, person(g, i))] = g;
      kit.statuses.set(person(g, i), 'validated');
    }
    kit.representantes.set(g, person(g, 1));
  }
  kit.groups.set = { state: 'confirmed', groupCount, assignment, removed: [] };
}

export const ADMIN = { personKey: 'aad:utigynd', admin: true } as const;
