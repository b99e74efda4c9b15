import { renderTemplate, type CardJson } from './render.js';
import { VERBS } from './verbs.js';

/**
 * Cards of the cases feature (templates under cards/cases/): consultas, confidential accompaniment requests and
 * anonymous barrier reports. Texts (labels included) come from src/features/cases/texts.ts; members' texts are
 * passed as written and escaped by renderTemplate.
 */

export interface Choice {
  title: string;
  value: string;
}

export interface CaseContactCardData {
  title: string;
  paragraphs: string[];
  categories: Choice[];
  /** Random per card: a second press of the same card does not open a second consulta. */
  formId: string;
  limits: { subject: number; message: number };
  labels: { subject: string; subjectError: string; category: string; categoryError: string; message: string; messageError: string; send: string };
}

/** "contactar": subject, category and message. */
export function renderCaseContactCard(data: CaseContactCardData): CardJson {
  const { categories, paragraphs, ...rest } = data;
  return renderTemplate('caseContact', { ...rest, choices: categories, paragraphs: paragraphs.map((text) => ({ text })), verbs: VERBS });
}

export interface ConfidentialIntroCardData {
  title: string;
  /** What the channel is and is not, where formal complaints go, who reads it. */
  sections: { heading: string; text: string }[];
  /** Where formal complaints go (https), or '' when configuration gives only a text. */
  complaintsUrl: string;
  formId: string;
  limits: { message: number };
  labels: { message: string; messageError: string; send: string; complaints: string };
}

/** "acompañamiento": the explanation before writing, and the request. */
export function renderConfidentialIntroCard(data: ConfidentialIntroCardData): CardJson {
  // `url` (not `complaintsUrl`): the key every card uses for addresses.
  const { complaintsUrl, ...rest } = data;
  return renderTemplate('confidentialIntro', { ...rest, url: complaintsUrl, verbs: VERBS });
}

export interface CaseMessageView {
  who: string;
  when: string;
  text: string;
}

export interface CaseStaffCardData {
  title: string;
  facts: { title: string; value: string }[];
  messages: CaseMessageView[];
  note: string;
  caseId: string;
  /** Reply and close (the case is open). */
  canAct: boolean;
  limits: { message: number };
  labels: { reply: string; replyError: string; answer: string; close: string };
}

/** A case as UTIGyND staff see it (a consulta; a confidential request only for the acompanamiento role). */
export function renderCaseStaffCard(data: CaseStaffCardData): CardJson {
  return renderTemplate('caseStaff', { ...data, verbs: VERBS });
}

export interface CaseMemberCardData {
  title: string;
  facts: { title: string; value: string }[];
  messages: CaseMessageView[];
  note: string;
  caseId: string;
  canReply: boolean;
  /** Confidential requests: she can delete it. */
  canDelete: boolean;
  limits: { message: number };
  labels: { reply: string; replyError: string; answer: string; delete: string; deleteWarning: string; deleteConfirm: string };
}

/** Her case: the conversation so far, her answer, and (confidential) deleting it. */
export function renderCaseMemberCard(data: CaseMemberCardData): CardJson {
  return renderTemplate('caseMember', { ...data, verbs: VERBS });
}

/** The notice to her of an answer on her confidential request: no content, only "Ver" (her own case, checked on the server). */
export function renderConfidentialMemberNoticeCard(data: { title: string; text: string; caseId: string; labels: { open: string } }): CardJson {
  return renderTemplate('confidentialMemberNotice', { ...data, verbs: VERBS });
}

/** The notice of a confidential request to the acompanamiento staff: no content, only "Abrir". */
export function renderConfidentialNoticeCard(data: { title: string; text: string; caseId: string; labels: { open: string } }): CardJson {
  return renderTemplate('confidentialNotice', { ...data, verbs: VERBS });
}

export interface BarrierReportCardData {
  title: string;
  paragraphs: string[];
  categories: Choice[];
  limits: { description: number; example: number };
  labels: { category: string; categoryError: string; description: string; descriptionError: string; example: string; send: string };
}

/** "barrera": category, description and an optional example; anonymous. */
export function renderBarrierReportCard(data: BarrierReportCardData): CardJson {
  const { categories, paragraphs, ...rest } = data;
  return renderTemplate('barrierReport', { ...rest, choices: categories, paragraphs: paragraphs.map((text) => ({ text })), verbs: VERBS });
}

/** A title and paragraphs: a used card replaced in place, a confirmation. */
export function renderCaseNoteCard(data: { title: string; paragraphs: string[] }): CardJson {
  return renderTemplate('caseNote', { title: data.title, paragraphs: data.paragraphs.map((text) => ({ text })) });
}
