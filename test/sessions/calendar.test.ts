import type { AddressInfo } from 'node:net';
import ical, { type VEvent } from 'node-ical';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpServer, type HttpServer } from '../../src/server.js';
import { buildIcs, calendarFeed, CalendarLinkSigner, CalendarService, icsUid, type CalendarEvent, type CalendarSource } from '../../src/services/calendar/index.js';

/**
 * Issue 11: the personal calendar's .ics file and its signed links, without the bot: the file is parsed back
 * with an independent parser (node-ical) and must round-trip UID, start, end, SEQUENCE and cancellation; links
 * are bound to one person, refused when tampered with or expired; the HTTP route never answers 5xx to bad input
 * and only ever serves the events of the person the link names.
 */

const KEY = 'clave-de-prueba-del-calendario-con-32-caracteres-o-mas';
const now = { t: new Date('2026-12-01T16:00:00Z') };
const clock = () => now.t;
const signer = new CalendarLinkSigner({ key: KEY, publicBaseUrl: 'http://127.0.0.1:1/', ttlMs: 7 * 24 * 3_600_000, clock });

const meeting: CalendarEvent = {
  uid: 'meeting-2026-1',
  kind: 'national',
  title: 'Reunión Nacional de apertura; «con, signos»',
  start: new Date('2026-12-10T16:00:00Z'),
  end: new Date('2026-12-10T18:00:00Z'),
  sequence: 2,
  link: 'https://teams.microsoft.com/l/meetup-join/abc',
};
const cancelledSession: CalendarEvent = { uid: 'session-2026-g1-s3', kind: 'session', title: 'Sesión 3 del grupo 1', start: new Date('2026-12-12T01:00:00Z'), end: new Date('2026-12-12T02:30:00Z'), sequence: 1, cancelled: true };
const stage: CalendarEvent = { uid: 'stage-2026-entrega-de-informes', kind: 'deadline', title: 'Entrega de informes', start: new Date('2027-05-30T06:00:00Z'), allDay: true, sequence: 5 };

const parse = (text: string): VEvent[] => Object.values(ical.sync.parseICS(text)).filter((c): c is VEvent => c?.type === 'VEVENT');

describe('the .ics file (ics library) parsed back with node-ical', () => {
  it('round-trips UID, start, end, SEQUENCE, STATUS and the method', () => {
    const text = buildIcs([meeting, cancelledSession, stage]);
    expect(text).toMatch(/^BEGIN:VCALENDAR/);
    expect(text).toMatch(/METHOD:PUBLISH/);
    expect(text).toMatch(/DTSTART:20261210T160000Z/); // UTC, no floating times
    const events = new Map(parse(text).map((e) => [e.uid, e]));
    const m = events.get(icsUid(meeting.uid))!;
    expect(m.start.toISOString()).toBe(meeting.start.toISOString());
    expect(m.end?.toISOString()).toBe(meeting.end!.toISOString());
    expect(Number(m.sequence)).toBe(2);
    expect(m.summary).toBe(meeting.title);
    expect(m.status).toBe('CONFIRMED');
    const s = events.get(icsUid(cancelledSession.uid))!;
    expect(s.status).toBe('CANCELLED');
    expect(Number(s.sequence)).toBe(1);
    expect(s.start.toISOString()).toBe(cancelledSession.start.toISOString());
    const d = events.get(icsUid(stage.uid))!;
    expect(d.datetype).toBe('date');
    // The day at headquarters (30 May 2027 in Mexico City), as an all-day event.
    expect(text).toMatch(/DTSTART;VALUE=DATE:20270530/);
    expect(text).toMatch(/DTEND;VALUE=DATE:20270531/);
  });

  it('the UID is stable across changes and SEQUENCE grows; a file of cancelled events is METHOD:CANCEL', () => {
    const before = parse(buildIcs([meeting]))[0]!;
    const moved = parse(buildIcs([{ ...meeting, start: new Date('2026-12-11T16:00:00Z'), end: new Date('2026-12-11T18:00:00Z'), sequence: 3 }]))[0]!;
    expect(moved.uid).toBe(before.uid);
    expect(Number(moved.sequence)).toBeGreaterThan(Number(before.sequence));
    const cancelText = buildIcs([{ ...meeting, sequence: 4, cancelled: true }]);
    expect(cancelText).toMatch(/METHOD:CANCEL/);
    const cancelled = parse(cancelText)[0]!;
    expect(cancelled.uid).toBe(before.uid);
    expect(cancelled.status).toBe('CANCELLED');
    expect(Number(cancelled.sequence)).toBe(4);
  });

  it('an empty calendar is still a valid file', () => {
    const text = buildIcs([]);
    expect(text).toMatch(/BEGIN:VCALENDAR[\s\S]*END:VCALENDAR/);
    expect(parse(text)).toEqual([]);
  });
});

describe('signed calendar links', () => {
  it('a valid link names its person and edition', () => {
    const { url, expiresAt } = signer.url('2026', 'aad:ana');
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:1\/calendario\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}\.ics$/);
    const token = url.split('/calendario/')[1]!;
    expect(signer.verify(token)).toEqual({ ok: true, claims: { editionId: '2026', personKey: 'aad:ana', expiresAt } });
  });

  it.each([
    ['a changed payload', (t: string) => `${Buffer.from(JSON.stringify({ e: '2026', p: 'aad:berta', x: 4_102_444_800 })).toString('base64url')}.${t.split('.')[1]}`, 'signature'],
    ['a flipped signature character', (t: string) => t.replace(/.(\.ics)$/, (c, ext: string) => `${c[0] === 'A' ? 'B' : 'A'}${ext}`), 'signature'],
    ['another key', () => new CalendarLinkSigner({ key: `${KEY}x`, publicBaseUrl: 'http://x', ttlMs: 3_600_000, clock }).token('2026', 'aad:ana').token, 'signature'],
    ['garbage', () => '../../etc/passwd', 'malformed'],
    ['an empty token', () => '', 'malformed'],
    ['a huge token', () => `${'a'.repeat(5000)}.${'b'.repeat(43)}`, 'malformed'],
  ])('%s is refused', (_label, make, reason) => {
    const token = signer.url('2026', 'aad:ana').url.split('/calendario/')[1]!;
    expect(signer.verify(make(token))).toEqual({ ok: false, reason });
  });

  it('an expired link is refused', () => {
    const { token } = signer.token('2026', 'aad:ana');
    const saved = now.t;
    now.t = new Date(saved.getTime() + 7 * 24 * 3_600_000 + 1000);
    expect(signer.verify(token)).toEqual({ ok: false, reason: 'expired' });
    now.t = saved;
  });
});

describe('GET /calendario/<token>.ics', () => {
  let http: HttpServer;
  let base: string;
  const calendar = new CalendarService();
  const perPerson: CalendarSource = {
    name: 'test',
    async eventsFor(editionId, personKey) {
      if (personKey === 'aad:boom') throw new Error('source down');
      return editionId === '2026' ? [{ ...meeting, uid: `meeting-for-${personKey.replace(/\W/g, '')}`, title: `Reunión de ${personKey}` }] : [];
    },
  };
  calendar.addSource(perPerson);
  calendar.addSource({ name: 'failing', eventsFor: async (_e, p) => (p === 'aad:ana' ? Promise.reject(new Error('down')) : []) });

  beforeAll(async () => {
    http = createHttpServer({
      logger: pino({ level: 'silent' }),
      maxBodyBytes: 1024,
      processActivity: async () => undefined,
      ready: async () => undefined,
      calendarFeed: calendarFeed({ signer, calendar, clock, logger: pino({ level: 'silent' }) }),
    });
    await new Promise<void>((resolve) => http.server.listen(0, '127.0.0.1', () => resolve()));
    base = `http://127.0.0.1:${(http.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => http.server.close(() => resolve()));
  });

  const get = async (pathname: string) => {
    const res = await fetch(`${base}${pathname}`);
    return { status: res.status, type: res.headers.get('content-type') ?? '', body: await res.text(), cache: res.headers.get('cache-control') };
  };
  const pathOf = (personKey: string) => `/calendario/${signer.token('2026', personKey).token}.ics`;

  it('serves her own events only, as text/calendar, not cached; a failing source leaves the others', async () => {
    const res = await get(pathOf('aad:ana'));
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/^text\/calendar/);
    expect(res.cache).toMatch(/no-store/);
    const events = parse(res.body);
    expect(events.map((e) => e.summary)).toEqual(['Reunión de aad:ana']);
    expect(res.body).not.toContain('aad:berta');
  });

  it.each([
    ['a tampered token', () => pathOf('aad:ana').replace(/.\.ics$/, (c) => `${c[0] === 'A' ? 'B' : 'A'}.ics`), 404],
    ['garbage', () => '/calendario/nada.ics', 404],
    ['bad percent-encoding', () => '/calendario/%E0%A4%A.ics', 404],
    ['a long token', () => `/calendario/${'a'.repeat(3000)}.ics`, 404],
    ['no token', () => '/calendario/', 404],
  ])('%s → 4xx with no detail, never 5xx', async (_label, make, status) => {
    const res = await get(make());
    expect(res.status === status || (res.status >= 400 && res.status < 500)).toBe(true);
    expect(res.status).toBeLessThan(500);
    expect(res.body).not.toMatch(/signature|expired|aad:|Error/);
  });

  it('an expired link → 403 with no detail', async () => {
    const path = pathOf('aad:ana');
    const saved = now.t;
    now.t = new Date(saved.getTime() + 8 * 24 * 3_600_000);
    const res = await get(path);
    now.t = saved;
    expect(res.status).toBe(403);
    expect(res.body).toBe('Forbidden');
  });
});
