import { HQ_TIME_ZONE, localDateOf, type LocalDate } from '../time.js';

/**
 * The months of an edition, as a work plan names them: "2027-01" (year and month, no day, no zone).
 * The network lasts six months (nota informativa); a plan schedules each topic in one of them. Pure.
 */

/** "YYYY-MM". */
export type YearMonth = string;

/** Months an edition lasts. */
export const EDITION_MONTHS = 6;

export const YEAR_MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isYearMonth(value: unknown): value is YearMonth {
  return typeof value === 'string' && YEAR_MONTH_RE.test(value);
}

/** The month of a calendar day. */
export function yearMonthOf(date: Pick<LocalDate, 'year' | 'month'>): YearMonth {
  return `${String(date.year).padStart(4, '0')}-${String(date.month).padStart(2, '0')}`;
}

/** Year and month (1-12) of "YYYY-MM"; throws RangeError when it is not one. */
export function splitYearMonth(ym: YearMonth): { year: number; month: number } {
  const m = YEAR_MONTH_RE.exec(ym);
  if (!m) throw new RangeError(`Not a year-month: ${ym}`);
  return { year: Number(m[1]), month: Number(m[2]) };
}

/** `ym` moved by n months (n may be negative). */
export function addMonths(ym: YearMonth, n: number): YearMonth {
  const { year, month } = splitYearMonth(ym);
  const index = year * 12 + (month - 1) + Math.trunc(n);
  return yearMonthOf({ year: Math.floor(index / 12), month: (index % 12) + 1 });
}

/** `count` consecutive months starting at `start`. */
export function editionMonths(start: YearMonth, count: number = EDITION_MONTHS): YearMonth[] {
  return Array.from({ length: Math.max(0, Math.floor(count)) }, (_, i) => addMonths(start, i));
}

/** What editionStartMonth reads of an edition (src/services/registration/editions.ts's Edition has it). */
export interface EditionTimeline {
  calendar: readonly { key: string; date: Date }[];
  closesAt?: Date;
}

/**
 * The first of the edition's six months, in headquarters' zone:
 * 1. the month of the calendar's opening national meeting (the first stage whose key mentions "apertura");
 * 2. otherwise the month of the first stage on or after the close of registration (or of the first stage);
 * 3. otherwise the month registration closes;
 * 4. otherwise the month of `now`.
 */
export function editionStartMonth(edition: EditionTimeline | null | undefined, now: Date, zone: string = HQ_TIME_ZONE): YearMonth {
  const month = (d: Date): YearMonth => yearMonthOf(localDateOf(d, zone));
  if (edition) {
    const stages = [...edition.calendar].sort((a, b) => a.date.getTime() - b.date.getTime());
    const opening = stages.find((s) => s.key.includes('apertura'));
    if (opening) return month(opening.date);
    const closesAt = edition.closesAt;
    const afterCall = closesAt ? stages.find((s) => s.date.getTime() >= closesAt.getTime()) : stages[0];
    if (afterCall) return month(afterCall.date);
    if (closesAt) return month(closesAt);
  }
  return month(now);
}
