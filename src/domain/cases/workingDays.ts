import type { LocalDate, LocalTime } from '../time.js';

/**
 * Working days (días hábiles) for the UTIGyND's answer times: Monday to Friday, except the official days of
 * rest of the Ley Federal del Trabajo (art. 74) listed in src/data/festivos-mx.json. Pure calendar arithmetic
 * on local dates (no instants, no zones): the service turns a local deadline into an instant with
 * src/domain/time.ts.
 */

/** "2026-12-25". */
export type IsoDay = string;

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isoDay(d: LocalDate): IsoDay {
  return `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

/** The calendar day of "YYYY-MM-DD", or undefined when it is not a real day. */
export function parseIsoDay(text: string): LocalDate | undefined {
  const m = ISO_DAY.exec(text);
  if (!m) return undefined;
  const d = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  const utc = new Date(Date.UTC(d.year, d.month - 1, d.day));
  return utc.getUTCFullYear() === d.year && utc.getUTCMonth() === d.month - 1 && utc.getUTCDate() === d.day ? d : undefined;
}

/** The holiday list of src/data/festivos-mx.json, checked: every date real, none repeated. Throws on bad data. */
export function parseHolidays(raw: unknown): ReadonlySet<IsoDay> {
  const list = (raw as { holidays?: unknown } | null)?.holidays;
  if (!Array.isArray(list)) throw new Error('festivos: "holidays" must be a list');
  const days = new Set<IsoDay>();
  for (const item of list) {
    const date = (item as { date?: unknown } | null)?.date;
    if (typeof date !== 'string' || !parseIsoDay(date)) throw new Error(`festivos: invalid date ${JSON.stringify(date)}`);
    if (days.has(date)) throw new Error(`festivos: repeated date ${date}`);
    days.add(date);
  }
  return days;
}

function toUtc(d: LocalDate): Date {
  return new Date(Date.UTC(d.year, d.month - 1, d.day));
}

function fromUtc(u: Date): LocalDate {
  return { year: u.getUTCFullYear(), month: u.getUTCMonth() + 1, day: u.getUTCDate() };
}

export function addDays(d: LocalDate, n: number): LocalDate {
  const u = toUtc(d);
  u.setUTCDate(u.getUTCDate() + n);
  return fromUtc(u);
}

/** Monday to Friday and not a holiday. */
export function isWorkingDay(d: LocalDate, holidays: ReadonlySet<IsoDay>): boolean {
  const weekday = toUtc(d).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !holidays.has(isoDay(d));
}

/** The n-th working day strictly after `d` (n ≥ 0; n = 0 is `d` itself). */
export function addWorkingDays(d: LocalDate, n: number, holidays: ReadonlySet<IsoDay>): LocalDate {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`addWorkingDays: n must be a whole number ≥ 0, got ${n}`);
  let day = d;
  for (let left = n; left > 0; ) {
    day = addDays(day, 1);
    if (isWorkingDay(day, holidays)) left--;
  }
  return day;
}

/** How many working days fall after `from` up to and including `to` (0 when `to` is not after `from`). */
export function workingDaysBetween(from: LocalDate, to: LocalDate, holidays: ReadonlySet<IsoDay>): number {
  let count = 0;
  const end = isoDay(to);
  for (let day = addDays(from, 1); isoDay(day) <= end; day = addDays(day, 1)) if (isWorkingDay(day, holidays)) count++;
  return count;
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return Math.round((toUtc(to).getTime() - toUtc(from).getTime()) / 86_400_000);
}

/**
 * When n working days have gone by since a local date and time: the same time of the n-th working day after
 * it. Time that starts on a weekend or holiday starts counting at 00:00 of the next working day, so a request
 * written on Saturday is due at 00:00 of the n-th working day after Monday (Monday and Tuesday went by).
 */
export function workingDeadline(start: { date: LocalDate; time: LocalTime }, n: number, holidays: ReadonlySet<IsoDay>): { date: LocalDate; time: LocalTime } {
  if (isWorkingDay(start.date, holidays)) return { date: addWorkingDays(start.date, n, holidays), time: start.time };
  const firstWorking = addWorkingDays(start.date, 1, holidays);
  return { date: addWorkingDays(firstWorking, n, holidays), time: { hour: 0, minute: 0 } };
}
