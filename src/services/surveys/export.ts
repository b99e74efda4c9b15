import { createHash } from 'node:crypto';
import { constants as zlibConstants, crc32, deflateRawSync } from 'node:zlib';
import { BARRIER_CATEGORIES } from '../../domain/barriers.js';
import { allQuestions } from '../../domain/surveys/instrument.js';
import { DEFAULT_LIKERT_LABELS, EXPORT_TEXTS as T } from '../../domain/surveys/texts.js';
import { DEFAULT_K, type AnswerValue, type BarrierBlockAnswer, type ExportOptions, type Instrument, type Question, type SurveyResponseReader } from '../../domain/surveys/types.js';
import { BARRIER_LABELS } from '../../texts/barriers.js';

/**
 * XLSX export of one wave (issue 12): sheet «Respuestas» with one anonymous row per respondent (a pseudonym,
 * never the stored key; no profile columns: no name, email, entidad, district, vocalía or group, so a row
 * cannot be matched to a person), one column per question (a barrier block: three columns per category),
 * rows sorted by pseudonym; sheet «Libro de códigos» describing every column; sheet «Acerca de». Below k
 * finished responses no row is written. Written by the small SpreadsheetML writer below (see there why).
 */

interface Column {
  key: string;
  section: string;
  text: string;
  type: string;
  codes: string;
  required: string;
  condition: string;
  value: (answers: Record<string, AnswerValue>) => string | number | null;
}

function codesOf(q: Question): string {
  switch (q.type) {
    case 'single':
    case 'multiple':
      return (q.options ?? []).map((o) => `${o.value} = ${o.label}`).join('\n');
    case 'likert':
      return (q.likertLabels ?? DEFAULT_LIKERT_LABELS).map((l, i) => `${i + 1} = ${l}`).join('\n');
    case 'number':
      return T.range(q.min ?? 0, q.max ?? 0);
    case 'shortText':
    case 'longText':
      return q.maxLength ? T.maxChars(q.maxLength) : '';
    case 'barriers':
      return '';
  }
}

function columnsOf(instrument: Instrument): Column[] {
  const cols: Column[] = [];
  for (const s of instrument.sections) {
    for (const q of s.questions) {
      const condition = q.showIf ? T.condition(q.showIf.questionId, (q.showIf.equals !== undefined ? [q.showIf.equals] : (q.showIf.in ?? [])).join(' | ')) : '';
      const base = { section: s.title, required: q.required ? T.yes : T.no, condition };
      if (q.type === 'barriers') {
        for (const c of BARRIER_CATEGORIES) {
          const get = (a: Record<string, AnswerValue>) => (a[q.id] && typeof a[q.id] === 'object' && !Array.isArray(a[q.id]) ? (a[q.id] as BarrierBlockAnswer)[c] : undefined);
          const label = BARRIER_LABELS[c];
          cols.push({ ...base, key: `${q.id}.${c}.enfrento`, text: T.barrierFaced(label), type: T.typeLabels.barriers, codes: '1 = Sí\n0 = No', value: (a) => { const x = get(a); return x ? (x.faced ? 1 : 0) : null; } });
          cols.push({ ...base, key: `${q.id}.${c}.efecto`, text: T.barrierEffect(label), type: T.typeLabels.barriers, codes: '1 … 5', value: (a) => get(a)?.effect ?? null });
          cols.push({ ...base, key: `${q.id}.${c}.ejemplo`, text: T.barrierExample(label), type: T.typeLabels.barriers, codes: '', value: (a) => get(a)?.example ?? null });
        }
        continue;
      }
      cols.push({
        ...base,
        key: q.id,
        text: q.text,
        type: T.typeLabels[q.type],
        codes: codesOf(q),
        value: (a) => {
          const v = a[q.id];
          if (v === undefined) return null;
          if (Array.isArray(v)) return v.join(';');
          if (typeof v === 'number' || typeof v === 'string') return v;
          return null;
        },
      });
    }
  }
  return cols;
}

/** Default pseudonym: a hash of the stored key (never the key); callers pass a keyed one (RespondentKeys). */
function defaultPseudonym(respondent: string): string {
  return `R-${createHash('sha256').update(`export\n${respondent}`).digest('hex').slice(0, 12).toUpperCase()}`;
}

type Cell = string | number | null;

export async function exportWaveXlsx(reader: SurveyResponseReader, editionId: string, instrument: Instrument, opts: ExportOptions = {}): Promise<Buffer> {
  const k = opts.k ?? DEFAULT_K;
  const pseudonymOf = opts.pseudonymOf ?? defaultPseudonym;
  const cols = columnsOf(instrument);
  const rows: Cell[][] = [];
  for await (const r of reader.responses(editionId, instrument.wave)) {
    const row: Cell[] = new Array<Cell>(cols.length + 1);
    row[0] = pseudonymOf(r.respondent);
    for (let i = 0; i < cols.length; i++) row[i + 1] = cols[i]!.value(r.answers);
    rows.push(row);
  }
  rows.sort((a, b) => ((a[0] as string) < (b[0] as string) ? -1 : (a[0] as string) > (b[0] as string) ? 1 : 0));

  const header: Cell[] = [T.pseudonymHeader, ...cols.map((c) => c.key)];
  const answerRows: Cell[][] = rows.length >= k ? rows : [[T.tooFew(k)]];
  const codebookRows: Cell[][] = [
    [T.pseudonymHeader, '', T.pseudonymDescription, '', '', '', ''],
    ...cols.map((c): Cell[] => [c.key, c.section, c.text, c.type, c.codes, c.required, c.condition]),
  ];
  const aboutRows: Cell[][] = T.about(instrument.title, instrument.version, instrument.wave, rows.length).map((l): Cell[] => [l]);

  return xlsxPackage([
    { name: T.answersSheet, header, rows: answerRows, widths: [16, ...cols.map((c) => Math.min(40, Math.max(10, c.key.length + 2)))], freezeColumn: true },
    { name: T.codebookSheet, header: [...T.codebookHeaders], rows: codebookRows, widths: [34, 28, 70, 22, 50, 12, 30], freezeColumn: false },
    { name: T.aboutSheet, header: [instrument.title], rows: aboutRows, widths: [120], freezeColumn: false },
  ]);
}

// ---------------------------------------------------------------------------------------------------------
// A minimal XLSX (SpreadsheetML) writer: inline strings, numbers, a bold header row, frozen panes; the
// sheet XML is produced and deflated in chunks (Node's native zlib, sync-flushed blocks concatenated into
// one deflate stream), so 50,000 rows never sit in memory as one string. exceljs' writers build an object
// per cell, too slow for the 50,000-respondent target; the tests read the files back with exceljs.
// ---------------------------------------------------------------------------------------------------------

// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /[&<>"\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

function escapeXml(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text.replace(INVALID_XML, '').replace(/[&<>"]/g, (ch) => XML_ESCAPES[ch] ?? ch);
}

/** Column letters A, B, … Z, AA, … (cached). */
const letters: string[] = [];
function columnLetter(i: number): string {
  for (let j = letters.length; j <= i; j++) {
    let n = j + 1;
    let out = '';
    while (n > 0) {
      const m = (n - 1) % 26;
      out = String.fromCharCode(65 + m) + out;
      n = Math.floor((n - 1) / 26);
    }
    letters.push(out);
  }
  return letters[i] ?? 'A';
}

function rowXml(values: readonly Cell[], rowNumber: number, bold: boolean): string {
  const style = bold ? ' s="1"' : '';
  let out = `<row r="${rowNumber}">`;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value === null || value === undefined || value === '') continue;
    const ref = columnLetter(i) + rowNumber;
    if (typeof value === 'number') {
      if (Number.isFinite(value)) out += `<c r="${ref}"${style}><v>${value}</v></c>`;
      continue;
    }
    const t = escapeXml(value);
    const c0 = t.charCodeAt(0);
    const c1 = t.charCodeAt(t.length - 1);
    const space = c0 === 32 || c0 === 10 || c0 === 9 || c1 === 32 || c1 === 10 || c1 === 9 ? ' xml:space="preserve"' : '';
    out += `<c r="${ref}"${style} t="inlineStr"><is><t${space}>${t}</t></is></c>`;
  }
  return `${out}</row>`;
}

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

interface SheetSpec {
  name: string;
  header: readonly Cell[];
  rows: readonly (readonly Cell[])[];
  widths: readonly number[];
  freezeColumn: boolean;
}

/** The sheet's XML in pieces of about 1 MB. */
function* sheetChunks(sheet: SheetSpec): Generator<string> {
  const pane = sheet.freezeColumn ? '<pane xSplit="1" ySplit="1" topLeftCell="B2" activePane="bottomRight" state="frozen"/>' : '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>';
  const cols = sheet.widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('');
  let buf = `${XML_HEAD}<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}"><sheetViews><sheetView workbookViewId="0">${pane}</sheetView></sheetViews><cols>${cols}</cols><sheetData>${rowXml(sheet.header, 1, true)}`;
  for (let i = 0; i < sheet.rows.length; i++) {
    buf += rowXml(sheet.rows[i] ?? [], i + 2, false);
    if (buf.length > 1_000_000) {
      yield buf;
      buf = '';
    }
  }
  yield `${buf}</sheetData></worksheet>`;
}

interface ZipEntry {
  name: string;
  chunks: Iterable<string>;
}

function xlsxPackage(sheets: readonly SheetSpec[]): Buffer {
  const fixed: Array<[string, string]> = [
    [
      '[Content_Types].xml',
      `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>${sheets
        .map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`)
        .join('')}</Types>`,
    ],
    ['_rels/.rels', `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${NS_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`],
    [
      'xl/workbook.xml',
      `${XML_HEAD}<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}"><sheets>${sheets.map((s, i) => `<sheet name="${escapeXml(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`,
    ],
    [
      'xl/_rels/workbook.xml.rels',
      `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets
        .map((_, i) => `<Relationship Id="rId${i + 1}" Type="${NS_REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
        .join('')}<Relationship Id="rId${sheets.length + 1}" Type="${NS_REL}/styles" Target="styles.xml"/></Relationships>`,
    ],
    [
      'xl/styles.xml',
      `${XML_HEAD}<styleSheet xmlns="${NS_MAIN}"><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`,
    ],
  ];
  return zip([...fixed.map(([name, text]): ZipEntry => ({ name, chunks: [text] })), ...sheets.map((s, i): ZipEntry => ({ name: `xl/worksheets/sheet${i + 1}.xml`, chunks: sheetChunks(s) }))]);
}

/** A ZIP archive (deflate, no ZIP64: parts stay far below 4 GB). */
function zip(entries: readonly ZipEntry[]): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  // DOS date 1980-01-01 00:00: the file's timestamps say nothing about when people answered.
  const dosTime = 0;
  const dosDate = (1 << 5) | 1;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const compressed: Buffer[] = [];
    let crc = 0;
    let size = 0;
    for (const text of e.chunks) {
      const data = Buffer.from(text, 'utf8');
      crc = crc32(data, crc);
      size += data.length;
      compressed.push(deflateRawSync(data, { level: 4, finishFlush: zlibConstants.Z_SYNC_FLUSH }));
    }
    compressed.push(deflateRawSync(Buffer.alloc(0), { finishFlush: zlibConstants.Z_FINISH }));
    const compressedSize = compressed.reduce((n, b) => n + b.length, 0);
    const header = (sig: number, central: boolean): Buffer => {
      const b = Buffer.alloc(central ? 46 : 30);
      let at = 0;
      const u16 = (v: number): void => {
        b.writeUInt16LE(v, at);
        at += 2;
      };
      const u32 = (v: number): void => {
        b.writeUInt32LE(v >>> 0, at);
        at += 4;
      };
      u32(sig);
      if (central) u16(20);
      u16(20);
      u16(0x0800);
      u16(8);
      u16(dosTime);
      u16(dosDate);
      u32(crc);
      u32(compressedSize);
      u32(size);
      u16(name.length);
      u16(0);
      if (central) {
        u16(0);
        u16(0);
        u16(0);
        u32(0);
        u32(offset);
      }
      return b;
    };
    const local = header(0x04034b50, false);
    parts.push(local, name, ...compressed);
    central.push(header(0x02014b50, true), name);
    offset += local.length + name.length + compressedSize;
  }
  const cdSize = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cdSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, ...central, end]);
}

/** Number of columns of the answers sheet (pseudonym included), for tests and the bench. */
export function exportColumnCount(instrument: Instrument): number {
  return 1 + allQuestions(instrument).reduce((n, q) => n + (q.type === 'barriers' ? BARRIER_CATEGORIES.length * 3 : 1), 0);
}
