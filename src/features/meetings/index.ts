import { z } from 'zod';
import type { Feature, FeatureContext } from '../feature.js';
import { defineSubmitHandler } from '../../bot/submitRouter.js';
import { VERBS } from '../../cards/verbs.js';
import { checkInHandler } from './handlers/checkIn.js';
import { meetingsHandler } from './handlers/meeting.js';
import { meetingJobHandlers } from './notices.js';

const checkInSchema = z.object({ verb: z.literal(VERBS.meetingCheckIn), meetingId: z.string().min(1).max(200) });

/**
 * National and regional meetings (issue 11).
 * UTIGyND, personal chat (ctx.guard): "reunion programar nacional apertura|cierre <AAAA-MM-DD HH:MM> <liga>",
 * "reunion programar regional <1-5> <AAAA-MM-DD HH:MM> <liga>", "reunion mover N <AAAA-MM-DD HH:MM>",
 * "reunion cancelar N", "reunion lista" (handlers/meeting.ts → program.ts, change.ts). The time is read in her
 * zone (her entidad's when she is a member, Ciudad de México otherwise); the link must be https.
 * Members: "Estoy presente" on the invitation or reminder card (handlers/checkIn.ts, verb meetingCheckIn).
 * Jobs (notices.ts): 'meetings.notice' (invitation, change, cancellation, 1:1 to every validated member —
 * regional: of that circunscripción, from the catalog's entidad — with the time in HER zone) and
 * 'meetings.reminder' (a day and an hour before; never after the start, never for a moved or cancelled meeting).
 * A national meeting also sets the edition calendar stage (STAGE_KEYS.opening / closing).
 * Texts: ./texts.ts. Cards: src/cards/meetings.ts (cards/meetings/). Rules: src/domain/meetings/; storage and
 * scheduling: src/services/meetings/ (ctx.services.meetings), which also feeds the personal calendar.
 * Tests: test/sessions/meetings*.test.ts.
 */
export function createMeetingsFeature(ctx: FeatureContext): Feature {
  return {
    name: 'meetings',
    routes: [{ commandId: 'meetings', handle: ctx.guard.command('meetings', meetingsHandler(ctx)) }],
    submitHandlers: [defineSubmitHandler({ verb: VERBS.meetingCheckIn, schema: checkInSchema, handle: checkInHandler(ctx) })],
    jobHandlers: meetingJobHandlers(ctx),
  };
}
