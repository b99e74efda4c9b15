import type { Logger } from '../logger.js';
import type { Role } from '../domain/roles.js';
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
