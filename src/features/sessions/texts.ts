import { cmd } from '../commands.js';
import { bold, count, listJoin, NOUNS, type Forms } from '../../texts/spanish.js';
import type { Modality, MinutesError, SessionInputError } from '../../domain/sessions/index.js';
import type { SessionErrorCode } from '../../services/sessions/index.js';

/** Spanish (es-MX) texts of the group sessions feature (issue 11). */

const SESION: Forms = ['sesión', 'sesiones'];
const HORA: Forms = ['hora', 'horas'];
const MINUTO: Forms = ['minuto', 'minutos'];

/** "1 hora", "1 hora 30 minutos", "45 minutos", "8 horas". */
export function durationText(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return count(m, MINUTO);
  return m === 0 ? count(h, HORA) : `${count(h, HORA)} ${count(m, MINUTO)}`;
}

/** "24 horas", "1 hora", "90 minutos" (reminder offsets). */
export function offsetText(minutes: number): string {
  if (minutes % 1440 === 0 && minutes >= 2880) return count(minutes / 1440, NOUNS.dia);
  return minutes % 60 === 0 ? count(minutes / 60, HORA) : count(minutes, MINUTO);
}

export const MODALITY_LABELS: Readonly<Record<Modality, string>> = { virtual: 'Virtual', presencial: 'Presencial', hibrida: 'Híbrida' };

export const INPUT_ERRORS: Readonly<Record<SessionInputError, string>> = {
  dateMissing: 'Falta la fecha.',
  dateFormat: 'No reconozco la fecha y la hora: escríbalas como AAAA-MM-DD y HH:MM, por ejemplo 2026-12-10 y 10:00.',
  dateInvalid: 'Esa fecha no existe (revise el día y el mes).',
  timeMissing: 'Falta la hora de inicio.',
  timeInvalid: 'Esa hora no existe: escriba una hora de 00:00 a 23:59.',
  timeSkipped: 'Esa hora no existe en su zona ese día (los relojes se adelantan una hora). Elija otra hora.',
  past: 'La fecha y hora ya pasaron: elija un momento futuro.',
  tooFar: 'Esa fecha está demasiado lejos: programe sesiones dentro de los próximos 400 días.',
  durationInvalid: 'La duración debe ser un número entero de minutos.',
  durationTooShort: 'La duración mínima es de 15 minutos.',
  durationTooLong: 'La duración máxima de una sesión es de 8 horas.',
  topicMissing: 'Falta el tema: elija uno del plan de trabajo o escriba un tema libre.',
  topicTooLong: 'El tema libre admite hasta 200 caracteres.',
  topicNotInPlan: 'Ese tema no está en el plan de trabajo de su grupo.',
  modalityInvalid: 'Elija una modalidad: virtual, presencial o híbrida.',
  linkMissing: 'Falta la liga de la reunión (la liga de Teams que comparte el grupo).',
  linkTooLong: 'La liga de la reunión es demasiado larga.',
  linkNotHttps: 'La liga de la reunión debe empezar con https:// (una liga segura).',
  linkInvalid: 'La liga de la reunión no es una dirección web válida.',
};

export const MINUTES_ERRORS: Readonly<Record<MinutesError, string>> = {
  minutesEmpty: 'La minuta está vacía: escriba al menos un tema tratado, un acuerdo, una barrera o un siguiente paso.',
  tooManyItems: 'Cada apartado admite hasta 20 renglones.',
  itemTooLong: 'Cada renglón admite hasta 500 caracteres.',
  barrierCategory: 'Cada barrera necesita una de las ocho categorías.',
  barrierText: 'Describa cada barrera que eligió (la categoría sola no basta).',
  tooManyBarriers: 'La minuta admite hasta 8 barreras.',
};

export const SESSION_ERRORS: Readonly<Record<SessionErrorCode, string>> = {
  notFound: 'No encontré esa sesión de su grupo. Escriba ' + cmd('sessions') + ' para ver sus números.',
  cancelled: 'Esa sesión fue cancelada; ya no admite cambios ni respuestas.',
  started: 'Esa sesión ya comenzó; ya no se puede mover, cancelar ni confirmar asistencia con ese botón.',
  notStarted: 'Esa sesión aún no comienza: la asistencia y la minuta se registran a partir de su inicio.',
  notMember: 'Esa sesión es de otro grupo: solo las integrantes del grupo pueden responder o registrar su asistencia.',
  unknownMembers: 'La lista incluye a alguien que no es integrante del grupo; no se guardó nada.',
  checkInEarly: 'Todavía no puede registrar su asistencia: el registro abre 15 minutos antes del inicio.',
  checkInClosed: 'La sesión ya terminó; el registro de asistencia está cerrado. Pida a la secretaria de su grupo que la registre.',
  reportSubmitted: 'El informe de su grupo ya se entregó: la minuta ya no se puede modificar.',
  badOffsets: 'Los recordatorios deben ser de 1 a 4 tiempos entre 5 minutos y 14 días, por ejemplo 24h 1h.',
  badInput: 'No pude procesar esos datos; no se cambió nada.',
  duplicate: 'Su grupo ya tiene una sesión programada a esa misma hora; no se programó otra.',
};

export const SESSIONS_TEXTS = {
  plural: SESION,
  // Who may act.
  notRoleHolder: 'Esta acción es para la representante o la secretaria del grupo, o para la UTIGyND.',
  secretariaOnly: 'La minuta la registra la secretaria del grupo (o la UTIGyND).',
  notYourGroup: (own: number) => `Solo puede hacerlo para su propio grupo, el grupo ${own}.`,
  adminNeedsGroup: (example: string) => `Indique el grupo, por ejemplo ${example}.`,
  noGroup: (group: number) => `El grupo ${group} no existe en los grupos confirmados de la edición.`,
  notInGroup: 'No encontré su grupo en la edición activa: los grupos deben estar confirmados y su registro validado.',
  badGroupWord: (w: string) => `No entendí «${w}». Escriba el número de la sesión y, si es de la UTIGyND, ${bold('grupo N')}.`,
  needsNumber: (example: string) => `Indique el número de la sesión, por ejemplo ${example}. Escriba ${cmd('sessions')} para verlos.`,
  usage: `Escriba ${cmd('session', 'programar')}, ${cmd('session', 'mover', '2')} o ${cmd('session', 'cancelar', '2')}.`,
  // Form.
  formTitle: (group: number) => `Programar una sesión · grupo ${group}`,
  moveTitle: (group: number, n: number) => `Mover la sesión ${n} · grupo ${group}`,
  formIntro: 'Elija la fecha, la hora de inicio, la duración, el tema, la modalidad y la liga de la reunión de Teams. Cada integrante recibe la invitación con la hora de su zona.',
  moveIntro: (when: string) => `Hoy está programada para el ${when}. Elija la nueva fecha, hora y duración: el grupo recibe el aviso y los recordatorios se reprograman.`,
  zoneNote: (label: string) => `La fecha y la hora se leen en su zona: ${label}.`,
  dateLabel: 'Fecha',
  dateError: 'Elija la fecha.',
  timeLabel: 'Hora de inicio',
  timeError: 'Elija la hora de inicio.',
  durationLabel: 'Duración',
  topicLabel: 'Tema (del plan de trabajo del grupo)',
  freeTopicOption: 'Tema libre (escríbalo abajo)',
  freeTopicLabel: 'Tema libre',
  modalityLabel: 'Modalidad',
  linkLabel: 'Liga de la reunión de Teams (https://…)',
  scheduleSubmit: 'Programar sesión',
  moveSubmit: 'Mover sesión',
  formErrors: (errors: readonly string[]) => `No se programó la sesión. Corrija lo siguiente:\n\n${errors.map((e) => `- ${e}`).join('\n')}`,
  moveErrors: (errors: readonly string[]) => `No se movió la sesión. Corrija lo siguiente:\n\n${errors.map((e) => `- ${e}`).join('\n')}`,
  // Results.
  scheduled: (n: number, group: number, when: string, members: number) =>
    `Listo: programé la sesión ${n} del grupo ${group} para el ${when}. Se publicó en el espacio del grupo y ${count(members, NOUNS.integrante)} la ${members === 1 ? 'recibe' : 'reciben'} con la hora de su zona.`,
  noSpace: (group: number) => `El grupo ${group} aún no tiene un espacio vinculado: la tarjeta se envió solo en los chats personales.`,
  moved: (n: number, when: string) => `Listo: la sesión ${n} se movió al ${when}. Avisé al grupo y reprogramé los recordatorios.`,
  cancelledDone: (n: number) => `Listo: cancelé la sesión ${n}. Avisé al grupo y cancelé sus recordatorios.`,
  // The session card.
  cardTitle: (n: number, group: number) => `Sesión ${n} del grupo ${group}`,
  factWhen: 'Cuándo',
  factDuration: 'Duración',
  factTopic: 'Tema',
  factModality: 'Modalidad',
  linkTitle: 'Unirse a la reunión',
  yes: 'Asistiré',
  no: 'No podré asistir',
  present: 'Estoy presente',
  counts: (yes: number, no: number, pending: number) => `Asistirán: ${yes} · No podrán: ${no} · Sin respuesta: ${pending}`,
  mineYes: 'Su respuesta: asistirá.',
  mineNo: 'Su respuesta: no podrá asistir.',
  noticeNew: '',
  noticeMoved: (before: string) => `Nuevo horario (antes: ${before}).`,
  noticeCancelled: 'Sesión cancelada.',
  noticeReminder: (offset: string) => `Recordatorio: la sesión comienza en ${offset}.`,
  whenBoth: (local: string, other: string) => `${local} · ${other}`,
  broadcastNew: (group: number) => `Sesión del grupo ${group}`,
  broadcastMoved: (group: number) => `Cambio de horario de una sesión del grupo ${group}`,
  broadcastCancelled: (group: number) => `Sesión cancelada del grupo ${group}`,
  broadcastReminder: (group: number) => `Recordatorio de sesión del grupo ${group}`,
  broadcastMinutes: (group: number) => `Minuta de una sesión del grupo ${group}`,
  // RSVP and check-in.
  rsvpYes: (n: number) => `Anotado: asistirá a la sesión ${n}.`,
  rsvpNo: (n: number) => `Anotado: no podrá asistir a la sesión ${n}.`,
  checkedIn: (n: number) => `Registré su asistencia a la sesión ${n}. ¡Bienvenida!`,
  alreadyCheckedIn: (n: number) => `Su asistencia a la sesión ${n} ya estaba registrada.`,
  // Attendance checklist.
  attendanceTitle: (n: number, group: number) => `Asistencia · sesión ${n} del grupo ${group}`,
  attendanceIntro: (when: string) => `Sesión del ${when}. Marque a las integrantes presentes; quienes ya registraron su asistencia aparecen marcadas.`,
  attendanceLabel: 'Integrantes presentes',
  attendanceSubmit: 'Guardar asistencia',
  attendanceSaved: (n: number, present: number, members: number) => `Guardé la asistencia de la sesión ${n}: ${present} de ${count(members, NOUNS.integrante)} ${present === 1 ? 'presente' : 'presentes'}.`,
  noMembers: 'El grupo no tiene integrantes validadas en este momento.',
  // Minutes.
  minutesTitle: (n: number, group: number) => `Minuta · sesión ${n} del grupo ${group}`,
  minutesIntro: 'Un renglón por tema, acuerdo o paso. Puede corregirla hasta que el grupo entregue su informe.',
  topicsLabel: 'Temas tratados',
  agreementsLabel: 'Acuerdos',
  barriersIntro: 'Barreras detectadas (elija la categoría y descríbala)',
  categoryLabel: 'Categoría de la barrera',
  barrierTextLabel: 'Descripción de la barrera',
  nextStepsLabel: 'Siguientes pasos',
  minutesSubmit: 'Guardar y publicar minuta',
  minutesSaved: (n: number, created: boolean, posted: boolean) =>
    `Listo: ${created ? 'guardé' : 'actualicé'} la minuta de la sesión ${n}${posted ? ' y la publiqué en el espacio del grupo' : '; el grupo aún no tiene un espacio vinculado donde publicarla'}.`,
  minutesViewTitle: (n: number, group: number, revised: boolean) => `Minuta${revised ? ' (actualizada)' : ''} · sesión ${n} del grupo ${group}`,
  minutesViewIntro: (when: string, topic: string) => `Sesión del ${when}. Tema: ${topic}.`,
  sectionTopics: 'Temas tratados',
  sectionAgreements: 'Acuerdos',
  sectionBarriers: 'Barreras detectadas',
  sectionNextSteps: 'Siguientes pasos',
  none: 'Ninguno.',
  barrierLine: (label: string, text: string) => `${label}: ${text}`,
  // "sesiones".
  listTitle: (group: number) => `Sesiones del grupo ${group}`,
  listIntro: (total: number) => (total === 0 ? `Su grupo aún no tiene sesiones. La representante o la secretaria las programa con ${cmd('session', 'programar')}.` : `${count(total, SESION)} en total.`),
  upcoming: 'Próximas',
  past: 'Pasadas',
  cancelledSection: 'Canceladas',
  noneYet: 'Ninguna.',
  lineHead: (n: number, when: string, topic: string) => `Sesión ${n} · ${when} · ${topic}`,
  lineUpcoming: (yes: number, no: number, pending: number) => `Asistirán ${yes}, no podrán ${no}, sin respuesta ${pending}.`,
  linePast: (attended: number, invited: number, pct: number | null, minutes: boolean) =>
    `Asistieron ${attended} de ${count(invited, NOUNS.integrante)}${pct === null ? '' : ` (${pct} %)`}.${minutes ? ' Minuta registrada.' : ' Sin minuta.'}`,
  listNote: `Para mover o cancelar: ${cmd('session', 'mover', 'N')} o ${cmd('session', 'cancelar', 'N')}; asistencia: ${cmd('sessionAttendance', undefined, 'N')}; minuta: ${cmd('sessionMinutes', undefined, 'N')}.`,
  // "sesiones estado".
  statusTitle: (edition: string) => `Sesiones de grupo · ${edition}`,
  statusIntro: (groups: number, flagged: number) =>
    `${count(groups, NOUNS.grupo)}; ${flagged === 0 ? 'todos tuvieron sesión en los últimos 30 días' : `${count(flagged, NOUNS.grupo)} sin sesión en los últimos 30 días (marcados con ⚠)`}.`,
  statusHeading: (group: number, flagged: boolean) => `${flagged ? '⚠ ' : ''}Grupo ${group}`,
  statusLine: (held: number, scheduled: number, cancelled: number) => `Realizadas: ${held} · Programadas: ${scheduled} · Canceladas: ${cancelled}`,
  statusAttendance: (pct: number | null) => (pct === null ? 'Asistencia promedio: sin sesiones realizadas.' : `Asistencia promedio: ${pct} %.`),
  statusLast: (when: string | null) => (when ? `Última sesión: ${when}.` : 'Aún no realiza sesiones.'),
  statusNoGroups: 'Los grupos de la edición aún no están confirmados.',
  // "sesiones recordatorios".
  remindersNow: (offsets: readonly number[]) => `Los recordatorios de las sesiones de esta edición se envían ${listJoin(offsets.map((o) => `${offsetText(o)} antes`))} del inicio. Para cambiarlos escriba, por ejemplo, ${cmd('sessions', 'recordatorios', '24h 1h')}.`,
  remindersSet: (offsets: readonly number[]) => `Listo: las sesiones que se programen o muevan a partir de ahora tendrán recordatorios ${listJoin(offsets.map((o) => `${offsetText(o)} antes`))} del inicio.`,
  // Reminders.
  reminderSpace: (n: number, group: number, offset: string) => `Recordatorio: la sesión ${n} del grupo ${group} comienza en ${offset}.`,
} as const;
