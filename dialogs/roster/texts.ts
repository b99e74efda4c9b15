import { cmd, type CommandId } from '../../src/features/commands.js';
import { bold } from '../../src/texts/spanish.js';

/** What a roster file must look like (also quoted by the roster feature when a file has no rows). */
export const ROSTER_FILE_HELP =
  `El archivo debe ser CSV o Excel (.xlsx), de hasta 5 MB, con los encabezados ${bold('nombre, correo, vocalia, ambito, entidad, distrito')} en la fila 1 ` +
  '(el distrito solo para Juntas Distritales).';

/** Spanish texts of the "importar padrón" dialog (waiting for the file). */
export const IMPORT_ROSTER_DIALOG_TEXTS = {
  askForFile: `Adjunte el archivo del padrón en su siguiente mensaje (use el clip de ${bold('Adjuntar')}). ${ROSTER_FILE_HELP} Para salir, escriba ${cmd('cancel')}.`,
  leftForOtherCommand: (id: CommandId): string => `Dejé la importación del padrón sin archivo. Escriba de nuevo ${cmd(id)} para continuar.`,
  noFileReceived: `No recibí ningún archivo. Adjunte el padrón (CSV o .xlsx) en su siguiente mensaje, o escriba ${cmd('cancel')}.`,
  gaveUp: `Terminé la importación del padrón sin cambios. Cuando tenga el archivo listo, escriba ${cmd('importRoster')} y adjúntelo.`,
} as const;
