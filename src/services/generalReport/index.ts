/** The general report for the Comisión (issue 13): gathering, DOCX with charts, XLSX. */
export { GeneralReportService, type GeneralReportDeps, type GeneralReportFormat, type GeneralReportResult } from './service.js';
export { renderGeneralReportDocx, type ReportCharts } from './docx.js';
export { renderGeneralReportXlsx } from './xlsx.js';
export { barChartPng, type BarDatum, type ChartImage } from './charts.js';
export { GENERAL_REPORT_TEXTS } from './texts.js';
