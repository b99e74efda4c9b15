import { cmd } from '../commands.js';
import { bold, count, NOUNS, type Forms } from '../../texts/spanish.js';
import type { MeetingInputError, NationalMoment, ReminderWhich } from '../../domain/meetings/index.js';
import type { MeetingErrorCode } from '../../services/meetings/index.js';

const HORA: Forms = ['hora', 'horas'];
const MINUTO: Forms = ['minuto', 'minutos'];
const INVITADA: Forms = ['invitada', 'invitadas'];

const meetingName = (kind: 'national' | 'regional', moment: NationalMoment | undefined, circ: number | undefined): string =>
  kind === 'national' ? `Reunión Nacional de ${moment ?? 'apertura'}` : `Reunión regional de la circunscripción ${circ ?? ''}`.trim();

/** Spanish (es-MX) texts of the meetings feature (issue 11). */
export const MEETINGS_TEXTS = {
  usage: [
    `Opciones de ${cmd('meetings')}:`,
    `- ${cmd('meetings', 'programar', 'nacional apertura|cierre AAAA-MM-DD HH:MM liga')}`,
    `- ${cmd('meetings', 'programar', 'regional 1-5 AAAA-MM-DD HH:MM liga')} (circunscripción de 1 a 5)`,
    `- ${cmd('meetings', 'mover', 'N AAAA-MM-DD HH:MM')}`,
    `- ${cmd('meetings', 'cancelar', 'N')}`,
    `- ${cmd('meetings', 'lista')}`,
    'La hora se lee en su zona horaria; la liga debe empezar con https://.',
  ].join('\n'),
  inputErrors: {
    usage: `Escriba, por ejemplo: ${cmd('meetings', 'programar', 'nacional apertura 2027-01-20 10:00 https://teams.microsoft.com/l/meetup-join/...')}.`,
    moment: 'Indique si la reunión nacional es de apertura o de cierre.',
    circunscripcion: 'La circunscripción debe ser un número del 1 al 5.',
    dateTime: 'No reconozco esa fecha y hora.',
    past: 'La fecha y hora ya pasaron: elija un momento futuro.',
    link: 'La liga de la reunión debe ser una dirección https:// completa (por ejemplo, la liga de la reunión de Teams), sin espacios.',
    number: `Indique el número de la reunión; consúltelo con ${cmd('meetings', 'lista')}.`,
  } satisfies Record<MeetingInputError, string>,
  errors: {
    notFound: `No encuentro esa reunión; consulte los números con ${cmd('meetings', 'lista')}.`,
    nationalExists: (n?: number) => `Ya hay una reunión nacional de ese tipo programada (reunión ${n ?? ''}). Para cambiar su fecha use ${cmd('meetings', 'mover')}.`,
    cancelled: 'Esa reunión fue cancelada; no se hizo ningún cambio.',
    past: 'La fecha y hora ya pasaron: elija un momento futuro.',
    started: 'Esa reunión ya comenzó o terminó; no se puede cancelar.',
    notInvited: 'Esta reunión no le corresponde: su asistencia no se registró.',
    checkInEarly: 'El registro de asistencia se abre 15 minutos antes del inicio de la reunión. Vuelva a presionar «Estoy presente» entonces.',
    checkInClosed: 'La reunión ya terminó; su asistencia ya no se puede registrar.',
  } satisfies Record<MeetingErrorCode, string | ((n?: number) => string)>,
  zoneNote: (zoneLabel: string) => `La hora se leyó en la ${zoneLabel}.`,
  scheduled: (number: number, name: string, when: string, invited: number, zoneNote: string) =>
    `Listo. Programé la ${bold(name)} (reunión ${number}) para el ${when}. ${zoneNote} Enviaré la invitación a ${count(invited, NOUNS.integrante)} con la hora de su zona y les recordaré un día y una hora antes.`,
  moved: (number: number, name: string, when: string, zoneNote: string) =>
    `Listo. La ${bold(name)} (reunión ${number}) ahora es el ${when}. ${zoneNote} Avisaré del cambio a las invitadas y sus recordatorios se reprogramaron.`,
  cancelled: (number: number, name: string) => `Listo. Cancelé la ${bold(name)} (reunión ${number}). Avisaré a las invitadas y no se enviarán recordatorios.`,
  listTitle: 'Reuniones de la edición:',
  listEmpty: `Todavía no hay reuniones programadas. Prográmelas con ${cmd('meetings', 'programar')}.`,
  listLine: (number: number, name: string, when: string, cancelled: boolean, attended: number) =>
    `- ${number}. ${name}: ${when}${cancelled ? ' (cancelada)' : ''}; ${count(attended, INVITADA)} con asistencia registrada.`,
  name: meetingName,
  duration: (minutes: number) => (minutes % 60 === 0 ? count(minutes / 60, HORA) : count(minutes, MINUTO)),
  // Cards.
  inviteText: (name: string) => `La UTIGyND la invita a la ${name} de la Red de Coaching. La hora está en su zona horaria.`,
  movedText: (name: string) => `Cambió la fecha de la ${name}. Esta es la nueva fecha, en su zona horaria.`,
  reminderText: (which: ReminderWhich, name: string) => (which === 'day' ? `Le recordamos que mañana es la ${name}.` : `La ${name} comienza en una hora.`),
  checkInNote: 'Durante la reunión, presione «Estoy presente» para registrar su asistencia.',
  cancelledTitle: (name: string) => `Cancelada: ${name}`,
  cancelledText: (when: string) => `La reunión del ${when} fue cancelada. Si se programa de nuevo, recibirá una nueva invitación.`,
  checkedIn: (name: string) => `Gracias, registré su asistencia a la ${name}.`,
  alreadyCheckedIn: (name: string) => `Su asistencia a la ${name} ya estaba registrada.`,
  badCard: 'Esta tarjeta ya no es válida. Si necesita ayuda, escriba a la UTIGyND.',
  // Broadcast titles (delivery status).
  broadcastInvite: (name: string) => `Invitación: ${name}`,
  broadcastMoved: (name: string) => `Cambio de fecha: ${name}`,
  broadcastCancelled: (name: string) => `Cancelación: ${name}`,
  broadcastReminder: (which: ReminderWhich, name: string) => `Recordatorio (${which === 'day' ? 'un día antes' : 'una hora antes'}): ${name}`,
} as const;
