import { parseLocalDateTime } from '../time.js';

/**
 * National and regional meetings of the network (issue 11): the Reunión Nacional de apertura and de cierre,
 * and regional meetings per circunscripción. Pure rules: what a typed command means, which reminders are due,
 * when a member may check in. No I/O, no clock (every function receives `now`).
 */
export type MeetingKind = 'national' | 'regional';
export type NationalMoment = 'apertura' | 'cierre';
export type MeetingStatus = 'scheduled' | 'cancelled';

export const NATIONAL_MOMENTS: readonly NationalMoment[] = ['apertura', 'cierre'];

/** The five circunscripciones plurinominales. */
export const CIRCUNSCRIPCIONES = { min: 1, max: 5 } as const;

/** A meeting lasts this long unless said otherwise (the typed command has no duration). */
export const DEFAULT_MEETING_MINUTES = 120;

/** Members may press "Estoy presente" from this long before the start until the end. */
export const CHECK_IN_EARLY_MS = 15 * 60_000;

/** Longest accepted link. */
export const MAX_LINK_LENGTH = 2048;

/** The reminders of a meeting: a day and an hour before the start. */
export type ReminderWhich = 'day' | 'hour';
export const REMINDERS: readonly { which: ReminderWhich; beforeMs: number }[] = [
  { which: 'day', beforeMs: 24 * 60 * 60_000 },
  { which: 'hour', beforeMs: 60 * 60_000 },
];

export interface MeetingFields {
  kind: MeetingKind;
  moment?: NationalMoment;
  circunscripcion?: number;
  startsAt: Date;
  endsAt: Date;
  link: string;
  status: MeetingStatus;
  /** Incremented on every change (moved, cancelled): the .ics SEQUENCE. */
  sequence: number;
}

export type MeetingInputError =
  | 'usage'
  | 'moment'
  | 'circunscripcion'
  | 'dateTime'
  | 'past'
  | 'link'
  | 'number';

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: MeetingInputError; message?: string };

export interface ProgramRequest {
  kind: MeetingKind;
  moment?: NationalMoment;
  circunscripcion?: number;
  startsAt: Date;
  link: string;
}

/** An https link (a Teams meeting URL), without spaces or credentials; undefined when it is not one. */
export function checkLink(text: string | undefined): string | undefined {
  const t = (text ?? '').trim();
  if (!t || t.length > MAX_LINK_LENGTH || /\s/.test(t)) return undefined;
  let url: URL;
  try {
    url = new URL(t);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' || !url.hostname || url.username || url.password) return undefined;
  return url.toString();
}

/** "<AAAA-MM-DD> <HH:MM>" from two words, read in `zone`, strictly in the future. */
export function parseStart(dateWord: string | undefined, timeWord: string | undefined, zone: string, now: Date): Parsed<Date> {
  if (!dateWord || !timeWord) return { ok: false, error: 'usage' };
  const parsed = parseLocalDateTime(`${dateWord} ${timeWord}`, zone);
  if (!parsed.ok) return { ok: false, error: 'dateTime', message: parsed.message };
  if (parsed.value.getTime() <= now.getTime()) return { ok: false, error: 'past' };
  return { ok: true, value: parsed.value };
}

/**
 * The words after "reunion programar": "nacional apertura|cierre <fecha> <hora> <liga>" or
 * "regional <1-5> <fecha> <hora> <liga>". The time is read in `zone` (the administrator's).
 */
export function parseProgram(words: readonly string[], zone: string, now: Date): Parsed<ProgramRequest> {
  const [kindWord, which, dateWord, timeWord, link, ...extra] = words;
  const kind = (kindWord ?? '').toLowerCase();
  if ((kind !== 'nacional' && kind !== 'regional') || extra.length > 0) return { ok: false, error: 'usage' };
  let moment: NationalMoment | undefined;
  let circunscripcion: number | undefined;
  if (kind === 'nacional') {
    const m = (which ?? '').toLowerCase();
    if (m !== 'apertura' && m !== 'cierre') return { ok: false, error: 'moment' };
    moment = m;
  } else {
    const n = Number(which);
    if (!/^\d{1,2}$/.test(which ?? '') || n < CIRCUNSCRIPCIONES.min || n > CIRCUNSCRIPCIONES.max) return { ok: false, error: 'circunscripcion' };
    circunscripcion = n;
  }
  const start = parseStart(dateWord, timeWord, zone, now);
  if (!start.ok) return start;
  const url = checkLink(link);
  if (!url) return { ok: false, error: link ? 'link' : 'usage' };
  return {
    ok: true,
    value: { kind: kind === 'nacional' ? 'national' : 'regional', ...(moment ? { moment } : {}), ...(circunscripcion !== undefined ? { circunscripcion } : {}), startsAt: start.value, link: url },
  };
}

/** A meeting number as typed ("3"); undefined otherwise. */
export function parseMeetingNumber(word: string | undefined): number | undefined {
  if (!word || !/^\d{1,6}$/.test(word)) return undefined;
  const n = Number(word);
  return n >= 1 ? n : undefined;
}

export function endOf(startsAt: Date, minutes = DEFAULT_MEETING_MINUTES): Date {
  return new Date(startsAt.getTime() + minutes * 60_000);
}

/** When each reminder is due; only those strictly after `now` (a meeting scheduled 3 hours ahead gets the hour one). */
export function reminderTimes(startsAt: Date, now: Date): { which: ReminderWhich; at: Date }[] {
  return REMINDERS.map((r) => ({ which: r.which, at: new Date(startsAt.getTime() - r.beforeMs) })).filter((r) => r.at.getTime() > now.getTime());
}

/**
 * Whether a reminder is still worth sending when its job runs (possibly late, after downtime): never for a
 * cancelled meeting, never at or after the start, never for a version of the meeting that was moved since
 * (`startsAtMs` is the start the job was scheduled for), and the day-before one not once the hour-before one
 * is due (that one covers it).
 */
export function reminderVerdict(
  meeting: Pick<MeetingFields, 'status' | 'startsAt'>,
  which: ReminderWhich,
  scheduledForStartMs: number,
  now: Date,
): 'send' | 'cancelled' | 'moved' | 'started' | 'superseded' {
  if (meeting.status === 'cancelled') return 'cancelled';
  if (meeting.startsAt.getTime() !== scheduledForStartMs) return 'moved';
  if (now.getTime() >= meeting.startsAt.getTime()) return 'started';
  const hour = REMINDERS.find((r) => r.which === 'hour')!;
  if (which === 'day' && now.getTime() >= meeting.startsAt.getTime() - hour.beforeMs) return 'superseded';
  return 'send';
}

/** Whether "Estoy presente" is accepted now. */
export function checkInWindow(meeting: Pick<MeetingFields, 'status' | 'startsAt' | 'endsAt'>, now: Date): 'open' | 'early' | 'closed' | 'cancelled' {
  if (meeting.status === 'cancelled') return 'cancelled';
  if (now.getTime() < meeting.startsAt.getTime() - CHECK_IN_EARLY_MS) return 'early';
  if (now.getTime() > meeting.endsAt.getTime()) return 'closed';
  return 'open';
}

/** Who is invited: every validated member (national) or those of the circunscripción (regional). */
export function isInvited(meeting: Pick<MeetingFields, 'kind' | 'circunscripcion'>, memberCircunscripcion: number | undefined): boolean {
  return meeting.kind === 'national' || (memberCircunscripcion !== undefined && memberCircunscripcion === meeting.circunscripcion);
}

/** The circunscripción of a member: her entidad's in the catalog, else the one stored on her record. */
export function memberCircunscripcion(catalog: { entidad(clave: string): { circunscripcion: number } | undefined }, member: { entidad: string; circunscripcion: number }): number {
  return catalog.entidad(member.entidad)?.circunscripcion ?? member.circunscripcion;
}
