import { createHash, randomUUID } from 'node:crypto';
import { isDuplicateKeyError, type Store } from '../../store/types.js';
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
  /** A verified account took an email another registration had typed: that registration went back to the queue. */
  memberEmailClaimed: 'member.emailClaimed',
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
/** Fields computed from personal ones (correoActivo holds the email): left out, the fingerprint says the same. */
const DERIVED_FROM_PERSONAL: readonly string[] = ['correoActivo'];

export function auditSnapshot(doc: object | null | undefined): Record<string, unknown> | undefined {
  if (!doc) return undefined;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(doc)) {
    if (v === undefined || DERIVED_FROM_PERSONAL.includes(k)) continue;
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

export const AUDIT_CAPS_COLLECTION = 'auditCaps';

/** The count of one capped kind of row for one actor in the current window. */
interface AuditCapDoc {
  /** `<action>|<actor>`. */
  _id: string;
  windowStart: Date;
  count: number;
  /** Removed by a TTL index long after the window (the count of a window is carried by the next window's row). */
  expiresAt: Date;
}

export interface RefusalAuditOptions {
  /** Rows written per actor and window; the rest are only counted. */
  maxPerWindow: number;
  /** Default one hour. */
  windowMs?: number;
}

const CAP_DOC_KEEP_MS = 90 * 24 * 3600 * 1000;

/**
 * Audit rows that an attacker can produce at will (refused admin commands, issue 9) are capped: at most
 * `maxPerWindow` rows per actor and window. The rest of the window's attempts are counted (collection
 * auditCaps), and the first row of the actor's next window carries that count (`suppressedBefore`,
 * `suppressedSince`); the last row written in a window says `capped: true`. The audit log stays append-only.
 */
export class RefusalAudit {
  private readonly col;
  private readonly windowMs: number;

  constructor(
    private readonly store: Store,
    private readonly audit: Pick<AuditLog, 'append'>,
    private readonly clock: () => Date = () => new Date(),
    private readonly options: RefusalAuditOptions = { maxPerWindow: 10 },
  ) {
    this.col = store.collection<AuditCapDoc>(AUDIT_CAPS_COLLECTION);
    this.windowMs = options.windowMs ?? 3600 * 1000;
  }

  async init(): Promise<void> {
    await this.store.ensureIndexes(AUDIT_CAPS_COLLECTION, [{ fields: ['expiresAt'], expireAfterSeconds: 0 }]);
  }

  /** Appends the row unless the actor already reached the cap in this window; returns it when written. */
  async append(input: AuditInput): Promise<AuditEntry | undefined> {
    const max = this.options.maxPerWindow;
    const key = `${input.action}|${input.actor}`;
    for (let attempt = 0; attempt < 5; attempt++) {
      const now = this.clock();
      const current = await this.col.findOneAndUpdate({ _id: key, windowStart: { $gt: new Date(now.getTime() - this.windowMs) } }, { $inc: { count: 1 } });
      if (current) {
        if (current.count > max) return undefined;
        return this.audit.append(current.count === max ? { ...input, details: { ...input.details, capped: true } } : input);
      }
      // A new window: start it (exactly once under concurrency), carrying the previous window's count.
      const previous = await this.col.findOne({ _id: key });
      const fresh: AuditCapDoc = { _id: key, windowStart: now, count: 1, expiresAt: new Date(now.getTime() + CAP_DOC_KEEP_MS) };
      if (previous) {
        const replaced = await this.col.replaceOne({ _id: key, windowStart: previous.windowStart, count: previous.count }, fresh);
        if (replaced.matched === 0) continue;
      } else {
        try {
          await this.col.insertOne(fresh);
        } catch (err) {
          if (isDuplicateKeyError(err)) continue;
          throw err;
        }
      }
      const suppressed = previous ? Math.max(0, previous.count - max) : 0;
      return this.audit.append(suppressed > 0 ? { ...input, details: { ...input.details, suppressedBefore: suppressed, suppressedSince: previous!.windowStart } } : input);
    }
    // Heavy contention on one actor's counter: keep the row rather than lose it.
    return this.audit.append(input);
  }
}
