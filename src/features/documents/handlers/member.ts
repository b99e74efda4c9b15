import { CardFactory, type TurnContext } from 'botbuilder';
import { z } from 'zod';
import { checkText } from '../../../domain/announcements/index.js';
import { DOCUMENT_LIMITS, windowState } from '../../../domain/documents/index.js';
import { formatDate, HQ_TIME_ZONE } from '../../../domain/time.js';
import { defineSubmitHandler, type SubmitHandler } from '../../../bot/submitRouter.js';
import { renderDocumentSummaryCard } from '../../../cards/documents.js';
import { VERBS } from '../../../cards/verbs.js';
import type { DocumentDoc } from '../../../services/documents/index.js';
import { personOf } from '../../../teams/activity.js';
import type { FeatureContext } from '../../feature.js';
import type { CommandHandler } from '../../shared/adminGuard.js';
import { closesText, me, noticeCard, validatedMember, windowText } from '../support.js';
import { DOCUMENTS_TEXTS as T } from '../texts.js';

/**
 * Members and documents: "documentos" (her view) and the three buttons of the document card. Who acts is always
 * the activity's person; the document must exist, she must be a validated member of its edition, and the card
 * must be of the current version (a stale card gets the current one, nothing is recorded).
 */

const refSchema = { documentId: z.string().min(1).max(200), seq: z.coerce.number().int().min(1).max(100_000) };
const openSchema = z.object({ verb: z.literal(VERBS.documentOpen), ...refSchema });
const ackSchema = z.object({ verb: z.literal(VERBS.documentAck), ...refSchema });
const observeSchema = z.object({ verb: z.literal(VERBS.documentObserve), ...refSchema, seccion: z.string().max(50_000).optional(), observacion: z.string().max(100_000).optional() });

/** The document of a card, checked for her: undefined after answering why not. */
async function documentFor(ctx: FeatureContext, context: TurnContext, p: { documentId: string; seq: number }, opts: { current: boolean; allowAdmin?: boolean }): Promise<{ doc: DocumentDoc; key: string } | undefined> {
  const doc = await ctx.services.documents.get(p.documentId);
  const key = me(context);
  if (!doc) {
    ctx.logger.warn({ documentId: p.documentId }, 'document card: unknown document');
    await context.sendActivity(T.notFound);
    return undefined;
  }
  if (!(await validatedMember(ctx, doc.editionId, key)) && !(opts.allowAdmin && (await ctx.services.roles.isAdmin(personOf(context.activity))))) {
    ctx.logger.warn({ documentId: doc._id }, 'document card: not a validated member of its edition');
    await context.sendActivity(T.notMember);
    return undefined;
  }
  if (opts.current && p.seq !== doc.current.seq) {
    ctx.logger.info({ documentId: doc._id, cardSeq: p.seq, currentSeq: doc.current.seq }, 'document card: stale version');
    await context.sendActivity(T.stale(doc.current.version));
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(noticeCard(doc, 'version'))] });
    return undefined;
  }
  return { doc, key };
}

export function documentSubmitHandlers(ctx: FeatureContext): SubmitHandler[] {
  return [
    defineSubmitHandler({
      verb: VERBS.documentOpen,
      schema: openSchema,
      handle: async (context, p: z.infer<typeof openSchema>) => {
        const found = await documentFor(ctx, context, p, { current: false, allowAdmin: true });
        if (!found) return;
        const v = found.doc.current;
        if (v.source.kind === 'link') {
          await context.sendActivity(T.linkAnswer(v.source.url));
          return;
        }
        const file = await ctx.services.documents.fileData(v.source.fileId);
        if (!file) {
          ctx.logger.error({ documentId: found.doc._id, fileId: v.source.fileId }, 'document file missing');
          await context.sendActivity(T.fileMissing);
          return;
        }
        await ctx.files.offer(context, { name: file.name, data: file.data, description: T.openFile(found.doc.title, v.version) });
      },
    }),
    defineSubmitHandler({
      verb: VERBS.documentAck,
      schema: ackSchema,
      handle: async (context, p: z.infer<typeof ackSchema>) => {
        const found = await documentFor(ctx, context, p, { current: true });
        if (!found) return;
        const outcome = await ctx.services.documents.acknowledge(found.doc, p.seq, found.key);
        await context.sendActivity(outcome === 'recorded' ? T.acknowledged(found.doc.title, found.doc.current.version) : T.alreadyAcknowledged(found.doc.current.version));
      },
    }),
    defineSubmitHandler({
      verb: VERBS.documentObserve,
      schema: observeSchema,
      handle: async (context, p: z.infer<typeof observeSchema>) => {
        const found = await documentFor(ctx, context, p, { current: true });
        if (!found) return;
        const v = found.doc.current;
        const state = windowState(ctx.clock(), v.windowFrom, v.windowTo);
        if (state !== 'open') {
          ctx.logger.info({ documentId: found.doc._id, state }, 'observation outside its window refused');
          await context.sendActivity(state === 'notYet' ? T.window.notYet(formatDate(v.windowFrom, HQ_TIME_ZONE)) : T.window.closed(closesText(v)));
          return;
        }
        const section = checkText(p.seccion, DOCUMENT_LIMITS.section);
        if (!section.ok) {
          await context.sendActivity(section.error === 'empty' ? T.sectionEmpty : T.sectionTooLong);
          return;
        }
        const text = checkText(p.observacion, DOCUMENT_LIMITS.observation);
        if (!text.ok) {
          ctx.logger.info({ documentId: found.doc._id, error: text.error, length: (p.observacion ?? '').length }, 'observation refused');
          await context.sendActivity(text.error === 'empty' ? T.observationEmpty : T.observationTooLong);
          return;
        }
        await ctx.services.documents.addObservation(found.doc, { personKey: found.key, section: section.value, text: text.value });
        await context.sendActivity(T.observationSaved(found.doc.title));
      },
    }),
  ];
}

/** "documentos": the published documents, whether she acknowledged each current version, and her observations. */
export function documentsHandler(ctx: FeatureContext): CommandHandler {
  return async (context) => {
    const edition = await ctx.services.editions.getActive();
    const key = me(context);
    const member = edition ? await validatedMember(ctx, edition._id, key) : null;
    if (!edition || !member) {
      await context.sendActivity(T.notRegistered);
      return;
    }
    const [docs, mine] = await Promise.all([ctx.services.documents.list(edition._id), ctx.services.documents.observationsBy(edition._id, key)]);
    const sections = await Promise.all(
      docs.map(async (d) => {
        const acked = await ctx.services.documents.hasAcknowledged(d._id, d.current.seq, key);
        const obs = mine.filter((o) => o.documentId === d._id);
        return {
          heading: T.listHeading(d.number, d.title, d.current.version),
          lines: [T.listAck(acked), T.listWindow(windowText(d.current)), ...obs.map((o) => T.listObservation(o.section, o.text, formatDate(o.at, HQ_TIME_ZONE)))],
        };
      }),
    );
    const card = renderDocumentSummaryCard({ title: T.listTitle, note: docs.length ? T.listNote : T.listNone, sections });
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
  };
}
