import { cmd } from '../commands.js';

/** Edition ids as they go into a file name (letters, digits and dashes). */
const fileSafe = (s: string): string => s.replace(/[^A-Za-z0-9-]+/g, '-').replace(/^-+|-+$/g, '') || 'edicion';

const mb = (bytes: number): string => (bytes / (1024 * 1024)).toLocaleString('es-MX', { maximumFractionDigits: 1 });

/** Spanish chat messages of "informe general" and "informe general xlsx" (the documents' texts: src/services/generalReport/texts.ts). */
export const GENERAL_REPORT_CHAT_TEXTS = {
  /** informe-general-2026-20270301-1005.docx */
  fileName: (editionId: string, timestamp: string, extension: 'docx' | 'xlsx'): string => `informe-general-${fileSafe(editionId)}-${timestamp}.${extension}`,
  docxDescription: (editionName: string, at: string): string => `Informe general de ${editionName} para la Comisión de Igualdad de Género y No Discriminación, con datos al ${at}.`,
  xlsxDescription: (editionName: string, at: string): string => `Datos del informe general de ${editionName}, una hoja por sección, con datos al ${at}.`,
  noData: (editionName: string): string =>
    `${editionName} todavía no tiene datos para el informe general: no hay registros, grupos, sesiones, encuestas ni informes de grupo. No generé ningún archivo.`,
  tooLarge: (bytes: number, maxBytes: number): string =>
    `El informe general pesa ${mb(bytes)} MB, más de los ${mb(maxBytes)} MB que puedo entregar en el chat. Pida los datos en Excel con ${cmd('generalReportXlsx')}.`,
  tooLargeXlsx: (bytes: number, maxBytes: number): string => `El libro de Excel del informe general pesa ${mb(bytes)} MB, más de los ${mb(maxBytes)} MB que puedo entregar en el chat.`,
  failed: 'No pude generar el informe general en este momento. Intente de nuevo en unos minutos; si el problema continúa, revise el registro del bot.',
} as const;
