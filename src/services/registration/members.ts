import { randomUUID } from 'node:crypto';
import type { Filter, Store, Update } from '../../store/types.js';
import { isDuplicateKeyError } from '../../store/types.js';
import { emailHoldKey, memberId, MEMBER_STATUSES, type ConsentRecord, type MemberRecord, type MemberStatus } from '../../domain/member.js';
import { memberIdsInGroup, type GroupAssignment } from '../../domain/groups/groupIds.js';
import { personKey as personKeyOf } from '../../domain/person.js';
import { changedFields, profileOf, rosterDecision, VALIDATION_FIELDS, type ProfileData } from '../../domain/registration.js';
import { AUDIT_ACTIONS, auditSnapshot, type AuditLog } from './audit.js';
import type { RosterLookup } from './roster.js';

/**
 * Members' registrations (collection 'members', one MemberRecord per person and edition). Registration,
 * self-service changes, admin decisions and erasure all go through here, and each change is audited.
 * One registration per person and edition is guaranteed by unique indexes, also under concurrent sends.
 *
 * Emails: a registration holds its email in the edition only while Teams confirmed the email is hers and the
 * registration is active (field correoActivo, unique sparse index). A typed email never blocks anyone: when
 * the account the email belongs to registers (or corrects her email to it), she gets it and every other
 * active registration with that email goes back to the queue, flagged (pendingReason 'emailClaimed'). While
 * a verified account holds an email, nobody else can claim it unverified. Rejected and withdrawn
 * registrations hold nothing, so they free their email.
 */
export const MEMBERS_COLLECTION = 'members';

export type RegistrationErrorCode = 'alreadyRegistered' | 'emailInUse' | 'notFound' | 'notEditable' | 'notPending' | 'invalidReason';

export class RegistrationError extends Error {
  constructor(
    readonly code: RegistrationErrorCode,
    message: string,
    readonly current?: MemberRecord,
  ) {
    super(message);
    this.name = 'RegistrationError';
  }
}

export interface RegisterInput {
  editionId: string;
  aadObjectId: string;
  /** Bot-specific Teams user id ("29:..."). */
  userId: string;
  profile: ProfileData;
  consent: ConsentRecord;
  /** The email Teams reported for her account (trusted), when it was available. */
  verifiedEmail?: string;
}

export interface RegisterResult {
  member: MemberRecord;
  /** Ids of other active registrations that claim the same vocalía in the same junta. */
  conflicts: string[];
}

export interface UpdateResult {
  member: MemberRecord;
  changed: string[];
  /** True when the change sent a validated registration back to admin review. */
  revalidation: boolean;
  conflicts: string[];
}

export interface MemberListFilter {
  status?: MemberStatus | readonly MemberStatus[];
  /** Only these registrations (`_id`s); read through the id index, so a group costs its size, not the edition's. */
  ids?: readonly string[];
}

export const MAX_REASON_LENGTH = 500;

const EDITABLE: readonly MemberStatus[] = ['validated', 'pending'];

export class MemberService {
  private readonly col;
  /** Other services' data about a person, erased with hers («borrar mis datos»): e.g. survey answers. */
  private readonly erasers: ((personKey: string) => Promise<unknown>)[] = [];

  constructor(
    private readonly store: Store,
    private readonly audit: AuditLog,
    private readonly roster: RosterLookup,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.col = store.collection<MemberRecord>(MEMBERS_COLLECTION);
  }

  async init(): Promise<void> {
    // Before issue 9 every registration held its email (unique on edition + email), also typed, rejected
    // and withdrawn ones: that index is replaced by the sparse one on correoActivo.
    await this.store.dropIndexes(MEMBERS_COLLECTION, [{ fields: ['editionId', 'correo'], unique: true }]);
    await this.store.ensureIndexes(MEMBERS_COLLECTION, [
      { fields: ['editionId', 'personKey'], unique: true },
      { fields: ['correoActivo'], unique: true, sparse: true },
      { fields: ['editionId', 'correo'] },
      { fields: ['editionId', 'status'] },
      { fields: ['correo'] },
      { fields: ['personKey'] },
    ]);
    // Records written before the field existed: verified, active ones hold their email again.
    const unmarked = await this.col.find({ emailVerified: true, status: { $in: [...EDITABLE] }, correoActivo: { $exists: false } });
    for (const m of unmarked) {
      const hold = emailHoldKey(m);
      if (!hold) continue;
      try {
        await this.col.updateOne({ _id: m._id, correoActivo: { $exists: false } }, { $set: { correoActivo: hold } });
      } catch (err) {
        if (!isDuplicateKeyError(err)) throw err;
      }
    }
  }

  get(editionId: string, personKey: string): Promise<MemberRecord | null> {
    return this.col.findOne({ _id: memberId(editionId, personKey) });
  }

  getById(id: string): Promise<MemberRecord | null> {
    return this.col.findOne({ _id: id });
  }

  /** Registrations of an edition, oldest first. */
  list(editionId: string, filter: MemberListFilter = {}): Promise<MemberRecord[]> {
    const f: Filter = { editionId };
    if (filter.status !== undefined) f.status = typeof filter.status === 'string' ? filter.status : { $in: [...filter.status] };
    if (filter.ids !== undefined) f._id = { $in: [...filter.ids] };
    return this.col.find(f, { sort: { createdAt: 1, _id: 1 } });
  }

  /** The validated members placed in `group` of a confirmed set (withdrawn ones left out), oldest first. */
  inGroup(editionId: string, set: GroupAssignment, group: number): Promise<MemberRecord[]> {
    return this.list(editionId, { status: 'validated', ids: memberIdsInGroup(set, group) });
  }

  /** Every registration of one person, in every edition, oldest first. */
  listByPerson(personKey: string): Promise<MemberRecord[]> {
    return this.col.find({ personKey }, { sort: { createdAt: 1, _id: 1 } });
  }

  async countByStatus(editionId: string): Promise<Record<MemberStatus, number>> {
    const out = {} as Record<MemberStatus, number>;
    for (const s of MEMBER_STATUSES) out[s] = await this.col.countDocuments({ editionId, status: s });
    return out;
  }

  /** The most recent registration with this email in any edition (admin lookups by email). */
  async findLatestByEmail(correo: string): Promise<MemberRecord | null> {
    const found = await this.col.find({ correo: correo.trim().toLowerCase() }, { sort: { createdAt: -1 }, limit: 1 });
    return found[0] ?? null;
  }

  /**
   * Stores a new registration. Its status comes from the roster (see domain rosterDecision). Rejects with
   * RegistrationError 'alreadyRegistered' (same person, also when two sends race) or 'emailInUse' (a verified
   * account holds the email). A verified registration takes its email from unverified ones (see the class).
   */
  async register(input: RegisterInput): Promise<RegisterResult> {
    const key = personKeyOf({ aadObjectId: input.aadObjectId, userId: input.userId });
    const existing = await this.get(input.editionId, key);
    if (existing) throw new RegistrationError('alreadyRegistered', 'Ya tiene un registro en esta edición.', existing);

    const entry = await this.roster.findByEmail(input.editionId, input.profile.correo);
    const hasRoster = entry ? true : await this.roster.hasRoster(input.editionId);
    const decision = rosterDecision(input.profile, entry, hasRoster, input.verifiedEmail);
    const now = this.clock();
    const emailVerified = isVerified(input.verifiedEmail, input.profile.correo);
    const doc: MemberRecord = {
      _id: memberId(input.editionId, key),
      editionId: input.editionId,
      personKey: key,
      aadObjectId: input.aadObjectId.toLowerCase(),
      userId: input.userId,
      ...input.profile,
      ejesInteres: [...input.profile.ejesInteres],
      consent: { ...input.consent },
      status: decision.status,
      rosterMatch: decision.rosterMatch,
      emailVerified,
      createdAt: now,
      updatedAt: now,
    };
    if (decision.pendingReason) doc.pendingReason = decision.pendingReason;
    const hold = emailHoldKey(doc);
    if (hold) doc.correoActivo = hold;
    else if (await this.holderOf(input.editionId, doc.correo)) throw emailInUse();

    try {
      await this.col.insertOne(doc);
    } catch (err) {
      if (!isDuplicateKeyError(err)) throw err;
      const mine = await this.get(input.editionId, key);
      if (mine) throw new RegistrationError('alreadyRegistered', 'Ya tiene un registro en esta edición.', mine);
      throw emailInUse();
    }
    await this.settleEmail(doc.editionId, doc.correo);
    const conflicts = await this.positionConflicts(doc);
    await this.audit.append({
      actor: key,
      action: AUDIT_ACTIONS.memberRegister,
      target: key,
      editionId: input.editionId,
      after: auditSnapshot(doc),
      details: { ...(decision.pendingReason ? { pendingReason: decision.pendingReason } : {}), ...(conflicts.length ? { juntaConflictWith: conflicts } : {}) },
    });
    return { member: doc, conflicts };
  }

  /**
   * Changes her registration data (self-service while the call is open, or an admin applying a request).
   * A change of email or position on a validated or pending registration is checked against the roster again.
   */
  async update(editionId: string, personKey: string, profile: ProfileData, actor: string, opts: { verifiedEmail?: string } = {}): Promise<UpdateResult> {
    const before = await this.get(editionId, personKey);
    if (!before) throw new RegistrationError('notFound', 'No encontré su registro en esta edición.');
    if (!EDITABLE.includes(before.status)) throw new RegistrationError('notEditable', 'Este registro ya no se puede modificar.', before);
    const current: ProfileData = profileOf(before);
    const changed = changedFields(current, profile);
    if (changed.length === 0) return { member: before, changed: [], revalidation: false, conflicts: [] };

    const $set: Record<string, unknown> = { updatedAt: this.clock() };
    const $unset: Record<string, 1> = {};
    for (const k of changed) {
      const v = profile[k];
      if (v === undefined) $unset[k] = 1;
      else $set[k] = v;
    }
    let revalidation = false;
    if (changed.some((k) => (VALIDATION_FIELDS as readonly string[]).includes(k))) {
      const entry = await this.roster.findByEmail(editionId, profile.correo);
      const hasRoster = entry ? true : await this.roster.hasRoster(editionId);
      const decision = rosterDecision(profile, entry, hasRoster, opts.verifiedEmail);
      $set.rosterMatch = decision.rosterMatch;
      $set.emailVerified = isVerified(opts.verifiedEmail, profile.correo);
      $set.status = decision.status;
      if (decision.pendingReason) $set.pendingReason = decision.pendingReason;
      else $unset.pendingReason = 1;
      revalidation = before.status === 'validated' && decision.status === 'pending';
      const hold = emailHoldKey({ editionId, correo: profile.correo, status: decision.status, emailVerified: $set.emailVerified as boolean });
      if (hold) $set.correoActivo = hold;
      else if (before.correoActivo !== undefined) $unset.correoActivo = 1;
      if (!hold && (await this.holderOf(editionId, profile.correo, before._id))) throw emailInUse();
      if (changed.includes('correo')) $unset.emailClaimedBy = 1;
    }
    const update: Update = Object.keys($unset).length ? { $set, $unset } : { $set };
    let after: MemberRecord | null;
    try {
      after = await this.col.findOneAndUpdate({ _id: before._id, status: { $in: [...EDITABLE] } }, update);
    } catch (err) {
      if (isDuplicateKeyError(err)) throw emailInUse();
      throw err;
    }
    if (!after) throw new RegistrationError('notEditable', 'Este registro cambió mientras tanto y ya no se puede modificar.');
    if (changed.includes('correo') || after.correoActivo !== before.correoActivo) await this.settleEmail(editionId, after.correo);
    const conflicts = await this.positionConflicts(after);
    await this.audit.append({
      actor,
      action: AUDIT_ACTIONS.memberUpdate,
      target: personKey,
      editionId,
      before: auditSnapshot(pick(before, [...changed, 'status'])),
      after: auditSnapshot(pick(after, [...changed, 'status'])),
      details: { changed, ...(conflicts.length ? { juntaConflictWith: conflicts } : {}) },
    });
    return { member: after, changed, revalidation, conflicts };
  }

  /** "darme de baja": no further notices; the record and its history are kept. */
  async withdraw(editionId: string, personKey: string, actor: string): Promise<MemberRecord> {
    const now = this.clock();
    const before = await this.get(editionId, personKey);
    if (!before) throw new RegistrationError('notFound', 'No encontré su registro en esta edición.');
    const after = await this.col.findOneAndUpdate(
      { _id: before._id, status: { $in: [...EDITABLE] } },
      // A withdrawn registration frees its email.
      { $set: { status: 'withdrawn', withdrawnAt: now, updatedAt: now }, $unset: { correoActivo: 1 } },
    );
    if (!after) throw new RegistrationError('notEditable', 'Su registro ya no está activo.', before);
    await this.audit.append({
      actor,
      action: AUDIT_ACTIONS.memberWithdraw,
      target: personKey,
      editionId,
      before: { status: before.status },
      after: { status: 'withdrawn', withdrawnAt: now },
    });
    return after;
  }

  /**
   * Derecho de cancelación: her registrations (every edition) lose everything that identifies her. What is
   * kept is an anonymous record for statistics (edition, vocalía, ámbito, entidad, circunscripción, ejes,
   * status, dates), no longer linked to her account, plus the audit log (which never holds her name, email
   * or accessibility needs in clear). Returns how many registrations were anonymised.
   */
  async erasePersonalData(personKey: string, actor: string): Promise<number> {
    for (const erase of this.erasers) await erase(personKey);
    const records = await this.col.find({ personKey });
    const now = this.clock();
    for (const r of records) {
      const anon = `anon:${randomUUID()}`;
      const doc: MemberRecord = {
        _id: memberId(r.editionId, anon),
        editionId: r.editionId,
        personKey: anon,
        aadObjectId: '',
        userId: '',
        nombre: '',
        correo: anon,
        vocalia: r.vocalia,
        ambito: r.ambito,
        entidad: r.entidad,
        circunscripcion: r.circunscripcion,
        ejesInteres: [...r.ejesInteres],
        consent: r.consent,
        status: 'withdrawn',
        rosterMatch: r.rosterMatch,
        createdAt: r.createdAt,
        updatedAt: now,
        withdrawnAt: r.withdrawnAt ?? now,
        erasedAt: now,
      };
      // Delete first: if the process stops in between, personal data is gone (only a statistic is lost).
      await this.col.deleteOne({ _id: r._id });
      await this.col.insertOne(doc);
      await this.audit.append({
        actor,
        action: AUDIT_ACTIONS.memberErase,
        target: personKey,
        editionId: r.editionId,
        before: auditSnapshot(pick(r, ['nombre', 'correo', 'accesibilidad', 'status'])),
        details: { erased: ['nombre', 'correo', 'accesibilidad', 'distrito', 'aniosSpen', 'statusReason', 'aadObjectId', 'userId'] },
      });
    }
    return records.length;
  }

  /** Registers another service's erasure of a person's data, run first by erasePersonalData. */
  onErase(erase: (personKey: string) => Promise<unknown>): void {
    this.erasers.push(erase);
  }

  /** An admin validates a pending registration. */
  async approve(id: string, actor: string): Promise<MemberRecord> {
    const now = this.clock();
    const after = await this.col.findOneAndUpdate(
      { _id: id, status: 'pending' },
      { $set: { status: 'validated', decidedBy: actor, decidedAt: now, updatedAt: now }, $unset: { pendingReason: 1, statusReason: 1 } },
    );
    if (!after) throw await this.notPending(id);
    await this.audit.append({ actor, action: AUDIT_ACTIONS.memberApprove, target: after.personKey, editionId: after.editionId, before: { status: 'pending' }, after: { status: 'validated' } });
    return after;
  }

  /** An admin rejects a pending registration; the reason is required and shown to her. */
  async reject(id: string, reason: string, actor: string): Promise<MemberRecord> {
    const clean = reason.replace(/\s+/g, ' ').trim();
    if (clean.length < 3 || clean.length > MAX_REASON_LENGTH) {
      throw new RegistrationError('invalidReason', `Escriba el motivo del rechazo (de 3 a ${MAX_REASON_LENGTH} caracteres).`);
    }
    const now = this.clock();
    const after = await this.col.findOneAndUpdate(
      { _id: id, status: 'pending' },
      // A rejected registration frees its email.
      { $set: { status: 'rejected', statusReason: clean, decidedBy: actor, decidedAt: now, updatedAt: now }, $unset: { pendingReason: 1, correoActivo: 1 } },
    );
    if (!after) throw await this.notPending(id);
    await this.audit.append({
      actor,
      action: AUDIT_ACTIONS.memberReject,
      target: after.personKey,
      editionId: after.editionId,
      before: { status: 'pending' },
      after: { status: 'rejected' },
      details: { reason: clean },
    });
    return after;
  }

  /** Other active registrations claiming the same vocalía in the same junta. */
  async positionConflicts(m: Pick<MemberRecord, '_id' | 'editionId' | 'vocalia' | 'ambito' | 'entidad' | 'distrito'>): Promise<string[]> {
    const f: Filter = {
      editionId: m.editionId,
      vocalia: m.vocalia,
      ambito: m.ambito,
      entidad: m.entidad,
      status: { $in: [...EDITABLE] },
      _id: { $ne: m._id },
    };
    if (m.ambito === 'JDE') f.distrito = m.distrito;
    const others = await this.col.find(f);
    return others.map((o) => o._id);
  }

  /** The registration that holds this email in the edition (verified and active), if any, other than `exceptId`. */
  async holderOf(editionId: string, correo: string, exceptId?: string): Promise<MemberRecord | null> {
    const holder = await this.col.findOne({ correoActivo: `${editionId}|${correo.trim().toLowerCase()}` });
    return holder && holder._id !== exceptId ? holder : null;
  }

  /**
   * The verified account wins: when a registration holds this email, every other active registration with the
   * same email goes back to the queue with pendingReason 'emailClaimed' (once per holder: an admin may approve
   * it again after review), audited as done by the system.
   */
  private async settleEmail(editionId: string, correo: string): Promise<void> {
    const holder = await this.holderOf(editionId, correo);
    if (!holder) return;
    const others = await this.col.find({
      editionId,
      correo: holder.correo,
      status: { $in: [...EDITABLE] },
      _id: { $ne: holder._id },
      correoActivo: { $exists: false },
      emailClaimedBy: { $ne: holder.personKey },
    });
    for (const o of others) {
      const now = this.clock();
      const after = await this.col.findOneAndUpdate(
        { _id: o._id, status: { $in: [...EDITABLE] }, correo: holder.correo, correoActivo: { $exists: false } },
        { $set: { status: 'pending', pendingReason: 'emailClaimed', emailClaimedBy: holder.personKey, updatedAt: now } },
      );
      if (!after) continue;
      await this.audit.append({
        actor: 'system',
        action: AUDIT_ACTIONS.memberEmailClaimed,
        target: o.personKey,
        editionId,
        before: { status: o.status, ...(o.pendingReason ? { pendingReason: o.pendingReason } : {}) },
        after: { status: 'pending', pendingReason: 'emailClaimed' },
        details: { claimedBy: holder.personKey },
      });
    }
  }

  private async notPending(id: string): Promise<RegistrationError> {
    const current = await this.getById(id);
    if (!current) return new RegistrationError('notFound', 'Ese registro ya no existe.');
    return new RegistrationError('notPending', 'Ese registro ya no está pendiente.', current);
  }
}

function emailInUse(): RegistrationError {
  return new RegistrationError('emailInUse', 'Ese correo ya está registrado por otra persona en esta edición.');
}

/** Whether the email Teams reported for her account is the one she registers with. */
function isVerified(verifiedEmail: string | undefined, correo: string): boolean {
  return !!verifiedEmail && verifiedEmail.trim().toLowerCase() === correo.trim().toLowerCase();
}

function pick(o: object, keys: readonly string[]): Record<string, unknown> {
  const src = o as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of keys) if (src[k] !== undefined) out[k] = src[k];
  return out;
}
