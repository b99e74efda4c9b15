import { count, NOUNS } from '../../texts/spanish.js';

/** Edition ids as they go into a file name (letters, digits and dashes). */
const fileSafe = (s: string): string => s.replace(/[^A-Za-z0-9-]+/g, '-').replace(/^-+|-+$/g, '') || 'edicion';

/** Spanish texts of the reports feature ("registros", "exportar registros"). */
export const REPORTS_TEXTS = {
  exportSheetName: 'Registros',
  /** registros-2026-20260301-1005.xlsx */
  exportFileName: (editionId: string, timestamp: string): string => `registros-${fileSafe(editionId)}-${timestamp}.xlsx`,
  exportDescription: (editionName: string, members: number, cutoff: string): string =>
    `Registros de ${editionName}: ${count(members, NOUNS.persona)}, corte al ${cutoff}. Contiene datos personales: manéjelo conforme al aviso de privacidad.`,
} as const;
