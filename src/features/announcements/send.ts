import { z } from 'zod';
import { announcementBroadcastId, resolveAudience } from '../../domain/announcements/index.js';
import type { ConversationRef } from '../../domain/conversationRef.js';
import type { MemberRecord } from '../../domain/member.js';
import { HQ_TIME_ZONE, zoneForEntidad } from '../../domain/time.js';
import { renderAnnouncementMessageCard } from '../../cards/announcements.js';
import type { AnnouncementDoc } from '../../services/announcements/index.js';
import { defineJobHandler, type JobHandlerDefinition } from '../../services/jobs/index.js';
import type { FeatureContext } from '../feature.js';
import { ANNOUNCEMENTS_TEXTS as T } from './texts.js';

/** The durable job that sends a scheduled announcement at its time (one key per announcement). */
export const ANNOUNCEMENT_SEND_JOB = 'announcements.send';
export const announcementJobKey = (announcementId: string): string => `${ANNOUNCEMENT_SEND_JOB}:${announcementId}`;

/** The validated members an announcement reaches now (its audience resolved against the edition's data). */
export async function recipientsOf(ctx: Pick<FeatureContext, 'services'>, editionId: string, audience: AnnouncementDoc['audience']): Promise<MemberRecord[]> {
  const [members, groups] = await Promise.all([
    ctx.services.members.list(editionId, { status: 'validated' }),
    audience.kind === 'grupo' ? ctx.services.groups.confirmedSet(editionId) : Promise.resolve(null),
  ]);
  return resolveAudience(members, audience, groups);
}

/**
 * Sends an announcement in state 'sending' through the delivery engine: one 1:1 card per recipient, under a
 * broadcast id fixed by the announcement's id (a second call, after a crash or a double click, queues nothing
 * new), titled so that "envios estado" shows it. Then marks it sent. Returns the number of recipients. Needs only
 * the services and the logger (bench/announce.ts runs it on the real delivery engine).
 */
export async function deliverAnnouncement(ctx: Pick<FeatureContext, 'services' | 'logger'>, doc: AnnouncementDoc, actor: string, startedBy?: ConversationRef): Promise<number> {
  const people = await recipientsOf(ctx, doc.editionId, doc.audience);
  const card = renderAnnouncementMessageCard({ heading: T.messageHeading, title: doc.title, text: doc.text, url: doc.link ?? '' });
  if (people.length > 0) {
    await ctx.services.notifier.notifyPeople({
      broadcastId: announcementBroadcastId(doc._id),
      kind: 'announcement',
      title: T.broadcastTitle(doc.number, doc.title),
      ...(startedBy ? { startedBy } : {}),
      recipients: people.map((m) => ({ personKey: m.personKey, userId: m.userId, name: m.nombre, message: { cards: [card] } })),
    });
  }
  await ctx.services.announcements.markSent(doc._id, people.length, actor);
  ctx.logger.info({ announcementId: doc._id, recipients: people.length }, 'announcement sent');
  return people.length;
}

/** The job: a scheduled announcement still scheduled (not cancelled) goes now; one already sending is finished. */
export function announcementSendJob(ctx: FeatureContext): JobHandlerDefinition {
  return defineJobHandler(ANNOUNCEMENT_SEND_JOB, z.object({ announcementId: z.string().min(1).max(200) }), async ({ announcementId }) => {
    const started = await ctx.services.announcements.startScheduled(announcementId);
    const doc = started.ok ? started.doc : started.current?.state === 'sending' ? started.current : null;
    if (!doc) {
      ctx.logger.info({ announcementId, state: started.ok ? null : (started.current?.state ?? 'missing') }, 'scheduled announcement not sent (cancelled or already sent)');
      return;
    }
    const n = await deliverAnnouncement(ctx, doc, 'system');
    if (n === 0) {
      const author = await ctx.services.members.get(doc.editionId, doc.createdBy);
      await ctx.services.notifier.notifyPeople({
        broadcastId: `${announcementBroadcastId(doc._id)}:sin-destinatarias`,
        kind: 'announcement-empty',
        recipients: [{ personKey: doc.createdBy, ...(author ? { userId: author.userId } : {}), message: { text: T.noRecipientsAtSend(doc.number) } }],
      });
    }
  });
}

/** The zone in which an administrator writes times: her entidad's when she is a member, headquarters' otherwise. */
export async function adminZone(ctx: FeatureContext, editionId: string, personKey: string): Promise<string> {
  const member = await ctx.services.members.get(editionId, personKey);
  if (!member) return HQ_TIME_ZONE;
  return zoneForEntidad(await ctx.services.catalogs.forEdition(editionId), member.entidad);
}

/** Cancels a draft or scheduled announcement (and its job); the answer in Spanish. */
export async function cancelAnnouncement(ctx: FeatureContext, announcementId: string, actor: string): Promise<string> {
  const result = await ctx.services.announcements.cancel(announcementId, actor);
  if (!result.ok) {
    const current = result.current;
    if (!current) return T.notFound;
    return current.state === 'cancelled' ? T.alreadyCancelled(current.number) : T.cannotCancel(current.number, current.state);
  }
  await ctx.services.jobs.cancel(announcementJobKey(announcementId));
  return T.cancelled(result.doc.number);
}

