import { renderGroupReportFormCard, renderGroupReportReviewCard } from '../../cards/groupReports.js';
import type { CardJson } from '../../cards/render.js';
import { BARRIER_CATEGORIES } from '../../domain/barriers.js';
import { emptyContent, type ReportPrefill } from '../../domain/groupReports/index.js';
import { formatDate } from '../../domain/time.js';
import type { GroupReportDoc } from '../../services/groupReports/index.js';
import { BARRIER_LABELS } from '../../texts/barriers.js';
import { listJoin } from '../../texts/spanish.js';
import { GROUP_REPORTS_TEXTS as T, REPORT_STATE_LABELS } from './texts.js';

/** The lines "what the bot already knows" of the form. */
export function knownLines(prefill: ReportPrefill, zone: string): string[] {
  const lines: string[] = [];
  if (prefill.sessions) {
    lines.push(T.sessionsLine(prefill.sessions.held.length, prefill.sessions.attendanceRate));
    for (const s of prefill.sessions.held.slice(0, 24)) lines.push(T.sessionItem(formatDate(s.date, zone), s.topic, s.attended, s.invited));
  } else lines.push(T.sessionsNoData);
  lines.push(prefill.planTopics && prefill.planTopics.length > 0 ? T.planTopics(listJoin(prefill.planTopics)) : T.planNone);
  lines.push(prefill.minutesTopics && prefill.minutesTopics.length > 0 ? T.minutesTopics(listJoin(prefill.minutesTopics)) : T.minutesNone);
  for (const c of BARRIER_CATEGORIES) {
    const texts = prefill.minutesBarriers?.[c];
    if (texts && texts.length > 0) lines.push(T.minutesBarriers(BARRIER_LABELS[c], texts.slice(0, 5).join(' · ')));
  }
  return lines;
}

/** The editable form for the secretaria or the representante (current version, or an empty first one). */
export function formCard(input: { editionId: string; group: number; report: GroupReportDoc | null; prefill: ReportPrefill; zone: string; due: string | undefined }): CardJson {
  const r = input.report;
  const content = r?.content ?? emptyContent();
  const state = REPORT_STATE_LABELS[r?.state ?? 'sin_iniciar'];
  const L = T.labels;
  return renderGroupReportFormCard({
    title: T.formTitle(input.group, r?.version ?? 1),
    intro: T.formIntro(state, input.due),
    notice: r?.state === 'devuelto' && r.comment ? T.returnedNote(r.comment) : '',
    knownTitle: T.knownTitle,
    known: knownLines(input.prefill, input.zone),
    labels: { summary: L.summary, achievements: L.achievements, agreements: L.agreements, barriersTitle: L.barriersTitle, proposals: L.proposals, save: L.save, submit: L.submit },
    values: { summary: content.summary, achievements: content.achievements, agreements: content.agreements, proposals: content.proposals },
    barriers: BARRIER_CATEGORIES.map((c) => ({ label: BARRIER_LABELS[c], value: content.barriers[c] ?? '' })),
    attachmentText: L.attachment(r?.attachment?.name),
    editionId: input.editionId,
    group: input.group,
    version: r?.version ?? 0,
    rev: r?.rev ?? 0,
  });
}

/** The report's sections as text (review cards and notices). */
export function sectionsOf(report: GroupReportDoc): { heading: string; text: string }[] {
  const S = T.section;
  const c = report.content;
  const barriers = BARRIER_CATEGORIES.flatMap((cat) => (c.barriers[cat] ? [`${BARRIER_LABELS[cat]}: ${c.barriers[cat]}`] : []));
  return [
    { heading: S.summary, text: c.summary || S.empty },
    { heading: S.achievements, text: c.achievements || S.empty },
    { heading: S.agreements, text: c.agreements || S.empty },
    { heading: S.barriers, text: barriers.length > 0 ? barriers.join('\n\n') : S.empty },
    { heading: S.proposals, text: c.proposals || S.empty },
  ];
}

export type ReviewMode = 'representante' | 'admin' | 'readOnly';

/** A report as a card: for the representante's review, UTIGyND's review, or read only. */
export function reviewCard(report: GroupReportDoc, mode: ReviewMode, intro: string): CardJson {
  const L = T.labels;
  return renderGroupReportReviewCard({
    title: T.reviewTitle(report.group, report.version),
    intro,
    notice: report.comment ? T.returnedNote(report.comment) : '',
    sections: sectionsOf(report),
    attachmentText: report.attachment ? L.attachment(report.attachment.name) : L.attachment(undefined),
    review: mode !== 'readOnly',
    admin: mode === 'admin',
    commentLabel: L.comment,
    approveTitle: mode === 'admin' ? L.accept : L.approve,
    returnTitle: mode === 'admin' ? L.returnByAdmin : L.returnToGroup,
    editionId: report.editionId,
    group: report.group,
    version: report.version,
    rev: report.rev,
  });
}
