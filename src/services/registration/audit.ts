import { createHash, randomUUID } from 'node:crypto';
import type { Store } from '../../store/types.js';
import { PERSONAL_FIELDS } from '../../domain/registration.js';

/**
 * The audit log: every admin action and every change of a member's record, appended with who, when, what,
 * and the record before and after. Append-only by construction: this class has no update or delete method,
 * and no command of the bot writes to the collection any other way.
 */
export const AUDIT_COLLECTION = 'audit';

/** Actions written by registration and administration. Other features may add their own strings. */
export const AUDIT_ACTIONS = {
  editionCreate: 'edition.create',
  editionActivate: 'edition.activate',
  editionWindow: 'edition.window',
  editionCalendar: 'edition.calendar',
  catalogReplace: 'edition.catalog',
  callOpen: 'call.open',
  callClose: 'call.close',
  callInvite: 'call.invite',
  memberRegister: 'member.register',
  memberUpdate: 'member.update',
  memberWithdraw: 'member.withdraw',
  memberErase: 'member.erase',
  memberApprove: 'member.approve',
  memberReject: 'member.reject',
  changeRequest: 'member.changeRequest',
  changeRequestResolve: 'member.changeRequest.resolve',
  adminAdd: 'admin.add',
  adminRemove: 'admin.remove',
  denied: 'command.denied',
  /** An admin command was run (also read-only ones, which show personal data). */
  commandRun: 'command.run',
} as const;

export interface AuditEntry {
  /** Time-ordered and unique. */
  _id: string;
  at: Date;
  /** personKey of who did it, or 'system'. */
  actor: string;
  action: string;
  /** What it was done to: a personKey, a member id, an edition id, a command id. */
  target?: string;
  editionId?: string;
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
  /** Anything else worth keeping (reasons, flags, counts). */
  details?: Record<string, unknown>;
}

export interface AuditInput {
  actor: string;
  action: string;
  target?: string;
  editionId?: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  details?: Record<string, unknown>;
}

export interface AuditFilter {
  action?: string;
  actor?: string;
  target?: string;
  editionId?: string;
  since?: Date;
}

/**
 * A snapshot of a record for the audit log with personal fields (name, email, accessibility needs) replaced
 * by a short fingerprint: the log shows that and when they changed, and can confirm a value someone shows,
 * but it never holds them in clear — so erasing a member's personal data does not require editing the log.
 */
export function auditSnapshot(doc: object | null | undefined): Record<string, unknown> | undefined {
  if (!doc) return undefined;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(doc)) {
    if (v === undefined) continue;
    if ((PERSONAL_FIELDS as readonly string[]).includes(k) && typeof v === 'string' && v !== '') out[k] = fingerprint(v);
    else out[k] = v;
  }
  return out;
}

export function fingerprint(value: string): string {
  return `sha256:${createHash('sha256').update(value.trim().toLowerCase()).digest('hex').slice(0, 16)}`;
}

/** Orders entries appended in the same millisecond by this process. */
let sequence = 0;

export class AuditLog {
  private readonly col;

  constructor(
    private readonly store: Store,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.col = store.collection<AuditEntry>(AUDIT_COLLECTION);
  }

  async init(): Promise<void> {
    await this.store.ensureIndexes(AUDIT_COLLECTION, [{ fields: ['at'] }, { fields: ['target'] }, { fields: ['action'] }]);
  }

  /** Appends one entry and returns it. */
  async append(input: AuditInput): Promise<AuditEntry> {
    const at = this.clock();
    sequence = (sequence + 1) % 1e9;
    const entry: AuditEntry = { _id: `${at.toISOString()}~${String(sequence).padStart(9, '0')}~${randomUUID().slice(0, 8)}`, at, actor: input.actor, action: input.action };
    if (input.target !== undefined) entry.target = input.target;
    if (input.editionId !== undefined) entry.editionId = input.editionId;
    if (input.before) entry.before = input.before;
    if (input.after) entry.after = input.after;
    if (input.details) entry.details = input.details;
    await this.col.insertOne(entry);
    return entry;
  }

  /** Entries where the person is the actor or the target (derecho de acceso), most recent first. */
  listAbout(personKey: string, limit = 1000): Promise<AuditEntry[]> {
    return this.col.find({ $or: [{ actor: personKey }, { target: personKey }] }, { sort: { at: -1, _id: -1 }, limit: Math.max(1, Math.min(limit, 10_000)) });
  }

  /** The most recent entries first. */
  list(filter: AuditFilter = {}, limit = 100): Promise<AuditEntry[]> {
    const f: Record<string, unknown> = {};
    if (filter.action) f.action = filter.action;
    if (filter.actor) f.actor = filter.actor;
    if (filter.target) f.target = filter.target;
    if (filter.editionId) f.editionId = filter.editionId;
    if (filter.since) f.at = { $gte: filter.since };
    return this.col.find(f, { sort: { at: -1, _id: -1 }, limit: Math.max(1, Math.min(limit, 10_000)) });
  }
}
