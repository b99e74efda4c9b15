import { createEvents, type EventAttributes } from 'ics';
import { HQ_TIME_ZONE, localDateOf } from '../../domain/time.js';
import { CALENDAR_SERVICE_TEXTS as S } from './texts.js';
import type { CalendarEvent } from './types.js';

/**
 * RFC 5545 calendar files built with the `ics` library (never by string concatenation). Times are written in
 * UTC (DTSTART:…Z), so no VTIMEZONE is needed and every client shows them in its own zone; all-day stages are
 * DATE values of headquarters' day. Each event keeps its stable UID and its SEQUENCE; a cancelled event says
 * STATUS:CANCELLED, and a file whose every event is cancelled is METHOD:CANCEL (otherwise METHOD:PUBLISH).
 */

export const ICS_PRODUCT_ID = '-//INE UTIGyND//Red de Coaching//ES';
/** The domain part of every UID ("meeting-2026-1@red-coaching.ine.mx"). */
export const ICS_UID_DOMAIN = 'red-coaching.ine.mx';

export const icsUid = (uid: string): string => `${uid.replace(/[^A-Za-z0-9._@-]/g, '-')}${uid.includes('@') ? '' : `@${ICS_UID_DOMAIN}`}`;

function dayArray(instant: Date, plusDays = 0): [number, number, number] {
  const d = localDateOf(new Date(instant.getTime()), HQ_TIME_ZONE);
  const next = new Date(Date.UTC(d.year, d.month - 1, d.day + plusDays));
  return [next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate()];
}

function attributes(e: CalendarEvent): EventAttributes {
  const common = {
    uid: icsUid(e.uid),
    title: e.title,
    sequence: Math.max(0, Math.floor(e.sequence)),
    status: e.cancelled ? ('CANCELLED' as const) : ('CONFIRMED' as const),
    ...(e.description ? { description: e.description } : {}),
    ...(e.link ? { url: e.link, location: e.link } : {}),
  };
  if (e.allDay) return { ...common, start: dayArray(e.start), end: dayArray(e.start, 1) };
  const end = e.end && e.end.getTime() > e.start.getTime() ? e.end : e.start;
  return { ...common, start: e.start.getTime(), startInputType: 'utc', startOutputType: 'utc', end: end.getTime(), endInputType: 'utc', endOutputType: 'utc' };
}

/** The .ics text of a person's events. Throws only on a library failure (never on event content). */
export function buildIcs(events: readonly CalendarEvent[]): string {
  const method = events.length > 0 && events.every((e) => e.cancelled) ? 'CANCEL' : 'PUBLISH';
  if (events.length === 0) {
    // The library refuses an empty list; an empty calendar is still a valid file.
    return ['BEGIN:VCALENDAR', 'VERSION:2.0', 'CALSCALE:GREGORIAN', `PRODID:${ICS_PRODUCT_ID}`, `METHOD:${method}`, 'END:VCALENDAR', ''].join('\r\n');
  }
  const { error, value } = createEvents(events.map(attributes), { productId: ICS_PRODUCT_ID, method, calName: S.calendarName });
  if (error || !value) throw error ?? new Error('ics produced no output');
  return value;
}
