import { cmd } from '../commands.js';
import { SHARED_TEXTS } from '../shared/texts.js';
import type { NotifyResult } from '../../services/notifier.js';
import { bold, count, editionPhrase, listJoin, NOUNS } from '../../texts/spanish.js';

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
    more: (parts: readonly string[]): string => `Hay ${listJoin(parts)}; aparecerán en esta tarjeta conforme avance.`,
    conflict: (where: string, people: readonly { nombre: string; status: string }[]): string =>
      `${where}: ${people.map((p) => `${p.nombre} (${p.status.toLowerCase()})`).join(', ')}`,
    facts: {
      email: 'Correo',
      teamsEmail: 'Correo de su cuenta de Teams',
      /** Her Teams account's email differs from the one she registered. */
      differs: (teamsEmail: string): string => `${teamsEmail} (distinto del correo registrado)`,
      /** Teams did not report her account's email, so the one she typed could not be confirmed. */
      unconfirmed: (email: string): string => `${email} (sin confirmar: Teams no informó el correo de su cuenta)`,
      position: 'Adscripción',
      reason: 'Motivo',
      defaultReason: 'Revisión',
      registeredOn: 'Registrada el',
      attention: 'Atención',
      sameJunta: 'Otra persona registró la misma vocalía en la misma junta',
      /** Another registration holds this email with the Teams account it belongs to (the verified account wins). */
      emailClaimed: 'Otra persona registró este correo con su cuenta de Teams verificada: este registro podría usar un correo ajeno',
      /** Another active registration typed the same email; none of them is confirmed by Teams. */
      emailShared: 'Otro registro usa el mismo correo; ninguno está confirmado por Teams',
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
  // Each answer ends with what happened to her notice (noticeOutcome): queued or waiting, never "delivered".
  approved: (name: string, notice: string): string => `${DONE}: aprobé el registro de ${name}.${notice ? ` ${notice}` : ''}`,
  rejected: (name: string, notice: string): string => `${DONE}: rechacé el registro de ${name}.${notice ? ` ${notice}` : ''}`,
  changeApplied: (name: string, notice: string): string => `${DONE}: apliqué los cambios de ${name}.${notice ? ` ${notice}` : ''}`,
  changeDismissed: (name: string | undefined, notice: string): string =>
    `${DONE}: descarté la solicitud${name !== undefined ? ` de ${name}` : ''}.${notice ? ` ${notice}` : ''}`,
  /**
   * What the outbox did with her notice. Proactive messages leave through the delivery engine afterwards,
   * so the answer says it was queued (or that it waits for her to open the app), with where to follow it.
   */
  noticeOutcome: (r: NotifyResult, what: 'notice' | 'reason' = 'notice'): string => {
    const subject = what === 'reason' ? 'El aviso con el motivo' : 'El aviso';
    if (r.waitingInstall > 0) return `Aún no tiene la aplicación de la Red de Coaching en Teams: ${subject.toLowerCase()} le llegará cuando la abra; consulte ${cmd('deliveries', 'estado')}.`;
    if (r.enqueued > 0) return `${subject} por chat quedó en cola; consulte ${cmd('deliveries', 'estado')} para confirmar la entrega.`;
    if (r.alreadyQueued > 0) return `${subject} por chat ya estaba en cola; consulte ${cmd('deliveries', 'estado')}.`;
    return '';
  },
  /** Titles of the notices in "envios estado" and in the logs. */
  noticeTitle: {
    approved: (name: string): string => `Registro validado: ${name}`,
    rejected: (name: string): string => `Registro no validado: ${name}`,
    changeApplied: (name: string): string => `Cambios aplicados: ${name}`,
    changeDismissed: (name: string): string => `Solicitud de cambio no aplicada: ${name}`,
  },
  staleRegistration: (message: string, currentStatus: string | undefined): string =>
    `${message.replace(/\.$/, '')}${currentStatus !== undefined ? ` (estado actual: ${currentStatus.toLowerCase()})` : ''}.`,
  staleChange: (message: string): string => message,
  /** Added to an answer when the queue card could not be updated in place. */
  seeUpdatedList: SEE_UPDATED_LIST,

  // --- notices to the member ---
  notice: {
    defaultNetworkName: 'la Red de Coaching',
    approved: (editionName: string, upcoming: string): string =>
      `¡Buenas noticias! Su registro en ${editionPhrase(editionName)} fue ${bold('validado')} por la UTIGyND. Ya es integrante de la Red; le avisaremos por este chat cuando se conformen los grupos.` +
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
