import { personKey } from '../../domain/person.js';
import type { Role } from '../../domain/roles.js';
import type { RegistrationServices } from '../../services/registration/index.js';

/** 'member' for a person with a validated registration in the active edition (a source of RoleService). */
export function memberRoleSource(services: Pick<RegistrationServices, 'editions' | 'members'>) {
  return async (person: Parameters<typeof personKey>[0]): Promise<readonly Role[]> => {
    if (!person.aadObjectId) return [];
    const edition = await services.editions.getActive();
    if (!edition) return [];
    const member = await services.members.get(edition._id, personKey(person));
    return member?.status === 'validated' ? ['member'] : [];
  };
}
