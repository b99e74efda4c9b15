import { cmd, type SubcommandOf } from '../commands.js';
import { SHARED_TEXTS } from '../shared/texts.js';
import { agree, bold, count, listJoin, NOUNS, type Forms } from '../../texts/spanish.js';

// A sub-command word on its own in an options list (lista, in bold), typed on the command list.
const editionSub = (s: SubcommandOf<'edition'>): string => bold(s);
const callSub = (s: SubcommandOf<'call'>): string => bold(s);
const catalogSub = (s: SubcommandOf<'catalog'>): string => bold(s);

const DONE = 'Listo';

/** A sentence continued after "Listo: ": its first letter in lower case ("Listo: la convocatoria…"). */
const afterColon = (sentence: string): string => sentence.charAt(0).toLowerCase() + sentence.slice(1);

/** Counts of a catalog. */
const CATALOG_NOUNS = {
  vocalia: ['vocalía', 'vocalías'],
  entidad: ['entidad', 'entidades'],
  distrito: ['distrito federal', 'distritos federales'],
  circunscripcion: ['circunscripción', 'circunscripciones'],
  eje: ['eje temático', 'ejes temáticos'],
} as const satisfies Record<string, Forms>;

/** Spanish texts of the editions feature: "edicion", "convocatoria" (with "difundir") and "catalogo". */
export const EDITIONS_TEXTS = {
  noEdition: SHARED_TEXTS.noEdition,

  // --- edicion ---
  noEditions: `No hay ediciones. ${SHARED_TEXTS.noEdition}`,
  editionList: (lines: readonly string[]): string => `Ediciones de la Red:\n\n${lines.join('\n')}`,
  editionLine: (id: string, name: string, active: boolean): string => `- ${bold(id)} — ${name}${active ? ' (activa)' : ''}`,
  createUsage: `Escriba el identificador de la edición, por ejemplo: ${cmd('edition', 'crear', '2026 Red de Coaching 2026')}.`,
  created: (id: string, name: string): string => `${DONE}: creé la edición ${bold(id)} (${name}). Actívela con ${cmd('edition', 'activar', id)}.`,
  activateUsage: `Escriba qué edición activar, por ejemplo: ${cmd('edition', 'activar', '2026')}.`,
  activated: (name: string): string =>
    `${DONE}: ${bold(name)} es ahora la edición activa. Defina las fechas con ${cmd('call', 'fechas', 'AAAA-MM-DD AAAA-MM-DD')} o ábrala con ${cmd('call', 'abrir')}.`,
  stageUsage: `Escriba la fecha y el nombre de la etapa, por ejemplo: ${cmd('edition', 'etapa', '2027-01-20 Reunión nacional de apertura')}.`,
  removeStageUsage: 'Escriba el nombre de la etapa que desea quitar del calendario.',
  calendarUpdated: (name: string, calendar: string): string => `${DONE}. Calendario de ${name}:\n\n${calendar}`,
  editionOptions: `Opciones de ${cmd('edition')}: ${editionSub('lista')}, ${editionSub('crear')} _id_ [nombre], ${editionSub('activar')} _id_, ${editionSub('etapa')} _AAAA-MM-DD_ _nombre_, ${editionSub('quitar-etapa')} _nombre_.`,

  // --- convocatoria ---
  opened: (callText: string): string => `${DONE}: ${afterColon(callText)} Para avisar a todas, escriba ${cmd('call', 'difundir')}.`,
  closed: (callText: string): string => `${DONE}: ${afterColon(callText)}`,
  datesUsage: `Escriba la fecha de apertura y la de cierre, por ejemplo: ${cmd('call', 'fechas', '2026-12-01 2026-12-15')} (hora del centro de México).`,
  /** callText (describeCall) already gives both dates, or says that the call is open or closed. */
  datesSet: (callText: string): string => `${DONE}: ${afterColon(callText)}`,
  callOptions: `Opciones de ${cmd('call')}: ${callSub('estado')}, ${callSub('abrir')}, ${callSub('cerrar')}, ${callSub('fechas')} _AAAA-MM-DD AAAA-MM-DD_, ${callSub('difundir')}.`,
  status: {
    title: (name: string, id: string): string => `${bold(`Convocatoria — ${name}`)} (edición ${id})`,
    counts: (c: { validated: number; pending: number; rejected: number; withdrawn: number }): string =>
      `Personas registradas: ${count(c.validated, NOUNS.validada)}, ${count(c.pending, NOUNS.pendiente)} de validación, ${count(c.rejected, NOUNS.rechazada)}, ${count(c.withdrawn, NOUNS.dadaDeBaja)}.`,
    rosterLoaded: 'Padrón: cargado (los registros que coinciden se validan solos).',
    rosterMissing: 'Padrón: sin cargar (todos los registros quedan pendientes hasta que una administradora los apruebe).',
    openChanges: (n: number): string => `Solicitudes de cambio abiertas: ${n}.`,
    calendar: (calendar: string): string => `Calendario:\n\n${calendar}`,
    noCalendar: `Calendario: sin etapas (agréguelas con ${cmd('edition', 'etapa', 'AAAA-MM-DD nombre')}).`,
  },

  // --- convocatoria difundir ---
  inviteClosed: (callText: string): string => `${callText} Abra la convocatoria antes de difundirla.`,
  inviteNobody: 'No hay personas sin registro con quienes el bot tenga chat personal; no se envió nada.',
  inviteTitle: (name: string): string => `Convocatoria ${name}`,
  inviteSent: (r: { enqueued: number; alreadyQueued: number; waitingInstall: number }): string =>
    `${DONE}: la invitación se envía a ${count(r.enqueued, NOUNS.persona)}` +
    (r.alreadyQueued ? `; ${r.alreadyQueued} ya la ${agree(r.alreadyQueued, ['había', 'habían'])} recibido` : '') +
    (r.waitingInstall ? `; ${r.waitingInstall} la ${agree(r.waitingInstall, ['recibirá', 'recibirán'])} cuando ${agree(r.waitingInstall, ['instale', 'instalen'])} la aplicación` : '') +
    '. Le avisaré cuando termine el envío.',

  // --- catalogo ---
  catalogNotJson: (fileName: string): string => `El archivo «${fileName}» no es un JSON válido. No se cambió el catálogo.`,
  catalogRejected: (name: string, errors: readonly string[]): string =>
    `No reemplacé el catálogo de ${name}; revise lo siguiente:\n\n${errors.map((e) => `- ${e}`).join('\n')}`,
  catalogReplaced: (name: string, version: string, summary: string): string => `${DONE}: ${name} usa ahora el catálogo ${bold(version)}. ${summary}`,
  catalogAlreadyDefault: (name: string): string => `${name} ya usa el catálogo del proyecto.`,
  catalogResetBlocked: (broken: number): string =>
    `No restablecí el catálogo: ${count(broken, NOUNS.registro)} de la edición ${agree(broken, ['usa', 'usan'])} claves que el catálogo del proyecto no tiene. Corrija esos registros primero.`,
  catalogReset: (name: string, version: string): string => `${DONE}: ${name} vuelve a usar el catálogo del proyecto (${bold(version)}).`,
  catalogOptions: `Opciones de ${cmd('catalog')}: sin texto (consultar), con un archivo .json adjunto (reemplazar) o ${catalogSub('restablecer')}.`,
  catalogCurrent: (name: string, version: string, replaced: boolean, summary: string): string =>
    `Catálogo de ${name}: ${bold(version)} (${replaced ? 'reemplazado para esta edición' : 'el del proyecto'}). ${summary}\n\n` +
    `Para reemplazarlo, envíe ${cmd('catalog')} con un archivo .json adjunto con la misma estructura que el catálogo del proyecto; para volver al del proyecto, escriba ${cmd('catalog', 'restablecer')}.`,
  catalogSummary: (c: { vocalias: number; entidades: number; distritos: number; circunscripciones: number; ejes: number }): string =>
    `${listJoin([
      count(c.vocalias, CATALOG_NOUNS.vocalia),
      count(c.entidades, CATALOG_NOUNS.entidad),
      count(c.distritos, CATALOG_NOUNS.distrito),
      count(c.circunscripciones, CATALOG_NOUNS.circunscripcion),
      count(c.ejes, CATALOG_NOUNS.eje),
    ])}.`,

  /** One stage of an edition's calendar, in a list. */
} as const;
