import type { Feature, FeatureContext } from '../feature.js';
import { generalReportHandler } from './handlers/generalReport.js';

/**
 * The general report for the Comisión de Igualdad de Género y No Discriminación (issue 13), UTIGyND only:
 * "informe general" (Word document with cover, table of contents, sections, tables and charts) and
 * "informe general xlsx" (the same data, one sheet per section), offered through the file consent flow.
 * Commands in ./commands.ts, chat texts in ./texts.ts, handler in ./handlers/generalReport.ts.
 * Dialogs: none. Cards: none (the file consent card of src/bot/files.ts).
 * Domain: src/domain/generalReport/ (compilation, k ≥ 5 suppression, anonymization).
 * Services: src/services/generalReport/ (gathering from the services and src/services/reporting/sources.ts,
 * DOCX with docx, charts with vega-lite → SVG → PNG with @resvg/resvg-js, XLSX with exceljs, document texts).
 * Tests: test/generalReport/. Benchmark: bench/report.ts (npm run bench:report).
 */
export function createGeneralReportFeature(ctx: FeatureContext): Feature {
  return {
    name: 'generalReport',
    routes: [
      { commandId: 'generalReport', handle: ctx.guard.command('generalReport', generalReportHandler(ctx, 'docx')) },
      { commandId: 'generalReportXlsx', handle: ctx.guard.command('generalReportXlsx', generalReportHandler(ctx, 'xlsx')) },
    ],
  };
}
