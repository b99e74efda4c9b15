import { memberIdsInGroup } from '../../domain/groups/groupIds.js';
import { memberId } from '../../domain/member.js';
import type { GroupSetPort, MemberPort } from './types.js';

/**
 * Who belongs to which group, for topic votes and work plans: a validated member of the edition whose
 * registration is in the confirmed group set and was not taken out of it. Reads through narrow ports
 * (GroupSetService, MemberService) so tests can fake them.
 */
export type MembershipLookup = { ok: true; memberId: string; group: number } | { ok: false; reason: 'noGroups' | 'notMember' };

export class GroupMembership {
  constructor(
    private readonly groups: GroupSetPort,
    private readonly members: MemberPort,
  ) {}

  /** Number of confirmed groups of the edition; undefined while groups are not confirmed. */
  async groupCount(editionId: string): Promise<number | undefined> {
    const set = await this.groups.get(editionId);
    return set?.state === 'confirmed' ? set.groupCount : undefined;
  }

  /** The group of a person in the edition, when she is a validated member of a confirmed group. */
  async groupOf(editionId: string, personKey: string): Promise<MembershipLookup> {
    const set = await this.groups.get(editionId);
    if (set?.state !== 'confirmed') return { ok: false, reason: 'noGroups' };
    const id = memberId(editionId, personKey);
    const group = set.assignment[id];
    if (group === undefined || set.removed.includes(id)) return { ok: false, reason: 'notMember' };
    const member = await this.members.get(editionId, personKey);
    if (!member || member._id !== id || member.status !== 'validated') return { ok: false, reason: 'notMember' };
    return { ok: true, memberId: id, group };
  }

  /** Member ids of a confirmed group (those taken out of the set excluded). */
  async memberIdsOf(editionId: string, group: number): Promise<string[]> {
    const set = await this.groups.get(editionId);
    if (set?.state !== 'confirmed') return [];
    return memberIdsInGroup(set, group).sort();
  }
}
