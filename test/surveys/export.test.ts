import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { memoryReader, syntheticResponses } from '../../bench/surveyResults.js';
import { loadDefaultInstrument } from '../../src/data/surveys/index.js';
import { exportColumnCount, exportWaveXlsx } from '../../src/services/surveys/export.js';
import type { StoredResponse } from '../../src/domain/surveys/types.js';

async function read(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  return wb;
}

const rowValues = (ws: ExcelJS.Worksheet, n: number): unknown[] => (ws.getRow(n).values as unknown[]).slice(1);

describe('XLSX export', () => {
  const w1 = loadDefaultInstrument(1);

  function responses(n: number): StoredResponse[] {
    return syntheticResponses(w1, n).map((r, i) => ({
      ...r,
      respondent: `CLAVE-PRIVADA-${i}`,
      profile: { vocalia: 'VOCALIA-SECRETA', ambito: 'JDE', circunscripcion: 4, group: 9 },
    }));
  }

  it('one anonymous row per respondent, one column per question (three per barrier category), and a codebook', async () => {
    const data = responses(7);
    data[0]!.answers.exp_comentario = '=HYPERLINK("http://x")\u0007 <b>&';
    const buffer = await exportWaveXlsx(memoryReader({ 1: data }), 'ed', w1, { pseudonymOf: (r) => `P-${r.length}-${r.slice(-1)}` });
    const wb = await read(buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Respuestas', 'Libro de códigos', 'Acerca de']);

    const ws = wb.getWorksheet('Respuestas')!;
    const header = rowValues(ws, 1);
    expect(header).toHaveLength(exportColumnCount(w1));
    expect(header[0]).toBe('seudonimo');
    expect(header).toContain('exp_principal');
    expect(header).toContain('barreras.politicas.efecto');
    expect(ws.rowCount).toBe(1 + 7);

    // Pseudonyms from the caller, never the key; rows sorted by pseudonym.
    const pseudonyms = Array.from({ length: 7 }, (_, i) => rowValues(ws, i + 2)[0]);
    expect(pseudonyms).toEqual([...pseudonyms].sort());
    const all = JSON.stringify(wb.worksheets.map((w) => w.getSheetValues()));
    expect(all).not.toContain('CLAVE-PRIVADA');
    expect(all).not.toContain('VOCALIA-SECRETA');

    // Values: codes, numbers, 1/0 for barriers; a text that looks like a formula stays text.
    const first = rowValues(ws, 2 + pseudonyms.indexOf('P-15-0'));
    const col = (key: string) => first[header.indexOf(key)];
    expect(col('exp_comentario')).toBe('=HYPERLINK("http://x") <b>&');
    expect(typeof col('anios_spen')).toBe('number');
    expect([0, 1]).toContain(col('barreras.culturales.enfrento'));
    expect(String(col('eventos_carrera'))).toMatch(/^[a-z_;]+$/);

    const codebook = wb.getWorksheet('Libro de códigos')!;
    const documented = Array.from({ length: codebook.rowCount - 1 }, (_, i) => rowValues(codebook, i + 2)[0]);
    expect(documented).toEqual(header);
    const principal = rowValues(codebook, 2 + header.indexOf('exp_principal'));
    expect(String(principal[4])).toContain('liderazgo = Fortalecer mi liderazgo');
  });

  it('below k finished responses no individual row is written', async () => {
    const wb = await read(await exportWaveXlsx(memoryReader({ 1: responses(4) }), 'ed', w1, { k: 5 }));
    const ws = wb.getWorksheet('Respuestas')!;
    expect(ws.rowCount).toBe(2);
    expect(String(rowValues(ws, 2)[0])).toContain('menos de 5 respuestas');
  });

  it('the default pseudonym is not the key', async () => {
    const wb = await read(await exportWaveXlsx(memoryReader({ 1: responses(5) }), 'ed', w1));
    const p = String(rowValues(wb.getWorksheet('Respuestas')!, 2)[0]);
    expect(p).toMatch(/^R-[0-9A-F]{12}$/);
  });
});
