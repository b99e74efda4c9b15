import { z } from 'zod';
import { reminderTime } from '../../domain/documents/index.js';
import type { DocumentDoc } from '../../services/documents/index.js';
import { defineJobHandler, type JobHandlerDefinition } from '../../services/jobs/index.js';
import type { FeatureContext } from '../feature.js';
import { BROADCAST, noticeCard } from './support.js';
import { DOCUMENTS_TEXTS as T } from './texts.js';

/**
 * The reminder of a document version (durable job 'documents.reminder', one key per version), 3 days before its
 * observation window closes, to the validated members who have not acknowledged that version. A newer version
 * cancels the previous version's reminder; a run for a version that is no longer current sends nothing. The
 * broadcast id is fixed per version, so a retried run never sends twice.
 */
export const DOCUMENT_REMINDER_JOB = 'documents.reminder';
export const reminderKey = (documentId: string, seq: number): string => `${DOCUMENT_REMINDER_JOB}:${documentId}:${seq}`;

/** Schedules the reminder of the document's current version (and cancels the previous version's); returns when it goes, or null. */
export async function scheduleReminder(ctx: FeatureContext, doc: DocumentDoc, previousSeq?: number): Promise<Date | null> {
  if (previousSeq !== undefined) await ctx.services.jobs.cancel(reminderKey(doc._id, previousSeq));
  const at = reminderTime(doc.current.windowTo, ctx.clock());
  if (!at) return null;
  await ctx.services.jobs.schedule({ key: reminderKey(doc._id, doc.current.seq), kind: DOCUMENT_REMINDER_JOB, runAt: at, payload: { documentId: doc._id, seq: doc.current.seq } });
  return at;
}

export function documentReminderJob(ctx: FeatureContext): JobHandlerDefinition {
  return defineJobHandler(DOCUMENT_REMINDER_JOB, z.object({ documentId: z.string().min(1).max(200), seq: z.number().int().min(1) }), async ({ documentId, seq }) => {
    const doc = await ctx.services.documents.get(documentId);
    if (doc?.current.seq !== seq || ctx.clock().getTime() > doc.current.windowTo.getTime()) {
      ctx.logger.info({ documentId, seq }, 'document reminder skipped: version replaced or window closed');
      return;
    }
    const [members, acked] = await Promise.all([ctx.services.members.list(doc.editionId, { status: 'validated' }), ctx.services.documents.acknowledgedBy(documentId, seq)]);
    const pending = members.filter((m) => !acked.has(m.personKey));
    if (pending.length === 0) return;
    const card = noticeCard(doc, 'reminder');
    await ctx.services.notifier.notifyPeople({
      broadcastId: BROADCAST.reminder(documentId, seq),
      kind: 'document-reminder',
      title: T.reminderTitle(doc.number, doc.title),
      recipients: pending.map((m) => ({ personKey: m.personKey, userId: m.userId, name: m.nombre, message: { cards: [card] } })),
    });
    ctx.logger.info({ documentId, seq, recipients: pending.length }, 'document reminder sent');
  });
}
