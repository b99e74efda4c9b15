import { renderTemplate, type CardJson } from './render.js';
import { VERBS } from './verbs.js';
import { ROSTER_FIELD_LABELS, type RosterError } from '../domain/roster.js';
import { nonZeroByCount, percent, type RegistrationStats, type StatBucket } from '../services/reports/stats.js';

/** Cards of the administration feature (files and reports). One render function per template. */

const nf = new Intl.NumberFormat('es-MX');
const n = (x: number): string => nf.format(x);

// ---------------------------------------------------------------------------------------------
// importRosterErrors

/** At most this many problems are listed on the card (Teams cards must stay small). */
export const MAX_LISTED_ERRORS = 25;

export interface ImportErrorsCardData {
  fileName: string;
  editionName: string;
  totalRows: number;
  validCount: number;
  rowsWithErrors: number;
  errors: readonly RosterError[];
  /** Pending import id; absent when no row is valid (nothing to confirm). */
  importId?: string;
}

export function renderImportErrorsCard(data: ImportErrorsCardData): CardJson {
  const listed = data.errors.slice(0, MAX_LISTED_ERRORS);
  const more = data.errors.length - listed.length;
  const canImportValid = data.importId !== undefined && data.validCount > 0;
  return renderTemplate('importRosterErrors', {
    summary:
      `Revisé las ${n(data.totalRows)} filas del archivo y ${data.rowsWithErrors === 1 ? 'una tiene' : `${n(data.rowsWithErrors)} tienen`} problemas. ` +
      'No se aplicó ningún cambio: el padrón anterior sigue vigente.',
    fileName: data.fileName,
    editionName: data.editionName,
    totalText: n(data.totalRows),
    validText: n(data.validCount),
    invalidText: n(data.rowsWithErrors),
    errors: listed.map((e) => ({ text: `**Fila ${e.row}**${e.field ? ` (${ROSTER_FIELD_LABELS[e.field]})` : ''}: ${e.message}` })),
    moreText:
      more > 0
        ? `Se muestran ${n(listed.length)} de ${n(data.errors.length)} problemas; hay ${n(more)} más. Corrija los que se muestran y vuelva a enviar el archivo para ver los siguientes.`
        : '',
    nextStep: canImportValid
      ? `Corrija el archivo y envíelo de nuevo con **importar padrón**, o importe ahora solo las ${n(data.validCount)} filas válidas (las filas con problemas quedarán fuera del padrón). Esta opción vence en 30 minutos.`
      : 'Ninguna fila es válida. Corrija el archivo y envíelo de nuevo con **importar padrón**.',
    canImportValid,
    importId: data.importId ?? '',
    verbs: VERBS,
  });
}

// ---------------------------------------------------------------------------------------------
// registrationStats

export interface StatsCardData {
  editionName: string;
  /** Already formatted date and time of the cut. */
  generatedAt: string;
  stats: RegistrationStats;
}

/** Width of the longest bar, in weighted column units. */
const BAR_UNITS = 100;

interface BarRow {
  text: string;
  bar: number;
  rest: number;
}

function barRows(buckets: readonly StatBucket[], total: number): BarRow[] {
  const max = Math.max(0, ...buckets.map((b) => b.count));
  return buckets.map((b) => {
    // Proportional to the largest group; a non-zero count always gets a visible bar.
    const bar = max > 0 && b.count > 0 ? Math.max(1, Math.round((b.count * BAR_UNITS) / max)) : 0;
    return {
      text: `${b.label}: ${n(b.count)} (${percent(b.count, total)} %)`,
      bar,
      rest: bar > 0 ? BAR_UNITS - bar : 0,
    };
  });
}

export function renderStatsCard(data: StatsCardData): CardJson {
  const s = data.stats;
  const currentNote = 'Solo registros vigentes (validados y pendientes de validación).';
  const sections = [
    { title: 'Por estatus', subtitle: 'Todos los registros de la edición.', rows: barRows(s.byStatus, s.total) },
    { title: 'Por ámbito', subtitle: currentNote, rows: barRows(s.byAmbito, s.current) },
    { title: 'Por vocalía', subtitle: currentNote, rows: barRows(s.byVocalia, s.current) },
    { title: 'Por circunscripción', subtitle: currentNote, rows: barRows(s.byCircunscripcion, s.current) },
  ];
  const entidades = nonZeroByCount(s.byEntidad).map((b) => ({ label: b.label, value: `${n(b.count)} (${percent(b.count, s.current)} %)` }));
  const withoutAny = s.byEntidad.filter((b) => b.count === 0 && b.key !== '__sin_dato__').length;
  return renderTemplate('registrationStats', {
    editionName: data.editionName,
    totalText: n(s.total),
    currentText: n(s.current),
    generatedAt: data.generatedAt,
    chartNote:
      'Cada barra es proporcional al grupo más numeroso de su sección; las cifras exactas y los porcentajes están en el texto de cada renglón.',
    sections,
    entidades,
    entidadesNote:
      entidades.length === 0
        ? 'Todavía no hay registros vigentes.'
        : `${currentNote} De mayor a menor.${withoutAny > 0 ? ` ${withoutAny === 1 ? 'Una entidad no tiene' : `${n(withoutAny)} entidades no tienen`} registros vigentes.` : ''}`,
    verbs: VERBS,
  });
}
