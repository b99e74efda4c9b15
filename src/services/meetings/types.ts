import type { MeetingKind, MeetingStatus, NationalMoment, ReminderWhich } from '../../domain/meetings/index.js';
import type { AuditInput } from '../registration/audit.js';
import type { JobScheduling } from '../jobs/index.js';

/** Stored shapes, ports and errors of the meetings service (issue 11). Free of botbuilder types. */

export const MEETINGS_COLLECTION = 'meetings';
export const MEETING_ATTENDANCE_COLLECTION = 'meetingAttendance';

export const MEETING_AUDIT_ACTIONS = {
  schedule: 'meetings.schedule',
  move: 'meetings.move',
  cancel: 'meetings.cancel',
} as const;

/** Job kinds: a reminder (a day or an hour before) and the notices (invitation, change, cancellation). */
export const MEETING_REMINDER_JOB = 'meetings.reminder';
export const MEETING_NOTICE_JOB = 'meetings.notice';

export const meetingReminderJobKey = (meetingId: string, which: ReminderWhich): string => `${MEETING_REMINDER_JOB}:${meetingId}:${which}`;
export const meetingNoticeJobKey = (meetingId: string, what: MeetingNoticeKind, sequence: number): string => `${MEETING_NOTICE_JOB}:${meetingId}:${what}:${sequence}`;

export type MeetingNoticeKind = 'invite' | 'moved' | 'cancelled';

export interface ReminderPayload {
  meetingId: string;
  which: ReminderWhich;
  /** The start this reminder was scheduled for: a moved meeting's old reminders never fire. */
  startsAtMs: number;
}

export interface NoticePayload {
  meetingId: string;
  what: MeetingNoticeKind;
  sequence: number;
}

export interface MeetingDoc {
  /** `${editionId}:${number}` */
  _id: string;
  editionId: string;
  /** 1, 2, 3… per edition: what UTIGyND types in "reunion mover N". */
  number: number;
  kind: MeetingKind;
  moment?: NationalMoment;
  circunscripcion?: number;
  startsAt: Date;
  endsAt: Date;
  link: string;
  status: MeetingStatus;
  sequence: number;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  cancelledAt?: Date;
  cancelledBy?: string;
}

export interface AttendanceDoc {
  /** `${meetingId}|${personKey}`: one check-in per member and meeting. */
  _id: string;
  meetingId: string;
  editionId: string;
  personKey: string;
  at: Date;
}

export interface MeetingAuditPort {
  append(entry: AuditInput): Promise<unknown>;
}

/** Who may check in: the circunscripción of a validated member of the edition (undefined: not a member). */
export interface MeetingMembershipPort {
  circunscripcionOf(editionId: string, personKey: string): Promise<number | undefined>;
}

/** The edition calendar: a national meeting sets its stage (Reunión Nacional de apertura / de cierre). */
export interface MeetingStagesPort {
  setStage(editionId: string, label: string, date: Date, actor: string): Promise<unknown>;
  removeStage(editionId: string, key: string, actor: string): Promise<unknown>;
}

export type MeetingScheduling = Pick<JobScheduling, 'schedule' | 'cancel' | 'cancelByPrefix'>;

export type MeetingErrorCode = 'notFound' | 'nationalExists' | 'cancelled' | 'past' | 'started' | 'notInvited' | 'checkInEarly' | 'checkInClosed';

export class MeetingError extends Error {
  constructor(
    readonly code: MeetingErrorCode,
    readonly number?: number,
  ) {
    super(code);
    this.name = 'MeetingError';
  }
}
