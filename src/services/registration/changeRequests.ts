import { randomUUID } from 'node:crypto';
import type { Store } from '../../store/types.js';
import type { MemberRecord } from '../../domain/member.js';
import { changedFields, profileOf, type ProfileData } from '../../domain/registration.js';
import { AUDIT_ACTIONS, auditSnapshot, type AuditLog } from './audit.js';
import type { MemberService, UpdateResult } from './members.js';

/**
 * Requests to change registration data after the call closed ("actualizar mis datos" outside the window):
 * recorded for admins, who see them in "pendientes" and apply or dismiss them. One open request per member:
 * a newer one replaces the previous.
 */
export const CHANGE_REQUESTS_COLLECTION = 'memberChangeRequests';

export type ChangeRequestStatus = 'open' | 'applied' | 'dismissed' | 'superseded';

export interface ChangeRequest {
  _id: string;
  editionId: string;
  memberId: string;
  personKey: string;
  requested: ProfileData;
  changed: string[];
  status: ChangeRequestStatus;
  createdAt: Date;
  resolvedAt?: Date;
  resolvedBy?: string;
}

export class ChangeRequestError extends Error {
  constructor(
    readonly code: 'notFound' | 'notOpen' | 'noChanges',
    message: string,
  ) {
    super(message);
    this.name = 'ChangeRequestError';
  }
}

export class ChangeRequestService {
  private readonly col;

  constructor(
    private readonly store: Store,
    private readonly members: MemberService,
    private readonly audit: AuditLog,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.col = store.collection<ChangeRequest>(CHANGE_REQUESTS_COLLECTION);
  }

  async init(): Promise<void> {
    await this.store.ensureIndexes(CHANGE_REQUESTS_COLLECTION, [{ fields: ['editionId', 'status'] }, { fields: ['personKey'] }]);
  }

  /** Records her request; replaces an open one she made before. */
  async create(member: MemberRecord, requested: ProfileData, actor: string): Promise<ChangeRequest> {
    const changed = changedFields(profileOf(member), requested);
    if (changed.length === 0) throw new ChangeRequestError('noChanges', 'Los datos enviados son iguales a los registrados.');
    const now = this.clock();
    await this.col.updateMany({ memberId: member._id, status: 'open' }, { $set: { status: 'superseded', resolvedAt: now, resolvedBy: actor } });
    const doc: ChangeRequest = {
      _id: randomUUID(),
      editionId: member.editionId,
      memberId: member._id,
      personKey: member.personKey,
      requested,
      changed,
      status: 'open',
      createdAt: now,
    };
    await this.col.insertOne(doc);
    await this.audit.append({
      actor,
      action: AUDIT_ACTIONS.changeRequest,
      target: member.personKey,
      editionId: member.editionId,
      after: auditSnapshot(requested),
      details: { requestId: doc._id, changed },
    });
    return doc;
  }

  listOpen(editionId: string): Promise<ChangeRequest[]> {
    return this.col.find({ editionId, status: 'open' }, { sort: { createdAt: 1 } });
  }

  openFor(memberId: string): Promise<ChangeRequest | null> {
    return this.col.findOne({ memberId, status: 'open' });
  }

  get(id: string): Promise<ChangeRequest | null> {
    return this.col.findOne({ _id: id });
  }

  /** Applies the requested data to her registration (an admin's decision). */
  async apply(id: string, actor: string): Promise<{ request: ChangeRequest; result: UpdateResult }> {
    const request = await this.claim(id, 'applied', actor);
    try {
      const result = await this.members.update(request.editionId, request.personKey, request.requested, actor);
      return { request, result };
    } catch (err) {
      // Nothing changed in her record: the request goes back to the queue.
      await this.col.updateOne({ _id: id }, { $set: { status: 'open' }, $unset: { resolvedAt: 1, resolvedBy: 1 } });
      throw err;
    }
  }

  async dismiss(id: string, actor: string): Promise<ChangeRequest> {
    return this.claim(id, 'dismissed', actor);
  }

  /** Removes her requests (erasure of personal data). */
  async deleteFor(personKey: string): Promise<number> {
    return this.col.deleteMany({ personKey });
  }

  private async claim(id: string, status: 'applied' | 'dismissed', actor: string): Promise<ChangeRequest> {
    const now = this.clock();
    const claimed = await this.col.findOneAndUpdate({ _id: id, status: 'open' }, { $set: { status, resolvedAt: now, resolvedBy: actor } });
    if (!claimed) {
      const existing = await this.get(id);
      throw new ChangeRequestError(existing ? 'notOpen' : 'notFound', existing ? 'Esa solicitud ya fue atendida.' : 'Esa solicitud ya no existe.');
    }
    await this.audit.append({
      actor,
      action: AUDIT_ACTIONS.changeRequestResolve,
      target: claimed.personKey,
      editionId: claimed.editionId,
      details: { requestId: id, resolution: status },
    });
    return claimed;
  }
}
