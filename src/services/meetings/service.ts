import { isDuplicateKeyError, type Store } from '../../store/types.js';
import { ensureTypedIndexes, typedCollection, type TypedCollection } from '../../store/typed.js';
import { checkInWindow, endOf, isInvited, reminderTimes, REMINDERS, type ProgramRequest } from '../../domain/meetings/index.js';
import {
  MEETING_ATTENDANCE_COLLECTION,
  MEETING_AUDIT_ACTIONS,
  MEETING_NOTICE_JOB,
  MEETING_REMINDER_JOB,
  MeetingError,
  meetingNoticeJobKey,
  meetingReminderJobKey,
  MEETINGS_COLLECTION,
  type AttendanceDoc,
  type MeetingAuditPort,
  type MeetingDoc,
  type MeetingMembershipPort,
  type MeetingNoticeKind,
  type MeetingScheduling,
  type MeetingStagesPort,
  type NoticePayload,
  type ReminderPayload,
} from './types.js';

export interface MeetingServiceDeps {
  store: Store;
  clock: () => Date;
  audit: MeetingAuditPort;
  jobs: MeetingScheduling;
  membership: MeetingMembershipPort;
  /** Optional: the edition calendar (national meetings set the opening / closing stage). */
  stages?: MeetingStagesPort;
  /** Stage labels (Spanish, from a texts module) whose slug is STAGE_KEYS.opening / closing. */
  stageLabels?: { apertura: string; cierre: string };
  /** Called when a stage could not be set (the meeting itself is kept). */
  onStageError?: (err: unknown) => void;
}

/**
 * National and regional meetings (issue 11): scheduling, moving and cancelling them (audited), their
 * reminders and notices as durable jobs (the feature declares the handlers), and self check-in. Every
 * change increments `sequence`, the .ics SEQUENCE of the personal calendar.
 *
 * Jobs: a notice job (invitation, change, cancellation) runs at once after the change, so the administrator's
 * turn never waits for thousands of deliveries; reminder jobs are keyed per meeting and reminder, so moving
 * a meeting replaces them and cancelling it cancels them. Each reminder also carries the start it was
 * scheduled for and its handler checks it again (domain reminderVerdict): never after the start, never for a
 * moved or cancelled meeting.
 */
export class MeetingService {
  private readonly col: TypedCollection<MeetingDoc>;
  private readonly attendance: TypedCollection<AttendanceDoc>;

  constructor(private readonly deps: MeetingServiceDeps) {
    this.col = typedCollection<MeetingDoc>(deps.store, MEETINGS_COLLECTION);
    this.attendance = typedCollection<AttendanceDoc>(deps.store, MEETING_ATTENDANCE_COLLECTION);
  }

  async init(): Promise<void> {
    await ensureTypedIndexes<MeetingDoc>(this.deps.store, MEETINGS_COLLECTION, [{ fields: ['editionId', 'startsAt'] }]);
    await ensureTypedIndexes<AttendanceDoc>(this.deps.store, MEETING_ATTENDANCE_COLLECTION, [{ fields: ['meetingId'] }]);
  }

  get(meetingId: string): Promise<MeetingDoc | null> {
    return this.col.findOne({ _id: meetingId });
  }

  byNumber(editionId: string, number: number): Promise<MeetingDoc | null> {
    return this.col.findOne({ _id: `${editionId}:${number}` });
  }

  /** The edition's meetings by start (cancelled ones too). */
  list(editionId: string): Promise<MeetingDoc[]> {
    return this.col.find({ editionId }, { sort: { startsAt: 1 } });
  }

  /** Schedules a meeting, its invitation (at once) and its reminders. A second national apertura/cierre is refused. */
  async schedule(editionId: string, req: ProgramRequest, actor: string): Promise<MeetingDoc> {
    const now = this.deps.clock();
    if (req.startsAt.getTime() <= now.getTime()) throw new MeetingError('past');
    if (req.kind === 'national') {
      const existing = await this.col.findOne({ editionId, kind: 'national', moment: req.moment, status: 'scheduled' });
      if (existing) throw new MeetingError('nationalExists', existing.number);
    }
    let doc: MeetingDoc | undefined;
    for (let attempt = 0; attempt < 20 && !doc; attempt++) {
      const number = (await this.col.countDocuments({ editionId })) + 1 + attempt;
      const candidate: MeetingDoc = {
        _id: `${editionId}:${number}`,
        editionId,
        number,
        kind: req.kind,
        ...(req.moment ? { moment: req.moment } : {}),
        ...(req.circunscripcion !== undefined ? { circunscripcion: req.circunscripcion } : {}),
        startsAt: req.startsAt,
        endsAt: endOf(req.startsAt),
        link: req.link,
        status: 'scheduled',
        sequence: 0,
        createdBy: actor,
        createdAt: now,
        updatedAt: now,
      };
      try {
        await this.col.insertOne(candidate);
        doc = candidate;
      } catch (err) {
        if (!isDuplicateKeyError(err)) throw err;
      }
    }
    if (!doc) throw new Error('could not number the meeting');
    await this.deps.audit.append({ actor, action: MEETING_AUDIT_ACTIONS.schedule, target: doc._id, editionId, after: auditView(doc) });
    await this.scheduleReminders(doc, now);
    await this.scheduleNotice(doc, 'invite', now);
    await this.setStage(doc, actor);
    return doc;
  }

  /** Moves a scheduled meeting to a new start (same duration): reminders are rescheduled, invitees told. */
  async move(meetingId: string, startsAt: Date, actor: string): Promise<MeetingDoc> {
    const now = this.deps.clock();
    const before = await this.mustGet(meetingId);
    if (before.status === 'cancelled') throw new MeetingError('cancelled', before.number);
    if (startsAt.getTime() <= now.getTime()) throw new MeetingError('past');
    const duration = before.endsAt.getTime() - before.startsAt.getTime();
    const after = await this.col.findOneAndUpdate(
      { _id: meetingId, status: 'scheduled', sequence: before.sequence },
      { $set: { startsAt, endsAt: new Date(startsAt.getTime() + duration), updatedAt: now }, $inc: { sequence: 1 } },
    );
    if (!after) throw new MeetingError('cancelled', before.number);
    await this.deps.audit.append({ actor, action: MEETING_AUDIT_ACTIONS.move, target: meetingId, editionId: after.editionId, before: auditView(before), after: auditView(after) });
    await this.deps.jobs.cancelByPrefix(`${MEETING_REMINDER_JOB}:${meetingId}:`);
    await this.scheduleReminders(after, now);
    await this.scheduleNotice(after, 'moved', now);
    await this.setStage(after, actor);
    return after;
  }

  /** Cancels a meeting that has not ended: reminders are cancelled, invitees told. */
  async cancel(meetingId: string, actor: string): Promise<MeetingDoc> {
    const now = this.deps.clock();
    const before = await this.mustGet(meetingId);
    if (before.status === 'cancelled') throw new MeetingError('cancelled', before.number);
    if (before.startsAt.getTime() <= now.getTime()) throw new MeetingError('started', before.number);
    const after = await this.col.findOneAndUpdate(
      { _id: meetingId, status: 'scheduled' },
      { $set: { status: 'cancelled', cancelledAt: now, cancelledBy: actor, updatedAt: now }, $inc: { sequence: 1 } },
    );
    if (!after) throw new MeetingError('cancelled', before.number);
    await this.deps.audit.append({ actor, action: MEETING_AUDIT_ACTIONS.cancel, target: meetingId, editionId: after.editionId, before: auditView(before), after: auditView(after) });
    await this.deps.jobs.cancelByPrefix(`${MEETING_REMINDER_JOB}:${meetingId}:`);
    await this.scheduleNotice(after, 'cancelled', now);
    if (after.kind === 'national' && after.moment && this.deps.stages && this.deps.stageLabels) {
      try {
        await this.deps.stages.removeStage(after.editionId, this.deps.stageLabels[after.moment], actor);
      } catch (err) {
        this.deps.onStageError?.(err);
      }
    }
    return after;
  }

  /**
   * "Estoy presente": records her attendance once, during the meeting's window, if she is invited.
   * Returns false when she had checked in already.
   */
  async checkIn(meetingId: string, personKey: string): Promise<{ meeting: MeetingDoc; recorded: boolean }> {
    const now = this.deps.clock();
    const meeting = await this.mustGet(meetingId);
    const circ = await this.deps.membership.circunscripcionOf(meeting.editionId, personKey);
    if (circ === undefined || !isInvited(meeting, circ)) throw new MeetingError('notInvited', meeting.number);
    const window = checkInWindow(meeting, now);
    if (window === 'cancelled') throw new MeetingError('cancelled', meeting.number);
    if (window === 'early') throw new MeetingError('checkInEarly', meeting.number);
    if (window === 'closed') throw new MeetingError('checkInClosed', meeting.number);
    try {
      await this.attendance.insertOne({ _id: `${meetingId}|${personKey}`, meetingId, editionId: meeting.editionId, personKey, at: now });
      return { meeting, recorded: true };
    } catch (err) {
      if (isDuplicateKeyError(err)) return { meeting, recorded: false };
      throw err;
    }
  }

  async attendees(meetingId: string): Promise<AttendanceDoc[]> {
    return this.attendance.find({ meetingId });
  }

  async attendanceCount(meetingId: string): Promise<number> {
    return this.attendance.countDocuments({ meetingId });
  }

  private async mustGet(meetingId: string): Promise<MeetingDoc> {
    const doc = await this.get(meetingId);
    if (!doc) throw new MeetingError('notFound');
    return doc;
  }

  private async scheduleReminders(doc: MeetingDoc, now: Date): Promise<void> {
    const due = reminderTimes(doc.startsAt, now);
    for (const r of REMINDERS) if (!due.some((d) => d.which === r.which)) await this.deps.jobs.cancel(meetingReminderJobKey(doc._id, r.which));
    for (const r of due) {
      const payload: ReminderPayload = { meetingId: doc._id, which: r.which, startsAtMs: doc.startsAt.getTime() };
      await this.deps.jobs.schedule({ key: meetingReminderJobKey(doc._id, r.which), kind: MEETING_REMINDER_JOB, runAt: r.at, payload });
    }
  }

  private async scheduleNotice(doc: MeetingDoc, what: MeetingNoticeKind, now: Date): Promise<void> {
    const payload: NoticePayload = { meetingId: doc._id, what, sequence: doc.sequence };
    await this.deps.jobs.schedule({ key: meetingNoticeJobKey(doc._id, what, doc.sequence), kind: MEETING_NOTICE_JOB, runAt: now, payload });
  }

  private async setStage(doc: MeetingDoc, actor: string): Promise<void> {
    if (doc.kind !== 'national' || !doc.moment || !this.deps.stages || !this.deps.stageLabels) return;
    try {
      await this.deps.stages.setStage(doc.editionId, this.deps.stageLabels[doc.moment], doc.startsAt, actor);
    } catch (err) {
      this.deps.onStageError?.(err);
    }
  }
}

function auditView(doc: MeetingDoc): Record<string, unknown> {
  return {
    number: doc.number,
    kind: doc.kind,
    ...(doc.moment ? { moment: doc.moment } : {}),
    ...(doc.circunscripcion !== undefined ? { circunscripcion: doc.circunscripcion } : {}),
    startsAt: doc.startsAt,
    endsAt: doc.endsAt,
    link: doc.link,
    status: doc.status,
    sequence: doc.sequence,
  };
}
