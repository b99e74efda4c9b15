/**
 * The reminder plan of a group session (issue 11). Offsets are minutes before the start, configurable per
 * edition (default 24 h and 1 h). Pure: the service turns the plan into durable jobs keyed by session, offset
 * and version; the job decides at run time with `reminderDecision` whether it still applies.
 */

export const DEFAULT_REMINDER_OFFSETS_MIN: readonly number[] = [1440, 60];

export const REMINDER_LIMITS = {
  /** At most this many reminders per session. */
  maxOffsets: 4,
  minOffsetMin: 5,
  /** Fourteen days. */
  maxOffsetMin: 20_160,
} as const;

/** Offsets as the service keeps them: whole minutes in range, unique, largest first. Null when one is invalid. */
export function normalizeOffsets(offsets: readonly number[]): number[] | null {
  if (offsets.length === 0 || offsets.length > REMINDER_LIMITS.maxOffsets) return null;
  if (offsets.some((o) => !Number.isInteger(o) || o < REMINDER_LIMITS.minOffsetMin || o > REMINDER_LIMITS.maxOffsetMin)) return null;
  return [...new Set(offsets)].sort((a, b) => b - a);
}

/** "24h", "1h", "90m", "2d" → minutes; undefined when not understood. */
export function parseOffset(text: string): number | undefined {
  const m = /^(\d{1,5})\s*(m|min|h|hr|hrs|d)$/i.exec(text.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = m[2]!.toLowerCase();
  return unit === 'd' ? n * 1440 : unit.startsWith('h') ? n * 60 : n;
}

export interface PlannedReminder {
  offsetMin: number;
  runAt: Date;
}

/**
 * The reminders to schedule for a session starting at `startsAt`, as of `now`: one per offset whose time is
 * still ahead. A reminder whose time has already passed when the session is scheduled (a session set for
 * 30 minutes from now) is not sent: the session card that was just posted says the same.
 */
export function reminderPlan(startsAt: Date, offsets: readonly number[], now: Date): PlannedReminder[] {
  return offsets
    .map((offsetMin) => ({ offsetMin, runAt: new Date(startsAt.getTime() - offsetMin * 60_000) }))
    .filter((r) => r.runAt.getTime() > now.getTime() && r.runAt.getTime() < startsAt.getTime());
}

export type ReminderDecision = 'send' | 'cancelled' | 'moved' | 'started' | 'superseded' | 'missing';

/**
 * Whether a reminder job still applies when it runs: never for a cancelled session or an old version (the
 * session was moved), never at or after the start — a reminder due while the bot was down is sent late only
 * while the session has not started, and only the latest of several due at once ('superseded' for the others).
 */
export function reminderDecision(
  session: { state: string; version: number; startsAt: Date; reminderOffsetsMin?: readonly number[] } | null,
  jobVersion: number,
  now: Date,
  offsetMin?: number,
): ReminderDecision {
  if (!session) return 'missing';
  if (session.state === 'cancelled') return 'cancelled';
  if (session.version !== jobVersion) return 'moved';
  if (now.getTime() >= session.startsAt.getTime()) return 'started';
  // After down-time several reminders may be due at once: only the latest one (the smallest offset) is sent.
  if (offsetMin !== undefined && (session.reminderOffsetsMin ?? []).some((o) => o < offsetMin && session.startsAt.getTime() - o * 60_000 <= now.getTime())) return 'superseded';
  return 'send';
}

/** Who gets a reminder 1:1: members who have not answered or said they will attend (not those who declined). */
export function reminderRecipients(memberKeys: readonly string[], rsvps: readonly { personKey: string; answer: 'yes' | 'no' }[]): string[] {
  const declined = new Set(rsvps.filter((r) => r.answer === 'no').map((r) => r.personKey));
  return memberKeys.filter((k) => !declined.has(k));
}
