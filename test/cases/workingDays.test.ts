import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  checkText,
  isoDay,
  isWorkingDay,
  parseHolidays,
  parseIsoDay,
  workingDaysBetween,
  workingDeadline,
} from '../../src/domain/cases/index.js';
import { CaseService } from '../../src/services/cases/index.js';
import { loadHolidays } from '../../src/services/cases/index.js';
import type { Store } from '../../src/store/types.js';

/** Issue 14: working days exclude weekends and the official days of rest of src/data/festivos-mx.json. */
const HOLIDAYS = loadHolidays();
const d = (s: string) => parseIsoDay(s)!;

describe('festivos-mx.json (LFT art. 74, 2026–2028)', () => {
  const raw = JSON.parse(readFileSync(path.join(import.meta.dirname, '../../src/data/festivos-mx.json'), 'utf8')) as { holidays: { date: string; name: string }[] };
  const weekday = (s: string) => new Date(`${s}T12:00:00Z`).getUTCDay();

  it.each([2026, 2027, 2028])('%i has the fixed days and the Monday rules applied', (year) => {
    for (const fixed of ['01-01', '05-01', '09-16', '12-25']) expect(HOLIDAYS.has(`${year}-${fixed}`)).toBe(true);
    const inMonth = (m: string) => raw.holidays.filter((h) => h.date.startsWith(`${year}-${m}-`) && weekday(h.date) === 1).map((h) => Number(h.date.slice(8)));
    // First Monday of February (day 1–7), third Monday of March and of November (day 15–21).
    expect(inMonth('02')).toHaveLength(1);
    expect(inMonth('02')[0]).toBeLessThanOrEqual(7);
    for (const m of ['03', '11']) {
      expect(inMonth(m)).toHaveLength(1);
      expect(inMonth(m)[0]).toBeGreaterThanOrEqual(15);
      expect(inMonth(m)[0]).toBeLessThanOrEqual(21);
    }
  });

  it.each([
    ['2026-02-02', 1],
    ['2026-03-16', 1],
    ['2026-11-16', 1],
    ['2027-02-01', 1],
    ['2027-03-15', 1],
    ['2027-11-15', 1],
    ['2028-02-07', 1],
    ['2028-03-20', 1],
    ['2028-11-20', 1],
  ])('%s is a holiday on a Monday', (date, day) => {
    expect(HOLIDAYS.has(date)).toBe(true);
    expect(weekday(date)).toBe(day);
  });

  it('refuses a bad file: a date that does not exist, a repeated one, no list', () => {
    expect(() => parseHolidays({ holidays: [{ date: '2026-02-30' }] })).toThrow(/invalid date/);
    expect(() => parseHolidays({ holidays: [{ date: '2026-01-01' }, { date: '2026-01-01' }] })).toThrow(/repeated/);
    expect(() => parseHolidays({})).toThrow(/must be a list/);
  });
});

describe('working days', () => {
  it.each([
    // [day, working?, why]
    ['2026-12-01', true, 'a Tuesday'],
    ['2026-12-05', false, 'a Saturday'],
    ['2026-12-06', false, 'a Sunday'],
    ['2026-12-25', false, 'Navidad (a Friday)'],
    ['2026-11-16', false, 'Revolución, third Monday of November'],
    ['2026-11-20', true, 'November 20 itself is no longer a day of rest'],
    ['2027-02-05', true, 'February 5 itself is no longer a day of rest'],
    ['2027-02-01', false, 'Constitución, first Monday of February'],
  ])('%s working: %s (%s)', (day, working) => {
    expect(isWorkingDay(d(day), HOLIDAYS)).toBe(working);
  });

  it.each([
    // [from, n, expected, why]
    ['2026-12-01', 2, '2026-12-03', 'Tuesday + 2 = Thursday'],
    ['2026-12-03', 2, '2026-12-07', 'Thursday + 2 crosses the weekend'],
    ['2026-12-04', 1, '2026-12-07', 'Friday + 1 = Monday'],
    ['2026-12-23', 2, '2026-12-28', 'skips Navidad and the weekend'],
    ['2026-12-31', 1, '2027-01-04', 'skips Año Nuevo (Friday) and the weekend'],
    ['2026-11-12', 2, '2026-11-17', 'Thursday + 2 skips the weekend and the Revolución Monday'],
    ['2027-03-12', 1, '2027-03-16', 'Friday + 1 skips the Juárez Monday'],
    ['2026-12-05', 2, '2026-12-08', 'from a Saturday: Monday, Tuesday'],
    ['2026-12-01', 0, '2026-12-01', 'n = 0 is the day itself'],
  ])('%s + %i working days = %s (%s)', (from, n, expected) => {
    expect(isoDay(addWorkingDays(d(from), n, HOLIDAYS))).toBe(expected);
  });

  it.each([
    ['2026-12-01', '2026-12-01', 0],
    ['2026-12-01', '2026-12-02', 1],
    ['2026-12-04', '2026-12-07', 1],
    ['2026-12-22', '2026-12-29', 4],
    ['2026-12-10', '2026-12-01', 0],
  ])('working days after %s up to %s: %i', (from, to, n) => {
    expect(workingDaysBetween(d(from), d(to), HOLIDAYS)).toBe(n);
  });

  it.each([
    // [start day, hh:mm, due day, hh:mm]
    ['2026-12-01', '10:30', '2026-12-03', '10:30'],
    ['2026-12-04', '17:00', '2026-12-08', '17:00'],
    ['2026-12-05', '11:00', '2026-12-09', '00:00'],
    ['2026-12-24', '09:00', '2026-12-29', '09:00'],
    ['2026-12-25', '09:00', '2026-12-30', '00:00'],
  ])('a wait from %s %s is due on %s at %s', (day, hhmm, dueDay, dueHhmm) => {
    const [hour, minute] = hhmm.split(':').map(Number) as [number, number];
    const due = workingDeadline({ date: d(day), time: { hour, minute } }, 2, HOLIDAYS);
    expect(isoDay(due.date)).toBe(dueDay);
    expect(`${String(due.time.hour).padStart(2, '0')}:${String(due.time.minute).padStart(2, '0')}`).toBe(dueHhmm);
  });

  it('the service turns a wait into an instant in headquarters\' time (UTC−6)', () => {
    const service = new CaseService({ store: { collection: () => ({}) } as unknown as Store, clock: () => new Date(), audit: { append: async () => undefined }, jobs: { schedule: async () => ({ key: '', outcome: 'scheduled', replaced: false }), cancel: async () => ({ key: '', outcome: 'not-found' }) as never }, holidays: HOLIDAYS, zone: 'America/Mexico_City' });
    // Friday 2026-12-04 17:00 in Mexico City (23:00 UTC) → Tuesday 2026-12-08 17:00 there.
    expect(service.reminderDueAt(new Date('2026-12-04T23:00:00Z')).toISOString()).toBe('2026-12-08T23:00:00.000Z');
    // Wednesday 2026-12-23 10:00 → skips Navidad and the weekend: Monday 2026-12-28 10:00.
    expect(service.reminderDueAt(new Date('2026-12-23T16:00:00Z')).toISOString()).toBe('2026-12-28T16:00:00.000Z');
  });
});

describe('member texts', () => {
  it.each([
    ['', 'empty'],
    ['   \n ', 'empty'],
    ['x'.repeat(4001), 'tooLong'],
    ['x'.repeat(20_000), 'tooLong'],
  ])('refuses %#', (text, reason) => {
    const r = checkText(text, 4000);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toBe(reason);
  });

  it('keeps a text exactly as written (spaces, markup, emoji), counting characters, not code units', () => {
    const text = '  <b>¿Hola?</b> ${x} **negritas** 👩🏽‍💼  ';
    expect(checkText(text, 4000)).toEqual({ ok: true, value: text });
    expect(checkText('👩'.repeat(10), 10).ok).toBe(true);
  });
});
