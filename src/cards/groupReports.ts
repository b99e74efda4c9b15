import { renderTemplate, type CardJson } from './render.js';
import { VERBS } from './verbs.js';

/** Cards of the group reports (templates under cards/groupReports/). Texts come from the feature's texts.ts. */

export interface GroupReportFormLabels {
  summary: string;
  achievements: string;
  agreements: string;
  barriersTitle: string;
  proposals: string;
  save: string;
  submit: string;
}

export interface GroupReportFormData {
  title: string;
  intro: string;
  /** Observations of a return ('' when none). */
  notice: string;
  knownTitle: string;
  /** What the bot already knows (sessions, plan topics, minutes' topics and barriers), one line each. */
  known: string[];
  labels: GroupReportFormLabels;
  values: { summary: string; achievements: string; agreements: string; proposals: string };
  /** One per barrier category, in BARRIER_CATEGORIES order (inputs barrier0 … barrier7). */
  barriers: { label: string; value: string }[];
  attachmentText: string;
  editionId: string;
  group: number;
  version: number;
  rev: number;
}

/** The report form of the secretaria (or representante): prefilled, with "Guardar borrador" and "Enviar a revisión". */
export function renderGroupReportFormCard(data: GroupReportFormData): CardJson {
  return renderTemplate('groupReportForm', { ...data, known: data.known.map((text) => ({ text })), verbs: VERBS });
}

export interface GroupReportReviewData {
  title: string;
  intro: string;
  notice: string;
  sections: { heading: string; text: string }[];
  attachmentText: string;
  /** Shows the comment box and the two buttons. */
  review: boolean;
  /** UTIGyND's buttons (Aceptar / Devolver con observaciones) instead of the representante's. */
  admin: boolean;
  commentLabel: string;
  approveTitle: string;
  returnTitle: string;
  editionId: string;
  group: number;
  version: number;
  rev: number;
}

/** A report as read by the representante (approve/return), by UTIGyND (accept/return) or by anyone (read only). */
export function renderGroupReportReviewCard(data: GroupReportReviewData): CardJson {
  return renderTemplate('groupReportReview', { ...data, verbs: VERBS });
}
