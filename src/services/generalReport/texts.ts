import type { BarrierExample, GroupReportState, MeetingRow } from '../../domain/generalReport/index.js';
import type { GroupAttribute } from '../../domain/groups/types.js';
import { count, num, type Forms } from '../../texts/spanish.js';

/**
 * Every Spanish text of the general report's documents (DOCX and XLSX). The chat messages of the
 * "informe general" commands live in src/features/generalReport/texts.ts.
 */

const N = {
  registro: ['registro', 'registros'],
  grupo: ['grupo', 'grupos'],
  sesion: ['sesión', 'sesiones'],
  mencion: ['mención', 'menciones'],
  integrante: ['integrante', 'integrantes'],
} as const satisfies Record<string, Forms>;

export const pct = (share: number | undefined | null): string => (share === undefined || share === null ? '—' : `${(share * 100).toLocaleString('es-MX', { maximumFractionDigits: 1 })} %`);
export const dec = (value: number | null | undefined, digits = 2): string => (value === undefined || value === null ? '—' : value.toLocaleString('es-MX', { maximumFractionDigits: digits, minimumFractionDigits: digits }));

export const REPORT_STATE_LABELS: Record<GroupReportState, string> = {
  sin_iniciar: 'Sin iniciar',
  borrador: 'Borrador',
  en_revision: 'En revisión',
  entregado: 'Entregado',
  devuelto: 'Devuelto',
  aceptado: 'Aceptado',
};

export const SESSION_STATE_LABELS: Record<MeetingRow['state'], string> = { held: 'Realizada', scheduled: 'Programada', cancelled: 'Cancelada' };
export const MEETING_KIND_LABELS: Record<MeetingRow['kind'], string> = { nacional: 'Nacional', regional: 'Regional' };
export const EXAMPLE_SOURCE_LABELS: Record<BarrierExample['source'], string> = { minutes: 'Minuta de sesión', groupReport: 'Informe de grupo', anonymous: 'Reporte anónimo' };
export const ATTRIBUTE_LABELS: Record<GroupAttribute, string> = { vocalia: 'Vocalía', ambito: 'Ámbito', circunscripcion: 'Circunscripción', entidad: 'Entidad' };

export const GENERAL_REPORT_TEXTS = {
  noData: 'Sin datos.',
  noDataCell: 'sin datos',
  suppressedCell: 'sin datos suficientes',
  unknown: 'Sin dato',
  placeholders: { person: '[nombre omitido]', email: '[correo omitido]', phone: '[teléfono omitido]', place: '[lugar omitido]' },
  /** Options of a barrier question that do not count as a mention. */
  negativeAnswers: ['No', 'Ninguna', 'Ninguno', 'Nunca', 'No aplica', 'Prefiero no responder'],

  title: 'Informe general',
  subtitle: 'Red de Coaching para Mujeres del Servicio Profesional Electoral Nacional',
  coverEdition: (name: string) => `Edición ${name}`,
  coverTo: 'Para la Comisión de Igualdad de Género y No Discriminación',
  coverFrom: 'Unidad Técnica de Igualdad de Género y No Discriminación (UTIGyND)',
  coverDate: (date: string) => `Generado el ${date}`,
  tocTitle: 'Contenido',
  tocHint: 'Para actualizar el índice, abra el documento en Word y elija «Actualizar campos».',
  creator: 'Red de Coaching (UTIGyND)',
  description: (edition: string) => `Informe general de la Red de Coaching, edición ${edition}`,

  presentation: {
    heading: '1. Presentación y método',
    paragraphs: (edition: string) => [
      `La Red de Coaching para Mujeres del Servicio Profesional Electoral Nacional reúne a integrantes del SPEN en grupos de acompañamiento entre pares. Este informe general, que la UTIGyND entrega a la Comisión de Igualdad de Género y No Discriminación, recopila lo ocurrido en la edición ${edition}: la convocatoria y la participación, la conformación de los grupos, las sesiones y reuniones, las barreras identificadas, los resultados de las encuestas y las conclusiones y propuestas de los informes de los grupos.`,
      'Método: las cifras se calculan a partir de los registros que el bot de la Red conserva (registros de integrantes, grupos, cargos, planes de trabajo, sesiones, minutas, reuniones, encuestas e informes de grupo). Cuando una fuente no existe o no tiene información, la sección lo indica con «sin datos».',
      'Confidencialidad: los resultados de las encuestas se presentan solo de forma agregada; ninguna cifra con menos respuestas que el umbral de confidencialidad (k) se muestra, ni se puede deducir por diferencia. Los ejemplos de barreras se publican sin nombres, correos ni teléfonos, y sin lugares más pequeños que una circunscripción.',
    ],
  },

  participation: {
    heading: '2. Convocatoria y participación',
    callHeading: '2.1 Fechas de la convocatoria y calendario',
    opens: 'Apertura de registro',
    closes: 'Cierre de registro',
    stage: 'Etapa',
    date: 'Fecha',
    totalsHeading: '2.2 Registros por estatus',
    totals: (t: { total: number; validated: number; pending: number; rejected: number; withdrawn: number }) =>
      `La convocatoria recibió ${count(t.total, N.registro)}. Estatus actual: ${num(t.validated)} ${t.validated === 1 ? 'validado' : 'validados'}, ${num(t.pending)} ${t.pending === 1 ? 'pendiente' : 'pendientes'} de validación, ${num(t.rejected)} ${t.rejected === 1 ? 'rechazado' : 'rechazados'} y ${num(t.withdrawn)} ${t.withdrawn === 1 ? 'dado' : 'dados'} de baja.`,
    byVocalia: '2.3 Registros por vocalía',
    byAmbito: '2.4 Registros por ámbito',
    byEntidad: '2.5 Registros por entidad',
    byCircunscripcion: '2.6 Registros por circunscripción',
    chartVocalia: 'Figura 1. Integrantes validadas por vocalía',
    chartAxisMembers: 'Integrantes validadas',
    columns: { label: 'Categoría', validated: 'Validadas', pending: 'Pendientes', withdrawn: 'Dadas de baja', rejected: 'Rechazadas', total: 'Total' },
  },

  groups: {
    heading: '3. Grupos',
    summary: (g: { count: number; members: number; minSize: number; maxSize: number; meanSize: string }) =>
      `Se conformaron ${count(g.count, N.grupo)} con ${count(g.members, N.integrante)} validadas; el tamaño va de ${num(g.minSize)} a ${num(g.maxSize)} (promedio ${g.meanSize}).`,
    balance: (total: number, clashes: number) =>
      `Equilibrio de la composición: el exceso total sobre la proporción esperada es ${num(total)} (suma de vocalía, ámbito, circunscripción y entidad; 0 es el equilibrio perfecto) y hay ${num(clashes)} coincidencias de integrantes de una misma junta por encima de lo permitido.`,
    roles: (both: number, groups: number) => `${num(both)} de ${count(groups, N.grupo)} ${both === 1 ? 'cuenta' : 'cuentan'} con representante y secretaria.`,
    balanceHeading: '3.1 Equilibrio de la composición por grupo',
    rolesHeading: '3.2 Representantes y secretarias',
    columns: { group: 'Grupo', size: 'Integrantes', totalExcess: 'Exceso total', clashes: 'Coincidencias de junta', representante: 'Representante', secretaria: 'Secretaria' },
    vacant: 'Vacante',
  },

  implementation: {
    heading: '4. Implementación',
    meetingsHeading: '4.1 Reuniones nacionales y regionales',
    sessionsHeading: '4.2 Sesiones de los grupos',
    ejesHeading: '4.3 Temas atendidos por eje temático',
    sessionsSummary: (held: number, scheduled: number, cancelled: number, rate: string) =>
      `Los grupos realizaron ${count(held, N.sesion)} (${num(scheduled)} programadas, ${num(cancelled)} canceladas); la asistencia promedio a las sesiones realizadas fue de ${rate}.`,
    meetingColumns: { title: 'Reunión', kind: 'Tipo', date: 'Fecha', state: 'Estado', region: 'Región', invited: 'Convocadas', attended: 'Asistentes', rate: 'Asistencia' },
    sessionColumns: { group: 'Grupo', held: 'Realizadas', scheduled: 'Programadas', cancelled: 'Canceladas', invited: 'Convocatorias', attended: 'Asistencias', rate: 'Asistencia' },
    ejeColumns: { eje: 'Eje temático', planned: 'Temas en planes de trabajo', held: 'Sesiones realizadas' },
  },

  barriers: {
    heading: '5. Barreras identificadas',
    summary: (total: number) => `Se registraron ${count(total, N.mencion)} de barreras en las ocho categorías de la Red.`,
    sourcesNote: (missing: string[]) => (missing.length ? `Fuentes sin datos: ${missing.join(', ')}.` : ''),
    sourceNames: { minutes: 'minutas de sesión', groupReports: 'informes de grupo', surveys: 'encuestas', anonymous: 'reportes anónimos' },
    tableHeading: '5.1 Barreras por categoría',
    chart: 'Figura 2. Menciones de barreras por categoría',
    chartAxis: 'Menciones',
    examplesHeading: '5.2 Ejemplos (anonimizados)',
    columns: { category: 'Categoría', minutes: 'Minutas', groupReports: 'Informes de grupo', surveys: 'Encuestas', anonymous: 'Reportes anónimos', total: 'Total', share: 'Porcentaje' },
    exampleColumns: { category: 'Categoría', source: 'Fuente', text: 'Ejemplo' },
    totalRow: 'Total',
  },

  surveys: {
    heading: '6. Resultados de las encuestas',
    k: (k: number) => `Umbral de confidencialidad: k = ${k}. Las celdas con menos de ${k} respuestas se muestran como «sin datos suficientes».`,
    wavesHeading: '6.1 Respuesta por levantamiento',
    waveHeading: (label: string) => `Resultados: ${label}`,
    prePostHeading: '6.2 Comparación antes y después',
    prePostNote: 'Para las preguntas de escala se muestra el promedio; para las de opción, el porcentaje de la primera opción; para cada categoría de barrera, el efecto promedio (1 a 5) entre quienes la enfrentaron.',
    noPrePost: 'No hay preguntas comparables entre levantamientos.',
    waveColumns: { wave: 'Levantamiento', label: 'Nombre', opens: 'Apertura', closes: 'Cierre', invited: 'Invitadas', finished: 'Respuestas completas', rate: 'Tasa de respuesta' },
    questionColumns: { question: 'Pregunta', option: 'Opción', count: 'Respuestas', share: 'Porcentaje' },
    mean: 'Promedio',
    barrierQuestion: (label: string) => `Categoría de barrera: ${label}`,
    faced: 'Enfrentaron la barrera',
    effect: 'Efecto promedio (1 a 5)',
    answered: (n: number | null) => (n === null ? 'Respuestas: sin datos suficientes' : `Respuestas: ${num(n)}`),
    textQuestion: 'Pregunta abierta: las respuestas no se publican en este informe.',
    question: 'Pregunta',
    wave: (n: number) => `Levantamiento ${n}`,
  },

  conclusions: {
    heading: '7. Conclusiones y propuestas',
    states: 'Estado de los informes de grupo',
    statesColumns: { state: 'Estado', count: 'Grupos' },
    none: 'Ningún informe de grupo ha sido aceptado todavía.',
    compiledHeading: 'Logros, acuerdos y propuestas de los grupos',
    achievements: 'Logros',
    agreements: 'Acuerdos',
    proposals: 'Propuestas al Instituto',
    columns: { group: 'Grupo', achievements: 'Logros', agreements: 'Acuerdos', proposals: 'Propuestas' },
  },

  annex: {
    heading: 'Anexo. Informes de grupo aceptados',
    groupHeading: (g: number, version: number) => `Informe del grupo ${g} (versión ${version})`,
    delivered: (d: string) => `Entregado: ${d}`,
    accepted: (d: string) => `Aceptado: ${d}`,
    summary: 'Resumen de temas atendidos',
    barriers: 'Barreras identificadas',
    attachment: (name: string) => `Anexo del grupo: ${name} (disponible en el flujo de archivos del bot)`,
    columns: { group: 'Grupo', version: 'Versión', delivered: 'Entregado', accepted: 'Aceptado', summary: 'Resumen', achievements: 'Logros', agreements: 'Acuerdos', barriers: 'Barreras', proposals: 'Propuestas', attachment: 'Anexo' },
  },

  sheets: {
    summary: 'Portada',
    participation: 'Participación',
    calendar: 'Calendario',
    groups: 'Grupos',
    meetings: 'Reuniones',
    sessions: 'Sesiones',
    ejes: 'Ejes temáticos',
    barriers: 'Barreras',
    examples: 'Ejemplos de barreras',
    waves: 'Encuestas',
    results: 'Resultados de encuestas',
    prePost: 'Antes y después',
    conclusions: 'Conclusiones',
    annex: 'Anexo',
    dimension: 'Dimensión',
    field: 'Dato',
    value: 'Valor',
    editionRow: 'Edición',
    generatedRow: 'Generado',
    sectionRow: 'Sección',
    statusRow: 'Estado',
  },
  dimensions: { vocalia: 'Vocalía', ambito: 'Ámbito', entidad: 'Entidad', circunscripcion: 'Circunscripción' },
  circunscripcion: (n: string, cabecera: string) => `Circunscripción ${n} (${cabecera})`,
} as const;
