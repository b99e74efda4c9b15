import type { Modality, MinutesContent, RsvpAnswer, RsvpCounts, SessionState, SessionTopic } from '../../domain/sessions/index.js';
import type { AuditInput } from '../registration/audit.js';
import type { ScheduleInput, ScheduleResult, CancelResult } from '../jobs/index.js';

/** Group sessions (issue 11): stored documents, ports and errors. No botbuilder types. */

export const SESSIONS_COLLECTION = 'sessions';
export const SESSION_RSVPS_COLLECTION = 'session_rsvps';
export const SESSION_ATTENDANCE_COLLECTION = 'session_attendance';
export const SESSION_MINUTES_COLLECTION = 'session_minutes';
export const SESSION_SETTINGS_COLLECTION = 'session_settings';

/** The job kind of a session reminder; one job per session, offset and version (sessionReminderKey). */
export const SESSION_REMINDER_JOB = 'sessions.reminder';

export function sessionReminderKey(sessionId: string, offsetMin: number, version: number): string {
  return `${SESSION_REMINDER_JOB}:${sessionId}:${offsetMin}:v${version}`;
}

export interface SessionReminderPayload {
  sessionId: string;
  version: number;
  offsetMin: number;
}

export function sessionIdOf(editionId: string, group: number, number: number): string {
  return `${editionId}:g${group}:s${number}`;
}

export interface SessionDoc {
  /** `${editionId}:g${group}:s${number}` */
  _id: string;
  editionId: string;
  group: number;
  /** 1, 2, 3… per group (cancelled sessions keep their number). */
  number: number;
  startsAt: Date;
  durationMin: number;
  topic: SessionTopic;
  modality: Modality;
  link?: string;
  state: SessionState;
  /** 1 when scheduled, +1 per move or cancellation: reminders of older versions never fire. */
  version: number;
  /** Minutes before the start when reminders are due (the edition's setting when it was scheduled or moved). */
  reminderOffsetsMin: number[];
  /** The zone the scheduler typed the time in (shown in the space). */
  zone: string;
  createdBy: string;
  createdAt: Date;
  updatedBy: string;
  updatedAt: Date;
  cancelledAt?: Date;
}

export interface RsvpDoc {
  /** `${sessionId}:${personKey}` */
  _id: string;
  sessionId: string;
  editionId: string;
  personKey: string;
  answer: RsvpAnswer;
  at: Date;
}

export interface AttendanceDoc {
  /** `${sessionId}:${personKey}` */
  _id: string;
  sessionId: string;
  editionId: string;
  group: number;
  personKey: string;
  present: boolean;
  /** Self check-in ("Estoy presente") or the checklist of a role holder. */
  source: 'self' | 'checklist';
  by: string;
  at: Date;
}

export interface MinutesDoc extends MinutesContent {
  /** The session id. */
  _id: string;
  editionId: string;
  group: number;
  revision: number;
  createdBy: string;
  createdAt: Date;
  updatedBy: string;
  updatedAt: Date;
}

export interface SessionSettingsDoc {
  /** The edition id. */
  _id: string;
  reminderOffsetsMin: number[];
  updatedBy: string;
  updatedAt: Date;
}

/** A session with its counts, as other features read it. */
export interface SessionSummary {
  session: SessionDoc;
  counts: RsvpCounts;
  attended: number;
  hasMinutes: boolean;
}

// ----------------------------------------------------------------------------------------------
// Ports.

/** Who belongs to which group (src/services/elections/membership.ts's ElectionMembership fits). */
export interface SessionMembership {
  groupOf(editionId: string, personKey: string): Promise<number | null>;
  membersOf(editionId: string, group: number): Promise<string[]>;
  groupNumbers(editionId: string): Promise<number[]>;
}

/** Whether a group's report was submitted (minutes are editable until then). Wired by the reports feature. */
export interface ReportStatusPort {
  isReportSubmitted(editionId: string, group: number): Promise<boolean>;
}

export interface SessionSchedulingPort {
  schedule<P>(input: ScheduleInput<P>): Promise<ScheduleResult>;
  cancel(key: string): Promise<CancelResult>;
}

export interface SessionAuditPort {
  append(input: AuditInput): Promise<unknown>;
}

// ----------------------------------------------------------------------------------------------
// Errors (Spanish texts in src/features/sessions/texts.ts).

export type SessionErrorCode =
  | 'notFound'
  | 'cancelled'
  | 'started'
  | 'notStarted'
  | 'notMember'
  | 'unknownMembers'
  | 'checkInEarly'
  | 'checkInClosed'
  | 'reportSubmitted'
  | 'badOffsets'
  | 'badInput'
  | 'duplicate';

export class SessionError extends Error {
  constructor(
    readonly code: SessionErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SessionError';
  }
}

export function isSessionError(err: unknown): err is SessionError {
  return err instanceof SessionError;
}
