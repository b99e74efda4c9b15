import { personKey, type Person } from '../../domain/person.js';
import type { Role } from '../../domain/roles.js';
import type { ElectionService } from './service.js';

/**
 * The RoleService source of the elected roles: 'representante' or 'secretaria' for whoever holds one in the
 * active edition (and is still a member of that group).
 *
 *   roles.addSource(electionRoleSource(elections, registration.editions));
 */
export function electionRoleSource(elections: Pick<ElectionService, 'rolesFor'>, editions: { getActive(): Promise<{ _id: string } | null> }) {
  return async (person: Pick<Person, 'aadObjectId' | 'userId'>): Promise<readonly Role[]> => {
    const edition = await editions.getActive();
    if (!edition) return [];
    return (await elections.rolesFor(edition._id, personKey(person))).map((r) => r.role);
  };
}
