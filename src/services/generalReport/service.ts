import type { Logger } from '../../logger.js';
import type { CatalogData } from '../../domain/catalog.js';
import type { MemberRecord } from '../../domain/member.js';
import { juntaKey } from '../../domain/roster.js';
import { compileGeneralReport, isEmptyReport, type GeneralReport, type GeneralReportInput } from '../../domain/generalReport/index.js';
import { BARRIER_LABELS } from '../../texts/barriers.js';
import type { ReportingSources } from '../reporting/sources.js';
import { barChartPng, type ChartImage } from './charts.js';
import { renderGeneralReportDocx, type ReportCharts } from './docx.js';
import { renderGeneralReportXlsx } from './xlsx.js';
import { GENERAL_REPORT_TEXTS as T } from './texts.js';

/**
 * The general report for the Comisión (issue 13): gathers the edition's data from the registration, groups,
 * elections and topics services and from the optional reporting sources (sessions, meetings, surveys, cases,
 * group reports; src/services/reporting/sources.ts), compiles it with the pure src/domain/generalReport/ and
 * renders it as DOCX (with charts) or XLSX. A source that is absent or fails is left out: its section says
 * "sin datos" and the failure is logged, so one broken feature never blocks the report.
 */

export interface GeneralReportDeps {
  editions: { get(editionId: string): Promise<{ _id: string; nombre: string; opensAt?: Date; closesAt?: Date; calendar: { key: string; label: string; date: Date }[] } | null> };
  catalogs: { forEdition(editionId: string): Promise<{ data: CatalogData }> };
  members: { list(editionId: string): Promise<MemberRecord[]> };
  groups: { confirmedSet(editionId: string): Promise<{ groupCount: number; assignment: Readonly<Record<string, number>>; removed: readonly string[] } | null> };
  elections: { holdersOf(editionId: string): Promise<{ group: number; role: 'representante' | 'secretaria'; personKey: string }[]> };
  workPlans: { list(editionId: string): Promise<{ group: number; items: { topicId: string; eje: string; titulo: string }[] }[]> };
  /** The optional read ports; a getter so that sources wired after this service are seen. */
  sources: () => ReportingSources | undefined;
  clock: () => Date;
  logger?: Logger;
}

export type GeneralReportFormat = 'docx' | 'xlsx';

export type GeneralReportResult = { kind: 'empty' } | { kind: 'noEdition' } | { kind: 'file'; format: GeneralReportFormat; data: Buffer; report: GeneralReport };

export class GeneralReportService {
  constructor(private readonly deps: GeneralReportDeps) {}

  /** Reads a source, or undefined when the port is absent or fails (logged). */
  private async optional<R>(name: string, read: (() => Promise<R>) | undefined): Promise<R | undefined> {
    if (!read) return undefined;
    try {
      return await read();
    } catch (err) {
      this.deps.logger?.warn({ source: name, err: err instanceof Error ? err.message : String(err) }, 'general report: source failed, section left without data');
      return undefined;
    }
  }

  /** Everything the report is compiled from, for one edition (null when the edition does not exist). */
  async gather(editionId: string): Promise<GeneralReportInput | null> {
    const d = this.deps;
    const edition = await d.editions.get(editionId);
    if (!edition) return null;
    const src = d.sources() ?? {};
    const [catalog, records, set, holders, plans, sessions, minutes, meetings, waves, anonymousBarriers, groupReports] = await Promise.all([
      d.catalogs.forEdition(editionId),
      d.members.list(editionId),
      d.groups.confirmedSet(editionId),
      d.elections.holdersOf(editionId),
      d.workPlans.list(editionId),
      this.optional('sessions', src.sessions && (() => src.sessions!.listSessions(editionId))),
      this.optional('minutes', src.sessions && (() => src.sessions!.listMinutes(editionId))),
      this.optional('meetings', src.meetings && (() => src.meetings!.listMeetings(editionId))),
      this.optional('surveys', src.surveys && (() => src.surveys!.listWaves(editionId))),
      this.optional('cases', src.cases && (() => src.cases!.anonymousBarriers(editionId))),
      this.optional('groupReports', src.groupReports && (() => src.groupReports!.listReports(editionId))),
    ]);
    let surveys: GeneralReportInput['surveys'];
    if (waves && src.surveys) {
      const results = await Promise.all(waves.map((w) => this.optional('surveyResults', () => src.surveys!.results(editionId, w.wave))));
      surveys = { waves, results: results.filter((r) => r !== undefined) };
    }
    const c = catalog.data;
    return {
      edition: {
        id: edition._id,
        name: edition.nombre,
        ...(edition.opensAt ? { opensAt: edition.opensAt } : {}),
        ...(edition.closesAt ? { closesAt: edition.closesAt } : {}),
        calendar: edition.calendar,
      },
      generatedAt: d.clock(),
      catalog: {
        vocalias: c.vocalias.map((v) => ({ key: v.clave, label: v.nombre })),
        ambitos: c.ambitos.map((a) => ({ key: a.clave, label: a.nombre })),
        entidades: c.entidades.map((e) => ({ key: e.clave, label: e.nombre, circunscripcion: e.circunscripcion })),
        circunscripciones: c.circunscripciones.map((x) => ({ key: String(x.numero), label: T.circunscripcion(String(x.numero), x.cabecera), cabecera: x.cabecera })),
        ejes: c.ejesTematicos.map((e) => ({ key: e.clave, label: e.nombre })),
      },
      members: records
        .filter((m) => !m.erasedAt)
        .map((m) => ({
          id: m._id,
          personKey: m.personKey,
          nombre: m.nombre,
          correo: m.correo,
          status: m.status,
          vocalia: m.vocalia,
          ambito: m.ambito,
          entidad: m.entidad,
          circunscripcion: m.circunscripcion,
          juntaKey: juntaKey(m),
        })),
      ...(set ? { groups: { groupCount: set.groupCount, assignment: set.assignment, removed: set.removed } } : {}),
      holders: holders.map((h) => ({ group: h.group, role: h.role, personKey: h.personKey })),
      plans: plans.map((p) => ({ group: p.group, items: p.items.map((i) => ({ topicId: i.topicId, eje: i.eje, titulo: i.titulo })) })),
      ...(sessions ? { sessions } : {}),
      ...(minutes ? { minutes } : {}),
      ...(meetings ? { meetings } : {}),
      ...(surveys ? { surveys } : {}),
      ...(anonymousBarriers ? { anonymousBarriers } : {}),
      ...(groupReports ? { groupReports } : {}),
    };
  }

  /** The compiled report of an edition (null when the edition does not exist). */
  async compile(editionId: string): Promise<GeneralReport | null> {
    const input = await this.gather(editionId);
    if (!input) return null;
    return compileGeneralReport(input, { placeholders: T.placeholders, negativeAnswers: T.negativeAnswers, unknownLabel: T.unknown });
  }

  /** The report as a file; 'empty' when the edition has no data at all (no file is produced). */
  async build(editionId: string, format: GeneralReportFormat): Promise<GeneralReportResult> {
    const report = await this.compile(editionId);
    if (!report) return { kind: 'noEdition' };
    if (isEmptyReport(report)) return { kind: 'empty' };
    const data = format === 'docx' ? await renderGeneralReportDocx(report, await this.charts(report)) : await renderGeneralReportXlsx(report);
    return { kind: 'file', format, data, report };
  }

  /** Registrations by vocalía and barriers by category, when there is something to draw. */
  private async charts(r: GeneralReport): Promise<ReportCharts> {
    const out: ReportCharts = {};
    const vocalias = r.participation?.byVocalia ?? [];
    if (vocalias.some((v) => v.validated > 0)) out.vocalia = await this.chart(vocalias.map((v) => ({ label: v.label, value: v.validated })), T.participation.chartAxisMembers);
    if (r.barriers && r.barriers.total > 0) out.barriers = await this.chart(r.barriers.rows.map((b) => ({ label: BARRIER_LABELS[b.category], value: b.total })), T.barriers.chartAxis);
    return out;
  }

  private async chart(data: { label: string; value: number }[], axisTitle: string): Promise<ChartImage | undefined> {
    try {
      return await barChartPng(data, { axisTitle });
    } catch (err) {
      // A chart that cannot be drawn leaves its table in place; the report is still delivered.
      this.deps.logger?.error({ err: err instanceof Error ? err.message : String(err) }, 'general report: chart rendering failed');
      return undefined;
    }
  }
}
