import { buildIcs } from './ics.js';
import type { CalendarLinkSigner } from './links.js';
import type { CalendarService } from './types.js';

/** What the HTTP layer sends back for GET /calendario/<token>.ics (no restify types here). */
export interface FeedReply {
  status: 200 | 403 | 404 | 503;
  contentType: string;
  body: string;
}

interface FeedLogger {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface CalendarFeedDeps {
  signer: CalendarLinkSigner;
  calendar: Pick<CalendarService, 'eventsFor'>;
  clock: () => Date;
  logger: FeedLogger;
  /** Events from this long ago are still in the file (a meeting in progress, a cancellation just made). */
  lookBackMs?: number;
}

const NOT_FOUND: FeedReply = { status: 404, contentType: 'text/plain; charset=utf-8', body: 'Not found' };
const FORBIDDEN: FeedReply = { status: 403, contentType: 'text/plain; charset=utf-8', body: 'Forbidden' };

/**
 * The .ics download behind a signed link. A malformed or forged token is 404, an expired one 403, both with no
 * detail (the reason goes to the log); only the events of the person the token names are served. Never throws.
 */
export function calendarFeed(deps: CalendarFeedDeps): (token: string) => Promise<FeedReply> {
  const lookBack = deps.lookBackMs ?? 24 * 60 * 60_000;
  return async (token) => {
    let verdict;
    try {
      verdict = deps.signer.verify(typeof token === 'string' ? token : '');
    } catch (err) {
      deps.logger.warn({ err }, 'calendar link check failed');
      return NOT_FOUND;
    }
    if (!verdict.ok) {
      deps.logger.warn({ reason: verdict.reason }, 'calendar link refused');
      return verdict.reason === 'expired' ? FORBIDDEN : NOT_FOUND;
    }
    try {
      const from = new Date(deps.clock().getTime() - lookBack);
      const events = await deps.calendar.eventsFor(verdict.claims.editionId, verdict.claims.personKey, from);
      return { status: 200, contentType: 'text/calendar; charset=utf-8', body: buildIcs(events) };
    } catch (err) {
      deps.logger.error({ err }, 'calendar file failed');
      return { status: 503, contentType: 'text/plain; charset=utf-8', body: 'Unavailable' };
    }
  };
}
