import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { loadDefaultCatalog } from '../../src/data/defaultCatalog.js';
import { validateRoster } from '../../src/domain/roster.js';
import {
  TableFileError,
  decodeText,
  detectDelimiter,
  parseCsv,
  readRosterFile,
  readTableFile,
  toCsv,
  writeTableFile,
} from '../../src/services/rosterFile.js';

const catalog = loadDefaultCatalog();
const utf8 = (s: string): Buffer => Buffer.from(s, 'utf8');
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

async function rejection(p: Promise<unknown>): Promise<TableFileError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof TableFileError) return e;
    throw new Error(`Se esperaba TableFileError y se obtuvo ${String(e)}`, { cause: e });
  }
  throw new Error('Se esperaba un error');
}

describe('parseCsv', () => {
  it('handles quoted fields with delimiters, doubled quotes and line breaks', () => {
    const text = 'a,b,c\r\n"x, y","di ""hola""","línea 1\nlínea 2"\n1,,3\n';
    expect(parseCsv(text)).toEqual([
      ['a', 'b', 'c'],
      ['x, y', 'di "hola"', 'línea 1\nlínea 2'],
      ['1', '', '3'],
    ]);
  });

  it('keeps empty trailing fields and handles a last line without newline and CR-only endings', () => {
    expect(parseCsv('a;b;\r1;2;')).toEqual([['a;b;'], ['1;2;']]);
    expect(parseCsv('a;b;\r1;2;', ';')).toEqual([
      ['a', 'b', ''],
      ['1', '2', ''],
    ]);
    expect(parseCsv('"q"')).toEqual([['q']]);
  });

  it('rejects an unterminated quoted field with a Spanish message', () => {
    expect(() => parseCsv('a,"b\n1,2')).toThrow(TableFileError);
  });

  it('round-trips what toCsv writes, including formula-looking text', () => {
    const rows = [
      ['Ana "la" López', 'a,b', 'dos\nlíneas'],
      ['=1+1', 7, ''],
    ];
    const parsed = parseCsv(toCsv(['uno', 'dos', 'tres'], rows));
    expect(parsed[1]).toEqual(['Ana "la" López', 'a,b', 'dos\nlíneas']);
    // Formulas are neutralised with a leading apostrophe; numbers are left alone.
    expect(parsed[2]).toEqual(["'=1+1", '7', '']);
  });
});

describe('detectDelimiter and decodeText', () => {
  it('detects semicolons and ignores delimiters inside quotes', () => {
    expect(detectDelimiter('nombre;correo;vocalia\n')).toBe(';');
    expect(detectDelimiter('"a;b;c",d\n')).toBe(',');
    expect(detectDelimiter('a\tb\tc')).toBe('\t');
  });
  it('strips a UTF-8 BOM and falls back to Windows-1252', () => {
    expect(decodeText(Buffer.concat([BOM, utf8('México')]))).toBe('México');
    expect(decodeText(Buffer.from([0x4d, 0xe9, 0x78, 0x69, 0x63, 0x6f]))).toBe('México');
  });
});

describe('readRosterFile (CSV)', () => {
  const csv = [
    'Nombre,Correo Electrónico,Vocalía,ÁMBITO,Entidad,Distrito',
    'Ana López,ana@ine.mx,VE,JDE,09,5',
    '"Pérez, Beatriz",beatriz@ine.mx,VS,JLE,Jalisco,',
    'Sin correo,,VS,JLE,14,',
    '',
    'Carmen Díaz,carmen@ine.mx,VOE,JDE,01,9',
    'Diana Paz,ANA@ine.mx,VOE,JDE,01,2',
  ].join('\n');

  it('maps headers case- and accent-insensitively and keeps spreadsheet row numbers', async () => {
    const rows = await readRosterFile(Buffer.concat([BOM, utf8(csv)]), 'padron.csv');
    expect(rows.map((r) => r.row)).toEqual([2, 3, 4, 6, 7]);
    expect(rows[1]?.values).toEqual({ nombre: 'Pérez, Beatriz', correo: 'beatriz@ine.mx', vocalia: 'VS', ambito: 'JLE', entidad: 'Jalisco', distrito: '' });
    const { valid, errors } = validateRoster(rows, catalog);
    expect(valid.map((m) => m.correo)).toEqual(['ana@ine.mx', 'beatriz@ine.mx']);
    expect(errors.map((e) => [e.row, e.field])).toEqual([
      [4, 'correo'],
      [6, 'distrito'],
      [7, 'correo'],
    ]);
  });

  it('reads semicolon-separated files with quoted fields and CRLF', async () => {
    const text = 'nombre;correo;vocalia;ambito;entidad;distrito\r\n"Ana; la ""Güera""";ana@ine.mx;VE;JLE;Yucatán;\r\n';
    const rows = await readRosterFile(utf8(text), 'padron.CSV');
    expect(rows).toEqual([
      { row: 2, values: { nombre: 'Ana; la "Güera"', correo: 'ana@ine.mx', vocalia: 'VE', ambito: 'JLE', entidad: 'Yucatán', distrito: '' } },
    ]);
  });

  it('counts a quoted line break as part of one spreadsheet row', async () => {
    const text = 'nombre,correo,vocalia,ambito,entidad,distrito\n"Ana\nLópez",ana@ine.mx,VE,JLE,01,\nBea,bea@ine.mx,VE,JLE,02,\n';
    const rows = await readRosterFile(utf8(text), 'p.csv');
    expect(rows.map((r) => r.row)).toEqual([2, 3]);
  });

  it('names the missing columns', async () => {
    const err = await rejection(readRosterFile(utf8('nombre,correo,vocalia\nAna,a@ine.mx,VE\n'), 'p.csv'));
    expect(err.code).toBe('missing-columns');
    expect(err.message).toMatch(/ambito, entidad, distrito/);
  });

  it('rejects empty files, wrong types, oversized files and too many rows', async () => {
    expect((await rejection(readRosterFile(Buffer.alloc(0), 'p.csv'))).code).toBe('empty');
    expect((await rejection(readRosterFile(utf8('%PDF-1.4'), 'padron.pdf'))).code).toBe('unsupported-type');
    const xls = await rejection(readRosterFile(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]), 'padron.xls'));
    expect(xls.code).toBe('unsupported-type');
    expect(xls.message).toMatch(/\.xlsx/);
    const big = Buffer.alloc(5 * 1024 * 1024 + 1, 0x61);
    expect((await rejection(readRosterFile(big, 'p.csv'))).code).toBe('too-large');
    const header = 'nombre,correo,vocalia,ambito,entidad,distrito\n';
    const many = header + 'a,b,c,d,e,f\n'.repeat(60_001);
    expect((await rejection(readRosterFile(utf8(many), 'p.csv'))).code).toBe('too-many-rows');
    const exactly = header + 'a,b,c,d,e,f\n'.repeat(60_000);
    expect(await readRosterFile(utf8(exactly), 'p.csv')).toHaveLength(60_000);
  });

  it('does not count trailing blank lines towards the row limit', async () => {
    const text = 'nombre,correo,vocalia,ambito,entidad,distrito\nAna,a@ine.mx,VE,JLE,01,\n' + '\n'.repeat(70_000);
    expect(await readRosterFile(utf8(text), 'p.csv')).toEqual([
      { row: 2, values: { nombre: 'Ana', correo: 'a@ine.mx', vocalia: 'VE', ambito: 'JLE', entidad: '01', distrito: '' } },
    ]);
  });

  it('rejects binary content disguised as CSV', async () => {
    expect((await rejection(readRosterFile(Buffer.from([0x00, 0x01, 0x02, 0x41]), 'p.csv'))).code).toBe('unreadable');
  });
});

describe('XLSX', () => {
  it('round-trips through writeTableFile and readTableFile', async () => {
    const headers = ['nombre', 'correo', 'vocalia', 'ambito', 'entidad', 'distrito'];
    const rows = [
      ['Ana López', 'ana@ine.mx', 'VE', 'JDE', '09', 5],
      ['Beatriz', 'bea@ine.mx', 'VS', 'JLE', '14', ''],
    ];
    const xlsx = await writeTableFile('xlsx', headers, rows, { sheetName: 'Padrón' });
    expect(xlsx.subarray(0, 2).toString('latin1')).toBe('PK');
    const result = await readTableFile(xlsx, 'salida.xlsx', { columns: headers.map((key) => ({ key, required: true })) });
    expect(result.format).toBe('xlsx');
    expect(result.rows).toEqual([
      { row: 2, values: { nombre: 'Ana López', correo: 'ana@ine.mx', vocalia: 'VE', ambito: 'JDE', entidad: '09', distrito: '5' } },
      { row: 3, values: { nombre: 'Beatriz', correo: 'bea@ine.mx', vocalia: 'VS', ambito: 'JLE', entidad: '14', distrito: '' } },
    ]);
  });

  it('reads rich text, hyperlinks, formulas and numbers from a workbook built with exceljs', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Hoja1');
    ws.addRow(['Nombre', 'Correo', 'Vocalía', 'Ámbito', 'Entidad', 'Distrito', 'Notas']);
    ws.addRow([
      { richText: [{ text: 'Ana ' }, { text: 'López', font: { bold: true } }] },
      { text: 'ana@ine.mx', hyperlink: 'mailto:ana@ine.mx' },
      'VE',
      'JDE',
      9,
      { formula: '2+3', result: 5 },
      'ignorada',
    ]);
    ws.addRow([]);
    ws.addRow(['Bea', 'bea@ine.mx', 'VS', 'JLE', 'Jalisco', null]);
    const data = Buffer.from(await wb.xlsx.writeBuffer());
    const rows = await readRosterFile(data, 'padron.xlsx');
    expect(rows).toEqual([
      { row: 2, values: { nombre: 'Ana López', correo: 'ana@ine.mx', vocalia: 'VE', ambito: 'JDE', entidad: '9', distrito: '5' } },
      { row: 4, values: { nombre: 'Bea', correo: 'bea@ine.mx', vocalia: 'VS', ambito: 'JLE', entidad: 'Jalisco', distrito: '' } },
    ]);
    const { valid, errors } = validateRoster(rows, catalog);
    expect(errors).toEqual([]);
    expect(valid.map((m) => [m.entidad, m.distrito])).toEqual([
      ['09', 5],
      ['14', undefined],
    ]);
  });

  it('ignores formatted but empty rows at the end of a sheet', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Hoja1');
    ws.addRow(['nombre', 'correo', 'vocalia', 'ambito', 'entidad', 'distrito']);
    ws.addRow(['Ana', 'a@ine.mx', 'VE', 'JLE', '01', '']);
    ws.getRow(65_000).getCell(1).value = '';
    ws.getRow(65_000).getCell(2).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } };
    const rows = await readRosterFile(Buffer.from(await wb.xlsx.writeBuffer()), 'p.xlsx');
    expect(rows.map((r) => r.row)).toEqual([2]);
  });

  it('turns a corrupt workbook into a typed, Spanish error', async () => {
    const good = await writeTableFile('xlsx', ['a'], [['b']]);
    const corrupt = Buffer.from(good.subarray(0, Math.floor(good.length / 2)));
    const err = await rejection(readRosterFile(corrupt, 'padron.xlsx'));
    expect(err.code).toBe('unreadable');
    expect(err.message).toMatch(/Excel/);
    expect((await rejection(readRosterFile(utf8('nombre,correo\n'), 'padron.xlsx'))).code).toBe('unreadable');
  });

  it('reads a workbook even when it was saved with a .csv name', async () => {
    const xlsx = await writeTableFile('xlsx', ['nombre', 'correo', 'vocalia', 'ambito', 'entidad', 'distrito'], [['A', 'a@ine.mx', 'VE', 'JLE', '1', '']]);
    const rows = await readRosterFile(xlsx, 'padron.csv');
    expect(rows).toHaveLength(1);
  });
});

describe('writeTableFile (CSV)', () => {
  it('writes UTF-8 with BOM that reads back to the same rows', async () => {
    const data = await writeTableFile('csv', ['nombre', 'correo'], [['Núñez, Ana', 'ana@ine.mx']]);
    expect([...data.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const back = await readTableFile(data, 'x.csv', { columns: [{ key: 'nombre', required: true }, { key: 'correo', required: true }] });
    expect(back.rows).toEqual([{ row: 2, values: { nombre: 'Núñez, Ana', correo: 'ana@ine.mx' } }]);
  });
});
