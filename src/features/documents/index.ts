import type { Feature, FeatureContext } from '../feature.js';
import { documentsHandler, documentSubmitHandlers } from './handlers/member.js';
import { publishCommandHandler, publishSubmitHandler } from './handlers/publish.js';
import { documentsStatusHandler, exportObservationsHandler } from './handlers/status.js';
import { documentReminderJob } from './reminders.js';

/**
 * Documentos básicos (issue 14).
 * - "documento publicar [N]" (UTIGyND, ctx.guard): a PDF/DOCX attached to the command (src/bot/files.ts checks
 *   and downloads it; the bytes are kept in the store) or an https link; title, version and observation window on
 *   the publish card (handlers/publish.ts, verb documentPublish). Every validated member gets the document card
 *   1:1 (support.ts noticeCard) with "Abrir", "He leído el documento" and "Enviar observaciones"
 *   (handlers/member.ts). N publishes a new version: acknowledgements are asked again.
 * - "documentos" (members): the documents, her acknowledgements and her observations (handlers/member.ts).
 * - "documentos estado" and "observaciones exportar N" (UTIGyND): handlers/status.ts (XLSX with exceljs,
 *   anonymous unless DOCUMENT_OBSERVATIONS_ANONYMOUS=false).
 * - Reminders: the durable job 'documents.reminder' 3 days before the window closes, to members who have not
 *   acknowledged (reminders.ts).
 * Texts: ./texts.ts. Cards: src/cards/documents.ts (cards/documents/). Rules: src/domain/documents/. Storage and
 * audit: src/services/documents/ (ctx.services.documents). Tests: test/documents/.
 */
export function createDocumentsFeature(ctx: FeatureContext): Feature {
  return {
    name: 'documents',
    routes: [
      { commandId: 'documentPublish', handle: ctx.guard.command('documentPublish', publishCommandHandler(ctx)) },
      { commandId: 'documentsStatus', handle: ctx.guard.command('documentsStatus', documentsStatusHandler(ctx)) },
      { commandId: 'observationsExport', handle: ctx.guard.command('observationsExport', exportObservationsHandler(ctx)) },
      { commandId: 'documents', handle: documentsHandler(ctx) },
    ],
    submitHandlers: [publishSubmitHandler(ctx), ...documentSubmitHandlers(ctx)],
    jobHandlers: [documentReminderJob(ctx)],
  };
}
