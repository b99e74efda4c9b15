import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  checkDuration,
  checkInTiming,
  checkMeetingLink,
  checkMinutes,
  checkSessionForm,
  checkStart,
  checkTopic,
  groupStatus,
  normalizeOffsets,
  parseOffset,
  reminderDecision,
  reminderPlan,
  reminderRecipients,
  rsvpCounts,
} from '../../src/domain/sessions/index.js';
import { BARRIER_CATEGORIES } from '../../src/domain/barriers.js';
import { formatTime } from '../../src/domain/time.js';

const TIJUANA = 'America/Tijuana';
const CANCUN = 'America/Cancun';
const CDMX = 'America/Mexico_City';
const now = new Date('2026-12-01T16:00:00Z');
const H = 3_600_000;

describe('session start typed in the scheduler\'s zone', () => {
  it('a representante in Baja California types 10:00: the instant is 10:00 in Tijuana, and a member in Quintana Roo reads luxon\'s local time', () => {
    const r = checkStart('2026-12-10', '10:00', TIJUANA, now);
    expect(r.ok).toBe(true);
    const instant = (r as { value: Date }).value;
    // Offsets come from the zone database for that very date, never written by hand.
    const expected = DateTime.fromObject({ year: 2026, month: 12, day: 10, hour: 10, minute: 0 }, { zone: TIJUANA });
    expect(instant.getTime()).toBe(expected.toMillis());
    const inCancun = DateTime.fromMillis(instant.getTime(), { zone: CANCUN });
    expect(formatTime(instant, CANCUN)).toBe(`${inCancun.toFormat('HH:mm')} h`);
    expect(inCancun.toFormat('HH:mm')).not.toBe('10:00');
  });

  it.each([
    ['empty date', '', '10:00', TIJUANA, 'dateMissing'],
    ['empty time', '2026-12-10', '', TIJUANA, 'timeMissing'],
    ['31 February', '2027-02-31', '10:00', TIJUANA, 'dateInvalid'],
    ['month 13', '2027-13-01', '10:00', TIJUANA, 'dateInvalid'],
    ['25:00', '2026-12-10', '25:00', TIJUANA, 'timeInvalid'],
    ['words', 'mañana', 'temprano', TIJUANA, 'dateFormat'],
    ['in the past', '2026-11-30', '10:00', TIJUANA, 'past'],
    ['right now', '2026-12-01', '10:00', CDMX, 'past'],
    ['too far ahead', '2029-01-01', '10:00', TIJUANA, 'tooFar'],
    // Tijuana follows US daylight saving rules: clocks jump from 02:00 to 03:00 on the second Sunday of March.
    ['inside the DST gap in Tijuana', '2027-03-14', '02:30', TIJUANA, 'timeSkipped'],
  ])('%s is refused (%s %s in %s → %s)', (_label, date, time, zone, code) => {
    const r = checkStart(date, time, zone, now);
    expect(r).toEqual({ ok: false, errors: [code] });
  });

  it('the same wall time in Mexico City (no DST) is accepted', () => {
    expect(checkStart('2027-03-14', '02:30', CDMX, now).ok).toBe(true);
  });
});

describe('duration, link, topic', () => {
  it.each([
    ['60', { ok: true, value: 60 }],
    [480, { ok: true, value: 480 }],
    ['481', { ok: false, errors: ['durationTooLong'] }],
    ['600', { ok: false, errors: ['durationTooLong'] }],
    ['10', { ok: false, errors: ['durationTooShort'] }],
    ['1.5', { ok: false, errors: ['durationInvalid'] }],
    ['abc', { ok: false, errors: ['durationInvalid'] }],
    [undefined, { ok: false, errors: ['durationInvalid'] }],
  ])('duration %s', (value, expected) => {
    expect(checkDuration(value)).toEqual(expected);
  });

  it.each([
    ['https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc', true, undefined],
    ['http://teams.microsoft.com/l/meetup-join/abc', false, 'linkNotHttps'],
    ['javascript:alert(1)', false, 'linkNotHttps'],
    ['teams.microsoft.com/l/x', false, 'linkInvalid'],
    ['https://user:pw@evil.example/x', false, 'linkInvalid'],
    ['', false, 'linkMissing'],
    [`https://x.example/${'a'.repeat(2100)}`, false, 'linkTooLong'],
  ])('link %#', (link, ok, code) => {
    const r = checkMeetingLink(link);
    expect(r.ok).toBe(ok);
    if (!r.ok) expect(r.errors).toEqual([code]);
  });

  const plan = [{ topicId: 'negociacion', titulo: 'Negociación' }];
  it('topics come from the work plan or are free text', () => {
    expect(checkTopic('plan:negociacion', '', plan)).toEqual({ ok: true, value: { kind: 'plan', topicId: 'negociacion', titulo: 'Negociación' } });
    expect(checkTopic('plan:otro', '', plan)).toEqual({ ok: false, errors: ['topicNotInPlan'] });
    expect(checkTopic('libre', '  Balance del mes  ', plan)).toEqual({ ok: true, value: { kind: 'free', text: 'Balance del mes' } });
    expect(checkTopic('libre', '', plan)).toEqual({ ok: false, errors: ['topicMissing'] });
    expect(checkTopic('libre', 'x'.repeat(201), plan)).toEqual({ ok: false, errors: ['topicTooLong'] });
  });

  it('the whole form reports every problem at once; a presencial session needs no link', () => {
    const ctx = { zone: TIJUANA, now, planTopics: plan };
    const bad = checkSessionForm({ date: '2027-02-31', time: '10:00', duration: '900', topic: 'libre', freeTopic: '', modality: 'virtual', link: 'http://x.example' }, ctx);
    expect(bad).toEqual({ ok: false, errors: ['dateInvalid', 'durationTooLong', 'topicMissing', 'linkNotHttps'] });
    const presencial = checkSessionForm({ date: '2026-12-10', time: '10:00', duration: '90', topic: 'plan:negociacion', modality: 'presencial', link: '' }, ctx);
    expect(presencial.ok).toBe(true);
    expect(presencial.ok && presencial.value.link).toBeUndefined();
    expect(checkSessionForm({ date: '2026-12-10', time: '10:00', duration: '90', topic: 'libre', freeTopic: 'x', modality: 'teatro', link: 'https://a.example' }, ctx)).toEqual({ ok: false, errors: ['modalityInvalid'] });
  });
});

describe('reminder plan', () => {
  const start = new Date(now.getTime() + 72 * H);
  it('default offsets give two jobs, 24 h and 1 h before the start', () => {
    expect(reminderPlan(start, [1440, 60], now)).toEqual([
      { offsetMin: 1440, runAt: new Date(start.getTime() - 24 * H) },
      { offsetMin: 60, runAt: new Date(start.getTime() - H) },
    ]);
  });
  it('a reminder whose time already passed is not planned (session set for 30 minutes from now)', () => {
    expect(reminderPlan(new Date(now.getTime() + 30 * 60_000), [1440, 60], now)).toEqual([]);
    expect(reminderPlan(new Date(now.getTime() + 2 * H), [1440, 60], now).map((r) => r.offsetMin)).toEqual([60]);
  });
  it.each([
    [{ state: 'scheduled', version: 2, startsAt: start }, 2, new Date(start.getTime() - H), 'send'],
    // Down-time catch-up: late but before the start.
    [{ state: 'scheduled', version: 2, startsAt: start }, 2, new Date(start.getTime() - 60_000), 'send'],
    [{ state: 'scheduled', version: 2, startsAt: start }, 2, start, 'started'],
    [{ state: 'scheduled', version: 2, startsAt: start }, 2, new Date(start.getTime() + H), 'started'],
    [{ state: 'scheduled', version: 3, startsAt: start }, 2, new Date(start.getTime() - H), 'moved'],
    [{ state: 'cancelled', version: 3, startsAt: start }, 3, new Date(start.getTime() - H), 'cancelled'],
    [null, 1, now, 'missing'],
  ] as const)('decision %#', (session, version, at, expected) => {
    expect(reminderDecision(session, version, at)).toBe(expected);
  });
  it('after down-time only the latest due reminder is sent (the 24 h one is superseded by the 1 h one)', () => {
    const s = { state: 'scheduled', version: 1, startsAt: start, reminderOffsetsMin: [1440, 60] };
    const late = new Date(start.getTime() - 30 * 60_000);
    expect(reminderDecision(s, 1, late, 1440)).toBe('superseded');
    expect(reminderDecision(s, 1, late, 60)).toBe('send');
    expect(reminderDecision(s, 1, new Date(start.getTime() - 2 * H), 1440)).toBe('send');
  });
  it('offsets are validated and parsed ("24h", "90m", "2d")', () => {
    expect(normalizeOffsets([60, 1440, 60])).toEqual([1440, 60]);
    expect(normalizeOffsets([])).toBeNull();
    expect(normalizeOffsets([1])).toBeNull();
    expect(normalizeOffsets([60, 120, 180, 240, 300])).toBeNull();
    expect(['24h', '90m', '2d', '1 h', 'x'].map(parseOffset)).toEqual([1440, 90, 2880, 60, undefined]);
  });
  it('reminders 1:1 go to those who did not answer or said yes', () => {
    expect(reminderRecipients(['a', 'b', 'c'], [{ personKey: 'a', answer: 'yes' }, { personKey: 'b', answer: 'no' }])).toEqual(['a', 'c']);
  });
});

describe('counts, check-in window, minutes, status', () => {
  it('RSVP counts only current members', () => {
    expect(rsvpCounts(['a', 'b', 'c'], [{ personKey: 'a', answer: 'yes' }, { personKey: 'b', answer: 'no' }, { personKey: 'z', answer: 'yes' }])).toEqual({ invited: 3, yes: 1, no: 1, noAnswer: 1 });
  });
  it('check-in opens 15 minutes before and closes at the end', () => {
    const s = { startsAt: new Date(now.getTime() + H), durationMin: 60 };
    expect(checkInTiming(s, now)).toBe('early');
    expect(checkInTiming(s, new Date(now.getTime() + 45 * 60_000))).toBe('open');
    expect(checkInTiming(s, new Date(now.getTime() + 2 * H))).toBe('open');
    expect(checkInTiming(s, new Date(now.getTime() + 2 * H + 1))).toBe('closed');
  });
  it('minutes: lines, barriers tagged with the eight categories', () => {
    const ok = checkMinutes({ topicsCovered: '- Negociación\n\n• Liderazgo', agreements: '1. Reunirse cada mes', nextSteps: '', barriers: [{ category: 'culturales', text: 'Horarios' }, { category: '', text: '' }] });
    expect(ok).toEqual({ ok: true, value: { topicsCovered: ['Negociación', 'Liderazgo'], agreements: ['Reunirse cada mes'], nextSteps: [], barriers: [{ category: 'culturales', text: 'Horarios' }] } });
    expect(BARRIER_CATEGORIES).toHaveLength(8);
    expect(checkMinutes({ barriers: [{ category: 'economicas', text: 'x' }] })).toEqual({ ok: false, errors: ['barrierCategory'] });
    expect(checkMinutes({ barriers: [{ category: 'normatividad', text: '' }] })).toEqual({ ok: false, errors: ['barrierText'] });
    expect(checkMinutes({ barriers: [] })).toEqual({ ok: false, errors: ['minutesEmpty'] });
    expect(checkMinutes({ agreements: 'x'.repeat(501), barriers: [] })).toEqual({ ok: false, errors: ['itemTooLong'] });
  });
  it('group status: held, scheduled, cancelled, average attendance, flagged after 30 idle days', () => {
    const day = 24 * H;
    const s = groupStatus(
      4,
      [
        { state: 'scheduled', startsAt: new Date(now.getTime() - 40 * day), invited: 10, attended: 8 },
        { state: 'scheduled', startsAt: new Date(now.getTime() - 35 * day), invited: 10, attended: 6 },
        { state: 'cancelled', startsAt: new Date(now.getTime() - 5 * day), invited: 10, attended: 0 },
        { state: 'scheduled', startsAt: new Date(now.getTime() + 5 * day), invited: 10, attended: 0 },
      ],
      now,
    );
    expect(s).toMatchObject({ group: 4, held: 2, scheduled: 1, cancelled: 1, averageAttendance: 70, flagged: true });
    expect(groupStatus(1, [{ state: 'scheduled', startsAt: new Date(now.getTime() - day), invited: 4, attended: 1 }], now)).toMatchObject({ flagged: false, averageAttendance: 25 });
    expect(groupStatus(2, [], now)).toMatchObject({ held: 0, averageAttendance: null, flagged: true });
  });
});
