import { z } from 'zod';
import { REMINDER_WORKING_DAYS } from '../../domain/cases/index.js';
import { defineJobHandler, type JobHandlerDefinition } from '../../services/jobs/index.js';
import { CASE_REMINDER_JOB, type CaseDoc } from '../../services/cases/index.js';
import type { OutgoingMessage } from '../../domain/conversationRef.js';
import type { FeatureContext } from '../feature.js';
import { BROADCAST, staffRecipients, zoneOf } from './support.js';
import { CASES_TEXTS as T } from './texts.js';
import { confidentialMemberNoticeCard, confidentialNoticeCard, memberCaseCard, staffCaseCard } from './views.js';

/**
 * Notices of a case, always 1:1 through the delivery engine (never in a group space), with one broadcast id
 * per event. A consulta reaches every administrator with its card ("Responder", "Cerrar"); a confidential
 * request reaches only the acompanamiento role, and its notices carry no content, only "Abrir".
 */

async function toStaff(ctx: FeatureContext, doc: CaseDoc, broadcastId: string, title: string, message: OutgoingMessage): Promise<void> {
  const recipients = await staffRecipients(ctx, doc.kind);
  if (recipients.length === 0) {
    // Nobody to tell yet: the reminder job tries again in REMINDER_WORKING_DAYS working days.
    ctx.logger.warn({ kind: doc.kind, folio: doc.folio, editionId: doc.editionId }, 'case notice: no staff to notify');
    return;
  }
  await ctx.services.notifier.notifyPeople({ broadcastId, kind: `case-${doc.kind}`, title, recipients: recipients.map((r) => ({ ...r, message })) });
}

/** A new case: the consulta's card to every administrator; a content-free notice to the acompanamiento role. */
export async function notifyStaffNew(ctx: FeatureContext, doc: CaseDoc): Promise<void> {
  if (doc.kind === 'acompanamiento') {
    const title = T.accompaniment.noticeTitle(doc.folio);
    await toStaff(ctx, doc, BROADCAST.created(doc), title, { cards: [confidentialNoticeCard(doc, title, T.accompaniment.noticeText)] });
    return;
  }
  await toStaff(ctx, doc, BROADCAST.created(doc), T.staff.newTitle(doc.folio), { cards: [staffCaseCard(doc, ctx.clock(), ctx.services.cases.holidays)] });
}

/** She wrote again on her case. */
export async function notifyStaffMessage(ctx: FeatureContext, doc: CaseDoc): Promise<void> {
  if (doc.kind === 'acompanamiento') {
    const title = T.accompaniment.replyNoticeTitle(doc.folio);
    await toStaff(ctx, doc, BROADCAST.memberMessage(doc), title, { cards: [confidentialNoticeCard(doc, title, T.accompaniment.replyNoticeText)] });
    return;
  }
  await toStaff(ctx, doc, BROADCAST.memberMessage(doc), T.staff.messageTitle(doc.folio), { cards: [staffCaseCard(doc, ctx.clock(), ctx.services.cases.holidays)] });
}

/**
 * A staff answer reaches her 1:1: a consulta's with the whole conversation and a box to answer back; a
 * confidential one without content ("Ver la respuesta" shows it to her only), so no stored outgoing message
 * keeps what was written and deleting the request removes it for good.
 */
export async function notifyMemberReply(ctx: FeatureContext, doc: CaseDoc): Promise<void> {
  const title = doc.kind === 'acompanamiento' ? T.member.confidentialReplyTitle(doc.folio) : T.member.replyNoticeTitle(doc.folio);
  const card = doc.kind === 'acompanamiento' ? confidentialMemberNoticeCard(doc, title) : memberCaseCard(doc, await zoneOf(ctx, doc.editionId, doc.personKey), title);
  await ctx.services.notifier.notifyPeople({
    broadcastId: BROADCAST.staffReply(doc),
    kind: `case-${doc.kind}-reply`,
    title,
    recipients: [{ personKey: doc.personKey, ...(doc.userId ? { userId: doc.userId } : {}), ...(doc.name ? { name: doc.name } : {}), message: { cards: [card] } }],
  });
}

/** Her case was closed. */
export async function notifyMemberClosed(ctx: FeatureContext, doc: CaseDoc): Promise<void> {
  await ctx.services.notifier.notifyPeople({
    broadcastId: BROADCAST.closed(doc),
    kind: `case-${doc.kind}-closed`,
    title: T.member.closedTitle(doc.folio),
    recipients: [{ personKey: doc.personKey, ...(doc.userId ? { userId: doc.userId } : {}), ...(doc.name ? { name: doc.name } : {}), message: { text: T.member.closedText(doc.folio) } }],
  });
}

/**
 * CASE_REMINDER_JOB: a case still waiting for a staff answer REMINDER_WORKING_DAYS working days after her last
 * message is reminded to staff (the consulta's card; for a confidential request, a content-free notice), and
 * the next reminder is scheduled. Answered, closed or deleted cases are skipped. A retry after a crash re-sends
 * under the same broadcast id: never twice.
 */
export function caseReminderJob(ctx: FeatureContext): JobHandlerDefinition {
  return defineJobHandler(CASE_REMINDER_JOB, z.object({ caseId: z.string().min(1).max(300) }), async ({ caseId }) => {
    const cases = ctx.services.cases.cases;
    const doc = await cases.dueForReminder(caseId);
    if (!doc) return;
    const days = REMINDER_WORKING_DAYS * (doc.reminders + 1);
    if (doc.kind === 'acompanamiento') {
      const title = T.accompaniment.reminderTitle(doc.folio);
      await toStaff(ctx, doc, BROADCAST.reminder(doc), title, { cards: [confidentialNoticeCard(doc, title, T.staff.confidentialReminderText(doc.folio, days))] });
    } else {
      await toStaff(ctx, doc, BROADCAST.reminder(doc), T.staff.reminderTitle(doc.folio), {
        text: T.staff.reminderText(doc.folio, days),
        cards: [staffCaseCard(doc, ctx.clock(), ctx.services.cases.holidays)],
      });
    }
    await cases.reminded(caseId);
  });
}
