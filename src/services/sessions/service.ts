import {
  attendedCount,
  checkInTiming,
  DEFAULT_REMINDER_OFFSETS_MIN,
  groupStatus,
  hasStarted,
  normalizeOffsets,
  reminderDecision,
  reminderPlan,
  rsvpCounts,
  type GroupSessionStatus,
  type MinutesContent,
  type ReminderDecision,
  type RsvpAnswer,
  type RsvpCounts,
  type SessionDraft,
} from '../../domain/sessions/index.js';
import { isDuplicateKeyError, type Store } from '../../store/types.js';
import { ensureTypedIndexes, typedCollection } from '../../store/typed.js';
import {
  SESSION_ATTENDANCE_COLLECTION,
  SESSION_MINUTES_COLLECTION,
  SESSION_REMINDER_JOB,
  SESSION_RSVPS_COLLECTION,
  SESSION_SETTINGS_COLLECTION,
  SESSIONS_COLLECTION,
  SessionError,
  sessionIdOf,
  sessionReminderKey,
  type AttendanceDoc,
  type MinutesDoc,
  type ReportStatusPort,
  type RsvpDoc,
  type SessionAuditPort,
  type SessionDoc,
  type SessionMembership,
  type SessionReminderPayload,
  type SessionSchedulingPort,
  type SessionSettingsDoc,
  type SessionSummary,
} from './types.js';

export interface SessionServiceDeps {
  store: Store;
  membership: SessionMembership;
  scheduling: SessionSchedulingPort;
  audit: SessionAuditPort;
  /** Minutes are editable until the group's report is submitted (default: never submitted). */
  reports?: ReportStatusPort;
  /** Reminder offsets of an edition without its own setting (default 24 h and 1 h). */
  defaultReminderOffsetsMin?: readonly number[];
  clock?: () => Date;
}

export const SESSION_AUDIT = {
  schedule: 'session.schedule',
  move: 'session.move',
  cancel: 'session.cancel',
  attendance: 'session.attendance',
  minutes: 'session.minutes',
  reminders: 'session.reminders',
} as const;

/**
 * Group sessions (issue 11): scheduling, moving and cancelling with reminders as durable jobs (one per
 * session, offset and version: a moved session's old reminders are cancelled and, should one still run, it
 * finds an old version and does nothing), RSVPs, attendance and minutes. Role checks are the feature's (the
 * group's representante or secretaria, or UTIGyND); membership checks (who may answer, check in, be listed on
 * the checklist) are here. Every change of a session is audited.
 */
export class SessionService {
  private readonly sessions;
  private readonly rsvps;
  private readonly attendance;
  private readonly minutes;
  private readonly settings;
  private readonly clock: () => Date;
  private readonly defaultOffsets: number[];
  private reports: ReportStatusPort | undefined;

  constructor(private readonly deps: SessionServiceDeps) {
    this.sessions = typedCollection<SessionDoc>(deps.store, SESSIONS_COLLECTION);
    this.rsvps = typedCollection<RsvpDoc>(deps.store, SESSION_RSVPS_COLLECTION);
    this.attendance = typedCollection<AttendanceDoc>(deps.store, SESSION_ATTENDANCE_COLLECTION);
    this.minutes = typedCollection<MinutesDoc>(deps.store, SESSION_MINUTES_COLLECTION);
    this.settings = typedCollection<SessionSettingsDoc>(deps.store, SESSION_SETTINGS_COLLECTION);
    this.clock = deps.clock ?? (() => new Date());
    this.reports = deps.reports;
    this.defaultOffsets = normalizeOffsets(deps.defaultReminderOffsetsMin ?? DEFAULT_REMINDER_OFFSETS_MIN) ?? [...DEFAULT_REMINDER_OFFSETS_MIN];
  }

  /** Wires the group reports (minutes are editable until the group's report is submitted). */
  useReportStatus(port: ReportStatusPort): void {
    this.reports = port;
  }

  async init(): Promise<void> {
    await Promise.all([
      ensureTypedIndexes<SessionDoc>(this.deps.store, SESSIONS_COLLECTION, [{ fields: ['editionId', 'group', 'number'], unique: true }]),
      ensureTypedIndexes<RsvpDoc>(this.deps.store, SESSION_RSVPS_COLLECTION, [{ fields: ['sessionId'] }]),
      ensureTypedIndexes<AttendanceDoc>(this.deps.store, SESSION_ATTENDANCE_COLLECTION, [{ fields: ['sessionId'] }, { fields: ['editionId', 'group'] }]),
      ensureTypedIndexes<MinutesDoc>(this.deps.store, SESSION_MINUTES_COLLECTION, [{ fields: ['editionId', 'group'] }]),
    ]);
  }

  // --- Settings ------------------------------------------------------------------------------

  /** The edition's reminder offsets (minutes before the start, largest first). */
  async reminderOffsets(editionId: string): Promise<number[]> {
    return (await this.settings.findOne({ _id: editionId }))?.reminderOffsetsMin ?? [...this.defaultOffsets];
  }

  /** Sets the edition's reminder offsets; sessions scheduled or moved afterwards use them. */
  async setReminderOffsets(editionId: string, offsets: readonly number[], actor: string): Promise<number[]> {
    const normalized = normalizeOffsets(offsets);
    if (!normalized) throw new SessionError('badOffsets', 'invalid reminder offsets');
    const before = await this.reminderOffsets(editionId);
    await this.settings.updateOne({ _id: editionId }, { $set: { reminderOffsetsMin: normalized, updatedBy: actor, updatedAt: this.clock() } }, { upsert: true });
    await this.deps.audit.append({ actor, action: SESSION_AUDIT.reminders, target: editionId, editionId, before: { reminderOffsetsMin: before }, after: { reminderOffsetsMin: normalized } });
    return normalized;
  }

  // --- Sessions ------------------------------------------------------------------------------

  get(sessionId: string): Promise<SessionDoc | null> {
    return this.sessions.findOne({ _id: sessionId });
  }

  byNumber(editionId: string, group: number, number: number): Promise<SessionDoc | null> {
    return this.get(sessionIdOf(editionId, group, number));
  }

  /** Schedules session N+1 of the group and its reminders. */
  async schedule(input: { editionId: string; group: number; draft: SessionDraft; zone: string }, actor: string): Promise<SessionDoc> {
    const now = this.clock();
    if (input.draft.startsAt.getTime() <= now.getTime()) throw new SessionError('badInput', 'start in the past');
    // A second press of the same form (or two role holders at once) must not create a twin session.
    const twin = await this.sessions.findOne({ editionId: input.editionId, group: input.group, state: 'scheduled', startsAt: input.draft.startsAt });
    if (twin) throw new SessionError('duplicate', 'a session of the group already starts then');
    const offsets = await this.reminderOffsets(input.editionId);
    for (let attempt = 0; attempt < 5; attempt++) {
      const last = await this.sessions.find({ editionId: input.editionId, group: input.group }, { sort: { number: -1 }, limit: 1 });
      const number = (last[0]?.number ?? 0) + 1;
      const doc: SessionDoc = {
        _id: sessionIdOf(input.editionId, input.group, number),
        editionId: input.editionId,
        group: input.group,
        number,
        startsAt: input.draft.startsAt,
        durationMin: input.draft.durationMin,
        topic: input.draft.topic,
        modality: input.draft.modality,
        ...(input.draft.link ? { link: input.draft.link } : {}),
        state: 'scheduled',
        version: 1,
        reminderOffsetsMin: offsets,
        zone: input.zone,
        createdBy: actor,
        createdAt: now,
        updatedBy: actor,
        updatedAt: now,
      };
      try {
        await this.sessions.insertOne(doc);
      } catch (err) {
        if (isDuplicateKeyError(err)) continue;
        throw err;
      }
      await this.scheduleReminders(doc);
      await this.deps.audit.append({ actor, action: SESSION_AUDIT.schedule, target: doc._id, editionId: doc.editionId, after: snapshot(doc) });
      return doc;
    }
    throw new Error('could not number the session (too many concurrent schedules)');
  }

  /** Moves a session (new start and duration): a new version, its old reminders cancelled, new ones scheduled. */
  async move(sessionId: string, change: { startsAt: Date; durationMin: number; zone?: string }, actor: string): Promise<{ before: SessionDoc; after: SessionDoc }> {
    const now = this.clock();
    const before = await this.requireOpen(sessionId, now);
    if (change.startsAt.getTime() <= now.getTime()) throw new SessionError('badInput', 'start in the past');
    const offsets = await this.reminderOffsets(before.editionId);
    const after = await this.sessions.findOneAndUpdate(
      { _id: sessionId, version: before.version, state: 'scheduled' },
      {
        $set: {
          startsAt: change.startsAt,
          durationMin: change.durationMin,
          reminderOffsetsMin: offsets,
          ...(change.zone ? { zone: change.zone } : {}),
          version: before.version + 1,
          updatedBy: actor,
          updatedAt: now,
        },
      },
    );
    if (!after) throw new SessionError('notFound', 'the session changed meanwhile');
    await this.cancelReminders(before);
    await this.scheduleReminders(after);
    await this.deps.audit.append({ actor, action: SESSION_AUDIT.move, target: sessionId, editionId: after.editionId, before: snapshot(before), after: snapshot(after) });
    return { before, after };
  }

  /** Cancels a session that has not started; its reminders are cancelled. */
  async cancel(sessionId: string, actor: string): Promise<SessionDoc> {
    const now = this.clock();
    const before = await this.requireOpen(sessionId, now);
    const after = await this.sessions.findOneAndUpdate(
      { _id: sessionId, version: before.version, state: 'scheduled' },
      { $set: { state: 'cancelled', version: before.version + 1, cancelledAt: now, updatedBy: actor, updatedAt: now } },
    );
    if (!after) throw new SessionError('notFound', 'the session changed meanwhile');
    await this.cancelReminders(before);
    await this.deps.audit.append({ actor, action: SESSION_AUDIT.cancel, target: sessionId, editionId: after.editionId, before: snapshot(before), after: snapshot(after) });
    return after;
  }

  private async requireOpen(sessionId: string, now: Date): Promise<SessionDoc> {
    const s = await this.get(sessionId);
    if (!s) throw new SessionError('notFound', 'no such session');
    if (s.state === 'cancelled') throw new SessionError('cancelled', 'the session was cancelled');
    if (hasStarted(s, now)) throw new SessionError('started', 'the session already started');
    return s;
  }

  private async scheduleReminders(s: SessionDoc): Promise<void> {
    for (const r of reminderPlan(s.startsAt, s.reminderOffsetsMin, this.clock())) {
      await this.deps.scheduling.schedule<SessionReminderPayload>({
        key: sessionReminderKey(s._id, r.offsetMin, s.version),
        kind: SESSION_REMINDER_JOB,
        runAt: r.runAt,
        payload: { sessionId: s._id, version: s.version, offsetMin: r.offsetMin },
      });
    }
  }

  private async cancelReminders(s: SessionDoc): Promise<void> {
    for (const offset of s.reminderOffsetsMin) await this.deps.scheduling.cancel(sessionReminderKey(s._id, offset, s.version));
  }

  /** What a reminder job should do now (see reminderDecision), with the session. */
  async reminderDue(payload: SessionReminderPayload): Promise<{ decision: ReminderDecision; session: SessionDoc | null }> {
    const session = await this.get(payload.sessionId);
    return { decision: reminderDecision(session, payload.version, this.clock(), payload.offsetMin), session };
  }

  // --- RSVP and attendance -------------------------------------------------------------------

  private async requireMember(s: SessionDoc, personKey: string): Promise<void> {
    if ((await this.deps.membership.groupOf(s.editionId, personKey)) !== s.group) throw new SessionError('notMember', 'not a member of the session group');
  }

  /**
   * Her answer ("Asistiré" / "No podré asistir"): one per member and session, replaced when she changes it;
   * a duplicate click changes nothing. Refused after the start, for a cancelled session and for anyone
   * outside the group.
   */
  async rsvp(sessionId: string, personKey: string, answer: RsvpAnswer): Promise<{ session: SessionDoc; changed: boolean; counts: RsvpCounts }> {
    const s = await this.get(sessionId);
    if (!s) throw new SessionError('notFound', 'no such session');
    if (s.state === 'cancelled') throw new SessionError('cancelled', 'the session was cancelled');
    if (hasStarted(s, this.clock())) throw new SessionError('started', 'the session already started');
    await this.requireMember(s, personKey);
    const id = `${sessionId}:${personKey}`;
    const previous = await this.rsvps.findOne({ _id: id });
    const changed = previous?.answer !== answer;
    if (changed) await this.rsvps.updateOne({ _id: id }, { $set: { sessionId, editionId: s.editionId, personKey, answer, at: this.clock() } }, { upsert: true });
    return { session: s, changed, counts: await this.countsOf(s) };
  }

  async rsvpOf(sessionId: string, personKey: string): Promise<RsvpAnswer | undefined> {
    return (await this.rsvps.findOne({ _id: `${sessionId}:${personKey}` }))?.answer;
  }

  rsvpsOf(sessionId: string): Promise<RsvpDoc[]> {
    return this.rsvps.find({ sessionId });
  }

  async countsOf(s: SessionDoc): Promise<RsvpCounts> {
    const [members, rsvps] = await Promise.all([this.deps.membership.membersOf(s.editionId, s.group), this.rsvpsOf(s._id)]);
    return rsvpCounts(members, rsvps);
  }

  /** "Estoy presente": during the check-in window, by a member of the group; a second press changes nothing. */
  async checkIn(sessionId: string, personKey: string): Promise<{ session: SessionDoc; already: boolean }> {
    const s = await this.get(sessionId);
    if (!s) throw new SessionError('notFound', 'no such session');
    if (s.state === 'cancelled') throw new SessionError('cancelled', 'the session was cancelled');
    await this.requireMember(s, personKey);
    const timing = checkInTiming(s, this.clock());
    if (timing === 'early') throw new SessionError('checkInEarly', 'check-in not open yet');
    if (timing === 'closed') throw new SessionError('checkInClosed', 'check-in closed');
    const id = `${sessionId}:${personKey}`;
    const previous = await this.attendance.findOne({ _id: id });
    if (previous?.present) return { session: s, already: true };
    await this.attendance.updateOne(
      { _id: id },
      { $set: { sessionId, editionId: s.editionId, group: s.group, personKey, present: true, source: 'self', by: personKey, at: this.clock() } },
      { upsert: true },
    );
    return { session: s, already: false };
  }

  /**
   * The checklist of a role holder (after the start): every current member of the group is recorded present
   * when listed, absent otherwise. A key outside the group refuses the whole list (nothing saved).
   */
  async recordAttendance(sessionId: string, presentKeys: readonly string[], actor: string): Promise<{ session: SessionDoc; present: number; members: number }> {
    const s = await this.get(sessionId);
    if (!s) throw new SessionError('notFound', 'no such session');
    if (s.state === 'cancelled') throw new SessionError('cancelled', 'the session was cancelled');
    const now = this.clock();
    if (!hasStarted(s, now)) throw new SessionError('notStarted', 'the session has not started');
    const members = await this.deps.membership.membersOf(s.editionId, s.group);
    const memberSet = new Set(members);
    const present = new Set(presentKeys);
    if ([...present].some((k) => !memberSet.has(k))) throw new SessionError('unknownMembers', 'someone on the list is not a member of the group');
    for (const personKey of members) {
      await this.attendance.updateOne(
        { _id: `${sessionId}:${personKey}` },
        { $set: { sessionId, editionId: s.editionId, group: s.group, personKey, present: present.has(personKey), source: 'checklist', by: actor, at: now } },
        { upsert: true },
      );
    }
    await this.deps.audit.append({ actor, action: SESSION_AUDIT.attendance, target: sessionId, editionId: s.editionId, after: { present: present.size, members: members.length } });
    return { session: s, present: present.size, members: members.length };
  }

  attendanceRecords(sessionId: string): Promise<AttendanceDoc[]> {
    return this.attendance.find({ sessionId });
  }

  /** Per member of the group: sessions held (started, not cancelled) and how many she attended. */
  async attendanceOf(editionId: string, group: number): Promise<{ personKey: string; attended: number; held: number }[]> {
    const now = this.clock();
    const [members, sessions, records] = await Promise.all([
      this.deps.membership.membersOf(editionId, group),
      this.sessions.find({ editionId, group, state: 'scheduled' }),
      this.attendance.find({ editionId, group }),
    ]);
    const held = new Set(sessions.filter((s) => hasStarted(s, now)).map((s) => s._id));
    return members.map((personKey) => ({
      personKey,
      held: held.size,
      attended: records.filter((r) => r.personKey === personKey && r.present && held.has(r.sessionId)).length,
    }));
  }

  // --- Minutes ------------------------------------------------------------------------------

  getMinutes(sessionId: string): Promise<MinutesDoc | null> {
    return this.minutes.findOne({ _id: sessionId });
  }

  /** Saves the minutes of a session that started; editable until the group's report is submitted. */
  async saveMinutes(sessionId: string, content: MinutesContent, actor: string): Promise<{ session: SessionDoc; minutes: MinutesDoc; created: boolean }> {
    const s = await this.get(sessionId);
    if (!s) throw new SessionError('notFound', 'no such session');
    if (s.state === 'cancelled') throw new SessionError('cancelled', 'the session was cancelled');
    const now = this.clock();
    if (!hasStarted(s, now)) throw new SessionError('notStarted', 'the session has not started');
    if (await this.reportSubmitted(s.editionId, s.group)) throw new SessionError('reportSubmitted', 'the group report was submitted');
    const previous = await this.getMinutes(sessionId);
    const doc: MinutesDoc = {
      _id: sessionId,
      editionId: s.editionId,
      group: s.group,
      ...content,
      revision: (previous?.revision ?? 0) + 1,
      createdBy: previous?.createdBy ?? actor,
      createdAt: previous?.createdAt ?? now,
      updatedBy: actor,
      updatedAt: now,
    };
    await this.minutes.replaceOne({ _id: sessionId }, doc, { upsert: true });
    await this.deps.audit.append({
      actor,
      action: SESSION_AUDIT.minutes,
      target: sessionId,
      editionId: s.editionId,
      after: { revision: doc.revision, topics: content.topicsCovered.length, agreements: content.agreements.length, barriers: content.barriers.map((b) => b.category), nextSteps: content.nextSteps.length },
    });
    return { session: s, minutes: doc, created: !previous };
  }

  reportSubmitted(editionId: string, group: number): Promise<boolean> {
    return this.reports ? this.reports.isReportSubmitted(editionId, group) : Promise.resolve(false);
  }

  /** Every minutes of the edition (or of a group): for the group and general reports. */
  minutesOf(editionId: string, group?: number): Promise<MinutesDoc[]> {
    return this.minutes.find(group === undefined ? { editionId } : { editionId, group });
  }

  // --- Reads for other features ---------------------------------------------------------------

  /** The sessions of the edition (or of a group), by group and number, with their counts. */
  async sessionsOf(editionId: string, group?: number): Promise<SessionSummary[]> {
    const sessions = await this.sessions.find(group === undefined ? { editionId } : { editionId, group }, { sort: { group: 1, number: 1 } });
    const [rsvps, attendance, minutes] = await Promise.all([
      this.rsvps.find({ editionId }),
      this.attendance.find(group === undefined ? { editionId } : { editionId, group }),
      this.minutes.find(group === undefined ? { editionId } : { editionId, group }),
    ]);
    const membersByGroup = new Map<number, string[]>();
    for (const g of new Set(sessions.map((s) => s.group))) membersByGroup.set(g, await this.deps.membership.membersOf(editionId, g));
    const withMinutes = new Set(minutes.map((m) => m._id));
    return sessions.map((session) => {
      const members = membersByGroup.get(session.group) ?? [];
      return {
        session,
        counts: rsvpCounts(
          members,
          rsvps.filter((r) => r.sessionId === session._id),
        ),
        attended: attendedCount(
          members,
          attendance.filter((a) => a.sessionId === session._id),
        ),
        hasMinutes: withMinutes.has(session._id),
      };
    });
  }

  /** The group's scheduled sessions that have not ended by `from`, soonest first. */
  async upcomingFor(editionId: string, group: number, from: Date): Promise<SessionDoc[]> {
    const sessions = await this.sessions.find({ editionId, group, state: 'scheduled' }, { sort: { startsAt: 1 } });
    return sessions.filter((s) => s.startsAt.getTime() + s.durationMin * 60_000 > from.getTime());
  }

  /** Per confirmed group: held, scheduled, cancelled, average attendance, flagged when idle for 30 days. */
  async statusOfEdition(editionId: string): Promise<GroupSessionStatus[]> {
    const now = this.clock();
    const [groups, summaries] = await Promise.all([this.deps.membership.groupNumbers(editionId), this.sessionsOf(editionId)]);
    return groups.map((g) =>
      groupStatus(
        g,
        summaries.filter((x) => x.session.group === g).map((x) => ({ state: x.session.state, startsAt: x.session.startsAt, invited: x.counts.invited, attended: x.attended })),
        now,
      ),
    );
  }
}

function snapshot(s: SessionDoc): Record<string, unknown> {
  return { number: s.number, group: s.group, startsAt: s.startsAt.toISOString(), durationMin: s.durationMin, modality: s.modality, state: s.state, version: s.version };
}
