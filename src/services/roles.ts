import type { Logger } from '../logger.js';
import type { Role, StaffRole } from '../domain/roles.js';
import type { Person } from '../domain/person.js';
import type { Store } from '../store/types.js';

/**
 * The one server-side place that says which roles a person has. Cards and typed text never carry roles.
 * Administrators come from configuration (bootstrap) plus the 'admins' collection; other features add
 * role sources (registration → member; groups → representante/secretaria) with `addSource`.
 */
export type RoleSource = (person: Person) => Promise<readonly Role[]>;

interface AdminDoc {
  _id: string; // lower-cased Entra object id
  addedBy: string;
  addedAt: Date;
  email?: string;
}

/** Same shape AdminService writes (src/services/registration/admins.ts, STAFF_ROLES_COLLECTION). */
interface StaffRolesDoc {
  _id: string; // lower-cased Entra object id
  roles: StaffRole[];
}

export class RoleService {
  private readonly sources: RoleSource[] = [];
  private readonly bootstrapAdmins: ReadonlySet<string>;

  constructor(
    private readonly store: Store,
    bootstrapAdminIds: readonly string[],
    private readonly logger: Logger,
  ) {
    this.bootstrapAdmins = new Set(bootstrapAdminIds.map((x) => x.toLowerCase()));
  }

  addSource(source: RoleSource): void {
    this.sources.push(source);
  }

  async isAdmin(person: Person): Promise<boolean> {
    const id = person.aadObjectId?.toLowerCase();
    if (!id) return false;
    if (this.bootstrapAdmins.has(id)) return true;
    return (await this.store.collection<AdminDoc>('admins').findOne({ _id: id })) !== null;
  }

  /**
   * An extra staff role (e.g. 'acompanamiento'): granted to her AND she is still an administrator. Checked on
   * the server for every command and card action that needs it.
   */
  async hasStaffRole(person: Person, role: StaffRole): Promise<boolean> {
    const id = person.aadObjectId?.toLowerCase();
    if (!id || !(await this.isAdmin(person))) return false;
    const doc = await this.store.collection<StaffRolesDoc>('staffRoles').findOne({ _id: id });
    return doc?.roles.includes(role) ?? false;
  }

  async rolesOf(person: Person): Promise<Set<Role>> {
    const roles = new Set<Role>();
    if (await this.isAdmin(person)) roles.add('admin');
    for (const source of this.sources) {
      try {
        for (const r of await source(person)) roles.add(r);
      } catch (err) {
        this.logger.error({ err }, 'role source failed');
      }
    }
    return roles;
  }
}
