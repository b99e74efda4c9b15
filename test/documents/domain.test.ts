import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { looksLike, percent, ratesBy, reminderTime, windowState } from '../../src/domain/documents/index.js';
import { observationsWorkbook } from '../../src/services/documents/export.js';

/** Issue 14, documentos básicos: pure rules (window, reminder time, file sniffing, rates) and the XLSX export. */

const d = (s: string) => new Date(s);

describe('observation window and reminder', () => {
  const from = d('2026-12-01T06:00:00Z');
  const to = d('2026-12-11T05:59:59.999Z');
  it.each<[string, string]>([
    ['2026-12-01T05:59:59Z', 'notYet'],
    ['2026-12-01T06:00:00Z', 'open'],
    ['2026-12-11T05:59:59.999Z', 'open'],
    ['2026-12-11T06:00:00Z', 'closed'],
  ])('at %s the window is %s', (now, state) => {
    expect(windowState(d(now), from, to)).toBe(state);
  });

  it('reminds 3 days before the window closes, only when that is still ahead', () => {
    expect(reminderTime(to, d('2026-12-01T16:00:00Z'))?.toISOString()).toBe('2026-12-08T05:59:59.999Z');
    expect(reminderTime(to, d('2026-12-09T00:00:00Z'))).toBeNull();
  });
});

describe('file contents', () => {
  it.each<[string, 'pdf' | 'docx', number[], boolean]>([
    ['a PDF', 'pdf', [...Buffer.from('%PDF-1.7\n')], true],
    ['a DOCX (zip)', 'docx', [0x50, 0x4b, 0x03, 0x04, 0x14], true],
    ['a zip renamed .pdf', 'pdf', [0x50, 0x4b, 0x03, 0x04, 0x14], false],
    ['an executable renamed .docx', 'docx', [0x4d, 0x5a, 0x90, 0x00], false],
    ['an empty file', 'pdf', [], false],
  ])('%s', (_label, ext, bytes, ok) => {
    expect(looksLike(ext, Uint8Array.from(bytes))).toBe(ok);
  });
});

describe('acknowledgement rates', () => {
  it('counts by key among the members, sorted', () => {
    const members = [
      { personKey: 'a', vocalia: 'VS', c: 2 },
      { personKey: 'b', vocalia: 'VE', c: 10 },
      { personKey: 'c', vocalia: 'VE', c: 2 },
    ];
    expect(ratesBy(members, new Set(['b', 'x']), (m) => m.vocalia)).toEqual([
      { key: 'VE', acknowledged: 1, total: 2 },
      { key: 'VS', acknowledged: 0, total: 1 },
    ]);
    expect(ratesBy(members, new Set(), (m) => String(m.c)).map((r) => r.key)).toEqual(['2', '10']);
    expect(percent(1, 3)).toBe(33);
    expect(percent(0, 0)).toBe(0);
  });
});

async function readBack(data: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(new Uint8Array(data).buffer as ArrayBuffer);
  const rows: string[][] = [];
  wb.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v as string)))));
  return rows;
}

describe('observations workbook', () => {
  const labels = { sheet: 'Observaciones', columns: { document: 'Documento', version: 'Versión', section: 'Sección o artículo', text: 'Observación', date: 'Fecha', author: 'Autora' } };
  const rows = [{ document: '1. Reglamento', version: '1.0', section: 'Artículo 3', text: '=HYPERLINK("x") no es fórmula', date: '2 de diciembre de 2026, 10:00 h', author: 'Ana López' }];

  it('anonymous: no author column, even when the rows carry one', async () => {
    const back = await readBack(await observationsWorkbook(rows, labels, false));
    expect(back[0]).toEqual(['Documento', 'Versión', 'Sección o artículo', 'Observación', 'Fecha']);
    expect(back[1]).toEqual(['1. Reglamento', '1.0', 'Artículo 3', '=HYPERLINK("x") no es fórmula', '2 de diciembre de 2026, 10:00 h']);
    expect(JSON.stringify(back)).not.toContain('Ana López');
  });

  it('not anonymous: the author column', async () => {
    const back = await readBack(await observationsWorkbook(rows, labels, true));
    expect(back[0]!.at(-1)).toBe('Autora');
    expect(back[1]!.at(-1)).toBe('Ana López');
  });
});
