import { parseLocalDateTime } from '../time.js';

/**
 * Group sessions (issue 11): what a session is and how the scheduler's card input becomes one. Pure: no clock
 * (callers pass `now`), no I/O. The instant of a session is stored in UTC; the date and time the scheduler
 * types are read in HER zone through src/domain/time.ts.
 */

export const MODALITIES = ['virtual', 'presencial', 'hibrida'] as const;
export type Modality = (typeof MODALITIES)[number];

export const SESSION_LIMITS = {
  minDurationMin: 15,
  /** Eight hours. */
  maxDurationMin: 480,
  maxTopicChars: 200,
  maxLinkChars: 2000,
  /** How far ahead a session may be scheduled. */
  maxDaysAhead: 400,
} as const;

/** Group sessions offered on the schedule card (minutes). */
export const DURATION_CHOICES = [30, 45, 60, 90, 120, 180, 240] as const;

/** The topic of a session: one of the group's work plan, or free text. */
export type SessionTopic = { kind: 'plan'; topicId: string; titulo: string } | { kind: 'free'; text: string };

export type SessionState = 'scheduled' | 'cancelled';

/** Why a typed or submitted session is refused (Spanish in the feature's texts). */
export type SessionInputError =
  | 'dateMissing'
  | 'dateFormat'
  | 'dateInvalid'
  | 'timeMissing'
  | 'timeInvalid'
  | 'timeSkipped'
  | 'past'
  | 'tooFar'
  | 'durationInvalid'
  | 'durationTooShort'
  | 'durationTooLong'
  | 'topicMissing'
  | 'topicTooLong'
  | 'topicNotInPlan'
  | 'modalityInvalid'
  | 'linkMissing'
  | 'linkTooLong'
  | 'linkNotHttps'
  | 'linkInvalid';

export type Checked<T> = { ok: true; value: T } | { ok: false; errors: SessionInputError[] };

/** What the schedule card sends (strings as typed; the card's inputs). */
export interface SessionFormInput {
  date?: string | undefined;
  time?: string | undefined;
  duration?: string | number | undefined;
  /** "plan:<topicId>" or "libre". */
  topic?: string | undefined;
  freeTopic?: string | undefined;
  modality?: string | undefined;
  link?: string | undefined;
}

export interface SessionDraft {
  startsAt: Date;
  durationMin: number;
  topic: SessionTopic;
  modality: Modality;
  /** The https meeting link (absent only for a presencial session). */
  link?: string;
}

export const FREE_TOPIC = 'libre';
export const PLAN_TOPIC_PREFIX = 'plan:';

/** The start instant of a date ("AAAA-MM-DD") and time ("HH:MM") typed in `zone`, later than `now`. */
export function checkStart(date: string | undefined, time: string | undefined, zone: string, now: Date): Checked<Date> {
  const d = (date ?? '').trim();
  const t = (time ?? '').trim();
  if (!d) return { ok: false, errors: ['dateMissing'] };
  if (!t) return { ok: false, errors: ['timeMissing'] };
  const parsed = parseLocalDateTime(`${d} ${t}`, zone);
  if (!parsed.ok) {
    const code: SessionInputError =
      parsed.error === 'skipped' ? 'timeSkipped' : parsed.error === 'time' ? 'timeInvalid' : parsed.error === 'date' || parsed.error === 'year' ? 'dateInvalid' : 'dateFormat';
    return { ok: false, errors: [code] };
  }
  if (parsed.value.getTime() <= now.getTime()) return { ok: false, errors: ['past'] };
  if (parsed.value.getTime() > now.getTime() + SESSION_LIMITS.maxDaysAhead * 86_400_000) return { ok: false, errors: ['tooFar'] };
  return { ok: true, value: parsed.value };
}

/** A duration in whole minutes, 15 to 480 (eight hours). */
export function checkDuration(value: string | number | undefined): Checked<number> {
  const n = typeof value === 'number' ? value : /^\s*\d{1,5}\s*$/.test(value ?? '') ? Number(value) : Number.NaN;
  if (!Number.isInteger(n)) return { ok: false, errors: ['durationInvalid'] };
  if (n < SESSION_LIMITS.minDurationMin) return { ok: false, errors: ['durationTooShort'] };
  if (n > SESSION_LIMITS.maxDurationMin) return { ok: false, errors: ['durationTooLong'] };
  return { ok: true, value: n };
}

/** A meeting link: an absolute https URL with a host, no credentials, at most 2,000 characters. */
export function checkMeetingLink(value: string | undefined): Checked<string> {
  const text = (value ?? '').trim();
  if (!text) return { ok: false, errors: ['linkMissing'] };
  if (text.length > SESSION_LIMITS.maxLinkChars) return { ok: false, errors: ['linkTooLong'] };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, errors: ['linkInvalid'] };
  }
  if (url.protocol !== 'https:') return { ok: false, errors: ['linkNotHttps'] };
  if (!url.hostname || url.username || url.password || /\s/.test(text)) return { ok: false, errors: ['linkInvalid'] };
  return { ok: true, value: url.toString() };
}

/** The topic: one of the work plan's topics ("plan:<id>") or free text ("libre" + the text). */
export function checkTopic(choice: string | undefined, freeText: string | undefined, planTopics: readonly { topicId: string; titulo: string }[]): Checked<SessionTopic> {
  const c = (choice ?? '').trim();
  const free = (freeText ?? '').replace(/\s+/g, ' ').trim();
  if (c.startsWith(PLAN_TOPIC_PREFIX)) {
    const id = c.slice(PLAN_TOPIC_PREFIX.length);
    const found = planTopics.find((t) => t.topicId === id);
    return found ? { ok: true, value: { kind: 'plan', topicId: found.topicId, titulo: found.titulo } } : { ok: false, errors: ['topicNotInPlan'] };
  }
  if (c !== '' && c !== FREE_TOPIC) return { ok: false, errors: ['topicNotInPlan'] };
  if (!free) return { ok: false, errors: ['topicMissing'] };
  if (free.length > SESSION_LIMITS.maxTopicChars) return { ok: false, errors: ['topicTooLong'] };
  return { ok: true, value: { kind: 'free', text: free } };
}

export function isModality(value: unknown): value is Modality {
  return typeof value === 'string' && (MODALITIES as readonly string[]).includes(value);
}

/**
 * Every field of the schedule card at once: the errors of all fields (so she fixes them in one go) or the
 * draft. The link is required unless the session is presencial; when given it must be https.
 */
export function checkSessionForm(input: SessionFormInput, ctx: { zone: string; now: Date; planTopics: readonly { topicId: string; titulo: string }[] }): Checked<SessionDraft> {
  const start = checkStart(input.date, input.time, ctx.zone, ctx.now);
  const duration = checkDuration(input.duration);
  const topic = checkTopic(input.topic, input.freeTopic, ctx.planTopics);
  const modality = (input.modality ?? '').trim() || 'virtual';
  const modalityOk = isModality(modality);
  const linkText = (input.link ?? '').trim();
  const link = modality === 'presencial' && !linkText ? ({ ok: true, value: undefined } as const) : checkMeetingLink(linkText);
  const errors: SessionInputError[] = [];
  for (const r of [start, duration, topic, link]) if (!r.ok) errors.push(...r.errors);
  if (!modalityOk) errors.push('modalityInvalid');
  if (!start.ok || !duration.ok || !topic.ok || !link.ok || !modalityOk) return { ok: false, errors };
  return { ok: true, value: { startsAt: start.value, durationMin: duration.value, topic: topic.value, modality, ...(link.value ? { link: link.value } : {}) } };
}

/** The end of a session. */
export function endOf(session: { startsAt: Date; durationMin: number }): Date {
  return new Date(session.startsAt.getTime() + session.durationMin * 60_000);
}

/** Members may say "Estoy presente" from 15 minutes before the start until the end. */
export const CHECK_IN_EARLY_MIN = 15;

export function checkInWindow(session: { startsAt: Date; durationMin: number }): { opensAt: Date; closesAt: Date } {
  return { opensAt: new Date(session.startsAt.getTime() - CHECK_IN_EARLY_MIN * 60_000), closesAt: endOf(session) };
}

export type CheckInTiming = 'early' | 'open' | 'closed';

export function checkInTiming(session: { startsAt: Date; durationMin: number }, now: Date): CheckInTiming {
  const w = checkInWindow(session);
  if (now < w.opensAt) return 'early';
  return now <= w.closesAt ? 'open' : 'closed';
}

/** True once the session has started (RSVPs close, attendance opens). */
export function hasStarted(session: { startsAt: Date }, now: Date): boolean {
  return now.getTime() >= session.startsAt.getTime();
}
