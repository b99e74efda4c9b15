export * from './types.js';
export { buildIcs, icsUid, ICS_PRODUCT_ID } from './ics.js';
export { CalendarLinkSigner, CALENDAR_PATH_PREFIX, type CalendarLinkClaims, type VerifyResult } from './links.js';
export { calendarFeed, type FeedReply, type CalendarFeedDeps } from './feed.js';
export { stagesCalendarSource, stageUid } from './stagesSource.js';
export { sessionsCalendarSource, sessionUid, type SessionsReader, type GroupOfPort } from './sessionsSource.js';
