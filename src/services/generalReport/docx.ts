import {
  AlignmentType,
  Document,
  HeadingLevel,
  ImageRun,
  Packer,
  PageBreak,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableOfContents,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { BARRIER_CATEGORIES, type BarrierCategory } from '../../domain/barriers.js';
import type { CountRow, GeneralReport, GroupReportOut, SurveyWaveOut } from '../../domain/generalReport/index.js';
import { formatDate, formatDateTime, HQ_TIME_ZONE } from '../../domain/time.js';
import { BARRIER_LABELS } from '../../texts/barriers.js';
import { num } from '../../texts/spanish.js';
import type { ChartImage } from './charts.js';
import { dec, EXAMPLE_SOURCE_LABELS, GENERAL_REPORT_TEXTS as T, MEETING_KIND_LABELS, pct, REPORT_STATE_LABELS, SESSION_STATE_LABELS } from './texts.js';

/**
 * The general report as a Word document (docx library): cover, table of contents (a TOC field over the
 * headings, filled in by Word), presentation and method, one heading per section with its tables, the charts
 * as embedded PNG images, and the annex with every accepted group report. A section without data says
 * "Sin datos." Every text comes from ./texts.ts.
 */

export interface ReportCharts {
  vocalia?: ChartImage;
  barriers?: ChartImage;
}

type Block = Paragraph | Table | TableOfContents;

const ACCENT = '8E3A80';
const HEADER_FILL = 'EDE3EC';
const TABLE_TEXT_STYLE = 'TablaTexto';
const TABLE_HEADER_STYLE = 'TablaEncabezado';
/** Widest an image may be on the page, in pixels at 96 dpi (A4/Letter with 2.5 cm margins ≈ 620 px). */
const MAX_IMAGE_WIDTH = 600;

const date = (d: Date | undefined): string => (d ? formatDate(d, HQ_TIME_ZONE) : '—');

const h1 = (text: string, pageBreak = true): Paragraph => new Paragraph({ text, heading: HeadingLevel.HEADING_1, pageBreakBefore: pageBreak });
const h2 = (text: string): Paragraph => new Paragraph({ text, heading: HeadingLevel.HEADING_2 });
const h3 = (text: string): Paragraph => new Paragraph({ text, heading: HeadingLevel.HEADING_3 });
const p = (text: string): Paragraph => new Paragraph({ children: [new TextRun(text)], spacing: { after: 120 } });
const noData = (): Paragraph => new Paragraph({ children: [new TextRun({ text: T.noData, italics: true })], spacing: { after: 120 } });
const caption = (text: string): Paragraph => new Paragraph({ children: [new TextRun({ text, italics: true, size: 18 })], alignment: AlignmentType.CENTER, spacing: { after: 200 } });
const labelled = (label: string, text: string): Paragraph[] =>
  text.trim() ? [new Paragraph({ children: [new TextRun({ text: `${label}: `, bold: true }), new TextRun(text)], spacing: { after: 100 } })] : [];

// Table text through paragraph styles rather than run properties: a 50,000-member edition has tens of thousands
// of cells, and every property object costs time when the document is packed.
function cell(text: string, header = false): TableCell {
  return new TableCell({
    children: [new Paragraph({ text, style: header ? TABLE_HEADER_STYLE : TABLE_TEXT_STYLE })],
    ...(header ? { shading: { type: ShadingType.CLEAR, fill: HEADER_FILL, color: 'auto' } } : {}),
  });
}

function table(headers: readonly string[], rows: readonly (readonly (string | number)[])[]): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: headers.map((h) => cell(h, true)) }),
      ...rows.map((r) => new TableRow({ children: r.map((v) => cell(typeof v === 'number' ? num(v) : v)) })),
    ],
  });
}

function image(chart: ChartImage): Paragraph {
  // The PNG is rendered at 2×: show it at half its pixel size, scaled down to the page when wider.
  const w = chart.width / 2;
  const h = chart.height / 2;
  const scale = Math.min(1, MAX_IMAGE_WIDTH / w);
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    children: [new ImageRun({ type: 'png', data: chart.png, transformation: { width: Math.round(w * scale), height: Math.round(h * scale) } })],
  });
}

function cover(r: GeneralReport): Block[] {
  return [
    new Paragraph({ spacing: { before: 2400 }, children: [] }),
    new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: T.title, bold: true, size: 56, color: ACCENT })] }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 240 }, children: [new TextRun({ text: T.subtitle, size: 32 })] }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 240 }, children: [new TextRun({ text: T.coverEdition(r.edition.name), size: 28, bold: true })] }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 1200 }, children: [new TextRun({ text: T.coverTo, size: 24 })] }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 120 }, children: [new TextRun({ text: T.coverFrom, size: 24 })] }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 1200 }, children: [new TextRun({ text: T.coverDate(formatDateTime(r.generatedAt, HQ_TIME_ZONE)), size: 20, italics: true })] }),
    new Paragraph({ children: [new PageBreak()] }),
    new Paragraph({ children: [new TextRun({ text: T.tocTitle, bold: true, size: 32, color: ACCENT })], spacing: { after: 200 } }),
    new TableOfContents(T.tocTitle, { hyperlink: true, headingStyleRange: '1-2' }),
    new Paragraph({ children: [new TextRun({ text: T.tocHint, italics: true, size: 16 })] }),
  ];
}

function presentation(r: GeneralReport): Block[] {
  return [h1(T.presentation.heading), ...T.presentation.paragraphs(r.edition.name).map(p)];
}

const COUNT_HEADERS = [T.participation.columns.validated, T.participation.columns.pending, T.participation.columns.withdrawn, T.participation.columns.rejected, T.participation.columns.total];
const countTable = (first: string, rows: readonly CountRow[]): Table => table([first, ...COUNT_HEADERS], rows.map((r) => [r.label, r.validated, r.pending, r.withdrawn, r.rejected, r.total]));

function participation(r: GeneralReport, charts: ReportCharts): Block[] {
  const P = T.participation;
  const s = r.participation;
  const out: Block[] = [h1(P.heading)];
  if (!s) return [...out, noData()];
  const calendar: (readonly string[])[] = [
    ...(s.opensAt ? [[P.opens, date(s.opensAt)]] : []),
    ...(s.closesAt ? [[P.closes, date(s.closesAt)]] : []),
    ...s.callDates.map((c) => [c.label, date(c.date)]),
  ];
  out.push(h2(P.callHeading), calendar.length ? table([P.stage, P.date], calendar) : noData());
  out.push(h2(P.totalsHeading), s.totals.total ? p(P.totals(s.totals)) : noData());
  if (s.totals.total === 0) return out;
  out.push(h2(P.byVocalia), countTable(T.dimensions.vocalia, s.byVocalia));
  if (charts.vocalia) out.push(image(charts.vocalia), caption(P.chartVocalia));
  out.push(h2(P.byAmbito), countTable(T.dimensions.ambito, s.byAmbito));
  out.push(h2(P.byEntidad), countTable(T.dimensions.entidad, s.byEntidad));
  out.push(h2(P.byCircunscripcion), countTable(T.dimensions.circunscripcion, s.byCircunscripcion));
  return out;
}

function groups(r: GeneralReport): Block[] {
  const G = T.groups;
  const s = r.groups;
  const out: Block[] = [h1(G.heading)];
  if (!s) return [...out, noData()];
  out.push(
    p(G.summary({ count: s.count, members: s.members, minSize: s.minSize, maxSize: s.maxSize, meanSize: dec(s.meanSize, 1) })),
    p(G.balance(s.totalExcess, s.clashes)),
    p(G.roles(s.withBothRoles, s.count)),
    h2(G.balanceHeading),
    table(
      [G.columns.group, G.columns.size, T.dimensions.vocalia, T.dimensions.ambito, T.dimensions.circunscripcion, T.dimensions.entidad, G.columns.totalExcess, G.columns.clashes],
      s.rows.map((g) => [String(g.group), g.size, g.excess.vocalia, g.excess.ambito, g.excess.circunscripcion, g.excess.entidad, g.totalExcess, g.clashCount]),
    ),
    h2(G.rolesHeading),
    table([G.columns.group, G.columns.representante, G.columns.secretaria], s.rows.map((g) => [String(g.group), g.representante ?? G.vacant, g.secretaria ?? G.vacant])),
  );
  return out;
}

function implementation(r: GeneralReport): Block[] {
  const I = T.implementation;
  const s = r.implementation;
  const out: Block[] = [h1(I.heading), h2(I.meetingsHeading)];
  if (!s.meetings?.length) out.push(noData());
  else {
    const c = I.meetingColumns;
    out.push(
      table(
        [c.title, c.kind, c.date, c.state, c.region, c.invited, c.attended, c.rate],
        s.meetings.map((m) => [m.title, MEETING_KIND_LABELS[m.kind], date(m.date), SESSION_STATE_LABELS[m.state], m.region ?? '—', m.invited, m.attended, pct(m.rate)]),
      ),
    );
  }
  out.push(h2(I.sessionsHeading));
  if (!s.sessions) out.push(noData());
  else {
    const c = I.sessionColumns;
    out.push(
      p(I.sessionsSummary(s.sessions.held, s.sessions.scheduled, s.sessions.cancelled, pct(s.sessions.rate))),
      table([c.group, c.held, c.scheduled, c.cancelled, c.invited, c.attended, c.rate], s.sessions.rows.map((g) => [String(g.group), g.held, g.scheduled, g.cancelled, g.invited, g.attended, pct(g.rate)])),
    );
  }
  out.push(h2(I.ejesHeading));
  if (!s.ejes.length) out.push(noData());
  else out.push(table([I.ejeColumns.eje, I.ejeColumns.planned, I.ejeColumns.held], s.ejes.map((e) => [e.label, e.planned, e.sessionsHeld])));
  return out;
}

function barriers(r: GeneralReport, charts: ReportCharts): Block[] {
  const B = T.barriers;
  const s = r.barriers;
  const out: Block[] = [h1(B.heading)];
  if (!s) return [...out, noData()];
  const missing = (Object.keys(s.sources) as (keyof typeof s.sources)[]).filter((k) => !s.sources[k]).map((k) => B.sourceNames[k]);
  out.push(p(B.summary(s.total)));
  const note = B.sourcesNote(missing);
  if (note) out.push(p(note));
  const c = B.columns;
  out.push(
    h2(B.tableHeading),
    table(
      [c.category, c.minutes, c.groupReports, c.surveys, c.anonymous, c.total, c.share],
      [
        ...s.rows.map((b) => [BARRIER_LABELS[b.category], b.minutes, b.groupReports, b.surveys, b.anonymous, b.total, pct(b.share)]),
        [B.totalRow, s.rows.reduce((a, b) => a + b.minutes, 0), s.rows.reduce((a, b) => a + b.groupReports, 0), s.rows.reduce((a, b) => a + b.surveys, 0), s.rows.reduce((a, b) => a + b.anonymous, 0), s.total, pct(s.total ? 1 : 0)],
      ],
    ),
  );
  if (charts.barriers) out.push(image(charts.barriers), caption(B.chart));
  out.push(h2(B.examplesHeading));
  if (!s.examples.length) out.push(noData());
  else out.push(table([B.exampleColumns.category, B.exampleColumns.source, B.exampleColumns.text], s.examples.map((e) => [BARRIER_LABELS[e.category], EXAMPLE_SOURCE_LABELS[e.source], e.text])));
  return out;
}

/** Barrier questions are named by their category (the surveys port sends its id as the text). */
const questionText = (q: { text: string; barrierCategory?: BarrierCategory }): string => (q.barrierCategory ? T.surveys.barrierQuestion(BARRIER_LABELS[q.barrierCategory]) : q.text);

function waveResults(w: SurveyWaveOut): Block[] {
  const S = T.surveys;
  const out: Block[] = [h3(S.waveHeading(w.label))];
  if (!w.questions.length) return [...out, noData()];
  for (const q of w.questions) {
    out.push(new Paragraph({ children: [new TextRun({ text: questionText(q), bold: true })], spacing: { before: 120 } }));
    if (q.barrierCategory) {
      out.push(p(S.answered(q.n)));
      if (q.suppressed) continue;
      const c = S.questionColumns;
      out.push(
        table(
          [c.option, c.count, c.share],
          [
            [S.faced, q.faced === null || q.faced === undefined ? T.suppressedCell : num(q.faced), q.faced === null || q.faced === undefined || !q.n ? T.suppressedCell : pct(q.faced / q.n)],
            [S.effect, q.mean === null ? T.suppressedCell : dec(q.mean), ''],
          ],
        ),
      );
      continue;
    }
    if (q.kind === 'text') {
      out.push(p(S.textQuestion));
      continue;
    }
    out.push(p(S.answered(q.n)));
    if (q.suppressed) continue;
    if (q.kind === 'scale') out.push(p(`${S.mean}: ${q.mean === null ? T.suppressedCell : dec(q.mean)}`));
    if (q.options.length) {
      const c = S.questionColumns;
      out.push(table([c.option, c.count, c.share], q.options.map((o) => [o.label, o.count === null ? T.suppressedCell : num(o.count), o.count === null ? T.suppressedCell : pct(o.share)])));
    }
  }
  return out;
}

function surveys(r: GeneralReport): Block[] {
  const S = T.surveys;
  const s = r.surveys;
  const out: Block[] = [h1(S.heading)];
  if (!s) return [...out, noData()];
  const c = S.waveColumns;
  out.push(
    p(S.k(s.k)),
    h2(S.wavesHeading),
    table([c.wave, c.label, c.opens, c.closes, c.invited, c.finished, c.rate], s.waves.map((w) => [String(w.wave), w.label, date(w.opensAt), date(w.closesAt), w.invited, w.finished, pct(w.rate)])),
  );
  for (const w of s.waves) out.push(...waveResults(w));
  out.push(h2(S.prePostHeading));
  if (!s.prePost.length) out.push(p(S.noPrePost));
  else {
    out.push(
      p(S.prePostNote),
      table(
        [S.question, ...s.compared.map((n) => S.wave(n))],
        s.prePost.map((row) => [questionText(row), ...row.values.map((v) => (v === null ? T.suppressedCell : row.kind === 'scale' ? dec(v) : pct(v)))]),
      ),
    );
  }
  return out;
}

function conclusions(r: GeneralReport): Block[] {
  const C = T.conclusions;
  const s = r.conclusions;
  const out: Block[] = [h1(C.heading)];
  if (!s) return [...out, noData()];
  const states = (Object.keys(REPORT_STATE_LABELS) as (keyof typeof REPORT_STATE_LABELS)[]).filter((k) => (s.states[k] ?? 0) > 0);
  if (states.length) out.push(h2(C.states), table([C.statesColumns.state, C.statesColumns.count], states.map((k) => [REPORT_STATE_LABELS[k], s.states[k] ?? 0])));
  if (!s.rows.length) return [...out, p(C.none)];
  out.push(
    h2(C.compiledHeading),
    table([C.columns.group, C.columns.achievements, C.columns.agreements, C.columns.proposals], s.rows.map((row) => [String(row.group), row.achievements, row.agreements, row.proposals])),
  );
  return out;
}

function annexReport(g: GroupReportOut): Block[] {
  const A = T.annex;
  const order = (c: string): number => BARRIER_CATEGORIES.indexOf(c as (typeof BARRIER_CATEGORIES)[number]);
  return [
    h2(A.groupHeading(g.group, g.version)),
    ...(g.deliveredAt ? [p(A.delivered(date(g.deliveredAt)))] : []),
    ...(g.acceptedAt ? [p(A.accepted(date(g.acceptedAt)))] : []),
    ...labelled(A.summary, g.summary),
    ...labelled(T.conclusions.achievements, g.achievements),
    ...labelled(T.conclusions.agreements, g.agreements),
    ...(g.barriers.length
      ? [new Paragraph({ children: [new TextRun({ text: A.barriers, bold: true })] }), ...[...g.barriers].sort((a, b) => order(a.category) - order(b.category)).map((b) => new Paragraph({ bullet: { level: 0 }, children: [new TextRun({ text: `${BARRIER_LABELS[b.category]}: `, bold: true }), new TextRun(b.text)] }))]
      : []),
    ...labelled(T.conclusions.proposals, g.proposals),
    ...(g.attachmentName ? [p(A.attachment(g.attachmentName))] : []),
  ];
}

function annex(r: GeneralReport): Block[] {
  const out: Block[] = [h1(T.annex.heading)];
  if (!r.annex.length) return [...out, noData()];
  for (const g of r.annex) out.push(...annexReport(g));
  return out;
}

export async function renderGeneralReportDocx(r: GeneralReport, charts: ReportCharts): Promise<Buffer> {
  const doc = new Document({
    creator: T.creator,
    title: `${T.title} ${r.edition.name}`,
    description: T.description(r.edition.name),
    features: { updateFields: true },
    styles: {
      default: { document: { run: { font: 'Calibri', size: 22 } } },
      paragraphStyles: [
        { id: 'Heading1', name: 'Heading 1', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { size: 32, bold: true, color: ACCENT }, paragraph: { spacing: { before: 240, after: 160 } } },
        { id: 'Heading2', name: 'Heading 2', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { size: 26, bold: true, color: ACCENT }, paragraph: { spacing: { before: 200, after: 120 } } },
        { id: 'Heading3', name: 'Heading 3', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { size: 22, bold: true }, paragraph: { spacing: { before: 160, after: 80 } } },
        { id: TABLE_TEXT_STYLE, name: 'Tabla texto', basedOn: 'Normal', run: { size: 18 }, paragraph: { spacing: { before: 0, after: 0 } } },
        { id: TABLE_HEADER_STYLE, name: 'Tabla encabezado', basedOn: 'Normal', run: { size: 18, bold: true }, paragraph: { spacing: { before: 0, after: 0 } } },
      ],
    },
    sections: [
      {
        children: [
          ...cover(r),
          ...presentation(r),
          ...participation(r, charts),
          ...groups(r),
          ...implementation(r),
          ...barriers(r, charts),
          ...surveys(r),
          ...conclusions(r),
          ...annex(r),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
