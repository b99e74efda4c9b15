import { DateTime, IANAZone } from 'luxon';

/**
 * The one place that knows about time zones, local calendar days and how dates are written (issue 8).
 * Built on luxon, which reads the IANA time zone database shipped with Node (ICU): no UTC offset is
 * written by hand here or anywhere else. Pure: no clock, no I/O; every function receives the instant
 * and the zone it needs.
 *
 * Vocabulary: an *instant* is a JavaScript Date (a point on the timeline, stored in UTC); a *local*
 * date or time is what a clock on the wall shows in one IANA zone ("America/Tijuana").
 */

/** Headquarters (UTIGyND, Mexico City): the zone of the call's window, the calendar and the reports. */
export const HQ_TIME_ZONE = 'America/Mexico_City';

const LOCALE = 'es-MX';

/**
 * Spanish names of the zones of Mexico, as the Ley del Sistema de Horario en los Estados Unidos Mexicanos
 * (2022) names them: Zona Centro, Pacífico, Noroeste and Sureste. America/Chihuahua keeps central time
 * since 2022; the border zones (Matamoros, Ojinaga) are central time with the US daylight saving rules.
 */
const ZONE_LABELS: Readonly<Record<string, string>> = {
  'America/Mexico_City': 'hora del centro',
  'America/Monterrey': 'hora del centro',
  'America/Merida': 'hora del centro',
  'America/Chihuahua': 'hora del centro',
  'America/Bahia_Banderas': 'hora del centro',
  'America/Matamoros': 'hora del centro',
  'America/Ojinaga': 'hora del centro',
  'America/Mazatlan': 'hora del Pacífico',
  'America/Hermosillo': 'hora del Pacífico',
  'America/Tijuana': 'hora del noroeste',
  'America/Cancun': 'hora del sureste',
};

/** Zones already found valid: checking builds an Intl.DateTimeFormat, costly on every card of a broadcast. */
const validZones = new Set<string>();

/** True when `zone` is an IANA zone the runtime knows ("America/Tijuana"). */
export function isValidTimeZone(zone: string): boolean {
  if (validZones.has(zone)) return true;
  if (!IANAZone.isValidZone(zone)) return false;
  validZones.add(zone); // only valid names are kept: a few hundred at most
  return true;
}

/** "hora del centro", "hora del noroeste"…; a zone outside Mexico is named by its IANA name. */
export function zoneLabel(zone: string): string {
  return ZONE_LABELS[zone] ?? `hora local (${zone})`;
}

/** The part of a catalog this module needs (src/domain/catalog.ts's Catalog has it). */
export interface ZoneCatalog {
  entidad(clave: string): { timeZone: string } | undefined;
}

/** The IANA zone of an entidad federativa from the catalog; headquarters' zone when unknown or invalid. */
export function zoneForEntidad(catalog: ZoneCatalog, clave: string | undefined): string {
  const zone = clave === undefined ? undefined : catalog.entidad(clave)?.timeZone;
  return zone !== undefined && isValidTimeZone(zone) ? zone : HQ_TIME_ZONE;
}

// ----------------------------------------------------------------------------------------------
// Local dates and times.

/** A calendar day, without a zone (month 1-12). */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

/** A wall-clock time (hour 0-23). */
export interface LocalTime {
  hour: number;
  minute: number;
  second?: number;
  millisecond?: number;
}

/** Years a person may type. */
export const YEAR_RANGE = { min: 2000, max: 2100 } as const;

function toDateTime(instant: Date, zone: string): DateTime {
  if (Number.isNaN(instant.getTime())) throw new RangeError('Invalid instant');
  if (!isValidTimeZone(zone)) throw new RangeError(`Unknown time zone: ${zone}`);
  return DateTime.fromJSDate(instant, { zone }).setLocale(LOCALE);
}

const wallFields = (d: LocalDate, t: LocalTime) => ({
  year: d.year,
  month: d.month,
  day: d.day,
  hour: t.hour,
  minute: t.minute,
  second: t.second ?? 0,
  millisecond: t.millisecond ?? 0,
});

function showsWallClock(dt: DateTime, f: ReturnType<typeof wallFields>): boolean {
  return dt.year === f.year && dt.month === f.month && dt.day === f.day && dt.hour === f.hour && dt.minute === f.minute && dt.second === f.second && dt.millisecond === f.millisecond;
}

type Resolution = { kind: 'ok'; instant: Date } | { kind: 'invalid' } | { kind: 'gap' };

/**
 * The instant(s) a zone's clocks show a wall-clock time. Offsets come from the zone's rules around that day;
 * when the clocks go back and the time happens twice, the earlier instant is chosen; when they go forward and
 * the time never happens, the result is a gap.
 */
function resolveLocal(date: LocalDate, time: LocalTime, zone: string): Resolution {
  const f = wallFields(date, time);
  const guess = DateTime.fromObject(f, { zone });
  if (!guess.isValid) return { kind: 'invalid' };
  const wallAsUtc = DateTime.fromObject(f, { zone: 'utc' }).toMillis();
  const offsets = new Set([guess.offset, guess.minus({ days: 1 }).offset, guess.plus({ days: 1 }).offset]);
  const candidates = [...offsets]
    .map((offsetMinutes) => wallAsUtc - offsetMinutes * 60_000)
    .filter((ms) => showsWallClock(DateTime.fromMillis(ms, { zone }), f))
    .sort((a, b) => a - b);
  const first = candidates[0];
  return first === undefined ? { kind: 'gap' } : { kind: 'ok', instant: new Date(first) };
}

/**
 * The instant of a wall-clock time in a zone (DST-aware). For code, not for typed input: a time skipped by a
 * change to daylight saving time is moved forward by the change (02:30 → 03:30); a repeated one is the earlier.
 * Throws RangeError for an impossible date or time or an unknown zone.
 */
export function localToInstant(date: LocalDate, time: LocalTime, zone: string): Date {
  if (!isValidTimeZone(zone)) throw new RangeError(`Unknown time zone: ${zone}`);
  const r = resolveLocal(date, time, zone);
  if (r.kind === 'ok') return r.instant;
  if (r.kind === 'gap') return DateTime.fromObject(wallFields(date, time), { zone }).toJSDate();
  throw new RangeError(`Invalid local date-time: ${JSON.stringify(wallFields(date, time))}`);
}

/** 00:00 of a calendar day in a zone. */
export function startOfLocalDay(date: LocalDate, zone: string): Date {
  return localToInstant(date, { hour: 0, minute: 0 }, zone);
}

/** The last millisecond of a calendar day in a zone (23:59:59.999). */
export function endOfLocalDay(date: LocalDate, zone: string): Date {
  if (!isValidTimeZone(zone)) throw new RangeError(`Unknown time zone: ${zone}`);
  const day = DateTime.fromObject({ year: date.year, month: date.month, day: date.day }, { zone });
  if (!day.isValid) throw new RangeError(`Invalid local date: ${JSON.stringify(date)}`);
  return day.endOf('day').toJSDate();
}

/** The calendar day an instant falls on in a zone. */
export function localDateOf(instant: Date, zone: string): LocalDate {
  const dt = toDateTime(instant, zone);
  return { year: dt.year, month: dt.month, day: dt.day };
}

/** The last millisecond of the local day (in `zone`) that contains `instant`. */
export function endOfDayContaining(instant: Date, zone: string): Date {
  return toDateTime(instant, zone).endOf('day').toJSDate();
}

// ----------------------------------------------------------------------------------------------
// Typed input. Never throws: the result says what is wrong, in Spanish, for the person who typed it.

export type TimeInputError =
  /** Nothing was typed. */
  | 'empty'
  /** Not shaped like a date (or date and time). */
  | 'format'
  /** The year is outside YEAR_RANGE. */
  | 'year'
  /** No such day (2026-02-30, month 13). */
  | 'date'
  /** No such time (25:00, 10:75). */
  | 'time'
  /** The clocks of that zone skip that time (change to daylight saving time). */
  | 'skipped';

export type TimeParse<T> = { ok: true; value: T } | { ok: false; error: TimeInputError; message: string };

const EXAMPLE_DATE = 'AAAA-MM-DD, por ejemplo 2026-12-01';
const EXAMPLE_DATE_TIME = 'AAAA-MM-DD HH:MM, por ejemplo 2026-12-01 17:00';

const fail = <T>(error: TimeInputError, message: string): TimeParse<T> => ({ ok: false, error, message });

const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const DAY_FIRST_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
const TIME = /^(\d{1,2}):(\d{2})(?:\s*(?:h|hrs?|horas))?$/i;

function normalizeInput(text: string): string {
  return text.replace(/[\s\u00a0]+/g, ' ').trim();
}

function monthName(month: number): string {
  return DateTime.fromObject({ year: 2000, month, day: 1 }, { zone: 'utc' }).setLocale(LOCALE).toFormat('MMMM');
}

function checkDate(year: number, month: number, day: number): TimeParse<LocalDate> {
  if (year < YEAR_RANGE.min || year > YEAR_RANGE.max) return fail('year', `Escriba un año entre ${YEAR_RANGE.min} y ${YEAR_RANGE.max}.`);
  if (month < 1 || month > 12) return fail('date', `El mes debe ir del 01 al 12. Escriba la fecha como ${EXAMPLE_DATE}.`);
  const days = DateTime.fromObject({ year, month, day: 1 }, { zone: 'utc' }).daysInMonth ?? 31;
  if (day < 1 || day > days) return fail('date', `Esa fecha no existe: ${monthName(month)} de ${year} tiene ${days} días.`);
  return { ok: true, value: { year, month, day } };
}

/** A day typed as "AAAA-MM-DD" (ISO) or "DD/MM/AAAA" (day first, as written in Mexico). */
export function parseLocalDate(text: string): TimeParse<LocalDate> {
  const t = normalizeInput(text);
  if (!t) return fail('empty', `Escriba la fecha como ${EXAMPLE_DATE}.`);
  const iso = ISO_DATE.exec(t);
  if (iso) return checkDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const dayFirst = DAY_FIRST_DATE.exec(t);
  if (dayFirst) return checkDate(Number(dayFirst[3]), Number(dayFirst[2]), Number(dayFirst[1]));
  return fail('format', `No reconozco esa fecha. Escríbala como ${EXAMPLE_DATE}.`);
}

/** A wall-clock time typed as "HH:MM" (24-hour clock, 00:00 to 23:59; a trailing "h" is accepted). */
export function parseLocalTime(text: string): TimeParse<LocalTime> {
  const t = normalizeInput(text);
  if (!t) return fail('empty', 'Escriba la hora como HH:MM, por ejemplo 17:00.');
  const m = TIME.exec(t);
  if (!m) return fail('format', 'No reconozco esa hora. Escríbala como HH:MM (de 00:00 a 23:59), por ejemplo 17:00.');
  const hour = Number(m[1]);
  const minute = Number(m[2]);
  if (hour > 23 || minute > 59) return fail('time', 'Esa hora no existe: escriba una hora de 00:00 a 23:59, por ejemplo 17:00.');
  return { ok: true, value: { hour, minute } };
}

/**
 * The instant of a date and time typed by a person in her zone: "AAAA-MM-DD HH:MM" (also "DD/MM/AAAA HH:MM",
 * a "T" or a comma between date and time, and a trailing "h"). A time her clocks skip is refused; a repeated
 * time (clocks going back) is the first time her clock shows it.
 */
export function parseLocalDateTime(text: string, zone: string): TimeParse<Date> {
  if (!isValidTimeZone(zone)) throw new RangeError(`Unknown time zone: ${zone}`);
  const t = normalizeInput(text);
  if (!t) return fail('empty', `Escriba la fecha y la hora como ${EXAMPLE_DATE_TIME}.`);
  const notRecognized = `No reconozco esa fecha y hora. Escríbalas como ${EXAMPLE_DATE_TIME}.`;
  const m = /^(\S+?)(?:T|,? )(.+)$/.exec(t);
  if (!m?.[1] || !m[2]) {
    const onlyDate = parseLocalDate(t);
    if (onlyDate.ok) return fail('format', `Falta la hora. Escriba la fecha y la hora como ${EXAMPLE_DATE_TIME}.`);
    return onlyDate.error === 'format' ? fail('format', notRecognized) : onlyDate;
  }
  const date = parseLocalDate(m[1]);
  if (!date.ok) return date.error === 'format' ? fail('format', notRecognized) : date;
  const time = parseLocalTime(m[2]);
  if (!time.ok) return time;
  const r = resolveLocal(date.value, time.value, zone);
  if (r.kind === 'ok') return { ok: true, value: r.instant };
  if (r.kind === 'gap') {
    const hhmm = `${String(time.value.hour).padStart(2, '0')}:${String(time.value.minute).padStart(2, '0')}`;
    return fail(
      'skipped',
      `El ${formatLocalDate(date.value)} a las ${hhmm} h no existe en la ${zoneLabel(zone)}: ese día los relojes se adelantan una hora. Elija otra hora.`,
    );
  }
  return fail('date', notRecognized);
}

/** A day typed by a person ("AAAA-MM-DD" or "DD/MM/AAAA") with its first and last instants in her zone. */
export function parseLocalDay(text: string, zone: string): TimeParse<{ date: LocalDate; start: Date; end: Date }> {
  const date = parseLocalDate(text);
  if (!date.ok) return date;
  return { ok: true, value: { date: date.value, start: startOfLocalDay(date.value, zone), end: endOfLocalDay(date.value, zone) } };
}

// ----------------------------------------------------------------------------------------------
// Formatting. Hours are always written on a 00-23 clock by luxon's own "HH" token, never by
// Intl's hour12/hourCycle options (es-MX with hour12: false resolves to hourCycle h24: "24:05").

/** "1 de diciembre de 2026" for a calendar day. */
export function formatLocalDate(date: LocalDate): string {
  return DateTime.fromObject({ year: date.year, month: date.month, day: date.day }, { zone: 'utc' }).setLocale(LOCALE).toFormat("d 'de' MMMM 'de' yyyy");
}

/** "1 de diciembre de 2026": the day an instant falls on in `zone`. */
export function formatDate(instant: Date, zone: string): string {
  return toDateTime(instant, zone).toFormat("d 'de' MMMM 'de' yyyy");
}

/** "00:05 h": the wall-clock time of an instant in `zone`. */
export function formatTime(instant: Date, zone: string): string {
  return toDateTime(instant, zone).toFormat("HH:mm 'h'");
}

/** "1 de diciembre de 2026, 00:05 h (hora del centro)". */
export function formatDateTime(instant: Date, zone: string): string {
  return `${formatDate(instant, zone)}, ${formatTime(instant, zone)} (${zoneLabel(zone)})`;
}

/**
 * "01/12/2026, 00:05": a zone-less cell for spreadsheets (the document states its zone once, not every cell).
 * Empty for a missing or invalid value, so an export never fails on one bad date.
 */
export function formatSpreadsheetDateTime(value: Date | string | null | undefined, zone: string): string {
  if (value === undefined || value === null) return '';
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? '' : toDateTime(d, zone).toFormat('dd/MM/yyyy, HH:mm');
}

/** "20261201-0005": a sortable stamp for file names. */
export function formatFileTimestamp(instant: Date, zone: string): string {
  return toDateTime(instant, zone).toFormat('yyyyMMdd-HHmm');
}

const MONTH_NAMES = ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'] as const;

/** "enero de 2027" for a year-month "2027-01" (work plans); the text itself when it is not one. */
export function formatYearMonth(yearMonth: string): string {
  const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(yearMonth);
  return m ? `${MONTH_NAMES[Number(m[2]) - 1]!} de ${m[1]!}` : yearMonth;
}
