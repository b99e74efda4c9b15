import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { checkInWindow, checkLink, parseProgram, reminderTimes, reminderVerdict } from '../../src/domain/meetings/index.js';

/** Issue 11: the pure rules of meetings (typed command, links, reminders, check-in window), table-driven. */
const now = new Date('2026-12-01T16:00:00Z');
const LINK = 'https://teams.microsoft.com/l/meetup-join/abc';

describe('parseProgram', () => {
  it('reads the time in the administrator\'s zone (offsets from luxon, not hard-coded)', () => {
    for (const zone of ['America/Mexico_City', 'America/Tijuana', 'America/Cancun', 'America/Hermosillo']) {
      const r = parseProgram(['nacional', 'apertura', '2027-01-20', '10:00', LINK], zone, now);
      expect(r.ok && r.value.startsAt.toISOString()).toBe(DateTime.fromISO('2027-01-20T10:00', { zone }).toUTC().toISO());
    }
  });

  it.each([
    [['regional', '3', '2027-01-20', '10:00', LINK], { kind: 'regional', circunscripcion: 3 }],
    [['NACIONAL', 'Cierre', '2027-06-20', '10:00', LINK], { kind: 'national', moment: 'cierre' }],
  ])('accepts %j', (words, shape) => {
    const r = parseProgram(words, 'America/Mexico_City', now);
    expect(r.ok && r.value).toMatchObject({ ...shape, link: LINK });
  });

  it.each([
    [[], 'usage'],
    [['mundial', 'apertura', '2027-01-20', '10:00', LINK], 'usage'],
    [['nacional', 'medio', '2027-01-20', '10:00', LINK], 'moment'],
    [['regional', '6', '2027-01-20', '10:00', LINK], 'circunscripcion'],
    [['regional', '1.5', '2027-01-20', '10:00', LINK], 'circunscripcion'],
    [['nacional', 'apertura', '2027-02-31', '10:00', LINK], 'dateTime'],
    [['nacional', 'apertura', '2027-03-14', '02:30', LINK], 'dateTime'],
    [['nacional', 'apertura', '2026-12-01', '07:00', LINK], 'past'],
    [['nacional', 'apertura', '2027-01-20', '10:00'], 'usage'],
    [['nacional', 'apertura', '2027-01-20', '10:00', 'http://x.org'], 'link'],
    [['nacional', 'apertura', '2027-01-20', '10:00', LINK, 'extra'], 'usage'],
  ])('refuses %j (%s)', (words, error) => {
    // Read in Tijuana, which follows the US daylight-saving rules: 2027-03-14 02:30 does not exist there.
    const r = parseProgram(words, 'America/Tijuana', now);
    expect(r.ok ? 'ok' : r.error).toBe(error);
  });
});

describe('checkLink', () => {
  it.each([
    [LINK, true],
    ['https://x.org/a b', false],
    ['https://user:pw@x.org/', false],
    ['ftp://x.org', false],
    ['javascript:alert(1)', false],
    [`https://x.org/${'a'.repeat(3000)}`, false],
    ['', false],
  ])('link #%#', (text, ok) => expect(checkLink(text) !== undefined).toBe(ok));
});

describe('reminders and check-in', () => {
  const start = new Date('2026-12-10T16:00:00Z');
  const hour = 3_600_000;
  it('schedules only reminders still ahead', () => {
    expect(reminderTimes(start, now).map((r) => r.which)).toEqual(['day', 'hour']);
    expect(reminderTimes(start, new Date(start.getTime() - 3 * hour)).map((r) => r.which)).toEqual(['hour']);
    expect(reminderTimes(start, new Date(start.getTime() - 10 * 60_000))).toEqual([]);
  });

  it.each([
    ['scheduled, on time', 'scheduled', 'day', start.getTime(), start.getTime() - 24 * hour, 'send'],
    ['cancelled', 'cancelled', 'hour', start.getTime(), start.getTime() - hour, 'cancelled'],
    ['moved since', 'scheduled', 'hour', start.getTime() + hour, start.getTime() - hour, 'moved'],
    ['at the start', 'scheduled', 'hour', start.getTime(), start.getTime(), 'started'],
    ['day one late, the hour one due', 'scheduled', 'day', start.getTime(), start.getTime() - 30 * 60_000, 'superseded'],
    ['day one late, before the hour one', 'scheduled', 'day', start.getTime(), start.getTime() - 2 * hour, 'send'],
  ] as const)('%s', (_l, status, which, scheduledFor, at, verdict) => {
    expect(reminderVerdict({ status, startsAt: start }, which, scheduledFor, new Date(at))).toBe(verdict);
  });

  it('check-in window: from 15 minutes before the start to the end', () => {
    const m = { status: 'scheduled' as const, startsAt: start, endsAt: new Date(start.getTime() + 2 * hour) };
    expect(checkInWindow(m, new Date(start.getTime() - 16 * 60_000))).toBe('early');
    expect(checkInWindow(m, new Date(start.getTime() - 15 * 60_000))).toBe('open');
    expect(checkInWindow(m, new Date(start.getTime() + 2 * hour))).toBe('open');
    expect(checkInWindow(m, new Date(start.getTime() + 2 * hour + 1))).toBe('closed');
    expect(checkInWindow({ ...m, status: 'cancelled' }, start)).toBe('cancelled');
  });
});
