import { describe, expect, it } from 'vitest';
import type { MemberRecord, MemberStatus } from '../../src/domain/member.js';
import type { GroupSetDoc } from '../../src/services/groupSets.js';
import { membershipFromGroupSets } from '../../src/services/elections/index.js';
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
      list: async (_e, filter) => records.filter((r) => !filter?.status || r.status === filter.status),
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
