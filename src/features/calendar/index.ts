import type { Feature, FeatureContext } from '../feature.js';
import { calendarHandler } from './handlers/calendar.js';

/**
 * The personal calendar (issue 11): "calendario" (everyone, personal chat; handlers/calendar.ts) shows her
 * upcoming national and regional meetings, her group's sessions, the edition's stages and deadlines (every
 * CalendarSource registered on ctx.services.calendar in src/services/container.ts; other features add theirs
 * with addSource) and offers "Agregar a mi calendario": a signed, expiring link to her own .ics file, served by
 * the bot's HTTP server (GET /calendario/<token>.ics, src/server.ts → src/services/calendar/feed.ts; links
 * in src/services/calendar/links.ts, the file in ics.ts built with the `ics` library).
 * Texts: ./texts.ts. Card: src/cards/calendar.ts (cards/calendar/personalCalendar.json).
 * Tests: test/sessions/calendar*.test.ts.
 */
export function createCalendarFeature(ctx: FeatureContext): Feature {
  return {
    name: 'calendar',
    routes: [{ commandId: 'calendar', handle: calendarHandler(ctx) }],
  };
}
