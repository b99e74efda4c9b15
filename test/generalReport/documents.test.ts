import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { beforeAll, describe, expect, it } from 'vitest';
import { GeneralReportService, GENERAL_REPORT_TEXTS as T } from '../../src/services/generalReport/index.js';
import { syntheticEdition, type SyntheticEdition } from './synthetic.js';

/**
 * The general report's files read back with independent readers: mammoth (the DOCX's text), jszip (its XML and
 * media) and exceljs (the XLSX). A synthetic edition of 60 members in 3 groups with every reporting source.
 */

async function docxOf(e: SyntheticEdition): Promise<{ data: Buffer; text: string; xml: string; zip: JSZip }> {
  const r = await new GeneralReportService(e.deps).build(e.editionId, 'docx');
  if (r.kind !== 'file') throw new Error(`no file: ${r.kind}`);
  const { value: text } = await mammoth.extractRawText({ buffer: r.data });
  const zip = await JSZip.loadAsync(r.data);
  const xml = await zip.file('word/document.xml')!.async('string');
  return { data: r.data, text, xml, zip };
}

/** The text between two headings (the first occurrence after the table of contents). */
function section(text: string, from: string, to: string): string {
  const start = text.indexOf(from, text.indexOf(T.tocHint));
  const end = text.indexOf(to, start + from.length);
  expect(start).toBeGreaterThan(0);
  expect(end).toBeGreaterThan(start);
  return text.slice(start, end);
}

describe('general report DOCX, full edition', () => {
  const e = syntheticEdition({ members: 60, groups: 3, sessionsPerGroup: 4 });
  let doc: Awaited<ReturnType<typeof docxOf>>;
  beforeAll(async () => {
    doc = await docxOf(e);
  }, 60_000);

  it.each([
    T.title,
    T.presentation.heading,
    T.participation.heading,
    T.participation.byVocalia,
    T.groups.heading,
    T.groups.rolesHeading,
    T.implementation.heading,
    T.implementation.sessionsHeading,
    T.barriers.heading,
    T.barriers.examplesHeading,
    T.surveys.heading,
    T.surveys.prePostHeading,
    T.conclusions.heading,
    T.annex.heading,
  ])('has the heading «%s»', (heading) => {
    expect(doc.text).toContain(heading);
  });

  it('uses heading styles and has a table of contents field', () => {
    expect(doc.xml).toMatch(/<w:pStyle w:val="Heading1"\/>/);
    expect(doc.xml).toMatch(/<w:pStyle w:val="Heading2"\/>/);
    expect(doc.xml).toMatch(/<w:instrText[^>]*>TOC [^<]*\\o &quot;1-2&quot;/);
    expect(doc.xml).toContain('<w:docPartGallery w:val="Table of Contents"/>');
  });

  it('has tables', () => {
    expect((doc.xml.match(/<w:tbl>/g) ?? []).length).toBeGreaterThanOrEqual(10);
    expect(doc.text).toMatch(/Vocalía Ejecutiva\s+\d+/);
  });

  it('embeds the charts as PNG images (registrations by vocalía, barriers by category)', async () => {
    const media = Object.keys(doc.zip.files).filter((f) => /^word\/media\/.+\.png$/.test(f));
    expect(media.length).toBeGreaterThanOrEqual(2);
    for (const f of media) {
      const png = await doc.zip.file(f)!.async('nodebuffer');
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      expect(png.length).toBeGreaterThan(2_000);
    }
    expect(doc.text).toContain(T.participation.chartVocalia);
    expect(doc.text).toContain(T.barriers.chart);
  });

  it('no e-mail address of any member appears anywhere', () => {
    for (const m of e.records) expect(doc.text).not.toContain(m.correo);
    expect(doc.text).not.toMatch(/@ine\.mx/);
  });

  it('the survey section shows no personal data of respondents: no names, no e-mails', () => {
    const surveys = section(doc.text, T.surveys.heading, T.conclusions.heading);
    expect(surveys).toContain(T.surveys.k(5));
    for (const m of e.records) {
      expect(surveys).not.toContain(m.nombre);
      expect(surveys).not.toContain(m.correo);
      for (const part of m.nombre.split(' ')) expect(surveys).not.toMatch(new RegExp(`(?<![\\p{L}])${part}(?![\\p{L}])`, 'u'));
    }
  });

  it('survey cells below k are shown as "sin datos suficientes", never as numbers', () => {
    const surveys = section(doc.text, T.surveys.heading, T.conclusions.heading);
    // "No" has 3 answers in the synthetic edition: that cell and its complement are suppressed.
    expect(surveys).toMatch(/¿Cuenta con apoyo de su superior para asistir\?[\s\S]*?No\s+sin datos suficientes/);
    expect(surveys).toMatch(/Pregunta con pocas respuestas\s+Respuestas: sin datos suficientes/);
    expect(surveys).toContain(T.surveys.textQuestion);
  });

  it('barrier examples are anonymized: no names and no places smaller than a circunscripción', () => {
    const barriers = section(doc.text, T.barriers.examplesHeading, T.surveys.heading);
    for (const m of e.records) for (const part of m.nombre.split(' ')) expect(barriers).not.toMatch(new RegExp(`(?<![\\p{L}])${part}(?![\\p{L}])`, 'u'));
    expect(barriers).not.toMatch(/Jalisco|Guadalajara|junta distrital 5/i);
    expect(barriers).toContain(T.placeholders.person);
    expect(barriers).toContain(T.placeholders.place);
  });

  it('conclusions and the annex come from accepted group reports only', () => {
    const annex = doc.text.slice(doc.text.lastIndexOf(T.annex.heading));
    expect(annex).toContain(T.annex.groupHeading(1, 1));
    expect(annex).toContain('Reconocer las horas de la Red como capacitación.');
    expect((annex.match(/Informe del grupo \d+/g) ?? []).length).toBe(3);
  });

  it('names representantes and secretarias per group', () => {
    const roles = section(doc.text, T.groups.rolesHeading, T.implementation.heading);
    expect(roles).toMatch(/1\s+\S+ \S+ \S+\s+\S+ \S+ \S+/);
    expect(roles).not.toContain(T.groups.vacant);
  });
});

describe('general report DOCX without the optional sources', () => {
  it('every section without data says "Sin datos." and the file is still produced', async () => {
    const e = syntheticEdition({ members: 30, groups: 2, sources: { sessions: false, meetings: false, surveys: false, cases: false, groupReports: false } });
    const { text } = await docxOf(e);
    for (const [from, to] of [
      [T.implementation.meetingsHeading, T.implementation.sessionsHeading],
      [T.implementation.sessionsHeading, T.implementation.ejesHeading],
      [T.barriers.heading, T.surveys.heading],
      [T.surveys.heading, T.conclusions.heading],
      [T.conclusions.heading, T.annex.heading],
    ] as const) {
      expect(section(text, from, to)).toContain(T.noData);
    }
    expect(text.slice(text.lastIndexOf(T.annex.heading))).toContain(T.noData);
    // What the core services know is still there.
    expect(section(text, T.participation.heading, T.groups.heading)).not.toContain(T.noData);
  }, 60_000);

  it('a source that fails is treated as absent', async () => {
    const e = syntheticEdition({ members: 20, groups: 1 });
    e.sources.surveys = {
      listWaves: () => Promise.reject(new Error('boom')),
      results: () => Promise.reject(new Error('boom')),
    };
    const { text } = await docxOf(e);
    expect(section(text, T.surveys.heading, T.conclusions.heading)).toContain(T.noData);
  }, 60_000);

  it('an edition without any data produces no file', async () => {
    const e = syntheticEdition({ members: 0, groups: 0, sources: { sessions: false, meetings: false, surveys: false, cases: false, groupReports: false } });
    const svc = new GeneralReportService(e.deps);
    expect(await svc.build(e.editionId, 'docx')).toEqual({ kind: 'empty' });
    expect(await svc.build(e.editionId, 'xlsx')).toEqual({ kind: 'empty' });
    expect(await svc.build('otra', 'docx')).toEqual({ kind: 'noEdition' });
  });
});

describe('general report XLSX', () => {
  it('has one sheet per section with the same figures; suppressed cells are never numbers', async () => {
    const e = syntheticEdition({ members: 60, groups: 3, sessionsPerGroup: 4 });
    const r = await new GeneralReportService(e.deps).build(e.editionId, 'xlsx');
    if (r.kind !== 'file') throw new Error(r.kind);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.data as unknown as ExcelJS.Buffer);
    const S = T.sheets;
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      S.summary,
      S.calendar,
      S.participation,
      S.groups,
      S.meetings,
      S.sessions,
      S.ejes,
      S.barriers,
      S.examples,
      S.waves,
      S.results,
      S.prePost,
      S.conclusions,
      S.annex,
    ]);
    const rows = (name: string) => (wb.getWorksheet(name)!.getSheetValues() as unknown[][]).filter(Boolean).map((row) => row.slice(1));
    expect(rows(S.groups)).toHaveLength(1 + 3);
    expect(rows(S.sessions)).toHaveLength(1 + 3);
    expect(rows(S.barriers)).toHaveLength(1 + 8);
    const validated = e.records.filter((m) => m.status === 'validated').length;
    const byVocalia = rows(S.participation).filter((row) => row[0] === T.dimensions.vocalia);
    expect(byVocalia.reduce((a, row) => a + (row[2] as number), 0)).toBe(validated);
    const small = rows(S.results).filter((row) => row[1] === 'Pregunta con pocas respuestas');
    expect(small.length).toBeGreaterThan(0);
    for (const row of small) expect(row[3]).toBe(T.suppressedCell);
    const text = JSON.stringify(rows(S.results)) + JSON.stringify(rows(S.prePost)) + JSON.stringify(rows(S.waves));
    for (const m of e.records) {
      expect(text).not.toContain(m.correo);
      expect(text).not.toContain(m.nombre);
    }
  }, 60_000);

  it('without sources, their sheets say "Sin datos."', async () => {
    const e = syntheticEdition({ members: 10, groups: 1, sources: { sessions: false, meetings: false, surveys: false, cases: false, groupReports: false } });
    const r = await new GeneralReportService(e.deps).build(e.editionId, 'xlsx');
    if (r.kind !== 'file') throw new Error(r.kind);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(r.data as unknown as ExcelJS.Buffer);
    for (const name of [T.sheets.sessions, T.sheets.meetings, T.sheets.barriers, T.sheets.waves, T.sheets.annex]) {
      expect(wb.getWorksheet(name)!.getRow(2).getCell(1).value).toBe(T.noData);
    }
  }, 60_000);
});
