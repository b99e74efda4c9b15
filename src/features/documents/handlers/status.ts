import { CardFactory } from 'botbuilder';
import { percent, ratesBy } from '../../../domain/documents/index.js';
import { formatDateTime, formatFileTimestamp, HQ_TIME_ZONE } from '../../../domain/time.js';
import { renderDocumentSummaryCard } from '../../../cards/documents.js';
import { observationsWorkbook } from '../../../services/documents/export.js';
import type { FeatureContext } from '../../feature.js';
import type { CommandHandler } from '../../shared/adminGuard.js';
import { SHARED_TEXTS } from '../../shared/texts.js';
import { listJoin } from '../../../texts/spanish.js';
import { me, windowText } from '../support.js';
import { DOCUMENTS_TEXTS as T } from '../texts.js';

/**
 * "documentos estado" (UTIGyND): per document, the current version's acknowledgement rate over the validated
 * members (overall, by vocalía and by circunscripción) and its number of observations.
 */
export function documentsStatusHandler(ctx: FeatureContext): CommandHandler {
  return async (context) => {
    const edition = await ctx.services.editions.getActive();
    if (!edition) {
      await context.sendActivity(SHARED_TEXTS.noEdition);
      return;
    }
    const [docs, members] = await Promise.all([ctx.services.documents.list(edition._id), ctx.services.members.list(edition._id, { status: 'validated' })]);
    const sections = await Promise.all(
      docs.map(async (d) => {
        const [acked, observations] = await Promise.all([ctx.services.documents.acknowledgedBy(d._id, d.current.seq), ctx.services.documents.observationsOf(d._id)]);
        const ackedMembers = members.filter((m) => acked.has(m.personKey)).length;
        const cells = (rows: ReturnType<typeof ratesBy>) => listJoin(rows.map((r) => T.rateCell(r.key, r.acknowledged, r.total, percent(r.acknowledged, r.total))));
        return {
          heading: T.listHeading(d.number, d.title, d.current.version),
          lines: [
            T.listWindow(windowText(d.current)),
            T.statusAck(ackedMembers, members.length, percent(ackedMembers, members.length)),
            ...(members.length
              ? [T.statusBy(T.byVocalia, cells(ratesBy(members, acked, (m) => m.vocalia))), T.statusBy(T.byCircunscripcion, cells(ratesBy(members, acked, (m) => String(m.circunscripcion))))]
              : []),
            T.statusObservations(observations.filter((o) => o.seq === d.current.seq).length, observations.length),
          ],
        };
      }),
    );
    const card = renderDocumentSummaryCard({ title: T.statusTitle, note: docs.length ? T.statusNote(members.length) : T.listNone, sections });
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
  };
}

/**
 * "observaciones exportar N" (UTIGyND): the observations of document N as XLSX (document, version, section, text,
 * date; the author's name only when DOCUMENT_OBSERVATIONS_ANONYMOUS=false), offered through the file consent flow.
 */
export function exportObservationsHandler(ctx: FeatureContext): CommandHandler {
  return async (context, request) => {
    const edition = await ctx.services.editions.getActive();
    if (!edition) {
      await context.sendActivity(SHARED_TEXTS.noEdition);
      return;
    }
    const arg = request.args.trim();
    if (!/^\d{1,6}$/.test(arg)) {
      await context.sendActivity(T.exportUsage);
      return;
    }
    const doc = await ctx.services.documents.byNumber(edition._id, Number(arg));
    if (!doc) {
      await context.sendActivity(T.notFound);
      return;
    }
    const observations = await ctx.services.documents.observationsOf(doc._id);
    if (observations.length === 0) {
      await context.sendActivity(T.exportEmpty(doc.number));
      return;
    }
    const anonymous = ctx.config.documents.observationsAnonymous;
    const names = anonymous ? new Map<string, string>() : new Map((await ctx.services.members.list(edition._id)).map((m) => [m.personKey, m.nombre]));
    const data = await observationsWorkbook(
      observations.map((o) => ({
        document: `${doc.number}. ${doc.title}`,
        version: o.version,
        section: o.section,
        text: o.text,
        date: formatDateTime(o.at, HQ_TIME_ZONE),
        ...(anonymous ? {} : { author: names.get(o.personKey) ?? '' }),
      })),
      { sheet: T.exportSheet, columns: T.exportColumns },
      !anonymous,
    );
    await ctx.services.documents.auditExport(doc._id, edition._id, me(context), { rows: observations.length, anonymous });
    await ctx.files.offer(context, {
      name: T.exportFileName(doc.number, formatFileTimestamp(ctx.clock(), HQ_TIME_ZONE)),
      data,
      description: T.exportDescription(doc.number, T.observationsCount(observations.length), anonymous),
    });
  };
}
