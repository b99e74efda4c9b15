import { z } from 'zod';
import type { Feature, FeatureContext } from '../feature.js';
import { defineSubmitHandler } from '../../bot/submitRouter.js';
import { VERBS } from '../../cards/verbs.js';
import { barrierHandler, barrierSubmit } from './handlers/barrier.js';
import { accompanimentHandler, confidentialHandler, confidentialOpenSubmit, confidentialSubmit } from './handlers/confidential.js';
import { contactHandler, contactSubmit } from './handlers/contact.js';
import { deleteSubmit, memberOpenSubmit, memberReplySubmit, myCasesHandler } from './handlers/member.js';
import { casesHandler, closeSubmit, staffReplySubmit } from './handlers/staff.js';
import { caseReminderJob } from './notices.js';

/**
 * Card payloads: shapes only, with generous bounds so a long text reaches the service and gets a clear answer
 * (the limits of CASE_LIMITS are checked there); ids are never trusted beyond their shape.
 */
const text = z.string().max(100_000).optional();
const caseId = z.string().min(1).max(300);
const formId = z.string().min(1).max(100);
const contactSchema = z.object({ verb: z.literal(VERBS.caseContactSubmit), formId, subject: text, category: z.string().max(100).optional(), message: text });
const confidentialSchema = z.object({ verb: z.literal(VERBS.confidentialSubmit), formId, message: text });
const staffReplySchema = z.object({ verb: z.literal(VERBS.caseStaffReply), caseId, reply: text });
const closeSchema = z.object({ verb: z.literal(VERBS.caseClose), caseId });
const memberReplySchema = z.object({ verb: z.literal(VERBS.caseMemberReply), caseId, reply: text });
const deleteSchema = z.object({ verb: z.literal(VERBS.caseDelete), caseId });
const openSchema = z.object({ verb: z.literal(VERBS.confidentialOpen), caseId });
const memberOpenSchema = z.object({ verb: z.literal(VERBS.caseMemberOpen), caseId });
const barrierSchema = z.object({ verb: z.literal(VERBS.barrierSubmit), category: z.string().max(100).optional(), description: text, example: text });

/**
 * Member ↔ UTIGyND communication (issue 14), personal chat only.
 * - Consultas: "contactar" (handlers/contact.ts: card, folio, the case card 1:1 to every administrator),
 *   "mis consultas [folio]" and her answers (handlers/member.ts), "consultas [folio]" for UTIGyND with
 *   "Responder" and "Cerrar" (handlers/staff.ts).
 * - Confidential accompaniment: "acompañamiento [borrar <folio>]" and "confidenciales [folio]"
 *   (handlers/confidential.ts). Only administrators with the acompanamiento role (admin agregar … acompanamiento)
 *   are told (without content) and can open, answer or close one; every opening is audited; she can delete it.
 * - Anonymous barrier reports: "barrera" (handlers/barrier.ts): no identity, the day only, no follow-up.
 * - Reminders: the durable job CASE_REMINDER_JOB (notices.ts) after 2 working days without a staff answer
 *   (weekends and src/data/festivos-mx.json excluded).
 * Texts: ./texts.ts; card data: ./views.ts; cards: src/cards/cases.ts (cards/cases/). Domain: src/domain/cases/
 * (limits, working days). Services: ctx.services.cases (src/services/cases/: cases, barriers, openCount,
 * anonymousBarriers). Tests: test/cases/.
 */
export function createCasesFeature(ctx: FeatureContext): Feature {
  return {
    name: 'cases',
    routes: [
      { commandId: 'contact', handle: contactHandler(ctx) },
      { commandId: 'myCases', handle: myCasesHandler(ctx) },
      { commandId: 'cases', handle: ctx.guard.command('cases', casesHandler(ctx)) },
      { commandId: 'accompaniment', handle: accompanimentHandler(ctx) },
      { commandId: 'confidential', handle: confidentialHandler(ctx) },
      { commandId: 'barrier', handle: barrierHandler(ctx) },
    ],
    submitHandlers: [
      defineSubmitHandler({ verb: VERBS.caseContactSubmit, schema: contactSchema, handle: contactSubmit(ctx) }),
      defineSubmitHandler({ verb: VERBS.confidentialSubmit, schema: confidentialSchema, handle: confidentialSubmit(ctx) }),
      defineSubmitHandler({ verb: VERBS.caseStaffReply, schema: staffReplySchema, handle: staffReplySubmit(ctx) }),
      defineSubmitHandler({ verb: VERBS.caseClose, schema: closeSchema, handle: closeSubmit(ctx) }),
      defineSubmitHandler({ verb: VERBS.caseMemberReply, schema: memberReplySchema, handle: memberReplySubmit(ctx) }),
      defineSubmitHandler({ verb: VERBS.caseDelete, schema: deleteSchema, handle: deleteSubmit(ctx) }),
      defineSubmitHandler({ verb: VERBS.confidentialOpen, schema: openSchema, handle: confidentialOpenSubmit(ctx) }),
      defineSubmitHandler({ verb: VERBS.caseMemberOpen, schema: memberOpenSchema, handle: memberOpenSubmit(ctx) }),
      defineSubmitHandler({ verb: VERBS.barrierSubmit, schema: barrierSchema, handle: barrierSubmit(ctx) }),
    ],
    jobHandlers: [caseReminderJob(ctx)],
  };
}
