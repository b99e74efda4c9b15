import type { Store } from '../../store/types.js';
import type { StaffRole } from '../../domain/roles.js';
import { AUDIT_ACTIONS, type AuditLog } from './audit.js';

/**
 * Adds and removes UTIGyND administrators (the 'admins' collection that RoleService reads). Administrators
 * bootstrapped from configuration (ADMIN_AAD_IDS) cannot be removed here, and the last administrator
 * cannot be removed: the network always keeps at least one.
 */
export const ADMINS_COLLECTION = 'admins';
/** Extra staff roles of administrators (RoleService.hasStaffRole reads it). */
export const STAFF_ROLES_COLLECTION = 'staffRoles';

export const STAFF_ROLE_AUDIT = { grant: 'admin.staffRole.grant', revoke: 'admin.staffRole.revoke' } as const;

export interface StaffRolesDoc {
  /** Lower-cased Entra object id. */
  _id: string;
  roles: StaffRole[];
  updatedBy: string;
  updatedAt: Date;
}

/** Same shape RoleService reads (src/services/roles.ts). */
export interface AdminDoc {
  /** Lower-cased Entra object id. */
  _id: string;
  addedBy: string;
  addedAt: Date;
  email?: string;
  name?: string;
}

export interface AdminEntry {
  aadObjectId: string;
  source: 'config' | 'bot';
  email?: string;
  name?: string;
  addedAt?: Date;
}

export class AdminError extends Error {
  constructor(
    readonly code: 'bootstrap' | 'notAdmin' | 'last' | 'invalidId',
    message: string,
  ) {
    super(message);
    this.name = 'AdminError';
  }
}

const GUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isEntraObjectId = (s: string): boolean => GUID_RE.test(s.trim());

export class AdminService {
  private readonly col;
  private readonly staffRoles;
  private readonly bootstrap: ReadonlySet<string>;

  constructor(
    store: Store,
    bootstrapAdminIds: readonly string[],
    private readonly audit: AuditLog,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.col = store.collection<AdminDoc>(ADMINS_COLLECTION);
    this.staffRoles = store.collection<StaffRolesDoc>(STAFF_ROLES_COLLECTION);
    this.bootstrap = new Set(bootstrapAdminIds.map((x) => x.trim().toLowerCase()).filter(Boolean));
  }

  isBootstrap(aadObjectId: string): boolean {
    return this.bootstrap.has(aadObjectId.toLowerCase());
  }

  async list(): Promise<AdminEntry[]> {
    const stored = await this.col.find({}, { sort: { addedAt: 1 } });
    const out: AdminEntry[] = [...this.bootstrap].map((id) => ({ aadObjectId: id, source: 'config' as const }));
    for (const d of stored) {
      if (this.bootstrap.has(d._id)) continue;
      out.push({ aadObjectId: d._id, source: 'bot', addedAt: d.addedAt, ...(d.email ? { email: d.email } : {}), ...(d.name ? { name: d.name } : {}) });
    }
    return out;
  }

  /** Returns false when she already was an administrator. */
  async add(target: { aadObjectId: string; email?: string; name?: string }, actor: string): Promise<boolean> {
    const id = target.aadObjectId.trim().toLowerCase();
    if (!GUID_RE.test(id)) throw new AdminError('invalidId', 'El identificador de Entra ID no es válido.');
    if (this.bootstrap.has(id) || (await this.col.findOne({ _id: id }))) return false;
    const doc: AdminDoc = { _id: id, addedBy: actor, addedAt: this.clock() };
    if (target.email) doc.email = target.email.toLowerCase();
    if (target.name) doc.name = target.name;
    await this.col.updateOne({ _id: id }, { $set: { addedBy: doc.addedBy, addedAt: doc.addedAt, ...(doc.email ? { email: doc.email } : {}), ...(doc.name ? { name: doc.name } : {}) } }, { upsert: true });
    await this.audit.append({ actor, action: AUDIT_ACTIONS.adminAdd, target: `aad:${id}`, after: { admin: true } });
    return true;
  }

  async remove(aadObjectId: string, actor: string): Promise<void> {
    const id = aadObjectId.trim().toLowerCase();
    if (this.bootstrap.has(id)) {
      throw new AdminError('bootstrap', 'Esta persona administradora se configuró en el servidor (ADMIN_AAD_IDS) y solo puede retirarse cambiando esa configuración.');
    }
    const doc = await this.col.findOne({ _id: id });
    if (!doc) throw new AdminError('notAdmin', 'Esa persona no es administradora.');
    if ((await this.count()) <= 1) throw new AdminError('last', 'No es posible quitar a la última persona administradora: agregue antes a otra.');
    await this.col.deleteOne({ _id: id });
    if ((await this.count()) === 0) {
      // Two removals raced: put this one back so the network is never left without administrators.
      await this.col.insertOne(doc);
      throw new AdminError('last', 'No es posible quitar a la última persona administradora: agregue antes a otra.');
    }
    // Staff roles go with the administration: being made an administrator again does not bring them back.
    const roles = await this.staffRoles.findOne({ _id: id });
    if (roles) await this.staffRoles.deleteOne({ _id: id });
    await this.audit.append({ actor, action: AUDIT_ACTIONS.adminRemove, target: `aad:${id}`, before: { admin: true, ...(roles?.roles.length ? { staffRoles: roles.roles } : {}) }, after: { admin: false } });
  }

  /** Entra object ids holding a staff role (whether or not they are still administrators). */
  async staffRoleHolders(role: StaffRole): Promise<string[]> {
    return (await this.staffRoles.find({})).filter((d) => d.roles.includes(role)).map((d) => d._id);
  }

  /**
   * Grants a staff role to an administrator (the caller makes her one first). Returns false when she already
   * had it. Audited.
   */
  async grantStaffRole(aadObjectId: string, role: StaffRole, actor: string): Promise<boolean> {
    const id = aadObjectId.trim().toLowerCase();
    if (!GUID_RE.test(id)) throw new AdminError('invalidId', 'El identificador de Entra ID no es válido.');
    const doc = await this.staffRoles.findOne({ _id: id });
    if (doc?.roles.includes(role)) return false;
    await this.staffRoles.updateOne({ _id: id }, { $addToSet: { roles: role }, $set: { updatedBy: actor, updatedAt: this.clock() } }, { upsert: true });
    await this.audit.append({ actor, action: STAFF_ROLE_AUDIT.grant, target: `aad:${id}`, after: { role } });
    return true;
  }

  /** Takes a staff role away (she stays an administrator). Returns false when she did not have it. Audited. */
  async revokeStaffRole(aadObjectId: string, role: StaffRole, actor: string): Promise<boolean> {
    const id = aadObjectId.trim().toLowerCase();
    const doc = await this.staffRoles.findOne({ _id: id });
    if (!doc?.roles.includes(role)) return false;
    await this.staffRoles.updateOne({ _id: id }, { $pull: { roles: role }, $set: { updatedBy: actor, updatedAt: this.clock() } });
    await this.audit.append({ actor, action: STAFF_ROLE_AUDIT.revoke, target: `aad:${id}`, before: { role } });
    return true;
  }

  private async count(): Promise<number> {
    const stored = await this.col.find({});
    return new Set([...this.bootstrap, ...stored.map((d) => d._id)]).size;
  }
}
