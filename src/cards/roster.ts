import { ROSTER_FIELD_LABELS, type RosterError } from '../domain/roster.js';
import { num } from '../texts/spanish.js';
import { renderTemplate, type CardJson } from './render.js';
import { VERBS } from './verbs.js';

/** The roster import errors card (src/features/roster/; template cards/roster/importRosterErrors.json). */

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
      `${data.totalRows === 1 ? 'Revisé la única fila del archivo y tiene' : `Revisé las ${num(data.totalRows)} filas del archivo y ${data.rowsWithErrors === 1 ? 'una tiene' : `${num(data.rowsWithErrors)} tienen`}`} problemas. ` +
      'No se aplicó ningún cambio: el padrón anterior sigue vigente.',
    fileName: data.fileName,
    editionName: data.editionName,
    totalText: num(data.totalRows),
    validText: num(data.validCount),
    invalidText: num(data.rowsWithErrors),
    errors: listed.map((e) => ({ text: `**Fila ${e.row}**${e.field ? ` (${ROSTER_FIELD_LABELS[e.field]})` : ''}: ${e.message}` })),
    moreText:
      more > 0
        ? `Se muestran ${num(listed.length)} de ${num(data.errors.length)} problemas; hay ${num(more)} más. Corrija los que se muestran y vuelva a enviar el archivo para ver los siguientes.`
        : '',
    nextStep: canImportValid
      ? `Corrija el archivo y envíelo de nuevo con **importar padrón**, o importe ahora solo ${data.validCount === 1 ? 'la fila válida' : `las ${num(data.validCount)} filas válidas`} (las filas con problemas quedarán fuera del padrón). Esta opción vence en 30 minutos.`
      : 'Ninguna fila es válida. Corrija el archivo y envíelo de nuevo con **importar padrón**.',
    canImportValid,
    importId: data.importId ?? '',
    verbs: VERBS,
  });
}
