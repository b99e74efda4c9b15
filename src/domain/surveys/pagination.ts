import { BARRIER_CATEGORIES } from '../barriers.js';
import { isVisible, missingRequired, questionIndex } from './answers.js';
import { DEFAULT_LIKERT_LABELS } from './texts.js';
import {
  MAX_QUESTIONS_PER_PAGE,
  PAGE_BYTE_BUDGET,
  type AnswerValue,
  type Answers,
  type BarrierBlockAnswer,
  type Instrument,
  type Page,
  type PageDraft,
  type PageSizeEstimator,
  type PaginateOptions,
  type Progress,
  type Question,
  type ReviewData,
  type ReviewItem,
} from './types.js';

/**
 * Pagination of the answering flow (issue 12): one card per page, pages cut by section and further when a
 * section's rendered card would be too big (the estimator is the caller's renderer, so this stays pure) or
 * when a question depends on an answer of the same page (cards cannot hide inputs while she types, so a
 * conditional question always starts a page after the one that decides it). Progress counts only the pages
 * visible with the answers so far.
 */

function draftOf(instrument: Instrument, section: Instrument['sections'][number], questions: Question[], first: boolean): PageDraft {
  const d: PageDraft = { instrument, sectionId: section.id, sectionTitle: section.title, questions };
  if (first && section.intro) d.intro = section.intro;
  return d;
}

/** Splits the instrument into pages. A single question larger than the budget gets a page of its own. */
export function paginate(instrument: Instrument, estimate: PageSizeEstimator, opts: PaginateOptions = {}): Page[] {
  const maxBytes = opts.maxBytes ?? PAGE_BYTE_BUDGET;
  const maxQuestions = Math.max(1, opts.maxQuestions ?? MAX_QUESTIONS_PER_PAGE);
  const pages: Page[] = [];
  for (const section of instrument.sections) {
    const chunks: Question[][] = [];
    let current: Question[] = [];
    for (const q of section.questions) {
      const dependsOnCurrent = q.showIf !== undefined && current.some((c) => c.id === q.showIf?.questionId);
      const tooMany = current.length >= maxQuestions;
      const tooBig = current.length > 0 && estimate(draftOf(instrument, section, [...current, q], chunks.length === 0)) > maxBytes;
      if (current.length > 0 && (dependsOnCurrent || tooMany || tooBig)) {
        chunks.push(current);
        current = [];
      }
      current.push(q);
    }
    if (current.length) chunks.push(current);
    chunks.forEach((qs, i) => {
      const page: Page = {
        id: i === 0 ? section.id : `${section.id}#${i + 1}`,
        sectionId: section.id,
        sectionTitle: section.title,
        part: i + 1,
        parts: chunks.length,
        questionIds: qs.map((q) => q.id),
      };
      if (i === 0 && section.intro) page.intro = section.intro;
      pages.push(page);
    });
  }
  return pages;
}

/** Pages whose estimated size exceeds `maxBytes` (single questions too big to fit): empty when all fit. */
export function oversizedPages(instrument: Instrument, pages: readonly Page[], estimate: PageSizeEstimator, maxBytes = PAGE_BYTE_BUDGET): Page[] {
  const index = questionIndex(instrument);
  return pages.filter((p) => {
    const section = instrument.sections.find((s) => s.id === p.sectionId);
    if (!section) return true;
    const qs = p.questionIds.map((id) => index.get(id)).filter((q): q is Question => q !== undefined);
    return estimate(draftOf(instrument, section, qs, p.part === 1)) > maxBytes;
  });
}

/** Visible questions of a page given the answers so far. */
export function pageQuestions(instrument: Instrument, page: Page, answers: Answers): Question[] {
  const index = questionIndex(instrument);
  return page.questionIds
    .map((id) => index.get(id))
    .filter((q): q is Question => q !== undefined && isVisible(instrument, q.id, answers));
}

/** Pages with at least one visible question. */
export function visiblePages(instrument: Instrument, pages: readonly Page[], answers: Answers): Page[] {
  return pages.filter((p) => p.questionIds.some((id) => isVisible(instrument, id, answers)));
}

/** "Página N de M" data for the current page; undefined when that page is unknown or now hidden. */
export function progress(instrument: Instrument, pages: readonly Page[], currentPageId: string, answers: Answers): Progress | undefined {
  const visible = visiblePages(instrument, pages, answers);
  const i = visible.findIndex((p) => p.id === currentPageId);
  if (i < 0) return undefined;
  let answered = 0;
  let visibleQuestions = 0;
  for (const p of visible) {
    for (const q of pageQuestions(instrument, p, answers)) {
      visibleQuestions++;
      if (answers[q.id] !== undefined) answered++;
    }
  }
  const out: Progress = { pageNumber: i + 1, pageCount: visible.length, isFirst: i === 0, isLast: i === visible.length - 1, answered, visibleQuestions };
  const prev = visible[i - 1];
  const next = visible[i + 1];
  if (prev) out.previousPageId = prev.id;
  if (next) out.nextPageId = next.id;
  return out;
}

/** Labels of an answer for the review page (and the export's readable columns). */
export function displayAnswer(q: Question, value: AnswerValue | undefined): string[] {
  if (value === undefined) return [];
  switch (q.type) {
    case 'single':
    case 'multiple': {
      const values = Array.isArray(value) ? value : [String(value)];
      return values.map((v) => q.options?.find((o) => o.value === v)?.label ?? v);
    }
    case 'likert': {
      const labels = q.likertLabels ?? DEFAULT_LIKERT_LABELS;
      const n = Number(value);
      const label = labels[n - 1];
      return [label ? `${n} – ${label}` : String(n)];
    }
    case 'number':
    case 'shortText':
    case 'longText':
      return [String(value)];
    case 'barriers':
      return [];
  }
}

/** The review page: every visible question with its answer, and the required ones still missing. */
export function reviewData(instrument: Instrument, pages: readonly Page[], answers: Answers): ReviewData {
  const items: ReviewItem[] = [];
  for (const page of visiblePages(instrument, pages, answers)) {
    for (const q of pageQuestions(instrument, page, answers)) {
      const v = answers[q.id];
      const item: ReviewItem = {
        questionId: q.id,
        sectionId: page.sectionId,
        pageId: page.id,
        text: q.text,
        answered: v !== undefined,
        required: q.required,
        display: displayAnswer(q, v),
      };
      if (q.type === 'barriers') {
        const block = (v ?? {}) as BarrierBlockAnswer;
        item.barriers = BARRIER_CATEGORIES.map((category) => {
          const a = block[category];
          const line: NonNullable<ReviewItem['barriers']>[number] = { category, hasExample: Boolean(a?.example) };
          if (a) line.faced = a.faced;
          if (a?.effect !== undefined) line.effect = a.effect;
          return line;
        });
      }
      items.push(item);
    }
  }
  const missing = missingRequired(instrument, answers);
  return { items, missingRequired: missing, complete: missing.length === 0 };
}
