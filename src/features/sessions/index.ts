import type { Feature, FeatureContext } from '../feature.js';
import { defineSubmitHandler } from '../../bot/submitRouter.js';
import { VERBS } from '../../cards/verbs.js';
import { attendanceHandler, attendanceSchema, attendanceSubmitHandler } from './handlers/attendance.js';
import { sessionFormSchema, sessionFormSubmitHandler } from './handlers/form.js';
import { minutesHandler, minutesSchema, minutesSubmitHandler, type MinutesPayload } from './handlers/minutes.js';
import { checkInSchema, checkInSubmitHandler, rsvpSchema, rsvpSubmitHandler } from './handlers/rsvp.js';
import { sessionHandler } from './handlers/session.js';
import { sessionsHandler } from './handlers/sessions.js';
import { sessionReminderJob } from './notices.js';

/**
 * Group sessions (issue 11).
 * - "sesion programar|mover|cancelar" (handlers/session.ts; the card: handlers/form.ts): the representante or
 *   secretaria of HER OWN group (services.elections.holds, on the server) or UTIGyND. The session card goes to the
 *   group's space and 1:1 to each member with the time in her zone (notices.ts); moving or cancelling posts an
 *   updated card and tells the members; reminders are durable jobs (SESSION_REMINDER_JOB, notices.ts).
 * - "Asistiré" / "No podré asistir" and "Estoy presente" (Action.Execute, handlers/rsvp.ts): the card comes back
 *   refreshed with the counts (answerWithCard, src/bot/submitRouter.ts).
 * - "asistencia N" (handlers/attendance.ts): the checklist card after the start; "minuta N" (handlers/minutes.ts):
 *   the secretaria's minutes, posted in the space, editable until the group's report is submitted.
 * - "sesiones", "sesiones estado", "sesiones recordatorios" (handlers/sessions.ts).
 * Texts: ./texts.ts; card data: ./views.ts; cards: src/cards/sessions.ts (cards/sessions/). Rules:
 * src/domain/sessions/; storage and jobs: src/services/sessions/ (ctx.services.sessions). Tests: test/sessions/.
 */
export function createSessionsFeature(ctx: FeatureContext): Feature {
  return {
    name: 'sessions',
    routes: [
      { commandId: 'session', handle: sessionHandler(ctx) },
      { commandId: 'sessionAttendance', handle: attendanceHandler(ctx) },
      { commandId: 'sessionMinutes', handle: minutesHandler(ctx) },
      { commandId: 'sessions', handle: sessionsHandler(ctx) },
    ],
    submitHandlers: [
      defineSubmitHandler({ verb: VERBS.sessionFormSubmit, schema: sessionFormSchema, handle: sessionFormSubmitHandler(ctx) }),
      defineSubmitHandler({ verb: VERBS.sessionRsvp, schema: rsvpSchema, handle: rsvpSubmitHandler(ctx) }),
      defineSubmitHandler({ verb: VERBS.sessionCheckIn, schema: checkInSchema, handle: checkInSubmitHandler(ctx) }),
      defineSubmitHandler({ verb: VERBS.sessionAttendanceSubmit, schema: attendanceSchema, handle: attendanceSubmitHandler(ctx) }),
      defineSubmitHandler({ verb: VERBS.sessionMinutesSubmit, schema: minutesSchema, handle: (context, p) => minutesSubmitHandler(ctx)(context, p as MinutesPayload) }),
    ],
    jobHandlers: [sessionReminderJob(ctx)],
  };
}
