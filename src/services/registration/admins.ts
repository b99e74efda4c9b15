import type { Store } from '../../store/types.js';
import { AUDIT_ACTIONS, type AuditLog } from './audit.js';

/**
 * Adds and removes UTIGyND administrators (the 'admins' collection that RoleService reads). Administrators
 * bootstrapped from configuration (ADMIN_AAD_IDS) cannot be removed here, and the last administrator
 * cannot be removed: the network always keeps at least one.
 */
export const ADMINS_COLLECTION = 'admins';

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
  private readonly bootstrap: ReadonlySet<string>;

  constructor(
    store: Store,
    bootstrapAdminIds: readonly string[],
    private readonly audit: AuditLog,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.col = store.collection<AdminDoc>(ADMINS_COLLECTION);
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
    await this.audit.append({ actor, action: AUDIT_ACTIONS.adminRemove, target: `aad:${id}`, before: { admin: true }, after: { admin: false } });
  }

  private async count(): Promise<number> {
    const stored = await this.col.find({});
    return new Set([...this.bootstrap, ...stored.map((d) => d._id)]).size;
  }
}
