import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { RosterField, RosterInputRow } from '../domain/roster.js';

/**
 * Reading and writing tabular files (CSV and XLSX) for rosters and exports. Everything works on
 * in-memory Buffers; every failure is reported as a TableFileError with a Spanish message, never as
 * an unexpected crash.
 */

export const MAX_TABLE_FILE_BYTES = 5 * 1024 * 1024;
export const MAX_TABLE_ROWS = 60_000;
/**
 * An .xlsx is a zip: a few hundred KB can expand to hundreds of MB (issue 9: 439 KB → a 450 MB cell, 12 s of
 * CPU, ~480 MB of RAM). Before exceljs parses a workbook, its entries are decompressed as a stream with this
 * budget (the sizes the zip declares are not trusted) and its worksheets' rows and cells are counted.
 * For scale: a roster of 10 000 rows and 6 columns is about 3.5 MB decompressed and 60 000 cells.
 */
export const MAX_XLSX_UNCOMPRESSED_BYTES = 24 * 1024 * 1024;
/** Cells (also empty but formatted ones) of all worksheets together. */
export const MAX_TABLE_CELLS = 300_000;
/** Files inside the workbook's zip (a workbook saved by Excel has a dozen or two). */
export const MAX_XLSX_ENTRIES = 1000;

export type TableFileErrorCode = 'unsupported-type' | 'too-large' | 'too-many-rows' | 'too-many-cells' | 'unreadable' | 'empty' | 'missing-columns';

export class TableFileError extends Error {
  override readonly name = 'TableFileError';
  constructor(
    readonly code: TableFileErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export type TableFormat = 'csv' | 'xlsx';

export interface ColumnSpec<K extends string = string> {
  key: K;
  /** Accepted headings besides the key itself; compared without accents, case or extra spaces. */
  aliases?: readonly string[];
  required?: boolean;
}

export interface TableRow<K extends string = string> {
  /** Spreadsheet row number (the header is row 1). */
  row: number;
  values: Partial<Record<K, string>>;
}

export interface ReadTableOptions<K extends string> {
  columns: readonly ColumnSpec<K>[];
  maxBytes?: number;
  maxRows?: number;
  /** XLSX only: bytes once decompressed (default MAX_XLSX_UNCOMPRESSED_BYTES). */
  maxUncompressedBytes?: number;
  /** XLSX only: cells of all worksheets (default MAX_TABLE_CELLS). */
  maxCells?: number;
}

export interface TableReadResult<K extends string> {
  format: TableFormat;
  rows: TableRow<K>[];
}

export const ROSTER_COLUMNS: readonly ColumnSpec<RosterField>[] = [
  { key: 'nombre', aliases: ['nombre completo', 'nombre de la integrante', 'integrante'], required: true },
  { key: 'correo', aliases: ['correo electronico', 'correo institucional', 'email', 'e-mail', 'mail'], required: true },
  { key: 'vocalia', aliases: ['cargo', 'puesto'], required: true },
  { key: 'ambito', aliases: ['junta', 'tipo de junta'], required: true },
  { key: 'entidad', aliases: ['estado', 'entidad federativa', 'clave de entidad'], required: true },
  { key: 'distrito', aliases: ['distrito federal', 'num distrito', 'numero de distrito', 'no distrito'], required: true },
];

const normalizeHeader = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[._\-\s]+/g, ' ')
    .replace(/[^a-z0-9 ]/g, '')
    .trim();

export function detectFormat(data: Buffer, fileName: string): TableFormat {
  const ext = /\.([^./\\]+)$/.exec(fileName.trim())?.[1]?.toLowerCase() ?? '';
  const isZip = data.length >= 4 && data[0] === 0x50 && data[1] === 0x4b && data[2] === 0x03 && data[3] === 0x04;
  if (ext === 'xlsx' || ext === 'xlsm') return 'xlsx';
  if (ext === 'csv' || ext === 'txt') return isZip ? 'xlsx' : 'csv';
  if (ext === 'xls')
    throw new TableFileError(
      'unsupported-type',
      `El archivo «${fileName}» está en el formato antiguo de Excel (.xls). Ábralo en Excel y guárdelo como «Libro de Excel (.xlsx)» o como CSV UTF-8.`,
    );
  throw new TableFileError(
    'unsupported-type',
    `No se puede leer «${fileName}»: solo se aceptan archivos de Excel (.xlsx) o de texto separado por comas (.csv).`,
  );
}

// ---------------------------------------------------------------------------------------------
// CSV

/** Decodes UTF-8 (with or without BOM); falls back to Windows-1252, which Excel uses for "CSV" in Spanish Windows. */
export function decodeText(data: Buffer): string {
  let bytes: Uint8Array = data;
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
  else if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    const le = bytes[0] === 0xff;
    return new TextDecoder(le ? 'utf-16le' : 'utf-16be').decode(bytes.subarray(2));
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** Picks the delimiter used in the first record (outside quotes): semicolon, tab or comma. */
export function detectDelimiter(text: string): ',' | ';' | '\t' {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let inQuotes = false;
  for (const ch of text) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes) {
      if (ch === '\n' || ch === '\r') break;
      if (ch === ',' || ch === ';' || ch === '\t') counts[ch]++;
    }
  }
  if (counts[';'] > counts[','] && counts[';'] >= counts['\t']) return ';';
  if (counts['\t'] > counts[','] && counts['\t'] > counts[';']) return '\t';
  return ',';
}

/**
 * RFC 4180 CSV parser: quoted fields may contain delimiters, doubled quotes and line breaks; CRLF, LF
 * and CR line endings. Returns records as arrays of strings. A quote inside an unquoted field is kept
 * literally. Blank lines come back as one shared, frozen [''] record. Throws TableFileError once more
 * than `maxRecords` non-blank records are read.
 */
export function parseCsv(text: string, delimiter = ',', maxRecords = Number.POSITIVE_INFINITY): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let inQuotes = false;
  let fieldStarted = false; // whether the current record has any content (to skip a trailing newline)
  let nonBlank = 0;
  const blank = Object.freeze(['']) as string[];
  const len = text.length;
  const pushRecord = (): void => {
    if (record.length === 0 && field === '') {
      // Blank lines share one array and do not count towards the limit.
      records.push(blank);
    } else {
      record.push(field);
      records.push(record);
      if (++nonBlank > maxRecords)
        throw new TableFileError('too-many-rows', `El archivo tiene más de ${maxRecords - 1} filas de datos; divídalo en partes más pequeñas.`);
    }
    record = [];
    field = '';
    fieldStarted = false;
  };
  for (let i = 0; i < len; i++) {
    const ch = text[i];
    if (inQuotes) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else field += ch;
      continue;
    }
    if (ch === '"' && field === '') {
      inQuotes = true;
      fieldStarted = true;
    } else if (ch === delimiter) {
      record.push(field);
      field = '';
      fieldStarted = true;
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      pushRecord();
    } else {
      field += ch;
      fieldStarted = true;
    }
  }
  if (inQuotes) throw new TableFileError('unreadable', 'El archivo CSV tiene comillas sin cerrar; revise que cada campo entre comillas termine con otra comilla.');
  if (fieldStarted || field !== '' || record.length > 0) pushRecord();
  return records;
}

const FORMULA_START = /^[=+\-@\t\r]/;

function csvField(value: string | number | undefined | null, delimiter: string): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'number') return String(value);
  // Neutralize spreadsheet formulas (CSV injection) in text cells.
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return text.includes(delimiter) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export type CellInput = string | number | undefined | null;

/** CSV text with CRLF line endings; quote and formula-safe. */
export function toCsv(headers: readonly string[], rows: readonly (readonly CellInput[])[], delimiter = ','): string {
  return [headers, ...rows].map((r) => r.map((v) => csvField(v, delimiter)).join(delimiter)).join('\r\n') + '\r\n';
}

// ---------------------------------------------------------------------------------------------
// XLSX

type CellValue = ExcelJS.CellValue;

function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'VERDADERO' : 'FALSO';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('hyperlink' in value) {
    const text: unknown = value.text;
    if (typeof text === 'string') return text;
    if (text && typeof text === 'object' && 'richText' in text && Array.isArray(text.richText))
      return (text.richText as { text: string }[]).map((r) => r.text).join('');
    return value.hyperlink.replace(/^mailto:/i, '');
  }
  if ('error' in value) return '';
  if ('result' in value) return value.result === undefined ? '' : cellText(value.result);
  return '';
}

function toArrayBuffer(data: Buffer): ArrayBuffer {
  const copy = new Uint8Array(data.byteLength);
  copy.set(data);
  return copy.buffer;
}

const UNREADABLE_XLSX =
  'No se pudo abrir el archivo de Excel: está dañado o no es un libro .xlsx. Ábralo en Excel, guárdelo de nuevo como .xlsx e inténtelo otra vez.';

/** Megabytes for messages: 24 → "24", 1.5 → "1.5". */
function mbText(bytes: number): string {
  return String(Math.round((bytes / (1024 * 1024)) * 10) / 10);
}

/** Thousands with a comma, as in es-MX: 300000 → "300,000". */
function countText(n: number): string {
  return n.toLocaleString('es-MX');
}

interface XlsxLimits {
  maxUncompressedBytes: number;
  maxCells: number;
  /** Data rows; the `<row>` elements of all worksheets, also formatted but empty ones, may be twice as many. */
  maxRows: number;
}

/** A worksheet's `<row …>` and `<c …>` start tags (with or without a namespace prefix; not `<cols>`, `<col>`). */
const ROW_TAG = /<(?:[A-Za-z_][\w.-]*:)?row[\s>/]/g;
const CELL_TAG = /<(?:[A-Za-z_][\w.-]*:)?c[\s>/]/g;
/** Longer than any tag the patterns match: a tag cut between two chunks is counted in the next one. */
const TAG_CARRY = 64;

function countMatches(re: RegExp, text: string, before: number): number {
  let n = 0;
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) if (m.index < before) n++;
  return n;
}

/**
 * Reads a stream chunk by chunk; when `onChunk` throws, stops reading (the stream is paused, so the zip entry
 * is not decompressed any further) and rejects with that error.
 */
function drain(stream: NodeJS.ReadableStream, onChunk: (piece: Buffer) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    let done = false;
    const finish = (err?: unknown): void => {
      if (done) return;
      done = true;
      if (err === undefined) resolve();
      else {
        stream.pause();
        stream.removeAllListeners('data');
        reject(err instanceof Error ? err : new Error(String(err)));
      }
    };
    stream.on('data', (piece: Buffer) => {
      if (done) return;
      try {
        onChunk(piece);
      } catch (err) {
        finish(err);
      }
    });
    stream.on('error', (err: unknown) => finish(err ?? new Error('stream error')));
    stream.on('end', () => finish());
  });
}

/**
 * Checks a workbook before parsing it: decompresses every entry as a stream (the declared sizes can lie),
 * stopping as soon as the budget is spent, and counts the rows and cells of its worksheets on the way.
 * Throws a TableFileError naming the limit; never builds the workbook in memory.
 */
async function checkXlsxLimits(data: Buffer, fileName: string, limits: XlsxLimits): Promise<void> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(data);
  } catch {
    throw new TableFileError('unreadable', UNREADABLE_XLSX);
  }
  const entries = Object.values(zip.files).filter((f) => !f.dir);
  const tooLarge = (): TableFileError =>
    new TableFileError(
      'too-large',
      `El archivo de Excel «${fileName}» ocupa más de ${mbText(limits.maxUncompressedBytes)} MB al descomprimirlo y el máximo es ${mbText(limits.maxUncompressedBytes)} MB: ` +
        'puede tener celdas con textos enormes, hojas ocultas o imágenes. Copie solo la tabla en un libro nuevo, o guárdela como CSV UTF-8, y envíela de nuevo.',
    );
  if (entries.length > MAX_XLSX_ENTRIES) throw tooLarge();
  let total = 0;
  let rows = 0;
  let cells = 0;
  for (const entry of entries) {
    const isSheet = /(^|\/)worksheets\/[^/]+\.xml$/i.test(entry.name);
    const decoder = new TextDecoder('utf-8');
    let carry = '';
    const count = (text: string, final: boolean): void => {
      const chunk = carry + text;
      const before = final ? chunk.length : chunk.length - TAG_CARRY;
      rows += countMatches(ROW_TAG, chunk, before);
      cells += countMatches(CELL_TAG, chunk, before);
      carry = final ? '' : chunk.slice(Math.max(0, before));
    };
    try {
      await drain(entry.nodeStream('nodebuffer'), (piece) => {
        total += piece.length;
        if (total > limits.maxUncompressedBytes) throw tooLarge();
        if (isSheet) count(decoder.decode(piece, { stream: true }), false);
      });
    } catch (err) {
      if (err instanceof TableFileError) throw err;
      throw new TableFileError('unreadable', UNREADABLE_XLSX);
    }
    if (isSheet) count(decoder.decode(), true);
    if (rows > 2 * (limits.maxRows + 1))
      throw new TableFileError(
        'too-many-rows',
        `El archivo de Excel «${fileName}» tiene ${countText(rows)} filas, contando las que tienen formato aunque estén vacías, y el máximo es ${countText(limits.maxRows)} filas de datos. ` +
          'Borre las filas vacías del final o divídalo en partes más pequeñas.',
      );
    if (cells > limits.maxCells)
      throw new TableFileError(
        'too-many-cells',
        `El archivo de Excel «${fileName}» tiene ${countText(cells)} celdas, contando las que tienen formato aunque estén vacías, y el máximo es ${countText(limits.maxCells)}. ` +
          'Deje solo las columnas y filas del padrón, o divídalo en partes más pequeñas.',
      );
  }
}

async function readXlsxRecords(data: Buffer, maxRows: number): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(toArrayBuffer(data) as unknown as ExcelJS.Buffer);
  } catch {
    throw new TableFileError('unreadable', UNREADABLE_XLSX);
  }
  const sheet = workbook.worksheets.find((ws) => ws.state === 'visible' && ws.actualRowCount > 0) ?? workbook.worksheets[0];
  if (!sheet) throw new TableFileError('empty', 'El libro de Excel no tiene hojas con datos.');
  if (sheet.rowCount > maxRows + 1 && sheet.actualRowCount > maxRows + 1)
    throw new TableFileError('too-many-rows', `La hoja «${sheet.name}» tiene más de ${maxRows} filas de datos; divídala en partes más pequeñas.`);
  const records: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, rowNumber) => {
    const values: string[] = [];
    row.eachCell({ includeEmpty: true }, (c, col) => {
      values[col - 1] = cellText(c.value);
    });
    records[rowNumber - 1] = Array.from(values, (v) => v ?? '');
  });
  return Array.from(records, (r) => r ?? []);
}

// ---------------------------------------------------------------------------------------------
// Header mapping

function mapRecords<K extends string>(records: string[][], columns: readonly ColumnSpec<K>[], maxRows: number): TableRow<K>[] {
  const headerIndex = records.findIndex((r) => r.some((c) => c.trim() !== ''));
  if (headerIndex < 0) throw new TableFileError('empty', 'El archivo está vacío: no tiene encabezados ni filas.');
  if (headerIndex > 0)
    throw new TableFileError('unreadable', `La fila 1 debe tener los encabezados de las columnas (el archivo empieza en la fila ${headerIndex + 1}).`);
  const header = (records[0] ?? []).map(normalizeHeader);
  const positions = new Map<K, number>();
  for (const col of columns) {
    const names = new Set([col.key, ...(col.aliases ?? [])].map(normalizeHeader));
    const idx = header.findIndex((h) => names.has(h));
    if (idx >= 0) positions.set(col.key, idx);
  }
  const missing = columns.filter((c) => c.required && !positions.has(c.key)).map((c) => c.key);
  if (missing.length > 0) {
    const found = (records[0] ?? []).filter((h) => h.trim() !== '').join(', ') || '(ninguno)';
    throw new TableFileError(
      'missing-columns',
      `Faltan columnas obligatorias: ${missing.join(', ')}. La fila 1 debe tener los encabezados ${columns
        .filter((c) => c.required)
        .map((c) => c.key)
        .join(', ')}. Encabezados encontrados: ${found}.`,
    );
  }
  // Trailing empty rows (e.g. formatted but blank spreadsheet rows) do not count.
  let last = records.length - 1;
  while (last > 0 && (records[last] ?? []).every((c) => c.trim() === '')) last--;
  const dataCount = last;
  if (dataCount > maxRows)
    throw new TableFileError('too-many-rows', `El archivo tiene ${dataCount} filas de datos; el máximo es ${maxRows}. Divídalo en partes más pequeñas.`);
  const rows: TableRow<K>[] = [];
  for (let i = 1; i <= last; i++) {
    const rec = records[i] ?? [];
    if (rec.every((c) => c.trim() === '')) continue;
    const values: Partial<Record<K, string>> = {};
    for (const [key, idx] of positions) values[key] = rec[idx] ?? '';
    rows.push({ row: i + 1, values });
  }
  return rows;
}

/** Reads a CSV or XLSX file (by name and content) into header-mapped rows. */
export async function readTableFile<K extends string>(data: Buffer, fileName: string, options: ReadTableOptions<K>): Promise<TableReadResult<K>> {
  const maxBytes = options.maxBytes ?? MAX_TABLE_FILE_BYTES;
  const maxRows = options.maxRows ?? MAX_TABLE_ROWS;
  const format = detectFormat(data, fileName);
  if (data.length > maxBytes)
    throw new TableFileError(
      'too-large',
      `El archivo pesa ${(data.length / (1024 * 1024)).toFixed(1)} MB; el máximo permitido es ${(maxBytes / (1024 * 1024)).toFixed(0)} MB.`,
    );
  if (data.length === 0) throw new TableFileError('empty', 'El archivo está vacío.');
  let records: string[][];
  if (format === 'xlsx') {
    await checkXlsxLimits(data, fileName, {
      maxUncompressedBytes: options.maxUncompressedBytes ?? MAX_XLSX_UNCOMPRESSED_BYTES,
      maxCells: options.maxCells ?? MAX_TABLE_CELLS,
      maxRows,
    });
    records = await readXlsxRecords(data, maxRows);
  }
  else {
    const text = decodeText(data);
    if (text.includes('\u0000'))
      throw new TableFileError('unreadable', 'El archivo no parece ser texto CSV. Guárdelo desde Excel como «CSV UTF-8 (delimitado por comas)».');
    // +1 for the header row.
    records = parseCsv(text, detectDelimiter(text), maxRows + 1);
  }
  return { format, rows: mapRecords(records, options.columns, maxRows) };
}

/** Reads a roster file (columns nombre, correo, vocalia, ambito, entidad, distrito). */
export async function readRosterFile(data: Buffer, fileName: string): Promise<RosterInputRow[]> {
  const { rows } = await readTableFile(data, fileName, { columns: ROSTER_COLUMNS });
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Writing

export interface WriteTableOptions {
  /** Worksheet name for XLSX (max 31 characters). */
  sheetName?: string;
  /** CSV delimiter; default comma. */
  delimiter?: ',' | ';';
}

/** CSV (UTF-8 with BOM so that Excel shows accents) or XLSX file content. */
export async function writeTableFile(
  format: TableFormat,
  headers: readonly string[],
  rows: readonly (readonly CellInput[])[],
  options: WriteTableOptions = {},
): Promise<Buffer> {
  if (format === 'csv') return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(toCsv(headers, rows, options.delimiter ?? ','), 'utf8')]);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Red de Coaching';
  const sheet = workbook.addWorksheet((options.sheetName ?? 'Datos').replace(/[\\/?*[\]:]/g, ' ').slice(0, 31), {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  sheet.addRow([...headers]);
  sheet.getRow(1).font = { bold: true };
  for (const r of rows) sheet.addRow(r.map((v) => (v === undefined || v === null ? null : v)));
  headers.forEach((h, i) => {
    const width = Math.min(60, Math.max(h.length, ...rows.map((r) => String(r[i] ?? '').length)) + 2);
    sheet.getColumn(i + 1).width = width;
  });
  const out = await workbook.xlsx.writeBuffer();
  return Buffer.from(out as unknown as ArrayBuffer);
}

/** Format implied by an output file name (.csv or .xlsx). */
export function formatForFileName(fileName: string): TableFormat | undefined {
  const ext = /\.([^./\\]+)$/.exec(fileName.trim())?.[1]?.toLowerCase();
  return ext === 'csv' ? 'csv' : ext === 'xlsx' ? 'xlsx' : undefined;
}
