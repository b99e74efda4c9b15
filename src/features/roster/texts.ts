import { cmd } from '../commands.js';
import { agree, bold, count, NOUNS, num } from '../../texts/spanish.js';
import { ROSTER_FILE_HELP } from '../../../dialogs/roster/texts.js';
import type { ImportSummary } from '../../services/reports/rosterImport.js';

const fixAndResend = `Adjunte el archivo corregido en su siguiente mensaje, o escriba ${cmd('cancel')}.`;

/** Spanish texts of the roster feature ("importar padrón" and its card buttons). */
export const ROSTER_TEXTS = {
  /** A download or read problem (the message comes from the file layer), and how to go on. */
  fileProblem: (message: string): string => `${message}\n\n${fixAndResend}`,
  emptyFile: (fileName: string): string => `El archivo «${fileName}» no tiene filas con datos debajo de los encabezados. ${ROSTER_FILE_HELP}`,
  busyFile: `En este momento se está importando otro padrón para esta edición. Espere unos minutos y vuelva a enviar el archivo con ${cmd('importRoster')}.`,
  busyButton: 'En este momento se está importando otro padrón para esta edición. Espere unos minutos y vuelva a presionar el botón.',
  /** An applied import: how many members, what it replaced, and the rows left out when only the valid ones went in. */
  imported: (summary: ImportSummary, editionName: string, totalRows: number): string => {
    const lines = [
      `Listo: importé el padrón de ${bold(editionName)} con ${bold(num(summary.imported))} ${agree(summary.imported, NOUNS.integrante)}` +
        (summary.previousCount > 0 ? ` (reemplaza al padrón anterior, que tenía ${num(summary.previousCount)}).` : '.'),
    ];
    if (summary.mode === 'validOnly')
      lines.push(
        `Quedaron fuera ${count(summary.rejectedRows, NOUNS.fila)} con problemas de ${num(totalRows)}; corríjalas y vuelva a importar el archivo completo cuando pueda.`,
      );
    lines.push('Los registros nuevos se validarán contra este padrón.');
    return lines.join('\n\n');
  },
  confirmNotOwner: `Esa importación la inició otra persona administradora; solo ella puede confirmarla. Si necesita importar el padrón, envíe el archivo con ${cmd('importRoster')}.`,
  cancelNotOwner: 'Esa importación la inició otra persona administradora; solo ella puede cancelarla.',
  expired: `Esa importación ya no está disponible (vence a los 30 minutos). Envíe de nuevo el archivo con ${cmd('importRoster')}.`,
  alreadyApplied: 'Esa importación ya se aplicó; no hice ningún cambio adicional.',
  alreadyCancelled: `Esa importación se canceló; no hice ningún cambio. Envíe de nuevo el archivo con ${cmd('importRoster')}.`,
  editionChanged: `La edición activa cambió desde que envió el archivo; no apliqué nada. Envíe de nuevo el archivo con ${cmd('importRoster')}.`,
  cancelled: 'Listo, descarté el archivo. El padrón vigente no cambió.',
  notPending: 'Esa importación ya no estaba pendiente; no hice ningún cambio.',
} as const;
