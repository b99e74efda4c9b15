/**
 * Group sessions (issue 11): storage, reminders as durable jobs, RSVP, attendance and minutes. Built once by
 * the composition root (src/services/container.ts); the sessions feature (src/features/sessions/) and other
 * features read it through ctx.services.sessions. Pure rules: src/domain/sessions/.
 */
export { SESSION_AUDIT, SessionService, type SessionServiceDeps } from './service.js';
export * from './types.js';
