import { describe, expect, it } from 'vitest';
import { loadDefaultCatalog } from '../../src/data/defaultCatalog.js';
import {
  endOfDayContaining,
  endOfLocalDay,
  formatDate,
  formatDateTime,
  formatFileTimestamp,
  formatLocalDate,
  formatSpreadsheetDateTime,
  formatTime,
  HQ_TIME_ZONE,
  isValidTimeZone,
  localDateOf,
  localToInstant,
  parseLocalDate,
  parseLocalDateTime,
  parseLocalDay,
  parseLocalTime,
  startOfLocalDay,
  zoneForEntidad,
  zoneLabel,
  type TimeInputError,
} from '../../src/domain/time.js';

const CDMX = 'America/Mexico_City';
const TIJUANA = 'America/Tijuana';
const MERIDA = 'America/Merida';
const CANCUN = 'America/Cancun';
const HERMOSILLO = 'America/Hermosillo';
const MAZATLAN = 'America/Mazatlan';
const CHIHUAHUA = 'America/Chihuahua';
const MONTERREY = 'America/Monterrey';

const iso = (d: Date): string => d.toISOString();

describe('zones', () => {
  const catalog = loadDefaultCatalog();

  it('headquarters is Mexico City', () => {
    expect(HQ_TIME_ZONE).toBe('America/Mexico_City');
  });

  it.each([
    [CDMX, 'hora del centro'],
    [MONTERREY, 'hora del centro'],
    [MERIDA, 'hora del centro'],
    [CHIHUAHUA, 'hora del centro'],
    [MAZATLAN, 'hora del Pacífico'],
    [HERMOSILLO, 'hora del Pacífico'],
    [TIJUANA, 'hora del noroeste'],
    [CANCUN, 'hora del sureste'],
    ['Europe/Madrid', 'hora local (Europe/Madrid)'],
  ])('%s is "%s"', (zone, label) => {
    expect(zoneLabel(zone)).toBe(label);
  });

  it('every zone of the catalog is a valid IANA zone with a Spanish name', () => {
    const zones = new Set(catalog.data.entidades.map((e) => e.timeZone));
    expect(zones.size).toBeGreaterThanOrEqual(8);
    for (const zone of zones) {
      expect(isValidTimeZone(zone), zone).toBe(true);
      expect(zoneLabel(zone), zone).toMatch(/^hora del (centro|Pacífico|noroeste|sureste)$/);
    }
  });

  it.each([
    ['02', TIJUANA],
    ['26', HERMOSILLO],
    ['25', MAZATLAN],
    ['08', CHIHUAHUA],
    ['09', CDMX],
    ['31', MERIDA],
    ['23', CANCUN],
    ['99', HQ_TIME_ZONE],
    [undefined, HQ_TIME_ZONE],
  ])('entidad %s is in %s', (clave, zone) => {
    expect(zoneForEntidad(catalog, clave)).toBe(zone);
  });

  it('an entidad with an unknown zone falls back to headquarters', () => {
    expect(zoneForEntidad({ entidad: () => ({ timeZone: 'Marte/Olympus' }) }, '01')).toBe(HQ_TIME_ZONE);
    expect(isValidTimeZone('Marte/Olympus')).toBe(false);
  });
});

describe('parseLocalDate', () => {
  it.each([
    ['2026-12-01', { year: 2026, month: 12, day: 1 }],
    ['2026-2-3', { year: 2026, month: 2, day: 3 }],
    ['15/12/2026', { year: 2026, month: 12, day: 15 }],
    ['  2024-02-29 ', { year: 2024, month: 2, day: 29 }],
  ])('%s', (text, value) => {
    expect(parseLocalDate(text)).toEqual({ ok: true, value });
  });

  it.each<[string, TimeInputError]>([
    ['', 'empty'],
    ['   ', 'empty'],
    ['mañana', 'format'],
    ['2026/12/01', 'format'],
    ['2026-02-30', 'date'],
    ['2026-02-29', 'date'],
    ['31/04/2026', 'date'],
    ['2026-13-01', 'date'],
    ['2026-00-10', 'date'],
    ['2026-12-00', 'date'],
    ['1999-12-01', 'year'],
    ['2101-01-01', 'year'],
  ])('refuses %j (%s) with a Spanish message', (text, error) => {
    const r = parseLocalDate(text);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error).toBe(error);
      expect(r.message).toMatch(/[A-ZÁÉÍÓÚ].*\.$/);
    }
  });

  it('says how many days the month has', () => {
    const r = parseLocalDate('2026-02-30');
    expect(!r.ok && r.message).toBe('Esa fecha no existe: febrero de 2026 tiene 28 días.');
  });
});

describe('parseLocalTime', () => {
  it.each([
    ['00:00', { hour: 0, minute: 0 }],
    ['0:05', { hour: 0, minute: 5 }],
    ['23:59', { hour: 23, minute: 59 }],
    ['17:00 h', { hour: 17, minute: 0 }],
  ])('%s', (text, value) => {
    expect(parseLocalTime(text)).toEqual({ ok: true, value });
  });

  it.each<[string, TimeInputError]>([
    ['', 'empty'],
    ['25:00', 'time'],
    ['24:00', 'time'],
    ['10:60', 'time'],
    ['mañana', 'format'],
    ['5 pm', 'format'],
    ['10:5', 'format'],
  ])('refuses %j (%s)', (text, error) => {
    const r = parseLocalTime(text);
    expect(r.ok ? 'ok' : r.error).toBe(error);
  });
});

describe('parseLocalDateTime: a wall-clock time typed by a person in her zone', () => {
  it.each([
    // Mexico City has no daylight saving time since October 2022: UTC-6 all year.
    ['2026-12-01 00:05', CDMX, '2026-12-01T06:05:00.000Z'],
    ['2026-07-01 09:00', CDMX, '2026-07-01T15:00:00.000Z'],
    ['2022-07-01 09:00', CDMX, '2022-07-01T14:00:00.000Z'], // summer time still applied then
    ['01/12/2026 17:00', CDMX, '2026-12-01T23:00:00.000Z'],
    ['2026-12-01T17:00', CDMX, '2026-12-01T23:00:00.000Z'],
    ['2026-12-01, 7:30', CDMX, '2026-12-01T13:30:00.000Z'],
    ['2026-12-01 17:00 h', CDMX, '2026-12-01T23:00:00.000Z'],
    // Tijuana follows the US rules: UTC-8 in winter, UTC-7 from the second Sunday of March to the first of November.
    ['2026-01-15 09:00', TIJUANA, '2026-01-15T17:00:00.000Z'],
    ['2026-07-01 09:00', TIJUANA, '2026-07-01T16:00:00.000Z'],
    ['2026-03-08 01:59', TIJUANA, '2026-03-08T09:59:00.000Z'],
    ['2026-03-08 03:00', TIJUANA, '2026-03-08T10:00:00.000Z'],
    // 01:30 happens twice on 2026-11-01 in Tijuana: the first one (still UTC-7) is chosen.
    ['2026-11-01 01:30', TIJUANA, '2026-11-01T08:30:00.000Z'],
    ['2026-11-01 02:30', TIJUANA, '2026-11-01T10:30:00.000Z'],
    ['2026-07-01 09:00', HERMOSILLO, '2026-07-01T16:00:00.000Z'],
    ['2026-07-01 09:00', MAZATLAN, '2026-07-01T16:00:00.000Z'],
    ['2026-07-01 09:00', CHIHUAHUA, '2026-07-01T15:00:00.000Z'],
    ['2026-07-01 09:00', MERIDA, '2026-07-01T15:00:00.000Z'],
    ['2026-07-01 09:00', CANCUN, '2026-07-01T14:00:00.000Z'],
    ['2026-01-15 09:00', CANCUN, '2026-01-15T14:00:00.000Z'],
  ])('%s in %s is %s', (text, zone, instant) => {
    const r = parseLocalDateTime(text, zone);
    expect(r.ok && iso(r.value)).toBe(instant);
  });

  it('the same wall-clock time typed in Tijuana, Mérida and Cancún is three different instants', () => {
    const at = (zone: string): number => {
      const r = parseLocalDateTime('2026-07-01 09:00', zone);
      if (!r.ok) throw new Error(r.message);
      return r.value.getTime();
    };
    const hour = 60 * 60 * 1000;
    expect(at(TIJUANA) - at(MERIDA)).toBe(hour);
    expect(at(MERIDA) - at(CANCUN)).toBe(hour);
    // In winter Tijuana is one more hour behind.
    const winter = (zone: string): number => {
      const r = parseLocalDateTime('2026-01-15 09:00', zone);
      if (!r.ok) throw new Error(r.message);
      return r.value.getTime();
    };
    expect(winter(TIJUANA) - winter(MERIDA)).toBe(2 * hour);
  });

  it.each<[string, string, TimeInputError]>([
    ['', CDMX, 'empty'],
    ['mañana', CDMX, 'format'],
    ['mañana a las 5', CDMX, 'format'],
    ['25:00', CDMX, 'format'],
    ['2026-12-01', CDMX, 'format'], // the time is missing
    ['2026-02-30', CDMX, 'date'],
    ['2026-02-30 10:00', CDMX, 'date'],
    ['2026-12-01 25:00', CDMX, 'time'],
    ['2026-12-01 24:05', CDMX, 'time'],
    ['2026-12-01 10:75', CDMX, 'time'],
    ['1999-12-01 10:00', CDMX, 'year'],
    // Clocks in Tijuana jump from 02:00 to 03:00 on 2026-03-08: 02:30 never happens there.
    ['2026-03-08 02:30', TIJUANA, 'skipped'],
  ])('refuses %j in %s (%s) without throwing', (text, zone, error) => {
    const r = parseLocalDateTime(text, zone);
    expect(r.ok ? 'ok' : r.error).toBe(error);
    if (!r.ok) expect(r.message.length).toBeGreaterThan(10);
  });

  it('the same skipped time exists in Mexico City (no daylight saving time)', () => {
    const r = parseLocalDateTime('2026-03-08 02:30', CDMX);
    expect(r.ok && iso(r.value)).toBe('2026-03-08T08:30:00.000Z');
  });

  it('explains a skipped time in Spanish', () => {
    const r = parseLocalDateTime('2026-03-08 02:30', TIJUANA);
    expect(!r.ok && r.message).toBe('El 8 de marzo de 2026 a las 02:30 h no existe en la hora del noroeste: ese día los relojes se adelantan una hora. Elija otra hora.');
  });

  it('throws for an unknown zone (a programming error, not bad input)', () => {
    expect(() => parseLocalDateTime('2026-12-01 10:00', 'Marte/Olympus')).toThrow(RangeError);
  });
});

describe('local days', () => {
  it.each([
    [CDMX, { year: 2026, month: 12, day: 1 }, '2026-12-01T06:00:00.000Z', '2026-12-02T05:59:59.999Z'],
    [CANCUN, { year: 2026, month: 12, day: 1 }, '2026-12-01T05:00:00.000Z', '2026-12-02T04:59:59.999Z'],
    // 23-hour and 25-hour days in Tijuana.
    [TIJUANA, { year: 2026, month: 3, day: 8 }, '2026-03-08T08:00:00.000Z', '2026-03-09T06:59:59.999Z'],
    [TIJUANA, { year: 2026, month: 11, day: 1 }, '2026-11-01T07:00:00.000Z', '2026-11-02T07:59:59.999Z'],
  ])('%s %o', (zone, date, start, end) => {
    expect(iso(startOfLocalDay(date, zone))).toBe(start);
    expect(iso(endOfLocalDay(date, zone))).toBe(end);
    const typed = parseLocalDay(`${date.year}-${date.month}-${date.day}`, zone);
    expect(typed.ok && { start: iso(typed.value.start), end: iso(typed.value.end) }).toEqual({ start, end });
  });

  it('parseLocalDay refuses impossible days', () => {
    const r = parseLocalDay('2026-02-30', CDMX);
    expect(r.ok ? 'ok' : r.error).toBe('date');
  });

  it('localDateOf and endOfDayContaining use the zone', () => {
    const instant = new Date('2026-12-01T06:05:00Z'); // 00:05 in Mexico City, 22:05 the day before in Tijuana
    expect(localDateOf(instant, CDMX)).toEqual({ year: 2026, month: 12, day: 1 });
    expect(localDateOf(instant, TIJUANA)).toEqual({ year: 2026, month: 11, day: 30 });
    expect(iso(endOfDayContaining(instant, CDMX))).toBe('2026-12-02T05:59:59.999Z');
    expect(iso(endOfDayContaining(instant, TIJUANA))).toBe('2026-12-01T07:59:59.999Z');
  });

  it('localToInstant moves a skipped time forward and refuses impossible dates', () => {
    expect(iso(localToInstant({ year: 2026, month: 3, day: 8 }, { hour: 2, minute: 30 }, TIJUANA))).toBe('2026-03-08T10:30:00.000Z');
    expect(iso(localToInstant({ year: 2026, month: 12, day: 1 }, { hour: 23, minute: 59, second: 59, millisecond: 999 }, CDMX))).toBe('2026-12-02T05:59:59.999Z');
    expect(() => localToInstant({ year: 2026, month: 2, day: 30 }, { hour: 0, minute: 0 }, CDMX)).toThrow(RangeError);
    expect(() => endOfLocalDay({ year: 2026, month: 2, day: 30 }, CDMX)).toThrow(RangeError);
  });
});

describe('formatting for a person in her zone', () => {
  const midnight = new Date('2026-12-01T06:05:00Z'); // 00:05 in Mexico City

  it('midnight is 00:05, never 24:05', () => {
    expect(formatTime(midnight, CDMX)).toBe('00:05 h');
    expect(formatDateTime(midnight, CDMX)).toBe('1 de diciembre de 2026, 00:05 h (hora del centro)');
    expect(formatSpreadsheetDateTime(midnight, CDMX)).toBe('01/12/2026, 00:05');
    expect(formatFileTimestamp(midnight, CDMX)).toBe('20261201-0005');
  });

  it.each([
    [CDMX, '1 de diciembre de 2026', '00:05 h', '1 de diciembre de 2026, 00:05 h (hora del centro)'],
    [TIJUANA, '30 de noviembre de 2026', '22:05 h', '30 de noviembre de 2026, 22:05 h (hora del noroeste)'],
    [HERMOSILLO, '30 de noviembre de 2026', '23:05 h', '30 de noviembre de 2026, 23:05 h (hora del Pacífico)'],
    [MERIDA, '1 de diciembre de 2026', '00:05 h', '1 de diciembre de 2026, 00:05 h (hora del centro)'],
    [CANCUN, '1 de diciembre de 2026', '01:05 h', '1 de diciembre de 2026, 01:05 h (hora del sureste)'],
  ])('in %s', (zone, date, time, dateTime) => {
    expect(formatDate(midnight, zone)).toBe(date);
    expect(formatTime(midnight, zone)).toBe(time);
    expect(formatDateTime(midnight, zone)).toBe(dateTime);
  });

  it('writes every hour of a day on a 00-23 clock, in every zone of the catalog', () => {
    const zones = new Set(loadDefaultCatalog().data.entidades.map((e) => e.timeZone));
    const start = new Date('2026-11-30T00:00:00Z').getTime();
    for (const zone of zones) {
      for (let quarter = 0; quarter < 4 * 48; quarter++) {
        const d = new Date(start + quarter * 15 * 60 * 1000);
        expect(formatTime(d, zone)).toMatch(/^([01]\d|2[0-3]):[0-5]\d h$/);
        expect(formatSpreadsheetDateTime(d, zone)).toMatch(/^\d{2}\/\d{2}\/\d{4}, ([01]\d|2[0-3]):[0-5]\d$/);
      }
    }
  });

  it('writes the months in Spanish', () => {
    const months = ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'];
    months.forEach((name, i) => {
      expect(formatLocalDate({ year: 2027, month: i + 1, day: 15 })).toBe(`15 de ${name} de 2027`);
    });
  });

  it('round-trips what a person types', () => {
    for (const zone of [CDMX, TIJUANA, HERMOSILLO, CANCUN]) {
      const r = parseLocalDateTime('2026-07-04 00:05', zone);
      expect(r.ok && formatDateTime(r.value, zone)).toBe(`4 de julio de 2026, 00:05 h (${zoneLabel(zone)})`);
    }
  });

  it('spreadsheet cells are empty for missing or invalid dates; other formats refuse an invalid instant', () => {
    expect(formatSpreadsheetDateTime(undefined, CDMX)).toBe('');
    expect(formatSpreadsheetDateTime(null, CDMX)).toBe('');
    expect(formatSpreadsheetDateTime('no es fecha', CDMX)).toBe('');
    expect(formatSpreadsheetDateTime('2026-12-01T06:05:00.000Z', CDMX)).toBe('01/12/2026, 00:05');
    expect(() => formatDate(new Date(Number.NaN), CDMX)).toThrow(RangeError);
  });
});
