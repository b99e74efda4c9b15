import ExcelJS from 'exceljs';
import type { NetworkStatus } from '../../domain/status/index.js';
import { STATUS_TEXTS as T } from './texts.js';
import { networkSections } from './views.js';

/** «estado exportar»: the status as an Excel workbook — the card's sections, and one row per group. */
export async function statusWorkbook(s: NetworkStatus, zone: string): Promise<Buffer> {
  const X = T.export;
  const wb = new ExcelJS.Workbook();
  const summary = wb.addWorksheet(X.summarySheet);
  summary.addRow([...X.columnsSummary]).font = { bold: true };
  for (const section of networkSections(s, zone)) summary.addRow([section.heading, section.lines.join('\n'), section.next]);
  summary.columns.forEach((c, i) => (c.width = [34, 80, 80][i] ?? 20));
  if (s.groups) {
    const groups = wb.addWorksheet(X.groupsSheet);
    groups.addRow([...X.columnsGroups]).font = { bold: true };
    const unlinked = new Set(s.groups.unlinked);
    const missing = new Map((s.elections?.missing ?? []).map((m) => [m.group, new Set(m.roles)]));
    const noPlan = new Set(s.plans?.missing ?? []);
    const inactive = new Set(s.sessions?.inactive ?? []);
    for (let g = 1; g <= s.groups.count; g++) {
      const lack = missing.get(g);
      groups.addRow([
        g,
        unlinked.has(g) ? X.no : X.yes,
        lack?.has('representante') ? X.no : X.yes,
        lack?.has('secretaria') ? X.no : X.yes,
        noPlan.has(g) ? X.no : X.yes,
        s.sessions ? '' : T.noData,
        s.sessions ? (inactive.has(g) ? X.yes : X.no) : T.noData,
        s.reports ? T.reportStateLabel(s.reports.states[g - 1] ?? 'sin_iniciar') : '',
      ]);
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
