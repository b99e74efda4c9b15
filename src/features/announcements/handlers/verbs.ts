import { CardFactory, type TurnContext } from 'botbuilder';
import { z } from 'zod';
import { ANNOUNCEMENT_LIMITS, checkHttpsLink, checkText, parseAudience } from '../../../domain/announcements/index.js';
import type { Person } from '../../../domain/person.js';
import { personKey } from '../../../domain/person.js';
import { formatDateTime, parseLocalDateTime } from '../../../domain/time.js';
import { defineSubmitHandler, type SubmitHandler } from '../../../bot/submitRouter.js';
import { renderAnnouncementNoteCard, renderAnnouncementPreviewCard, type AnnouncementComposeValues } from '../../../cards/announcements.js';
import type { CardJson } from '../../../cards/render.js';
import { VERBS } from '../../../cards/verbs.js';
import { refOf } from '../../../teams/activity.js';
import type { FeatureContext } from '../../feature.js';
import { SHARED_TEXTS } from '../../shared/texts.js';
import { adminZone, announcementJobKey, ANNOUNCEMENT_SEND_JOB, cancelAnnouncement, deliverAnnouncement, recipientsOf } from '../send.js';
import { ANNOUNCEMENTS_TEXTS as T, AUDIENCE_ERRORS, audienceText } from '../texts.js';
import { sendComposeCard } from '../compose.js';

/**
 * The card verbs of announcements (UTIGyND; ctx.guard.verb re-checks the role): the preview (validates
 * everything, stores a draft and shows how many members it reaches), "Enviar"/"Programar el envío" and
 * "Cancelar". A forged or stale id is answered in Spanish; a second click never sends twice.
 */

/** Bounded far above the limits so that a long text gets the specific Spanish answer, not a generic one. */
const big = (max: number) => z.string().max(max).optional();
const previewSchema = z.object({
  verb: z.literal(VERBS.announcementPreview),
  titulo: big(50_000),
  texto: big(100_000),
  enlace: big(50_000),
  audiencia: big(100),
  valor: big(1_000),
  envio: big(1_000),
});
const idSchema = (verb: string) => z.object({ verb: z.literal(verb), announcementId: z.string().min(1).max(200) });
const sendSchema = idSchema(VERBS.announcementSend);
const cancelSchema = idSchema(VERBS.announcementCancel);

/** Replaces the card she pressed (the submit's replyToId) so it cannot be pressed again; best effort. */
async function replaceCard(ctx: FeatureContext, context: TurnContext, card: CardJson): Promise<void> {
  const cardId = context.activity.replyToId;
  if (typeof cardId !== 'string' || cardId === '') return;
  try {
    await context.updateActivity({ id: cardId, type: 'message', attachments: [CardFactory.adaptiveCard(card)] });
  } catch (err) {
    ctx.logger.warn({ cardId, error: err instanceof Error ? err.message : String(err) }, 'announcement card not updated in place');
  }
}

async function preview(ctx: FeatureContext, context: TurnContext, p: z.infer<typeof previewSchema>, admin: Person): Promise<void> {
  const values: AnnouncementComposeValues = {
    titulo: (p.titulo ?? '').slice(0, ANNOUNCEMENT_LIMITS.title),
    texto: (p.texto ?? '').slice(0, ANNOUNCEMENT_LIMITS.text),
    enlace: (p.enlace ?? '').slice(0, ANNOUNCEMENT_LIMITS.link),
    audiencia: p.audiencia ?? 'todas',
    valor: (p.valor ?? '').slice(0, 100),
    envio: (p.envio ?? '').slice(0, 40),
  };
  const refuse = async (why: string, field: string): Promise<void> => {
    ctx.logger.info({ field }, 'announcement preview refused');
    await context.sendActivity(`${why} ${T.nothingSaved}`);
    await sendComposeCard(context, values);
  };
  const edition = await ctx.services.editions.getActive();
  if (!edition) {
    await context.sendActivity(SHARED_TEXTS.noEdition);
    return;
  }
  const title = checkText(p.titulo, ANNOUNCEMENT_LIMITS.title);
  if (!title.ok) return refuse(title.error === 'empty' ? T.titleEmpty : T.titleTooLong, 'titulo');
  const text = checkText(p.texto, ANNOUNCEMENT_LIMITS.text);
  if (!text.ok) return refuse(text.error === 'empty' ? T.textEmpty : T.textTooLong, 'texto');
  const link = checkHttpsLink(p.enlace);
  if (!link.ok) return refuse(T.badLink, 'enlace');
  const catalog = await ctx.services.catalogs.forEdition(edition._id);
  const audience = parseAudience(p.audiencia ?? '', p.valor ?? '', catalog);
  if (!audience.ok) return refuse(AUDIENCE_ERRORS[audience.error], 'audiencia');
  const actor = personKey(admin);
  const zone = await adminZone(ctx, edition._id, actor);
  let sendAt: Date | undefined;
  if ((p.envio ?? '').trim()) {
    const parsed = parseLocalDateTime(p.envio ?? '', zone);
    if (!parsed.ok) return refuse(parsed.message, 'envio');
    if (parsed.value.getTime() <= ctx.clock().getTime()) return refuse(T.whenPast, 'envio');
    sendAt = parsed.value;
  }
  const people = await recipientsOf(ctx, edition._id, audience.audience);
  if (people.length === 0) return refuse(T.noRecipients, 'audiencia');
  const doc = await ctx.services.announcements.createDraft(
    { editionId: edition._id, title: title.value, text: text.value, ...(link.url ? { link: link.url } : {}), audience: audience.audience, ...(sendAt ? { sendAt } : {}), previewCount: people.length },
    actor,
  );
  const card = renderAnnouncementPreviewCard({
    heading: T.previewHeading(doc.number),
    title: doc.title,
    text: doc.text,
    linkText: doc.link ? T.linkText(doc.link) : '',
    facts: [
      { label: T.factAudience, value: audienceText(doc.audience, catalog) },
      { label: T.factCount, value: T.recipients(people.length) },
      { label: T.factWhen, value: sendAt ? formatDateTime(sendAt, zone) : T.now },
    ],
    sendLabel: sendAt ? T.sendLater : T.sendNow,
    announcementId: doc._id,
  });
  await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
}

/** The answer to "Enviar": sends now or schedules; a second click (or a stale card) changes nothing. */
async function send(ctx: FeatureContext, context: TurnContext, announcementId: string, admin: Person): Promise<void> {
  const service = ctx.services.announcements;
  const edition = await ctx.services.editions.getActive();
  const existing = await service.get(announcementId);
  if (!existing || existing.editionId !== edition?._id) {
    ctx.logger.warn({ announcementId }, 'announcement send: unknown or other edition');
    await context.sendActivity(T.notFound);
    return;
  }
  const actor = personKey(admin);
  const moved = await service.confirm(announcementId, actor);
  if (!moved.ok) {
    const s = moved.current?.state;
    await context.sendActivity(s === 'cancelled' ? T.alreadyCancelled(existing.number) : s === 'scheduled' ? T.alreadyScheduled(existing.number) : T.alreadySent(existing.number));
    return;
  }
  const doc = moved.doc;
  if (doc.state === 'scheduled' && doc.sendAt) {
    await ctx.services.jobs.schedule({ key: announcementJobKey(doc._id), kind: ANNOUNCEMENT_SEND_JOB, runAt: doc.sendAt, payload: { announcementId: doc._id } });
    const when = formatDateTime(doc.sendAt, await adminZone(ctx, doc.editionId, actor));
    const text = T.scheduled(doc.number, when);
    await replaceCard(ctx, context, renderAnnouncementNoteCard({ title: T.scheduledTitle(doc.number), paragraphs: [doc.title, text] }));
    await context.sendActivity(text);
    return;
  }
  const n = await deliverAnnouncement(ctx, doc, actor, refOf(context.activity));
  const text = n > 0 ? T.sent(doc.number, n) : T.noRecipientsAtSend(doc.number);
  await replaceCard(ctx, context, renderAnnouncementNoteCard({ title: T.sentTitle(doc.number), paragraphs: [doc.title, text] }));
  await context.sendActivity(text);
}

export function announcementSubmitHandlers(ctx: FeatureContext): SubmitHandler[] {
  return [
    defineSubmitHandler({
      verb: VERBS.announcementPreview,
      schema: previewSchema,
      handle: ctx.guard.verb('announcementPreview', (context, p: z.infer<typeof previewSchema>, admin) => preview(ctx, context, p, admin)),
    }),
    defineSubmitHandler({
      verb: VERBS.announcementSend,
      schema: sendSchema,
      handle: ctx.guard.verb('announcementSend', (context, p: z.infer<typeof sendSchema>, admin) => send(ctx, context, p.announcementId, admin)),
    }),
    defineSubmitHandler({
      verb: VERBS.announcementCancel,
      schema: cancelSchema,
      handle: ctx.guard.verb('announcementCancel', async (context, p: z.infer<typeof cancelSchema>, admin) => {
        const edition = await ctx.services.editions.getActive();
        const doc = await ctx.services.announcements.get(p.announcementId);
        if (!doc || doc.editionId !== edition?._id) {
          await context.sendActivity(T.notFound);
          return;
        }
        const text = await cancelAnnouncement(ctx, p.announcementId, personKey(admin));
        if (text === T.cancelled(doc.number)) await replaceCard(ctx, context, renderAnnouncementNoteCard({ title: T.cancelledTitle(doc.number), paragraphs: [doc.title, text] }));
        await context.sendActivity(text);
      }),
    }),
  ];
}
