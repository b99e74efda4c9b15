import ExcelJS from 'exceljs';

/**
 * The observations of a document as an XLSX workbook (one row per observation). Column titles come from the
 * caller (Spanish texts live with the feature). Every value is written as text: an observation that starts with
 * "=" stays text, never a formula.
 */
export interface ObservationRow {
  document: string;
  version: string;
  section: string;
  text: string;
  date: string;
  /** Only when the edition's observations are not anonymous. */
  author?: string;
}

export async function observationsWorkbook(rows: readonly ObservationRow[], labels: { sheet: string; columns: Record<keyof ObservationRow, string> }, withAuthor: boolean): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(labels.sheet);
  const keys: (keyof ObservationRow)[] = ['document', 'version', 'section', 'text', 'date', ...(withAuthor ? (['author'] as const) : [])];
  ws.columns = keys.map((k) => ({ header: labels.columns[k], key: k, width: k === 'text' ? 80 : k === 'section' ? 30 : 20 }));
  for (const r of rows) ws.addRow(Object.fromEntries(keys.map((k) => [k, r[k] ?? ''])));
  ws.getRow(1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
