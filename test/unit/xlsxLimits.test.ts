import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_XLSX_UNCOMPRESSED_BYTES, readTableFile, ROSTER_COLUMNS, TableFileError, writeTableFile } from '../../src/services/rosterFile.js';

/**
 * Issue 9 item 8: an .xlsx of 439 KB that expands to a 450 MB cell took 12 s of CPU and ~480 MB of RAM in
 * readTableFile. The workbook's size once decompressed and its row and cell counts are checked (streaming,
 * with a budget) before exceljs parses it; the refusal is a Spanish message that names the limit.
 */
const HEADERS = ['nombre', 'correo', 'vocalia', 'ambito', 'entidad', 'distrito'];
const SHEET = 'xl/worksheets/sheet1.xml';

async function withSheetRows(extraRows: string): Promise<Buffer> {
  const base = await writeTableFile('xlsx', HEADERS, [['Ana López', 'ana@ine.mx', 'VE', 'JLE', '09', '']]);
  const zip = await JSZip.loadAsync(base);
  const sheet = await zip.file(SHEET)!.async('string');
  zip.file(SHEET, sheet.replace('</sheetData>', `${extraRows}</sheetData>`));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

async function refusal(p: Promise<unknown>): Promise<TableFileError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof TableFileError) return err;
    throw err;
  }
  throw new Error('expected a TableFileError');
}

/** Rewrites the uncompressed size an entry declares (local header and central directory), as an attacker can. */
function lieAboutSize(zip: Buffer, name: string, declared: number): Buffer {
  const out = Buffer.from(zip);
  for (let i = 0; i + 46 <= out.length; i++) {
    if (out.readUInt32LE(i) !== 0x02014b50) continue;
    const nameLength = out.readUInt16LE(i + 28);
    if (out.toString('utf8', i + 46, i + 46 + nameLength) !== name) continue;
    out.writeUInt32LE(declared, i + 24);
    out.writeUInt32LE(declared, out.readUInt32LE(i + 42) + 22);
  }
  return out;
}

describe('xlsx limits before parsing', () => {
  let bomb: Buffer;
  const hugeCell = (mb: number) => `<row r="3"><c r="A3" t="inlineStr"><is><t>${'A'.repeat(mb * 1024 * 1024)}</t></is></c></row>`;

  beforeAll(async () => {
    bomb = await withSheetRows(hugeCell(MAX_XLSX_UNCOMPRESSED_BYTES / (1024 * 1024) + 8));
  });

  it('a small file that expands past the limit is refused, naming the limit', async () => {
    expect(bomb.length).toBeLessThan(200 * 1024);
    const err = await refusal(readTableFile(bomb, 'padron.xlsx', { columns: ROSTER_COLUMNS }));
    expect(err.code).toBe('too-large');
    expect(err.message).toMatch(/padron\.xlsx/);
    expect(err.message).toMatch(new RegExp(`máximo es ${MAX_XLSX_UNCOMPRESSED_BYTES / (1024 * 1024)} MB`));
  });

  it('sizes declared in the zip are not trusted: the decompressed bytes are counted', async () => {
    const liar = lieAboutSize(bomb, SHEET, 4096);
    const err = await refusal(readTableFile(liar, 'padron.xlsx', { columns: ROSTER_COLUMNS }));
    expect(err.code).toBe('too-large');
  });

  it('too many cells are refused before parsing, naming the limit', async () => {
    const cells = Array.from({ length: 300 }, (_, r) => `<row r="${r + 3}">${HEADERS.map((_, c) => `<c r="${String.fromCharCode(65 + c)}${r + 3}" s="0"/>`).join('')}</row>`).join('');
    const err = await refusal(readTableFile(await withSheetRows(cells), 'padron.xlsx', { columns: ROSTER_COLUMNS, maxCells: 1000 }));
    expect(err.code).toBe('too-many-cells');
    expect(err.message).toMatch(/1[\s,]?812 celdas/);
    expect(err.message).toMatch(/máximo es 1[\s,]?000/);
  });

  it('too many rows, also formatted but empty ones, are refused before parsing, naming the limit', async () => {
    const rows = Array.from({ length: 500 }, (_, r) => `<row r="${r + 3}" s="1" customFormat="1"/>`).join('');
    const err = await refusal(readTableFile(await withSheetRows(rows), 'padron.xlsx', { columns: ROSTER_COLUMNS, maxRows: 100 }));
    expect(err.code).toBe('too-many-rows');
    expect(err.message).toMatch(/502 filas/);
    expect(err.message).toMatch(/máximo es 100 filas de datos/);
  });

  it('a workbook within the limits is still read', async () => {
    const ok = await withSheetRows(hugeCell(1));
    const { rows } = await readTableFile(ok, 'padron.xlsx', { columns: ROSTER_COLUMNS });
    expect(rows.map((r) => r.row)).toEqual([2, 3]);
  });

  it('a zip with too many entries is refused', async () => {
    const zip = await JSZip.loadAsync(await writeTableFile('xlsx', HEADERS, [['Ana', 'a@ine.mx', 'VE', 'JLE', '09', '']]));
    for (let i = 0; i < 1200; i++) zip.file(`xl/media/x${i}.bin`, 'x');
    const err = await refusal(readTableFile(await zip.generateAsync({ type: 'nodebuffer' }), 'padron.xlsx', { columns: ROSTER_COLUMNS }));
    expect(err.code).toBe('too-large');
  });
});
