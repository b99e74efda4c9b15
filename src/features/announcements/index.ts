import type { Feature, FeatureContext } from '../feature.js';
import { announceHandler } from './handlers/aviso.js';
import { announcementSubmitHandlers } from './handlers/verbs.js';
import { announcementSendJob } from './send.js';

/**
 * Announcements of UTIGyND to the members (issue 14).
 * - "aviso" (UTIGyND, personal chat, ctx.guard): the compose card (title, text, optional https link, audience:
 *   all validated members, a group, a vocalía, an ámbito, an entidad or a circunscripción; optional later time)
 *   — handlers/aviso.ts; "aviso lista" and "aviso cancelar N" there too.
 * - Card verbs (handlers/verbs.ts, ctx.guard.verb): announcementPreview (validates, stores a draft, shows the
 *   number of recipients), announcementSend (sends now or schedules), announcementCancel.
 * - Sending (send.ts): audience resolution (src/domain/announcements/) → Notifier.notifyPeople with the broadcast
 *   id `aviso:<id>` (a retry or double click never sends twice) and the title «Aviso N: …», shown by
 *   "envios estado". A later time is the durable job 'announcements.send' (one key per announcement), cancelled
 *   with the announcement.
 * Texts: ./texts.ts. Cards: src/cards/announcements.ts (cards/announcements/). Storage and audit:
 * src/services/announcements/ (ctx.services.announcements). Tests: test/announcements/; bench/announce.ts.
 */
export function createAnnouncementsFeature(ctx: FeatureContext): Feature {
  return {
    name: 'announcements',
    routes: [{ commandId: 'announce', handle: ctx.guard.command('announce', announceHandler(ctx)) }],
    submitHandlers: announcementSubmitHandlers(ctx),
    jobHandlers: [announcementSendJob(ctx)],
  };
}
