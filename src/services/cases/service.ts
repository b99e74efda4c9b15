import type { Store } from '../../store/types.js';
import { isDuplicateKeyError } from '../../store/types.js';
import { ensureTypedIndexes, typedCollection, type TypedCollection } from '../../store/typed.js';
import type { JobScheduling } from '../jobs/index.js';
import type { AuditInput } from '../registration/audit.js';
import {
  awaitingStaff,
  CASE_LIMITS,
  checkText,
  isCaseCategory,
  REMINDER_WORKING_DAYS,
  workingDeadline,
  type CaseCategory,
  type CaseKind,
  type CaseMessage,
  type CaseStatus,
  type IsoDay,
} from '../../domain/cases/index.js';
import { localDateOf, startOfLocalDay } from '../../domain/time.js';

/**
 * Consultas and confidential accompaniment requests (issue 14), on the store. Who may see or act on a case is
 * decided by the feature (admin guard, acompanamiento role, the case's author); this service enforces the
 * state rules (a closed or deleted case takes no message), the author check of member actions, the length
 * limits, race-safe folios and the reminder job. It never logs, and its errors carry codes only: a case's
 * text never reaches a log line, an audit entry or an error message.
 */
export const CASES_COLLECTION = 'cases';
export const CASE_COUNTERS_COLLECTION = 'caseCounters';
/** Durable job: reminds staff of a case with no staff answer after REMINDER_WORKING_DAYS working days. */
export const CASE_REMINDER_JOB = 'cases.remind';

export const CASE_AUDIT = {
  staffReply: 'case.reply',
  close: 'case.close',
  /** A person with the acompanamiento role opened a confidential request (each time). */
  confidentialOpen: 'case.confidential.open',
  memberDelete: 'case.delete',
} as const;

export interface CaseDoc {
  /** `${editionId}:${kind}:${folio}`. */
  _id: string;
  editionId: string;
  kind: CaseKind;
  /** Sequential per edition and kind, from 1. */
  folio: number;
  /** The member who wrote it. */
  personKey: string;
  userId?: string;
  /** Her name when she wrote it (shown to staff). */
  name?: string;
  subject?: string;
  category?: CaseCategory;
  messages: CaseMessage[];
  status: CaseStatus;
  createdAt: Date;
  updatedAt: Date;
  /** Since when her last message waits for a staff answer (unset once staff answers). */
  waitingSince?: Date;
  /** Reminders sent to staff for the current wait. */
  reminders: number;
  closedAt?: Date;
  closedBy?: string;
  deletedAt?: Date;
  /** The form card it came from (random per card): pressing the same card again does not open another case. */
  formId?: string;
}

interface CounterDoc {
  _id: string;
  seq: number;
}

export type CaseErrorCode = 'notFound' | 'notYours' | 'closed' | 'deleted' | 'empty' | 'tooLong' | 'badCategory' | 'notConfidential';

/** A refusal: nothing was changed. The message is a code, never the case's text. */
export class CaseError extends Error {
  constructor(
    readonly code: CaseErrorCode,
    readonly detail: { length?: number; max?: number; folio?: number } = {},
  ) {
    super(`case refused: ${code}`);
    this.name = 'CaseError';
  }
}

export function isCaseError(err: unknown): err is CaseError {
  return err instanceof CaseError;
}

export interface CaseServiceDeps {
  store: Store;
  clock: () => Date;
  audit: { append(input: AuditInput): Promise<unknown> };
  jobs: Pick<JobScheduling, 'schedule' | 'cancel'>;
  /** Official days of rest (src/data/festivos-mx.json). */
  holidays: ReadonlySet<IsoDay>;
  /** The zone working days are counted in (headquarters'). */
  zone: string;
}

export interface OpenCaseInput {
  editionId: string;
  kind: CaseKind;
  personKey: string;
  userId?: string;
  name?: string;
  subject?: string;
  category?: string;
  text: string;
  formId?: string;
}

const caseId = (editionId: string, kind: CaseKind, folio: number): string => `${editionId}:${kind}:${folio}`;
const reminderKey = (id: string): string => `${CASE_REMINDER_JOB}:${id}`;

function checked(value: string | undefined, max: number): string {
  const r = checkText(value, max);
  if (!r.ok) throw new CaseError(r.reason, { length: r.length, max: r.max });
  return r.value;
}

export class CaseService {
  private readonly cases: TypedCollection<CaseDoc>;
  private readonly counters: TypedCollection<CounterDoc>;

  constructor(private readonly deps: CaseServiceDeps) {
    this.cases = typedCollection<CaseDoc>(deps.store, CASES_COLLECTION);
    this.counters = typedCollection<CounterDoc>(deps.store, CASE_COUNTERS_COLLECTION);
  }

  async init(): Promise<void> {
    await ensureTypedIndexes<CaseDoc>(this.deps.store, CASES_COLLECTION, [
      { fields: ['editionId', 'kind', 'folio'], unique: true },
      { fields: ['editionId', 'personKey'] },
      { fields: ['editionId', 'kind', 'status'] },
      { fields: ['formId'], unique: true, sparse: true },
    ]);
  }

  /** The next folio of an edition and kind: one atomic increment, so two requests never share one. */
  private async nextFolio(editionId: string, kind: CaseKind): Promise<number> {
    const _id = `${editionId}:${kind}`;
    for (let attempt = 0; attempt < 5; attempt++) {
      const after = await this.counters.findOneAndUpdate({ _id }, { $inc: { seq: 1 } });
      if (after) return after.seq;
      try {
        await this.counters.insertOne({ _id, seq: 0 });
      } catch (err) {
        if (!isDuplicateKeyError(err)) throw err;
      }
    }
    throw new Error(`could not allocate a folio for ${_id}`);
  }

  /**
   * Opens a case with her first message and schedules the reminder. Refuses blank or too long texts and unknown
   * categories. The same form card sent again (formId) returns the case it already opened (created: false).
   */
  async open(input: OpenCaseInput): Promise<{ doc: CaseDoc; created: boolean }> {
    const sameForm = async (): Promise<CaseDoc | null> => (input.formId ? this.cases.findOne({ formId: input.formId, personKey: input.personKey }) : null);
    const earlier = await sameForm();
    if (earlier) return { doc: earlier, created: false };
    const text = checked(input.text, CASE_LIMITS.message);
    let subject: string | undefined;
    let category: CaseCategory | undefined;
    if (input.kind === 'consulta') {
      subject = checked(input.subject, CASE_LIMITS.subject);
      if (!isCaseCategory(input.category)) throw new CaseError('badCategory');
      category = input.category;
    }
    const now = this.deps.clock();
    const folio = await this.nextFolio(input.editionId, input.kind);
    const doc: CaseDoc = {
      _id: caseId(input.editionId, input.kind, folio),
      editionId: input.editionId,
      kind: input.kind,
      folio,
      personKey: input.personKey,
      ...(input.userId ? { userId: input.userId } : {}),
      ...(input.name ? { name: input.name } : {}),
      ...(subject !== undefined ? { subject } : {}),
      ...(category ? { category } : {}),
      messages: [{ by: 'member', at: now, text }],
      status: 'open',
      createdAt: now,
      updatedAt: now,
      waitingSince: now,
      reminders: 0,
      ...(input.formId ? { formId: input.formId } : {}),
    };
    try {
      await this.cases.insertOne(doc);
    } catch (err) {
      // Two presses of one card at once: the first one opened it (its folio is the case's; this one is skipped).
      if (!isDuplicateKeyError(err)) throw err;
      const first = await sameForm();
      if (first) return { doc: first, created: false };
      // Another person's form id (a forged payload): the case is opened without it.
      delete doc.formId;
      await this.cases.insertOne(doc);
    }
    await this.scheduleReminder(doc._id, now);
    return { doc, created: true };
  }

  get(id: string): Promise<CaseDoc | null> {
    return this.cases.findOne({ _id: id });
  }

  byFolio(editionId: string, kind: CaseKind, folio: number): Promise<CaseDoc | null> {
    return this.cases.findOne({ editionId, kind, folio });
  }

  /** Her cases in the edition (deleted ones too, as a line without contents), newest first. */
  ofPerson(editionId: string, personKey: string): Promise<CaseDoc[]> {
    return this.cases.find({ editionId, personKey }, { sort: { createdAt: -1 } });
  }

  /** Open cases of a kind, oldest first. */
  listOpen(editionId: string, kind: CaseKind): Promise<CaseDoc[]> {
    return this.cases.find({ editionId, kind, status: 'open' }, { sort: { createdAt: 1, folio: 1 } });
  }

  /** Open cases of the edition (of one kind, or of both): for the status card and reports. */
  openCount(editionId: string, kind?: CaseKind): Promise<number> {
    return this.cases.countDocuments(kind ? { editionId, kind, status: 'open' } : { editionId, status: 'open' });
  }

  /** A case she may act on: hers (else notFound for someone else's: the same answer as a case that does not exist). */
  async ownedBy(id: string, personKey: string): Promise<CaseDoc> {
    const doc = await this.get(id);
    if (!doc || doc.personKey !== personKey) throw new CaseError(doc ? 'notYours' : 'notFound');
    return doc;
  }

  private usable(doc: CaseDoc | null): CaseDoc {
    if (!doc) throw new CaseError('notFound');
    if (doc.status === 'deleted') throw new CaseError('deleted', { folio: doc.folio });
    if (doc.status === 'closed') throw new CaseError('closed', { folio: doc.folio });
    return doc;
  }

  /** Her answer on her own open case; the staff are reminded again if nobody answers. */
  async memberReply(id: string, personKey: string, value: string): Promise<CaseDoc> {
    const text = checked(value, CASE_LIMITS.message);
    const before = this.usable(await this.ownedBy(id, personKey));
    const now = this.deps.clock();
    const waiting = !awaitingStaff(before.messages) ? { waitingSince: now, reminders: 0 } : {};
    const r = await this.cases.updateOne({ _id: id, personKey, status: 'open' }, { $push: { messages: { by: 'member', at: now, text } }, $set: { updatedAt: now, ...waiting } });
    if (r.matched === 0) this.usable(await this.get(id));
    if (waiting.waitingSince) await this.scheduleReminder(id, now);
    return (await this.get(id))!;
  }

  /** A staff answer (the caller checked who may answer this kind of case). */
  async staffReply(id: string, staffKey: string, value: string): Promise<CaseDoc> {
    const text = checked(value, CASE_LIMITS.message);
    const before = this.usable(await this.get(id));
    const now = this.deps.clock();
    const r = await this.cases.updateOne({ _id: id, status: 'open' }, { $push: { messages: { by: 'staff', staffKey, at: now, text } }, $set: { updatedAt: now }, $unset: { waitingSince: 1 } });
    if (r.matched === 0) this.usable(await this.get(id));
    await this.deps.jobs.cancel(reminderKey(id));
    await this.deps.audit.append({ actor: staffKey, action: CASE_AUDIT.staffReply, target: id, editionId: before.editionId, details: { kind: before.kind, folio: before.folio } });
    return (await this.get(id))!;
  }

  /** Closes an open case (the caller checked who may); no more messages. */
  async close(id: string, staffKey: string): Promise<CaseDoc> {
    const before = this.usable(await this.get(id));
    const now = this.deps.clock();
    const r = await this.cases.updateOne({ _id: id, status: 'open' }, { $set: { status: 'closed', closedAt: now, closedBy: staffKey, updatedAt: now }, $unset: { waitingSince: 1 } });
    if (r.matched === 0) this.usable(await this.get(id));
    await this.deps.jobs.cancel(reminderKey(id));
    await this.deps.audit.append({ actor: staffKey, action: CASE_AUDIT.close, target: id, editionId: before.editionId, details: { kind: before.kind, folio: before.folio } });
    return (await this.get(id))!;
  }

  /** Audits that a person with the acompanamiento role opened a confidential request (who, which, when; never what). */
  async recordOpening(doc: Pick<CaseDoc, '_id' | 'editionId' | 'folio'>, staffKey: string, channel: 'command' | 'card'): Promise<void> {
    await this.deps.audit.append({ actor: staffKey, action: CASE_AUDIT.confidentialOpen, target: doc._id, editionId: doc.editionId, details: { folio: doc.folio, channel } });
  }

  /**
   * She deletes her confidential request: its texts are removed for good (the folio, dates and state stay, so
   * staff see it was withdrawn); reminders stop.
   */
  async deleteByMember(id: string, personKey: string): Promise<CaseDoc> {
    const doc = await this.ownedBy(id, personKey);
    if (doc.kind !== 'acompanamiento') throw new CaseError('notConfidential', { folio: doc.folio });
    if (doc.status === 'deleted') throw new CaseError('deleted', { folio: doc.folio });
    const now = this.deps.clock();
    await this.cases.updateOne({ _id: id, personKey }, { $set: { status: 'deleted', messages: [], deletedAt: now, updatedAt: now }, $unset: { waitingSince: 1, subject: 1 } });
    await this.deps.jobs.cancel(reminderKey(id));
    await this.deps.audit.append({ actor: personKey, action: CASE_AUDIT.memberDelete, target: id, editionId: doc.editionId, details: { folio: doc.folio } });
    return (await this.get(id))!;
  }

  /**
   * For the reminder job: the case when it is open and still waits for staff since the wait the job was
   * scheduled for; null otherwise (answered, closed, deleted: nothing to remind).
   */
  async dueForReminder(id: string): Promise<CaseDoc | null> {
    const doc = await this.get(id);
    if (!doc || doc.status !== 'open' || !doc.waitingSince || !awaitingStaff(doc.messages)) return null;
    return doc;
  }

  /** After a reminder went out: counts it and schedules the next one REMINDER_WORKING_DAYS working days later. */
  async reminded(id: string): Promise<void> {
    const now = this.deps.clock();
    await this.cases.updateOne({ _id: id, status: 'open' }, { $inc: { reminders: 1 } });
    await this.scheduleReminder(id, now);
  }

  /** When a wait that started at `from` is due for a reminder (REMINDER_WORKING_DAYS working days later). */
  reminderDueAt(from: Date): Date {
    const { zone, holidays } = this.deps;
    const date = localDateOf(from, zone);
    const dayStart = startOfLocalDay(date, zone);
    const msIntoDay = from.getTime() - dayStart.getTime();
    const time = { hour: Math.floor(msIntoDay / 3_600_000), minute: Math.floor((msIntoDay % 3_600_000) / 60_000) };
    const due = workingDeadline({ date, time }, REMINDER_WORKING_DAYS, holidays);
    return new Date(startOfLocalDay(due.date, zone).getTime() + due.time.hour * 3_600_000 + due.time.minute * 60_000);
  }

  private async scheduleReminder(id: string, from: Date): Promise<void> {
    await this.deps.jobs.schedule({ key: reminderKey(id), kind: CASE_REMINDER_JOB, runAt: this.reminderDueAt(from), payload: { caseId: id } });
  }
}

