import { randomUUID } from 'node:crypto';
import type { AppConfig } from '../../config.js';
import { BARRIER_CATEGORIES } from '../../domain/barriers.js';
import { awaitingStaff, CASE_CATEGORIES, CASE_LIMITS, type IsoDay } from '../../domain/cases/index.js';
import { formatDateTime, HQ_TIME_ZONE } from '../../domain/time.js';
import {
  renderBarrierReportCard,
  renderCaseContactCard,
  renderCaseMemberCard,
  renderCaseStaffCard,
  renderConfidentialIntroCard,
  renderConfidentialMemberNoticeCard,
  renderConfidentialNoticeCard,
} from '../../cards/cases.js';
import type { CardJson } from '../../cards/render.js';
import type { CaseDoc } from '../../services/cases/index.js';
import { BARRIER_LABELS } from '../../texts/barriers.js';
import { ageText } from './support.js';
import { CASES_TEXTS as T, CATEGORY_LABELS } from './texts.js';

/** Card data of the cases feature, from the stored cases and the texts. */

export function stateText(doc: CaseDoc): string {
  if (doc.status === 'deleted') return T.states.deleted;
  if (doc.status === 'closed') return T.states.closed;
  return awaitingStaff(doc.messages) ? T.states.waitingStaff : T.states.answered;
}

export function contactCard(): CardJson {
  return renderCaseContactCard({
    title: T.contact.title,
    paragraphs: [T.contact.intro, T.contact.privacy, T.contact.limitsNote(CASE_LIMITS.subject, CASE_LIMITS.message)],
    categories: CASE_CATEGORIES.map((value) => ({ title: CATEGORY_LABELS[value], value })),
    formId: randomUUID(),
    limits: { subject: CASE_LIMITS.subject, message: CASE_LIMITS.message },
    labels: T.contact.labels,
  });
}

export function confidentialIntroCard(config: Pick<AppConfig, 'complaints'>): CardJson {
  const A = T.accompaniment;
  return renderConfidentialIntroCard({
    title: A.title,
    sections: [
      { heading: A.whatIs, text: A.whatIsText },
      { heading: A.whatIsNot, text: A.whatIsNotText(config.complaints.reference) },
      { heading: A.whoReads, text: `${A.whoReadsText} ${A.limitsNote(CASE_LIMITS.message)}` },
    ],
    complaintsUrl: config.complaints.url ?? '',
    formId: randomUUID(),
    limits: { message: CASE_LIMITS.message },
    labels: A.labels,
  });
}

export function barrierCard(): CardJson {
  return renderBarrierReportCard({
    title: T.barrier.title,
    paragraphs: [T.barrier.intro, T.barrier.useNote, T.barrier.limitsNote(CASE_LIMITS.barrierDescription, CASE_LIMITS.barrierExample)],
    categories: BARRIER_CATEGORIES.map((value) => ({ title: BARRIER_LABELS[value], value })),
    limits: { description: CASE_LIMITS.barrierDescription, example: CASE_LIMITS.barrierExample },
    labels: T.barrier.labels,
  });
}

/** The case as staff see it (headquarters' time); a confidential one only ever reaches the acompanamiento role. */
export function staffCaseCard(doc: CaseDoc, now: Date, holidays: ReadonlySet<IsoDay>): CardJson {
  const confidential = doc.kind === 'acompanamiento';
  const F = T.facts;
  const facts = [
    { title: F.folio, value: String(doc.folio) },
    ...(doc.category ? [{ title: F.category, value: CATEGORY_LABELS[doc.category] }] : []),
    ...(doc.subject !== undefined ? [{ title: F.subject, value: doc.subject }] : []),
    { title: F.from, value: doc.name ?? T.staff.member },
    { title: F.state, value: stateText(doc) },
    { title: F.opened, value: formatDateTime(doc.createdAt, HQ_TIME_ZONE) },
    { title: F.age, value: ageText(doc.createdAt, now, holidays) },
  ];
  const staffLabel = confidential ? T.accompaniment.staffLabel : T.member.staff;
  return renderCaseStaffCard({
    title: confidential ? T.staff.confidentialTitle(doc.folio) : T.staff.caseTitle(doc.folio),
    facts,
    messages: doc.messages.map((m) => ({ who: m.by === 'member' ? (doc.name ?? T.staff.member) : staffLabel, when: formatDateTime(m.at, HQ_TIME_ZONE), text: m.text })),
    note: confidential ? T.staff.openedNote : '',
    caseId: doc._id,
    canAct: doc.status === 'open',
    limits: { message: CASE_LIMITS.message },
    labels: T.staff.labels,
  });
}

/** Her case as she sees it (in her zone): the conversation, her answer while open, deleting a confidential one. */
export function memberCaseCard(doc: CaseDoc, zone: string, title?: string): CardJson {
  const confidential = doc.kind === 'acompanamiento';
  const F = T.facts;
  return renderCaseMemberCard({
    title: title ?? (confidential ? T.staff.confidentialTitle(doc.folio) : T.staff.caseTitle(doc.folio)),
    facts: [
      { title: F.folio, value: String(doc.folio) },
      ...(doc.category ? [{ title: F.category, value: CATEGORY_LABELS[doc.category] }] : []),
      ...(doc.subject !== undefined ? [{ title: F.subject, value: doc.subject }] : []),
      { title: F.state, value: stateText(doc) },
      { title: F.opened, value: formatDateTime(doc.createdAt, zone) },
    ],
    messages: doc.messages.map((m) => ({ who: m.by === 'member' ? T.member.you : confidential ? T.accompaniment.staffLabel : T.member.staff, when: formatDateTime(m.at, zone), text: m.text })),
    note: '',
    caseId: doc._id,
    canReply: doc.status === 'open',
    canDelete: confidential && doc.status !== 'deleted',
    limits: { message: CASE_LIMITS.message },
    labels: T.member.labels,
  });
}

/** The content-free notice to her of an answer on her confidential request. */
export function confidentialMemberNoticeCard(doc: CaseDoc, title: string): CardJson {
  return renderConfidentialMemberNoticeCard({ title, text: T.accompaniment.memberNoticeText, caseId: doc._id, labels: { open: T.accompaniment.memberOpen } });
}

/** The content-free notice of a confidential request to the acompanamiento staff. */
export function confidentialNoticeCard(doc: CaseDoc, title: string, text: string): CardJson {
  return renderConfidentialNoticeCard({ title, text, caseId: doc._id, labels: { open: T.accompaniment.open } });
}
