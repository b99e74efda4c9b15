import { cmd } from '../commands.js';
import { bold, count, NOUNS, type Forms } from '../../texts/spanish.js';
import type { ReportState } from '../../domain/groupReports/index.js';
import type { GroupReportErrorCode } from '../../services/groupReports/index.js';

/** Spanish (es-MX) texts of the group reports (issue 13). */
const SESION: Forms = ['sesión', 'sesiones'];
const DIA: Forms = ['día', 'días'];

export const REPORT_STATE_LABELS: Readonly<Record<ReportState, string>> = {
  sin_iniciar: 'Sin iniciar',
  borrador: 'Borrador',
  en_revision: 'En revisión',
  entregado: 'Entregado',
  devuelto: 'Devuelto',
  aceptado: 'Aceptado',
};

export const GROUP_REPORT_ERRORS: Readonly<Record<GroupReportErrorCode, string>> = {
  notAllowed: 'Esta acción no le corresponde con su cargo en el grupo. No se hizo ningún cambio.',
  inReview: 'El informe está en revisión con la representante del grupo; no se puede modificar hasta que lo apruebe o lo devuelva.',
  delivered: 'El informe ya fue entregado a la UTIGyND y no se puede modificar. No se hizo ningún cambio.',
  notInReview: 'El informe no está en revisión: no hay nada que aprobar o devolver.',
  notDelivered: 'El informe de este grupo aún no se entrega a la UTIGyND.',
  alreadyAccepted: 'Este informe ya fue aceptado; no hay nada más que hacer.',
  stale: `Esta tarjeta corresponde a una versión anterior del informe y ya no puede usarse. Escriba ${cmd('groupReport')} para abrir la versión vigente.`,
  invalidContent: 'Revise el informe: ',
  commentRequired: 'Escriba un comentario para que el grupo sepa qué corregir. No se hizo ningún cambio.',
  commentTooLong: 'El comentario es demasiado largo (máximo 1,000 caracteres). No se hizo ningún cambio.',
  attachmentType: 'El anexo debe ser un documento de Word (.docx) o un PDF. No se guardó el archivo.',
  attachmentSize: 'El anexo pesa más de 5 MB. Redúzcalo y vuelva a enviarlo. No se guardó el archivo.',
  attachmentEmpty: 'El archivo llegó vacío. Vuelva a enviarlo.',
};

const FIELD_LABELS: Readonly<Record<string, string>> = {
  summary: 'Resumen de los temas atendidos',
  achievements: 'Logros',
  agreements: 'Acuerdos',
  proposals: 'Propuestas al Instituto',
};

export const GROUP_REPORTS_TEXTS = {
  notInGroup: `Este comando es para la secretaria o la representante de un grupo de la Red. Si usted es de la UTIGyND, use ${cmd('groupReports')} o ${cmd('groupReport', 'revisar', '3')}.`,
  noGroups: 'Los grupos de esta edición aún no se confirman: todavía no hay informes de grupo.',
  usage: `Escriba ${cmd('groupReport')} para abrir el informe de su grupo, o adjunte un archivo .docx o .pdf con ${cmd('groupReport', 'adjuntar')}.`,
  reviewUsage: `Indique el número del grupo, por ejemplo ${cmd('groupReport', 'revisar', '3')}.`,
  badGroup: (groups: number) => `Ese grupo no existe: esta edición tiene ${count(groups, NOUNS.grupo)}.`,
  attachNoFile: `Adjunte el archivo (.docx o .pdf) al mismo mensaje en que escribe ${cmd('groupReport', 'adjuntar')}.`,
  attachProblem: (message: string) => `No se pudo recibir el anexo: ${message}`,
  attached: (name: string) => `Listo: ${bold(name)} quedó como anexo del informe. Escriba ${cmd('groupReport')} para seguir editándolo o enviarlo a revisión.`,
  fieldIssue: (field: string, problem: 'tooLong' | 'required') => {
    const label = field.startsWith('barriers.') ? `Barreras (${field.slice('barriers.'.length)})` : (FIELD_LABELS[field] ?? field);
    return problem === 'required' ? `falta «${label}»` : `«${label}» es demasiado largo`;
  },
  // The form
  formTitle: (group: number, version: number) => `Informe del grupo ${group}${version > 1 ? ` · versión ${version}` : ''}`,
  formIntro: (state: string, due: string | undefined) => `Estado: ${state}.${due ? ` Fecha límite de entrega: ${due}.` : ''} Lo que el bot ya sabe está abajo; complete los campos y guarde el borrador o envíelo a revisión de la representante.`,
  returnedNote: (comment: string) => `Observaciones recibidas: ${comment}`,
  knownTitle: 'Lo que el bot ya sabe del grupo',
  sessionsLine: (held: number, rate: number | null) => `Sesiones realizadas: ${count(held, SESION)}${rate === null ? '' : `; asistencia promedio ${Math.round(rate * 100)} %`}.`,
  sessionItem: (date: string, topic: string | undefined, attended: number, invited: number) => `${date}${topic ? ` · ${topic}` : ''} · asistieron ${attended} de ${invited}`,
  sessionsNoData: 'Sesiones: sin datos (el registro de sesiones aún no está disponible).',
  planTopics: (topics: string) => `Temas del plan de trabajo: ${topics}.`,
  planNone: 'Temas del plan de trabajo: el grupo aún no confirma su plan.',
  minutesTopics: (topics: string) => `Temas atendidos según las minutas: ${topics}.`,
  minutesNone: 'Temas atendidos según las minutas: sin datos.',
  minutesBarriers: (category: string, texts: string) => `Barreras en minutas · ${category}: ${texts}`,
  labels: {
    summary: 'Resumen de los temas atendidos',
    achievements: 'Logros',
    agreements: 'Acuerdos',
    barriersTitle: 'Barreras identificadas, por categoría',
    proposals: 'Propuestas al Instituto',
    attachment: (name: string | undefined) => (name ? `Anexo: ${name}` : `Sin anexo. Para agregar uno, escriba ${cmd('groupReport', 'adjuntar')} con el archivo (.docx o .pdf, máximo 5 MB) adjunto.`),
    save: 'Guardar borrador',
    submit: 'Enviar a revisión',
    approve: 'Aprobar y entregar a la UTIGyND',
    returnToGroup: 'Devolver con comentario',
    accept: 'Aceptar',
    returnByAdmin: 'Devolver con observaciones',
    comment: 'Comentario (obligatorio para devolver)',
  },
  saved: (version: number) => `Borrador guardado (versión ${version}). Puede seguir editándolo con ${cmd('groupReport')}.`,
  submitted: 'Listo: el informe se envió a la representante del grupo para su revisión. Le avisaremos cuando lo apruebe o lo devuelva.',
  submittedNoRep: 'El informe quedó en revisión, pero el grupo aún no tiene representante: la UTIGyND puede asignarla para que lo apruebe.',
  inReviewView: 'El informe está en revisión con la representante del grupo.',
  deliveredView: 'El informe ya se entregó a la UTIGyND; esta es la versión entregada.',
  // Review by the representante
  reviewTitle: (group: number, version: number) => `Revisión del informe del grupo ${group} · versión ${version}`,
  reviewIntro: 'La secretaria envió el informe del grupo para su revisión. Apruébelo para entregarlo a la UTIGyND o devuélvalo con un comentario.',
  approved: (group: number) => `Listo: el informe del grupo ${group} se entregó a la UTIGyND.`,
  returnedByRep: 'Listo: el informe se devolvió con su comentario. La secretaria ya recibió el aviso.',
  // UTIGyND
  adminReviewIntro: (state: string) => `Estado: ${state}. Acéptelo o devuélvalo con observaciones; la secretaria y la representante reciben el aviso.`,
  accepted: (group: number) => `Listo: el informe del grupo ${group} quedó aceptado. La secretaria y la representante ya recibieron el aviso.`,
  returnedByAdmin: (group: number) => `Listo: el informe del grupo ${group} se devolvió con sus observaciones. La secretaria y la representante ya recibieron el aviso.`,
  notStarted: (group: number) => `El grupo ${group} aún no inicia su informe.`,
  // Sections of a report as text
  section: {
    summary: 'Resumen de los temas atendidos',
    achievements: 'Logros',
    agreements: 'Acuerdos',
    barriers: 'Barreras identificadas',
    proposals: 'Propuestas al Instituto',
    empty: '(sin contenido)',
  },
  // Notices (1:1)
  notice: {
    reviewTitle: (group: number) => `Informe del grupo ${group} para revisión`,
    approvedTitle: (group: number) => `Informe del grupo ${group} entregado`,
    approvedText: (group: number) => `La representante aprobó el informe del grupo ${group} y se entregó a la UTIGyND.`,
    returnedTitle: (group: number) => `Informe del grupo ${group} devuelto`,
    returnedByRepText: (group: number, comment: string) => `La representante devolvió el informe del grupo ${group} con este comentario: «${comment}». Escriba ${cmd('groupReport')} para corregirlo y enviarlo de nuevo.`,
    returnedByAdminText: (group: number, comment: string) => `La UTIGyND devolvió el informe del grupo ${group} con estas observaciones: «${comment}». Escriba ${cmd('groupReport')} para corregirlo; después la representante lo entrega de nuevo.`,
    acceptedTitle: (group: number) => `Informe del grupo ${group} aceptado`,
    acceptedText: (group: number) => `La UTIGyND aceptó el informe del grupo ${group}. ¡Gracias por su trabajo!`,
    reminderTitle: (group: number) => `Recordatorio: informe del grupo ${group}`,
    reminderText: (group: number, days: number, due: string, state: string) =>
      `Faltan ${count(days, DIA)} para la entrega del informe del grupo ${group} (fecha límite: ${due}). Estado actual: ${state}. Escriba ${cmd('groupReport')} para completarlo.`,
  },
  // informes (UTIGyND)
  listTitle: (edition: string) => `Informes de grupo · ${edition}`,
  listDue: (due: string | undefined) => (due ? `Fecha límite de entrega: ${due}.` : `Sin fecha límite: agréguela al calendario de la edición como etapa «Entrega de informes» (${cmd('edition')}).`),
  listLine: (group: number, state: string, version: number) => `Grupo ${group}: ${state}${version > 1 ? ` (versión ${version})` : ''}`,
  listSummary: (parts: string) => `Resumen: ${parts}.`,
  listHint: `Para revisar uno: ${cmd('groupReport', 'revisar', 'N')}.`,
} as const;
