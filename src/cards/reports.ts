import { nonZeroByCount, percent, type RegistrationStats, type StatBucket } from '../services/reports/stats.js';
import { num } from '../texts/spanish.js';
import { renderTemplate, type CardJson } from './render.js';
import { VERBS } from './verbs.js';

/** The registration statistics card (src/features/reports/; template cards/reports/registrationStats.json). */

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
      text: `${b.label}: ${num(b.count)} (${percent(b.count, total)} %)`,
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
  const entidades = nonZeroByCount(s.byEntidad).map((b) => ({ label: b.label, value: `${num(b.count)} (${percent(b.count, s.current)} %)` }));
  const withoutAny = s.byEntidad.filter((b) => b.count === 0 && b.key !== '__sin_dato__').length;
  return renderTemplate('registrationStats', {
    editionName: data.editionName,
    totalText: num(s.total),
    currentText: num(s.current),
    generatedAt: data.generatedAt,
    chartNote:
      'Cada barra es proporcional al grupo más numeroso de su sección; las cifras exactas y los porcentajes están en el texto de cada renglón.',
    sections,
    entidades,
    entidadesNote:
      entidades.length === 0
        ? 'Todavía no hay registros vigentes.'
        : `${currentNote} De mayor a menor.${withoutAny > 0 ? ` ${withoutAny === 1 ? 'Una entidad no tiene' : `${num(withoutAny)} entidades no tienen`} registros vigentes.` : ''}`,
    verbs: VERBS,
  });
}
