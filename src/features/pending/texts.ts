import { cmd } from '../commands.js';
import { SHARED_TEXTS } from '../shared/texts.js';
import { bold, count, listJoin, NOUNS } from '../../texts/spanish.js';

const DONE = 'Listo';
const SEE_UPDATED_LIST = `Escriba ${cmd('pending')} para ver la lista actualizada.`;

/** Spanish texts of the pending queue ("pendientes"), its buttons and the decision notices sent to members. */
export const PENDING_TEXTS = {
  noEdition: SHARED_TEXTS.noEdition,

  // --- the queue card ---
  queue: {
    nothing: 'No hay nada pendiente.',
    summary: (registrations: number, changes: number, hasRoster: boolean): string =>
      `${count(registrations, NOUNS.registro)} por validar y ${count(changes, NOUNS.solicitud)} de cambio.${hasRoster ? '' : ' Aún no hay padrón cargado: cada registro requiere su aprobación.'}`,
    moreRegistrations: (n: number): string => `${count(n, NOUNS.registro)} más`,
    moreChanges: (n: number): string => `${count(n, NOUNS.solicitud)} más`,
    more: (parts: readonly string[]): string => `Hay ${listJoin(parts)}; atienda los de arriba y escriba ${cmd('pending')} de nuevo.`,
    conflict: (where: string, people: readonly { nombre: string; status: string }[]): string =>
      `${where}: ${people.map((p) => `${p.nombre} (${p.status.toLowerCase()})`).join(', ')}`,
    facts: {
      email: 'Correo',
      position: 'Adscripción',
      reason: 'Motivo',
      defaultReason: 'Revisión',
      registeredOn: 'Registrada el',
      attention: 'Atención',
      sameJunta: 'Otra persona registró la misma vocalía en la misma junta',
    },
    change: {
      unnamed: 'Registro',
      changes: 'Cambios',
      missing: '—',
      diff: (before: string, after: string): string => `${before} → ${after}`,
    },
  },

  // --- answers to the administrator ---
  rejectNeedsReason: 'Para rechazar un registro escriba el motivo (se le enviará a la persona). No se hizo ningún cambio.',
  approved: (name: string): string => `${DONE}: aprobé el registro de ${name} y se lo comuniqué por chat.`,
  rejected: (name: string): string => `${DONE}: rechacé el registro de ${name} y le envié el motivo por chat.`,
  changeApplied: (name: string): string => `${DONE}: apliqué los cambios de ${name} y se lo comuniqué por chat.`,
  changeDismissed: (name: string | undefined): string => `${DONE}: descarté la solicitud${name !== undefined ? ` de ${name} y se lo comuniqué por chat` : ''}.`,
  staleRegistration: (message: string, currentStatus: string | undefined): string =>
    `${message.replace(/\.$/, '')}${currentStatus !== undefined ? ` (estado actual: ${currentStatus.toLowerCase()})` : ''}. ${SEE_UPDATED_LIST}`,
  staleChange: (message: string): string => `${message} ${SEE_UPDATED_LIST}`,

  // --- notices to the member ---
  notice: {
    defaultNetworkName: 'la Red de Coaching',
    approved: (editionName: string, upcoming: string): string =>
      `¡Buenas noticias! Su registro en ${editionName} fue ${bold('validado')} por la UTIGyND. Ya es integrante de la Red; le avisaremos por este chat cuando se conformen los grupos.` +
      (upcoming ? `\n\nPróximas fechas:\n\n${upcoming}` : ''),
    rejected: (reason: string, supportContact: string): string =>
      `Su registro en la Red de Coaching no fue validado por la UTIGyND. Motivo: ${reason}\n\nSi cree que se trata de un error, comuníquese con ${supportContact}.`,
    changeAppliedRevalidate:
      'La UTIGyND aplicó los cambios que solicitó a sus datos. Como cambió su correo o su adscripción, su registro queda pendiente de validación.',
    changeApplied: `La UTIGyND aplicó los cambios que solicitó a sus datos. Escriba ${cmd('myData')} para consultarlos.`,
    changeDismissed: (supportContact: string): string =>
      `La UTIGyND revisó su solicitud de cambio de datos y no la aplicó. Si tiene dudas, comuníquese con ${supportContact}.`,
  },

  /**
   * One stage of the calendar in the approval notice. The same format as src/features/editions/calendarText.ts:
   * features do not import each other (test/architecture/layers.test.ts).
   */
} as const;
