import { memberIdsInGroup } from '../../domain/groups/groupIds.js';
import { memberId } from '../../domain/member.js';
import type { ConfirmedGroupSet, GroupSetService } from '../groupSets.js';
import type { MemberService } from '../registration/members.js';

/**
 * Who belongs to which group, as the elections need it (a narrow port, so tests can fake it): the confirmed
 * group set of the edition (src/services/groupSets.ts), validated members only, withdrawn ones left out.
 */
export interface ElectionMembership {
  /** The person's group in the edition's confirmed group set, or null (no set, not placed, not validated). */
  groupOf(editionId: string, personKey: string): Promise<number | null>;
  /** personKeys of the group's members. */
  membersOf(editionId: string, group: number): Promise<string[]>;
  /** The group numbers of the confirmed set (empty when the groups are not confirmed). */
  groupNumbers(editionId: string): Promise<number[]>;
}

/**
 * Reads the set through GroupSetService.confirmedSet when there is one (cached per edition, dropped on every
 * change of the set, with a freshness check on MongoDB), so a ballot does not copy the whole set; a plain
 * `get` (tests' fakes) is read every time. Members' status is always read fresh.
 */
export function membershipFromGroupSets(
  groups: Pick<GroupSetService, 'get'> & Partial<Pick<GroupSetService, 'confirmedSet'>>,
  members: Pick<MemberService, 'get' | 'list'>,
): ElectionMembership {
  const confirmed = async (editionId: string): Promise<ConfirmedGroupSet | null> => {
    if (groups.confirmedSet) return groups.confirmedSet(editionId);
    const set = await groups.get(editionId);
    return set?.state === 'confirmed' ? set : null;
  };
  return {
    async groupOf(editionId, personKey) {
      const set = await confirmed(editionId);
      if (!set) return null;
      const id = memberId(editionId, personKey);
      const group = set.assignment[id];
      if (group === undefined || set.removed.includes(id)) return null;
      const member = await members.get(editionId, personKey);
      return member?.status === 'validated' ? group : null;
    },
    async membersOf(editionId, group) {
      const set = await confirmed(editionId);
      if (!set) return [];
      return (await members.list(editionId, { status: 'validated', ids: memberIdsInGroup(set, group) })).map((m) => m.personKey);
    },
    async groupNumbers(editionId) {
      const set = await confirmed(editionId);
      return set ? Array.from({ length: set.groupCount }, (_, i) => i + 1) : [];
    },
  };
}
