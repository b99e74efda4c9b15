export { MeetingService, type MeetingServiceDeps } from './service.js';
export * from './types.js';
export { meetingsCalendarSource, membershipFromMembers } from './calendarSource.js';
export { MEETINGS_SERVICE_TEXTS } from './texts.js';
