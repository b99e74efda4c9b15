import { cmd } from '../commands.js';
import { count, listJoin, NOUNS, type Forms } from '../../texts/spanish.js';
import type { ReportState } from '../../domain/groupReports/index.js';
import type { ElectedRoleId } from '../../domain/status/index.js';

/** Spanish (es-MX) texts of UTIGyND's status («estado», issue 13). */
const SESION: Forms = ['sesión', 'sesiones'];
const CASO: Forms = ['caso abierto', 'casos abiertos'];
const HELD: Forms = ['sesión realizada', 'sesiones realizadas'];
const PROGRAMMED: Forms = ['programada', 'programadas'];
const CANCELLED: Forms = ['cancelada', 'canceladas'];
const CONFIRMED_GROUP: Forms = ['grupo confirmado', 'grupos confirmados'];
const MAX_LISTED = 12;

const pct = (rate: number | null): string => (rate === null ? 'sin datos' : `${Math.round(rate * 100)} %`);

/** "grupos 2, 5 y 7" (at most 12 numbers, then "y N más"). */
export function groupList(groups: readonly number[]): string {
  const shown = groups.slice(0, MAX_LISTED).map(String);
  const rest = groups.length - shown.length;
  return `${groups.length === 1 ? 'grupo' : 'grupos'} ${rest > 0 ? `${shown.join(', ')} y ${rest} más` : listJoin(shown)}`;
}

export const STATUS_REPORT_LABELS: Readonly<Record<ReportState, string>> = {
  sin_iniciar: 'sin iniciar',
  borrador: 'en borrador',
  en_revision: 'en revisión',
  entregado: 'entregado',
  devuelto: 'devuelto',
  aceptado: 'aceptado',
};

/** How many reports are in a state ("2 entregados", "1 sin iniciar"). */
const REPORT_COUNT: Readonly<Record<ReportState, Forms>> = {
  sin_iniciar: ['sin iniciar', 'sin iniciar'],
  borrador: ['en borrador', 'en borrador'],
  en_revision: ['en revisión', 'en revisión'],
  entregado: ['entregado', 'entregados'],
  devuelto: ['devuelto', 'devueltos'],
  aceptado: ['aceptado', 'aceptados'],
};

const ROLE: Readonly<Record<ElectedRoleId, string>> = { representante: 'representante', secretaria: 'secretaria' };

export const STATUS_TEXTS = {
  usage: `Escriba ${cmd('status')} para ver toda la Red, ${cmd('status', 'grupo', 'N')} para un grupo o ${cmd('status', 'exportar')} para descargarlo en Excel.`,
  title: (edition: string) => `Estado de la Red · ${edition}`,
  subtitle: (at: string) => `Al ${at}.`,
  noData: 'Sin datos.',
  note: `Detalle por grupo: ${cmd('status', 'grupo', 'N')} · Excel: ${cmd('status', 'exportar')}.`,
  call: {
    heading: '1. Convocatoria',
    notScheduled: 'La convocatoria no tiene fechas.',
    notYetOpen: (opens: string) => `La convocatoria abre el ${opens}.`,
    open: (closes: string | undefined) => (closes ? `La convocatoria está abierta hasta el ${closes}.` : 'La convocatoria está abierta, sin fecha de cierre.'),
    closed: (closed: string) => `La convocatoria cerró el ${closed}.`,
    registrations: (validated: number, pending: number, rejected: number, withdrawn: number) =>
      `Registros: ${count(validated, NOUNS.validada)}, ${count(pending, NOUNS.pendiente)}, ${count(rejected, NOUNS.rechazada)} y ${count(withdrawn, NOUNS.dadaDeBaja)}.`,
    nextPending: (n: number) => `${count(n, NOUNS.registro)} por validar: use ${cmd('pending')}.`,
    nextSchedule: `Fije las fechas con ${cmd('call', 'fechas')}.`,
  },
  calendar: {
    heading: 'Calendario de la edición',
    stage: (label: string, date: string, past: boolean) => `${past ? '✓' : '•'} ${label}: ${date}`,
    none: `El calendario no tiene etapas: agréguelas con ${cmd('edition', 'etapa')}.`,
  },
  groups: {
    heading: '2. Grupos',
    notConfirmed: 'Los grupos aún no se confirman.',
    nextConfirm: `Propóngalos y confírmelos con ${cmd('groups', 'proponer')} y ${cmd('groups', 'confirmar')}.`,
    line: (n: number, linked: number) => `${count(n, CONFIRMED_GROUP)}; ${linked} con espacio vinculado.`,
    nextLink: (groups: readonly number[]) => `${count(groups.length, NOUNS.grupo)} sin espacio vinculado (${groupList(groups)}): use ${cmd('linkGroup', undefined, 'N')} en el canal o chat del grupo.`,
  },
  elections: {
    heading: '3. Elecciones',
    line: (complete: number, total: number) => `${complete} de ${count(total, NOUNS.grupo)} con representante y secretaria.`,
    nextMissing: (missing: readonly { group: number; roles: readonly ElectedRoleId[] }[]) =>
      `Faltan cargos en ${groupList(missing.map((m) => m.group))}${missing.length <= 3 ? ` (${missing.map((m) => `${m.group}: ${listJoin(m.roles.map((r) => ROLE[r]))}`).join('; ')})` : ''}: use ${cmd('elections', 'abrir')} o ${cmd('roleAssign')}.`,
  },
  plans: {
    heading: '4. Temas y planes de trabajo',
    line: (confirmed: number, total: number) => `${confirmed} de ${count(total, NOUNS.grupo)} con plan de trabajo confirmado.`,
    nextMissing: (groups: readonly number[]) => `Sin plan: ${groupList(groups)}. Abra la votación de temas con ${cmd('topics', 'votar')}; la representante confirma el plan.`,
  },
  sessions: {
    heading: '5. Sesiones y asistencia',
    line: (held: number, scheduled: number, cancelled: number) => `${count(held, HELD)}, ${count(scheduled, PROGRAMMED)} y ${count(cancelled, CANCELLED)}.`,
    attendance: (rate: number | null) => `Asistencia promedio: ${pct(rate)}.`,
    nextInactive: (groups: readonly number[], days: number) => `${count(groups.length, NOUNS.grupo)} sin sesiones en ${days} días (${groupList(groups)}): revise con ${cmd('status', 'grupo', 'N')}.`,
  },
  surveys: {
    heading: '6. Encuestas',
    none: 'Aún no hay oleadas de encuesta.',
    wave: (label: string, finished: number, invited: number, rate: number | null) => `${label}: ${finished} de ${invited} respondieron (${pct(rate)}).`,
  },
  reports: {
    heading: '7. Informes de grupo',
    byState: (parts: readonly string[]) => `${listJoin([...parts])}.`,
    part: (n: number, state: ReportState) => count(n, REPORT_COUNT[state]),
    due: (date: string) => `Fecha límite de entrega: ${date}.`,
    noDue: `Sin fecha límite: agregue la etapa «Entrega de informes» con ${cmd('edition', 'etapa')}.`,
    nextOverdue: (groups: readonly number[]) => `Venció el plazo y faltan ${count(groups.length, NOUNS.grupo)} (${groupList(groups)}): use ${cmd('groupReports')}.`,
    nextPending: (groups: readonly number[]) => `Faltan por entregar ${count(groups.length, NOUNS.grupo)}: use ${cmd('groupReports')}.`,
  },
  cases: {
    heading: '8. Casos de comunicación',
    line: (n: number) => (n === 0 ? 'No hay casos abiertos.' : `${count(n, CASO)}.`),
  },
  deliveries: {
    heading: '9. Envíos',
    line: (failing: number, retrying: number) => (failing === 0 && retrying === 0 ? 'Sin mensajes fallidos.' : `${count(failing, NOUNS.mensaje)} sin entregar y ${retrying} en reintento.`),
    next: `Revise los envíos con ${cmd('deliveries')}.`,
    noEngine: 'Sin datos: el motor de entrega no corre en este proceso.',
  },
  // estado grupo N
  group: {
    badGroup: (groups: number) => `Ese grupo no existe: esta edición tiene ${count(groups, NOUNS.grupo)}.`,
    noGroups: 'Los grupos de esta edición aún no se confirman.',
    usage: `Indique el número del grupo, por ejemplo ${cmd('status', 'grupo', '3')}.`,
    title: (group: number, edition: string) => `Estado del grupo ${group} · ${edition}`,
    membersHeading: (n: number) => `Integrantes (${n})`,
    member: (nombre: string, role: ElectedRoleId | undefined, attended: number | undefined, invited: number | undefined) =>
      `${nombre}${role ? ` (${ROLE[role]})` : ''}${invited !== undefined ? ` · asistió a ${attended ?? 0} de ${count(invited, SESION)}` : ''}`,
    sessionsHeading: 'Sesiones',
    sessionsLine: (held: number, scheduled: number, cancelled: number, last: string | undefined, rate: number | null) =>
      `${count(held, HELD)}, ${count(scheduled, PROGRAMMED)}, ${count(cancelled, CANCELLED)}${last ? `; última el ${last}` : ''}. Asistencia: ${pct(rate)}.`,
    planHeading: 'Plan de trabajo',
    planNone: 'Sin plan confirmado.',
    plan: (topics: readonly string[]) => listJoin([...topics]),
    reportHeading: 'Informe de grupo',
    report: (state: string, version: number | undefined) => `${state.charAt(0).toUpperCase()}${state.slice(1)}${version && version > 1 ? ` (versión ${version})` : ''}.`,
    noMembersNote: 'Sin integrantes validadas en este grupo.',
  },
  reportStateLabel: (state: ReportState) => STATUS_REPORT_LABELS[state],
  // estado exportar
  export: {
    fileName: (editionId: string, stamp: string) => `estado-red-${editionId}-${stamp}.xlsx`,
    description: (edition: string) => `Estado de la Red de ${edition}`,
    summarySheet: 'Resumen',
    groupsSheet: 'Grupos',
    columnsSummary: ['Etapa', 'Situación', 'Qué sigue'] as readonly string[],
    columnsGroups: ['Grupo', 'Espacio vinculado', 'Representante', 'Secretaria', 'Plan confirmado', 'Sesiones realizadas', 'Sin sesiones 30 días', 'Informe'] as readonly string[],
    yes: 'Sí',
    no: 'No',
  },
} as const;
