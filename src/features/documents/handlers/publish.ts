import { randomUUID } from 'node:crypto';
import { CardFactory, type TurnContext } from 'botbuilder';
import { z } from 'zod';
import { checkHttpsLink, checkText } from '../../../domain/announcements/index.js';
import { DOCUMENT_EXTENSIONS, DOCUMENT_LIMITS, looksLike, type DocumentExtension } from '../../../domain/documents/index.js';
import type { Person } from '../../../domain/person.js';
import { personKey } from '../../../domain/person.js';
import { formatDateTime, HQ_TIME_ZONE, localDateOf, parseLocalDay } from '../../../domain/time.js';
import { downloadIncomingFile, incomingFileOf } from '../../../bot/files.js';
import { defineSubmitHandler, type SubmitHandler } from '../../../bot/submitRouter.js';
import { renderDocumentPublishCard, type DocumentPublishValues } from '../../../cards/documents.js';
import { VERBS } from '../../../cards/verbs.js';
import type { DocumentDoc, DocumentFileDoc, DocumentSource } from '../../../services/documents/index.js';
import type { FeatureContext } from '../../feature.js';
import type { CommandHandler } from '../../shared/adminGuard.js';
import { SHARED_TEXTS } from '../../shared/texts.js';
import { scheduleReminder } from '../reminders.js';
import { BROADCAST, me, noticeCard } from '../support.js';
import { DOCUMENTS_TEXTS as T } from '../texts.js';

const isoDay = (d: Date): string => {
  const l = localDateOf(d, HQ_TIME_ZONE);
  return `${l.year}-${String(l.month).padStart(2, '0')}-${String(l.day).padStart(2, '0')}`;
};

async function sendPublishCard(context: TurnContext, input: { target: DocumentDoc | null; file: DocumentFileDoc | null; values: DocumentPublishValues; token?: string }): Promise<void> {
  const { target, file } = input;
  const card = renderDocumentPublishCard({
    title: target ? T.publishTitleVersion(target.number, target.title) : T.publishTitle,
    intro: file ? T.publishIntroFile : T.publishIntroLink,
    fileLine: file ? T.fileLine(file.name, Math.max(1, Math.round(file.bytes / 1024))) : '',
    values: input.values,
    token: input.token ?? randomUUID(),
    fileId: file?._id ?? '',
    documentId: target?._id ?? '',
  });
  await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
}

/**
 * "documento publicar [N]" (UTIGyND; the guard checks the role): with a PDF or DOCX attached to the same message
 * (downloaded and checked like every inbound file, src/bot/files.ts, then kept in the store until published),
 * or without a file to publish a link. N publishes a new version of document N. Answers with the publish card.
 */
export function publishCommandHandler(ctx: FeatureContext): CommandHandler {
  const log = ctx.logger.child({ component: 'documents' });
  return async (context, request) => {
    const edition = await ctx.services.editions.getActive();
    if (!edition) {
      await context.sendActivity(SHARED_TEXTS.noEdition);
      return;
    }
    const arg = request.args.trim();
    let target: DocumentDoc | null = null;
    if (arg) {
      const n = Number(arg);
      if (!/^\d{1,6}$/.test(arg) || n < 1) {
        await context.sendActivity(T.publishUsage);
        return;
      }
      target = await ctx.services.documents.byNumber(edition._id, n);
      if (!target) {
        await context.sendActivity(T.notFound);
        return;
      }
    }
    let file: DocumentFileDoc | null = null;
    const ref = incomingFileOf(context.activity);
    if (ref) {
      const download = await downloadIncomingFile(ref, { mode: ctx.config.mode, extensions: DOCUMENT_EXTENSIONS, maxBytes: ctx.config.documents.maxFileBytes, logger: log });
      if (!download.ok) {
        await context.sendActivity(T.fileProblem(download.message));
        return;
      }
      const extension = download.extension as DocumentExtension;
      if (!looksLike(extension, download.data)) {
        log.warn({ fileName: download.name, extension }, 'document file refused: content does not match its type');
        await context.sendActivity(T.notPdf(download.name));
        return;
      }
      file = await ctx.services.documents.stageFile({ ownerKey: me(context), name: download.name, extension, data: download.data });
    }
    const baseName = file ? file.name.replace(/\.[^.]+$/, '') : '';
    await sendPublishCard(context, {
      target,
      file,
      values: { titulo: (target?.title ?? baseName).slice(0, DOCUMENT_LIMITS.title), version: '', enlace: '', desde: isoDay(ctx.clock()), hasta: '' },
    });
  };
}

const text = (max: number) => z.string().max(max).optional();
const publishSchema = z.object({
  verb: z.literal(VERBS.documentPublish),
  token: z.string().min(8).max(100),
  fileId: z.string().max(100).optional(),
  documentId: z.string().max(200).optional(),
  titulo: text(50_000),
  version: text(50_000),
  enlace: text(50_000),
  desde: text(100),
  hasta: text(100),
});
type PublishPayload = z.infer<typeof publishSchema>;

async function publish(ctx: FeatureContext, context: TurnContext, p: PublishPayload, admin: Person): Promise<void> {
  const refuse = async (why: string, field: string): Promise<void> => {
    ctx.logger.info({ field }, 'document publish refused');
    await context.sendActivity(`${why} ${T.nothingSaved}`);
  };
  const edition = await ctx.services.editions.getActive();
  if (!edition) {
    await context.sendActivity(SHARED_TEXTS.noEdition);
    return;
  }
  const actor = personKey(admin);
  const title = checkText(p.titulo, DOCUMENT_LIMITS.title);
  if (!title.ok) return refuse(title.error === 'empty' ? T.titleEmpty : T.titleTooLong, 'titulo');
  const version = checkText(p.version, DOCUMENT_LIMITS.version);
  if (!version.ok) return refuse(version.error === 'empty' ? T.versionEmpty : T.versionTooLong, 'version');
  let source: DocumentSource;
  if (p.fileId) {
    const file = await ctx.services.documents.stagedFile(p.fileId, actor);
    if (!file) {
      ctx.logger.warn({ fileId: p.fileId }, 'document publish: staged file unknown, not hers or already published');
      await context.sendActivity(T.fileGone);
      return;
    }
    source = { kind: 'file', fileId: file._id, name: file.name, extension: file.extension, bytes: file.bytes };
  } else {
    if (!(p.enlace ?? '').trim()) return refuse(T.linkNeeded, 'enlace');
    const link = checkHttpsLink(p.enlace, DOCUMENT_LIMITS.link);
    if (!link.ok || !link.url) return refuse(T.badLink, 'enlace');
    source = { kind: 'link', url: link.url };
  }
  const from = parseLocalDay(p.desde ?? '', HQ_TIME_ZONE);
  if (!from.ok) return refuse(from.message, 'desde');
  const to = parseLocalDay(p.hasta ?? '', HQ_TIME_ZONE);
  if (!to.ok) return refuse(to.message, 'hasta');
  if (to.value.end.getTime() < from.value.start.getTime()) return refuse(T.badWindow, 'hasta');
  if (to.value.end.getTime() <= ctx.clock().getTime()) return refuse(T.windowPast, 'hasta');

  const result = await ctx.services.documents.publish(
    { editionId: edition._id, token: p.token, ...(p.documentId ? { documentId: p.documentId } : {}), title: title.value, version: version.value, source, windowFrom: from.value.start, windowTo: to.value.end },
    actor,
  );
  switch (result.kind) {
    case 'notFound':
      ctx.logger.warn({ documentId: p.documentId }, 'document publish: unknown document or another edition');
      await context.sendActivity(T.notFound);
      return;
    case 'sameVersion':
      await context.sendActivity(T.sameVersion(result.doc.current.version));
      return;
    case 'conflict':
      await context.sendActivity(T.conflict);
      return;
    case 'duplicate':
      await context.sendActivity(T.duplicate(result.doc?.number ?? 0));
      return;
    case 'published':
      break;
  }
  const doc = result.doc;
  const members = await ctx.services.members.list(edition._id, { status: 'validated' });
  const card = noticeCard(doc, result.previous ? 'version' : 'new');
  if (members.length > 0) {
    await ctx.services.notifier.notifyPeople({
      broadcastId: BROADCAST.notice(doc._id, doc.current.seq),
      kind: 'document',
      title: T.broadcastTitle(doc.number, doc.title, doc.current.version),
      recipients: members.map((m) => ({ personKey: m.personKey, userId: m.userId, name: m.nombre, message: { cards: [card] } })),
    });
  }
  const reminderAt = await scheduleReminder(ctx, doc, result.previous?.seq);
  await context.sendActivity(T.published(doc.number, doc.title, doc.current.version, members.length, reminderAt ? formatDateTime(reminderAt, HQ_TIME_ZONE) : null));
}

export function publishSubmitHandler(ctx: FeatureContext): SubmitHandler {
  return defineSubmitHandler({
    verb: VERBS.documentPublish,
    schema: publishSchema,
    handle: ctx.guard.verb('documentPublish', (context, p: PublishPayload, admin) => publish(ctx, context, p, admin)),
  });
}
