import { CardFactory, type TurnContext } from 'botbuilder';
import { WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import { z } from 'zod';
import type { Feature, FeatureContext } from '../../features/feature.js';
import { CancelAndHelpDialog } from '../../../dialogs/baseDialog.js';
import { defineSubmitHandler } from '../submitRouter.js';
import { personOf, scopeOf } from '../../teams/activity.js';
import { downloadIncomingFile, FileTransfer, incomingFileOf } from '../files.js';
import { personKey, type Person } from '../../domain/person.js';
import { matchCommand } from '../../domain/commands.js';
import { COMMANDS } from '../../features/commands.js';
import type { RosterInputRow } from '../../domain/roster.js';
import { VERBS } from '../../cards/verbs.js';
import { renderImportErrorsCard, renderStatsCard } from '../../cards/adminCards.js';
import { readTableFile, ROSTER_COLUMNS, TableFileError, writeTableFile } from '../../services/rosterFile.js';
import { MAX_ROSTER_ROWS, RosterImportService, type ImportSummary } from '../../services/reports/rosterImport.js';
import { computeRegistrationStats } from '../../services/reports/stats.js';
import { formatDateTime, MEMBER_EXPORT_HEADERS, memberExportRows, PERSONAL_EXPORT_HEADERS, personalDataRows } from '../../services/reports/exportRows.js';
import type { AuditPort, EditionInfo, EditionsPort, MembersPort } from '../../services/reports/ports.js';
import { AuditLog } from '../../services/registration/audit.js';
import { EditionService } from '../../services/registration/editions.js';
import { MemberService } from '../../services/registration/members.js';
import type { Logger } from '../../logger.js';

/**
 * The administration feature's files and reports (issue 3):
 * - "importar padrón": the roster of the active edition from an attached CSV/XLSX (same message or the next one);
 * - "registros": totals of the active edition with simple bar charts;
 * - "exportar registros": an Excel file with one row per member, sent with the file consent flow;
 * - "exportar mis datos": every datum the network keeps about the person asking (derecho de acceso).
 * Administrator rights are checked again on the server in every handler and card submission.
 */

const IMPORT_DIALOG = 'importRosterDialog';
const IMPORT_STEPS = 'importRosterSteps';
const MAX_FILE_PROMPTS = 3;
const ADMIN_ONLY = 'Lo sentimos, esta acción es exclusiva de la administración de la Red (UTIGyND). Escriba **ayuda** para ver sus opciones.';
const NO_EDITION =
  'Todavía no hay una edición activa de la Red. Créela y actívela, por ejemplo con **edición crear 2026** y después ' +
  '**edición activar 2026**; luego repita este comando.';
const ROSTER_FILE_HELP =
  'El archivo debe ser CSV o Excel (.xlsx), de hasta 5 MB, con los encabezados **nombre, correo, vocalia, ambito, entidad, distrito** en la fila 1 ' +
  '(el distrito solo para Juntas Distritales).';

interface AdminServices {
  ctx: FeatureContext;
  log: Logger;
  files: FileTransfer;
  rosterImport: RosterImportService;
  editions: EditionsPort;
  members: MembersPort;
  audit: AuditPort;
}

/** Adapts the registration services to the narrow ports the reports code uses. */
function registrationPorts(ctx: FeatureContext) {
  const sv = ctx.services;
  const audit: AuditPort = {
    append: (entry) => sv.audit.append(entry),
    entriesAbout: (key) => sv.audit.listAbout(key, 10_000),
  };
  const editions: EditionsPort = {
    getActive: () => sv.editions.getActive(),
    nameOf: async (id) => (await sv.editions.get(id))?.nombre,
  };
  const members: MembersPort = {
    listByEdition: (editionId) => sv.members.list(editionId),
    listByPerson: (key) => sv.members.listByPerson(key),
  };
  return { audit, rosterImport: sv.rosterImport, editions, members };
}

function timestampForFile(d: Date): string {
  // 2026-03-01T10:05 in Mexico City time → 20260301-1005
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'America/Mexico_City',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).formatToParts(d);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '00';
  return `${get('year')}${get('month')}${get('day')}-${get('hour').replace('24', '00')}${get('minute')}`;
}

const fileSafe = (s: string): string => s.replace(/[^A-Za-z0-9-]+/g, '-').replace(/^-+|-+$/g, '') || 'edicion';
const nf = new Intl.NumberFormat('es-MX');

// ---------------------------------------------------------------------------------------------
// Shared handlers

/** True when the person is an administrator; otherwise answers politely and logs the attempt. */
async function requireAdmin(s: AdminServices, context: TurnContext, what: string): Promise<Person | undefined> {
  const person = personOf(context.activity);
  if (await s.ctx.services.roles.isAdmin(person)) return person;
  s.log.warn({ what, userId: person.userId, aadObjectId: person.aadObjectId ?? null }, 'admin action refused: not an administrator');
  await context.sendActivity(ADMIN_ONLY);
  return undefined;
}

async function requireEdition(s: AdminServices, context: TurnContext): Promise<EditionInfo | undefined> {
  const edition = await s.editions.getActive();
  if (!edition) await context.sendActivity(NO_EDITION);
  return edition ?? undefined;
}

async function requirePersonalChat(context: TurnContext): Promise<boolean> {
  if (scopeOf(context.activity) === 'personal') return true;
  await context.sendActivity('Los archivos se entregan en el chat personal con el bot. Escríbame ahí para recibirlo.');
  return false;
}

function importSummaryText(summary: ImportSummary, editionName: string, totalRows: number): string {
  const lines = [
    `Listo: importé el padrón de **${editionName}** con **${nf.format(summary.imported)}** integrantes` +
      (summary.previousCount > 0 ? ` (reemplaza al padrón anterior, que tenía ${nf.format(summary.previousCount)}).` : '.'),
  ];
  if (summary.mode === 'validOnly')
    lines.push(`Quedaron fuera ${nf.format(summary.rejectedRows)} filas con problemas de ${nf.format(totalRows)}; corríjalas y vuelva a importar el archivo completo cuando pueda.`);
  lines.push('Los registros nuevos se validarán contra este padrón.');
  return lines.join('\n\n');
}

type ImportOutcome = 'done' | 'retry';

/** Downloads, reads, validates and applies (or holds) the roster file attached to this turn's message. */
async function importFromMessage(s: AdminServices, context: TurnContext): Promise<ImportOutcome> {
  const person = await requireAdmin(s, context, 'importRoster');
  if (!person) return 'done';
  const ref = incomingFileOf(context.activity);
  if (!ref) return 'retry';
  const edition = await requireEdition(s, context);
  if (!edition) return 'done';
  const download = await downloadIncomingFile(ref, { mode: s.ctx.config.mode, extensions: ['csv', 'xlsx'], logger: s.log });
  if (!download.ok) {
    await context.sendActivity(`${download.message}\n\nAdjunte el archivo corregido en su siguiente mensaje, o escriba **cancelar**.`);
    return 'retry';
  }
  let rows: RosterInputRow[];
  try {
    rows = (await readTableFile(download.data, download.name, { columns: ROSTER_COLUMNS, maxRows: MAX_ROSTER_ROWS })).rows;
  } catch (err) {
    if (!(err instanceof TableFileError)) throw err;
    s.log.warn({ code: err.code, fileName: download.name }, 'roster file unreadable');
    await context.sendActivity(`${err.message}\n\nAdjunte el archivo corregido en su siguiente mensaje, o escriba **cancelar**.`);
    return 'retry';
  }
  const ownerKey = personKey(person);
  const result = await s.rosterImport.prepare({ editionId: edition._id, ownerKey, fileName: download.name, rows });
  switch (result.kind) {
    case 'applied':
      await context.sendActivity(importSummaryText(result.summary, edition.nombre, result.totalRows));
      return 'done';
    case 'empty':
      await context.sendActivity(`El archivo «${download.name}» no tiene filas con datos debajo de los encabezados. ${ROSTER_FILE_HELP}`);
      return 'retry';
    case 'busy':
      await context.sendActivity('En este momento se está importando otro padrón para esta edición. Espere unos minutos y vuelva a enviar el archivo con **importar padrón**.');
      return 'done';
    case 'hasErrors': {
      const card = renderImportErrorsCard({
        fileName: download.name,
        editionName: edition.nombre,
        totalRows: result.totalRows,
        validCount: result.validCount,
        rowsWithErrors: result.rowsWithErrors,
        errors: result.errors,
        ...(result.pendingId ? { importId: result.pendingId } : {}),
      });
      await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
      s.log.info({ editionId: edition._id, errors: result.errors.length, valid: result.validCount, pendingId: result.pendingId ?? null }, 'roster import held: rows with errors');
      return 'done';
    }
  }
}

async function sendStats(s: AdminServices, context: TurnContext): Promise<void> {
  if (!(await requireAdmin(s, context, 'registrationStats'))) return;
  const edition = await requireEdition(s, context);
  if (!edition) return;
  const members = await s.members.listByEdition(edition._id);
  const stats = computeRegistrationStats(members, s.ctx.services.defaultCatalog);
  const card = renderStatsCard({ editionName: edition.nombre, generatedAt: formatDateTime(s.ctx.clock()), stats });
  await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
}

async function exportMembers(s: AdminServices, context: TurnContext): Promise<void> {
  const person = await requireAdmin(s, context, 'exportMembers');
  if (!person || !(await requirePersonalChat(context))) return;
  const edition = await requireEdition(s, context);
  if (!edition) return;
  const members = (await s.members.listByEdition(edition._id)).filter((m) => !m.erasedAt);
  const now = s.ctx.clock();
  const data = await writeTableFile('xlsx', MEMBER_EXPORT_HEADERS, memberExportRows(members, s.ctx.services.defaultCatalog), { sheetName: 'Registros' });
  const name = `registros-${fileSafe(edition._id)}-${timestampForFile(now)}.xlsx`;
  await s.audit.append({ actor: personKey(person), action: 'members.export', target: edition._id, editionId: edition._id, details: { count: members.length, fileName: name } });
  await s.files.offer(context, {
    name,
    data,
    description: `Registros de ${edition.nombre}: ${nf.format(members.length)} personas, corte al ${formatDateTime(now)}. Contiene datos personales: manéjelo conforme al aviso de privacidad.`,
  });
}

async function exportMyData(s: AdminServices, context: TurnContext): Promise<void> {
  if (!(await requirePersonalChat(context))) return;
  const person = personOf(context.activity);
  const key = personKey(person);
  const records = await s.members.listByPerson(key);
  const audit = await s.audit.entriesAbout(key);
  if (records.length === 0 && audit.length === 0) {
    await context.sendActivity(
      'La Red de Coaching no tiene datos suyos registrados: no encontramos ningún registro ni movimiento a su nombre. ' +
        'Si cree que es un error, escriba a la UTIGyND.',
    );
    return;
  }
  const now = s.ctx.clock();
  const named = await Promise.all(records.map(async (r) => ({ ...r, editionName: (await s.editions.nameOf?.(r.editionId)) ?? r.editionId })));
  const rows = personalDataRows(named, audit, s.ctx.services.defaultCatalog, now, key);
  const data = await writeTableFile('xlsx', PERSONAL_EXPORT_HEADERS, rows, { sheetName: 'Mis datos' });
  await s.audit.append({ actor: key, action: 'member.export', target: key, details: { records: records.length, auditEntries: audit.length } });
  await s.files.offer(context, {
    name: `mis-datos-red-de-coaching-${timestampForFile(now)}.xlsx`,
    data,
    description: 'Sus datos en la Red de Coaching: registro, consentimiento, estatus e historial de movimientos.',
  });
}

// ---------------------------------------------------------------------------------------------
// "importar padrón" dialog: the file in the same message, or in one of the next messages.

interface ImportDialogOptions {
  args?: string;
  /** Set when the dialog restarts itself to wait for another message. */
  waiting?: boolean;
  prompts?: number;
}

class ImportRosterDialog extends CancelAndHelpDialog {
  constructor(private readonly s: AdminServices) {
    super(IMPORT_DIALOG, s.ctx.showHelp);
    this.addDialog(new WaterfallDialog(IMPORT_STEPS, [this.startStep.bind(this), this.receiveStep.bind(this)]));
    this.initialDialogId = IMPORT_STEPS;
  }

  private async startStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const options = (step.options ?? {}) as ImportDialogOptions;
    if (options.waiting) return WaterfallDialog.EndOfTurn;
    if (!(await requireAdmin(this.s, step.context, 'importRoster'))) return step.endDialog();
    if (!(await requireEdition(this.s, step.context))) return step.endDialog();
    if (incomingFileOf(step.context.activity)) {
      const outcome = await importFromMessage(this.s, step.context);
      return outcome === 'done' ? step.endDialog() : step.replaceDialog(IMPORT_STEPS, { waiting: true, prompts: 1 });
    }
    await step.context.sendActivity(`Adjunte el archivo del padrón en su siguiente mensaje (use el clip de **Adjuntar**). ${ROSTER_FILE_HELP} Para salir, escriba **cancelar**.`);
    return step.replaceDialog(IMPORT_STEPS, { waiting: true, prompts: 1 });
  }

  private async receiveStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const prompts = ((step.options ?? {}) as ImportDialogOptions).prompts ?? 1;
    if (incomingFileOf(step.context.activity)) {
      const outcome = await importFromMessage(this.s, step.context);
      if (outcome === 'done') return step.endDialog();
    } else {
      const other = matchCommand(step.context.activity.text ?? '', COMMANDS);
      if (other && other.command.id !== 'importRoster') {
        await step.context.sendActivity(`Dejé la importación del padrón sin archivo. Escriba de nuevo **${other.command.words[0]}** para continuar.`);
        return step.endDialog();
      }
      if (prompts < MAX_FILE_PROMPTS) await step.context.sendActivity('No recibí ningún archivo. Adjunte el padrón (CSV o .xlsx) en su siguiente mensaje, o escriba **cancelar**.');
    }
    if (prompts >= MAX_FILE_PROMPTS) {
      await step.context.sendActivity('Terminé la importación del padrón sin cambios. Cuando tenga el archivo listo, escriba **importar padrón** y adjúntelo.');
      return step.endDialog();
    }
    return step.replaceDialog(IMPORT_STEPS, { waiting: true, prompts: prompts + 1 });
  }
}

// ---------------------------------------------------------------------------------------------

const importIdSchema = z.string().min(1).max(100);

/** The admin feature: its command routes, dialogs and card handlers. */
export function createAdminFeature(ctx: FeatureContext): Feature {
  const log = ctx.logger.child({ component: 'admin' });
  const files = ctx.files;
  const ports = registrationPorts(ctx);
  const s: AdminServices = { ctx, log, files, rosterImport: ports.rosterImport, editions: ports.editions, members: ports.members, audit: ports.audit };

  return {
    name: 'admin',
    async init() {
      await files.init();
      await s.rosterImport.init();
    },
    routes: [
      { commandId: 'importRoster', dialogId: IMPORT_DIALOG },
      { commandId: 'registrationStats', handle: (context) => sendStats(s, context) },
      { commandId: 'exportMembers', handle: (context) => exportMembers(s, context) },
      { commandId: 'exportMyData', handle: (context) => exportMyData(s, context) },
    ],
    dialogs: [new ImportRosterDialog(s)],
    submitHandlers: [
      defineSubmitHandler({
        verb: VERBS.importRosterConfirm,
        schema: z.object({ verb: z.literal(VERBS.importRosterConfirm), importId: importIdSchema }),
        handle: async (context, payload) => {
          const person = await requireAdmin(s, context, 'importRosterConfirm');
          if (!person) return;
          const key = personKey(person);
          const edition = await s.editions.getActive();
          const result = await s.rosterImport.confirm(payload.importId, key, edition?._id);
          if (result.kind === 'notOwner') log.warn({ importId: payload.importId, personKey: key }, 'pending import of another person refused');
          switch (result.kind) {
            case 'applied':
              await context.sendActivity(
                importSummaryText(result.summary, edition?.nombre ?? result.summary.editionId, result.summary.imported + result.summary.rejectedRows),
              );
              return;
            case 'notOwner':
              await context.sendActivity('Esa importación la inició otra persona administradora; solo ella puede confirmarla. Si necesita importar el padrón, envíe el archivo con **importar padrón**.');
              return;
            case 'missing':
            case 'expired':
              await context.sendActivity('Esa importación ya no está disponible (vence a los 30 minutos). Envíe de nuevo el archivo con **importar padrón**.');
              return;
            case 'alreadyDone':
              await context.sendActivity(
                result.status === 'applied' || result.status === 'applying'
                  ? 'Esa importación ya se aplicó; no hice ningún cambio adicional.'
                  : 'Esa importación se canceló; no hice ningún cambio. Envíe de nuevo el archivo con **importar padrón**.',
              );
              return;
            case 'editionChanged':
              await context.sendActivity(edition ? 'La edición activa cambió desde que envió el archivo; no apliqué nada. Envíe de nuevo el archivo con **importar padrón**.' : NO_EDITION);
              return;
            case 'busy':
              await context.sendActivity('En este momento se está importando otro padrón para esta edición. Espere unos minutos y vuelva a presionar el botón.');
              return;
          }
        },
      }),
      defineSubmitHandler({
        verb: VERBS.importRosterCancel,
        schema: z.object({ verb: z.literal(VERBS.importRosterCancel), importId: importIdSchema }),
        handle: async (context, payload) => {
          const person = await requireAdmin(s, context, 'importRosterCancel');
          if (!person) return;
          const outcome = await s.rosterImport.cancel(payload.importId, personKey(person));
          if (outcome === 'notOwner') log.warn({ importId: payload.importId, personKey: personKey(person) }, 'pending import of another person refused');
          await context.sendActivity(
            outcome === 'cancelled'
              ? 'Listo, descarté el archivo. El padrón vigente no cambió.'
              : outcome === 'notOwner'
                ? 'Esa importación la inició otra persona administradora; solo ella puede cancelarla.'
                : 'Esa importación ya no estaba pendiente; no hice ningún cambio.',
          );
        },
      }),
      defineSubmitHandler({
        verb: VERBS.exportMembers,
        schema: z.object({ verb: z.literal(VERBS.exportMembers) }),
        handle: (context) => exportMembers(s, context),
      }),
    ],
  };
}
