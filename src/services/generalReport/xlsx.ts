import ExcelJS from 'exceljs';
import type { GeneralReport } from '../../domain/generalReport/index.js';
import { formatDate, formatDateTime, HQ_TIME_ZONE } from '../../domain/time.js';
import { BARRIER_LABELS } from '../../texts/barriers.js';
import { EXAMPLE_SOURCE_LABELS, GENERAL_REPORT_TEXTS as T, MEETING_KIND_LABELS, REPORT_STATE_LABELS, SESSION_STATE_LABELS } from './texts.js';

/**
 * The general report's data as an Excel workbook ("informe general xlsx"): one sheet per section, a header
 * row and one row per figure; shares as numbers with a percentage format. A section without data has a single
 * "Sin datos." row. Suppressed survey cells say "sin datos suficientes", never a number.
 */

type Value = string | number | null;

const date = (d: Date | undefined): string => (d ? formatDate(d, HQ_TIME_ZONE) : '');

function sheet(wb: ExcelJS.Workbook, name: string, headers: readonly string[], rows: readonly (readonly Value[])[], percentColumns: readonly number[] = []): void {
  const ws = wb.addWorksheet(name.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.addRow([...headers]);
  ws.getRow(1).font = { bold: true };
  if (rows.length === 0) ws.addRow([T.noData]);
  for (const r of rows) ws.addRow([...r]);
  headers.forEach((h, i) => {
    let width = h.length;
    for (const r of rows.length > 2000 ? rows.slice(0, 2000) : rows) width = Math.max(width, String(r[i] ?? '').length);
    ws.getColumn(i + 1).width = Math.min(80, width + 2);
  });
  for (const c of percentColumns) ws.getColumn(c + 1).numFmt = '0.0%';
}

const cell = (v: number | null | undefined): Value => (v === null ? T.suppressedCell : v === undefined ? null : v);

export async function renderGeneralReportXlsx(r: GeneralReport): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = T.creator;
  wb.created = r.generatedAt;
  const S = T.sheets;

  const status = (present: boolean): string => (present ? '' : T.noDataCell);
  sheet(wb, S.summary, [S.field, S.value], [
    [S.editionRow, r.edition.name],
    [S.generatedRow, formatDateTime(r.generatedAt, HQ_TIME_ZONE)],
    [T.participation.heading, status(!!r.participation)],
    [T.groups.heading, status(!!r.groups)],
    [T.implementation.meetingsHeading, status(!!r.implementation.meetings?.length)],
    [T.implementation.sessionsHeading, status(!!r.implementation.sessions)],
    [T.barriers.heading, status(!!r.barriers)],
    [T.surveys.heading, status(!!r.surveys)],
    [T.conclusions.heading, status(!!r.conclusions)],
    [T.annex.heading, status(r.annex.length > 0)],
  ]);

  const part = r.participation;
  sheet(wb, S.calendar, [T.participation.stage, T.participation.date], part ? [
    ...(part.opensAt ? [[T.participation.opens, date(part.opensAt)]] : []),
    ...(part.closesAt ? [[T.participation.closes, date(part.closesAt)]] : []),
    ...part.callDates.map((c) => [c.label, date(c.date)]),
  ] : []);
  const pc = T.participation.columns;
  sheet(
    wb,
    S.participation,
    [S.dimension, pc.label, pc.validated, pc.pending, pc.withdrawn, pc.rejected, pc.total],
    part && part.totals.total > 0
      ? (
          [
            [T.dimensions.vocalia, part.byVocalia],
            [T.dimensions.ambito, part.byAmbito],
            [T.dimensions.entidad, part.byEntidad],
            [T.dimensions.circunscripcion, part.byCircunscripcion],
          ] as const
        ).flatMap(([dim, rows]) => rows.map((x) => [dim, x.label, x.validated, x.pending, x.withdrawn, x.rejected, x.total]))
      : [],
  );

  const gc = T.groups.columns;
  sheet(
    wb,
    S.groups,
    [gc.group, gc.size, T.dimensions.vocalia, T.dimensions.ambito, T.dimensions.circunscripcion, T.dimensions.entidad, gc.totalExcess, gc.clashes, gc.representante, gc.secretaria],
    r.groups?.rows.map((g) => [g.group, g.size, g.excess.vocalia, g.excess.ambito, g.excess.circunscripcion, g.excess.entidad, g.totalExcess, g.clashCount, g.representante ?? T.groups.vacant, g.secretaria ?? T.groups.vacant]) ?? [],
  );

  const mc = T.implementation.meetingColumns;
  sheet(
    wb,
    S.meetings,
    [mc.title, mc.kind, mc.date, mc.state, mc.region, mc.invited, mc.attended, mc.rate],
    r.implementation.meetings?.map((m) => [m.title, MEETING_KIND_LABELS[m.kind], date(m.date), SESSION_STATE_LABELS[m.state], m.region ?? '', m.invited, m.attended, m.rate ?? null]) ?? [],
    [7],
  );
  const sc = T.implementation.sessionColumns;
  sheet(
    wb,
    S.sessions,
    [sc.group, sc.held, sc.scheduled, sc.cancelled, sc.invited, sc.attended, sc.rate],
    r.implementation.sessions?.rows.map((g) => [g.group, g.held, g.scheduled, g.cancelled, g.invited, g.attended, g.rate ?? null]) ?? [],
    [6],
  );
  const ec = T.implementation.ejeColumns;
  sheet(wb, S.ejes, [ec.eje, ec.planned, ec.held], r.implementation.ejes.map((e) => [e.label, e.planned, e.sessionsHeld]));

  const bc = T.barriers.columns;
  sheet(
    wb,
    S.barriers,
    [bc.category, bc.minutes, bc.groupReports, bc.surveys, bc.anonymous, bc.total, bc.share],
    r.barriers?.rows.map((b) => [BARRIER_LABELS[b.category], b.minutes, b.groupReports, b.surveys, b.anonymous, b.total, b.share]) ?? [],
    [6],
  );
  const xc = T.barriers.exampleColumns;
  sheet(wb, S.examples, [xc.category, xc.source, xc.text], r.barriers?.examples.map((e) => [BARRIER_LABELS[e.category], EXAMPLE_SOURCE_LABELS[e.source], e.text]) ?? []);

  const wc = T.surveys.waveColumns;
  sheet(
    wb,
    S.waves,
    [wc.wave, wc.label, wc.opens, wc.closes, wc.invited, wc.finished, wc.rate],
    r.surveys?.waves.map((w) => [w.wave, w.label, date(w.opensAt), date(w.closesAt), w.invited, w.finished, w.rate ?? null]) ?? [],
    [6],
  );
  const qc = T.surveys.questionColumns;
  sheet(
    wb,
    S.results,
    [wc.wave, qc.question, qc.option, qc.count, qc.share],
    r.surveys?.waves.flatMap((w) =>
      w.questions.flatMap((q): Value[][] => {
        if (q.barrierCategory) {
          const text = T.surveys.barrierQuestion(BARRIER_LABELS[q.barrierCategory]);
          const head: Value[][] = [[w.wave, text, '', cell(q.n), null]];
          if (q.suppressed) return head;
          const faced = q.faced === undefined ? null : q.faced;
          return [...head, [w.wave, text, T.surveys.faced, cell(faced), faced === null || !q.n ? T.suppressedCell : faced / q.n], [w.wave, text, T.surveys.effect, cell(q.mean), null]];
        }
        if (q.kind === 'text') return [[w.wave, q.text, T.surveys.textQuestion, cell(q.n), null]];
        const head: Value[][] = [[w.wave, q.text, q.kind === 'scale' ? T.surveys.mean : '', cell(q.n), q.kind === 'scale' ? cell(q.mean) : null]];
        if (q.suppressed) return head;
        return [...head, ...q.options.map((o): Value[] => [w.wave, q.text, o.label, cell(o.count), o.count === null ? T.suppressedCell : o.share])];
      }),
    ) ?? [],
    [4],
  );
  sheet(
    wb,
    S.prePost,
    [T.surveys.question, ...(r.surveys?.compared.map((n) => T.surveys.wave(n)) ?? [])],
    r.surveys?.prePost.map((row) => [row.barrierCategory ? T.surveys.barrierQuestion(BARRIER_LABELS[row.barrierCategory]) : row.text, ...row.values.map(cell)]) ?? [],
  );

  const cc = T.conclusions.columns;
  sheet(wb, S.conclusions, [cc.group, cc.achievements, cc.agreements, cc.proposals], r.conclusions?.rows.map((c) => [c.group, c.achievements, c.agreements, c.proposals]) ?? []);
  const ac = T.annex.columns;
  sheet(
    wb,
    S.annex,
    [ac.group, ac.version, ac.delivered, ac.accepted, ac.summary, ac.achievements, ac.agreements, ac.barriers, ac.proposals, ac.attachment],
    r.annex.map((g) => [
      g.group,
      g.version,
      date(g.deliveredAt),
      date(g.acceptedAt),
      g.summary,
      g.achievements,
      g.agreements,
      g.barriers.map((b) => `${BARRIER_LABELS[b.category]}: ${b.text}`).join('\n'),
      g.proposals,
      g.attachmentName ?? '',
    ]),
  );
  // The state of every group report, next to the conclusions.
  if (r.conclusions) {
    const ws = wb.getWorksheet(S.conclusions.slice(0, 31));
    const states = Object.entries(r.conclusions.states).filter(([, n]) => (n ?? 0) > 0);
    if (ws && states.length) {
      ws.addRow([]);
      ws.addRow([T.conclusions.states]).font = { bold: true };
      for (const [k, n] of states) ws.addRow([REPORT_STATE_LABELS[k as keyof typeof REPORT_STATE_LABELS], n ?? 0]);
    }
  }
  const out = await wb.xlsx.writeBuffer();
  return Buffer.from(out as unknown as ArrayBuffer);
}
