import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadDefaultCatalog } from '../../src/data/defaultCatalog.js';
import type { MemberRecord, MemberStatus } from '../../src/domain/member.js';
import { GroupSetService, type GroupSetDoc } from '../../src/services/groupSets.js';
import { membershipFromGroupSets } from '../../src/services/elections/index.js';
import { EmbeddedStore } from '../../src/store/embeddedStore.js';
import type { Store } from '../../src/store/types.js';
import { realisticRoster } from '../helpers/rosterFixtures.js';
import { validatedMember } from '../groups/support.js';
import { EDITION, P } from './support.js';

/** The membership port over the real shapes of the group set and the members (services faked). */
function ports(state: GroupSetDoc['state'], statuses: Record<string, MemberStatus>) {
  const set = {
    _id: EDITION,
    editionId: EDITION,
    state,
    groupCount: 2,
    assignment: { [`${EDITION}:${P(1)}`]: 1, [`${EDITION}:${P(2)}`]: 1, [`${EDITION}:${P(3)}`]: 2, [`${EDITION}:${P(4)}`]: 2 },
    removed: [`${EDITION}:${P(4)}`],
  } as unknown as GroupSetDoc;
  const records = Object.entries(statuses).map(([personKey, status]) => ({ _id: `${EDITION}:${personKey}`, editionId: EDITION, personKey, status }) as MemberRecord);
  return membershipFromGroupSets(
    { get: async (id) => (id === EDITION ? set : null) },
    {
      get: async (_e, key) => records.find((r) => r.personKey === key) ?? null,
      list: async (_e, filter) => records.filter((r) => (!filter?.status || r.status === filter.status) && (!filter?.ids || filter.ids.includes(r._id))),
    },
  );
}

describe('membership from the confirmed group set', () => {
  it('places validated members of a confirmed set; leaves out withdrawn, removed and unplaced people', async () => {
    const m = ports('confirmed', { [P(1)]: 'validated', [P(2)]: 'withdrawn', [P(3)]: 'validated', [P(4)]: 'validated', [P(5)]: 'validated' });
    expect(await m.groupNumbers(EDITION)).toEqual([1, 2]);
    expect(await m.groupOf(EDITION, P(1))).toBe(1);
    expect(await m.groupOf(EDITION, P(2))).toBeNull();
    expect(await m.groupOf(EDITION, P(4))).toBeNull();
    expect(await m.groupOf(EDITION, P(5))).toBeNull();
    expect(await m.membersOf(EDITION, 1)).toEqual([P(1)]);
    expect(await m.membersOf(EDITION, 2)).toEqual([P(3)]);
    expect(await m.groupNumbers('2027')).toEqual([]);
  });

  it('a proposal that is not confirmed has no members yet', async () => {
    const m = ports('proposed', { [P(1)]: 'validated' });
    expect(await m.groupNumbers(EDITION)).toEqual([]);
    expect(await m.groupOf(EDITION, P(1))).toBeNull();
    expect(await m.membersOf(EDITION, 1)).toEqual([]);
  });
});

describe('membership over GroupSetService: the confirmed set is cached and never stale', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
  });

  async function setUp(opts: { asMongo?: boolean } = {}) {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'rdc-membership-cache-'));
    dirs.push(dir);
    const embedded = await EmbeddedStore.open({ dataDir: dir });
    // As several instances on MongoDB: the same data, but the cache must check freshness on every read.
    const store: Store = opts.asMongo
      ? new Proxy(embedded, { get: (t, k) => (k === 'kind' ? 'mongodb' : typeof Reflect.get(t, k) === 'function' ? (Reflect.get(t, k) as (...a: unknown[]) => unknown).bind(t) : Reflect.get(t, k)) })
      : embedded;
    const groups = new GroupSetService(store, pino({ level: 'silent' }));
    const roster = realisticRoster(loadDefaultCatalog(), 7, 12).map((r, i) => validatedMember(EDITION, r, { key: P(i + 1), userId: `29:m${i}` }));
    const records: MemberRecord[] = roster.slice(0, 10);
    const membership = membershipFromGroupSets(groups, {
      get: async (_e, key) => records.find((r) => r.personKey === key) ?? null,
      list: async (_e, filter) => records.filter((r) => (!filter?.status || r.status === filter.status) && (!filter?.ids || filter.ids.includes(r._id))),
    });
    const reads = vi.spyOn(groups, 'get');
    return { store, groups, roster, records, membership, reads };
  }

  it('reads the set once while it does not change; confirming and placing newcomers are seen at once', async () => {
    const { groups, roster, records, membership, reads } = await setUp();
    await groups.propose(EDITION, records, { groups: 2 }, 'aad:admin');
    expect(await membership.groupOf(EDITION, P(1))).toBeNull(); // only proposed
    await groups.confirm(EDITION, 'aad:admin');
    const g1 = await membership.groupOf(EDITION, P(1));
    expect(g1).not.toBeNull();
    reads.mockClear();
    for (let i = 0; i < 20; i++) expect(await membership.groupOf(EDITION, P(1))).toBe(g1);
    expect(reads).not.toHaveBeenCalled();

    // A newcomer placed by «grupos asignar pendientes»: a member at once.
    expect(await membership.groupOf(EDITION, P(11))).toBeNull();
    records.push(roster[10]!);
    await groups.assignPending(EDITION, records, 'aad:admin');
    expect(await membership.groupOf(EDITION, P(11))).toEqual(expect.any(Number));
    // Withdrawn and taken out: no longer a member, also at once.
    records.splice(records.findIndex((r) => r.personKey === P(2)), 1);
    await groups.assignPending(EDITION, records, 'aad:admin');
    expect(await membership.groupOf(EDITION, P(2))).toBeNull();
  });

  it('the cached set is not handed out after a change by another instance (MongoDB freshness check)', async () => {
    const { store, groups, records, membership } = await setUp({ asMongo: true });
    await groups.propose(EDITION, records, { groups: 2 }, 'aad:admin');
    await groups.confirm(EDITION, 'aad:admin');
    expect(await membership.groupOf(EDITION, P(3))).not.toBeNull();
    // Another instance takes P(3) out (its own GroupSetService; this one's cache is not told).
    const sets = store.collection<GroupSetDoc>('groupSets');
    const set = (await sets.findOne({ _id: EDITION }))!;
    await sets.replaceOne({ _id: EDITION }, { ...set, removed: [`${EDITION}:${P(3)}`], updatedAt: new Date(set.updatedAt.getTime() + 1) });
    expect(await membership.groupOf(EDITION, P(3))).toBeNull();
    expect(await membership.membersOf(EDITION, set.assignment[`${EDITION}:${P(3)}`]!)).not.toContain(P(3));
  });
});
