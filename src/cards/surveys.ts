import { BARRIER_CATEGORIES } from '../domain/barriers.js';
import type { AnswerValue, Answers, BarrierBlockAnswer, PageDraft, Question } from '../domain/surveys/types.js';
import { renderTemplate, type CardJson } from './render.js';
import { VERBS } from './verbs.js';

/**
 * Cards of the surveys feature (templates under cards/surveys/). Texts come from src/features/surveys/texts.ts.
 *
 * Input ids on the page card are positional, "i<q>_<c>_<f>": q is the question's position on the page, c is 0 for
 * a plain question or 1 + the barrier category's position, f the barrier field (0 faced, 1 effect, 2 example).
 * They never carry text from data (so a hostile instrument cannot make two inputs share an id); the feature
 * maps them back with `pageInputsToRaw`.
 */

export interface SurveyInvitationCardData {
  title: string;
  paragraphs: string[];
  closes: string;
  startTitle: string;
  editionId: string;
  wave: number;
}

/** The 1:1 invitation: «Responder la encuesta» shows her current page (in place). */
export function renderSurveyInvitationCard(data: SurveyInvitationCardData): CardJson {
  return renderTemplate('surveyInvitation', { ...data, paragraphs: data.paragraphs.map((text) => ({ text })), verbs: VERBS });
}

/** One element of a page: a heading, or an input with its numbers (see the id scheme above). */
export interface SurveyPageItem {
  qi: number;
  ci: number;
  fi: number;
  label: string;
  help: string;
  heading: boolean;
  choice: boolean;
  compact: boolean;
  multi: boolean;
  number: boolean;
  text: boolean;
  multiline: boolean;
  hasValue: boolean;
  separator: boolean;
  choices: { title: string; value: string }[];
  value: string | number;
  min: number;
  max: number;
  maxLength: number;
  placeholder: string;
}

/** Words of the page card that are not in the instrument (texts.ts of the feature). */
export interface SurveyPageWords {
  required: (label: string) => string;
  yes: string;
  no: string;
  barrierFaced: string;
  barrierEffect: string;
  barrierExample: string;
  effectLabels: readonly string[];
  likertLabels: readonly string[];
  choose: string;
  numberRange: (min: number, max: number) => string;
  barrierLabel: (category: (typeof BARRIER_CATEGORIES)[number]) => string;
}

const ITEM_DEFAULTS: Omit<SurveyPageItem, 'qi' | 'ci' | 'fi' | 'label'> = {
  help: '',
  heading: false,
  choice: false,
  compact: false,
  multi: false,
  number: false,
  text: false,
  multiline: false,
  hasValue: false,
  separator: false,
  choices: [],
  value: '',
  min: 0,
  max: 0,
  maxLength: 0,
  placeholder: '',
};

const TEXT_DEFAULT_MAX: Record<string, number> = { shortText: 200, longText: 2000 };

/** The input id of a position (see the scheme above). */
export const surveyInputId = (qi: number, ci: number, fi: number): string => `i${qi}_${ci}_${fi}`;

/**
 * The items of a page: `questions` are the page's visible questions with their position on the page
 * (`positionOf`), pre-filled with her saved answers.
 */
export function surveyPageItems(questions: readonly Question[], positionOf: (questionId: string) => number, answers: Answers, words: SurveyPageWords): SurveyPageItem[] {
  const items: SurveyPageItem[] = [];
  questions.forEach((q, n) => {
    const qi = positionOf(q.id);
    const label = q.required ? words.required(q.text) : q.text;
    const value: AnswerValue | undefined = answers[q.id];
    const base = { ...ITEM_DEFAULTS, qi, ci: 0, fi: 0, label, help: q.help ?? '', separator: n > 0 };
    switch (q.type) {
      case 'single':
      case 'multiple':
        items.push({
          ...base,
          choice: true,
          multi: q.type === 'multiple',
          choices: (q.options ?? []).map((o) => ({ title: o.label, value: o.value })),
          value: Array.isArray(value) ? value.join(',') : typeof value === 'string' ? value : '',
        });
        break;
      case 'likert': {
        const labels = q.likertLabels ?? words.likertLabels;
        items.push({ ...base, choice: true, choices: labels.map((l, i) => ({ title: `${i + 1} – ${l}`, value: String(i + 1) })), value: typeof value === 'number' ? String(value) : '' });
        break;
      }
      case 'number':
        items.push({
          ...base,
          number: true,
          min: q.min ?? 0,
          max: q.max ?? 0,
          hasValue: typeof value === 'number',
          value: typeof value === 'number' ? value : '',
          placeholder: words.numberRange(q.min ?? 0, q.max ?? 0),
        });
        break;
      case 'shortText':
      case 'longText':
        items.push({ ...base, text: true, multiline: q.type === 'longText', maxLength: q.maxLength ?? TEXT_DEFAULT_MAX[q.type] ?? 200, value: typeof value === 'string' ? value : '' });
        break;
      case 'barriers': {
        items.push({ ...base, heading: true });
        const block = (value && typeof value === 'object' && !Array.isArray(value) ? value : {}) as BarrierBlockAnswer;
        BARRIER_CATEGORIES.forEach((category, c) => {
          const a = block[category];
          const ci = c + 1;
          items.push({
            ...ITEM_DEFAULTS,
            qi,
            ci,
            fi: 0,
            separator: true,
            label: `${words.barrierLabel(category)} · ${words.barrierFaced}`,
            choice: true,
            choices: [
              { title: words.yes, value: 'true' },
              { title: words.no, value: 'false' },
            ],
            value: a?.faced === undefined ? '' : String(a.faced),
          });
          items.push({
            ...ITEM_DEFAULTS,
            qi,
            ci,
            fi: 1,
            label: words.barrierEffect,
            choice: true,
            compact: true,
            placeholder: words.choose,
            choices: words.effectLabels.map((l, i) => ({ title: `${i + 1} – ${l}`, value: String(i + 1) })),
            value: a?.effect === undefined ? '' : String(a.effect),
          });
          items.push({ ...ITEM_DEFAULTS, qi, ci, fi: 2, label: words.barrierExample, text: true, maxLength: 1000, value: a?.example ?? '' });
        });
        break;
      }
    }
  });
  return items;
}

export interface SurveyPageCardData {
  title: string;
  progress: string;
  section: string;
  intro: string;
  notice: string;
  items: SurveyPageItem[];
  hasBack: boolean;
  backTitle: string;
  nextTitle: string;
  editionId: string;
  wave: number;
  version: string;
  pageId: string;
}

/** One page of a survey: her saved answers pre-filled, «Atrás» and «Siguiente» (both save the page). */
export function renderSurveyPageCard(data: SurveyPageCardData): CardJson {
  return renderTemplate('surveyPage', { ...data, verbs: VERBS });
}

export interface SurveyReviewCardData {
  title: string;
  heading: string;
  intro: string;
  notice: string;
  sections: { title: string; facts: { question: string; answer: string }[] }[];
  backTitle: string;
  sendTitle: string;
  canSend: boolean;
  editionId: string;
  wave: number;
  version: string;
  lastPageId: string;
}

/** The review page: every answer by section, «Atrás» and «Enviar» (final). */
export function renderSurveyReviewCard(data: SurveyReviewCardData): CardJson {
  return renderTemplate('surveyReview', { ...data, verbs: VERBS });
}

/** A title and paragraphs: «Gracias», a closed wave, a card that can no longer be used. */
export function renderSurveyNoteCard(data: { title: string; paragraphs: string[] }): CardJson {
  return renderTemplate('surveyNote', { title: data.title, paragraphs: data.paragraphs.map((text) => ({ text })) });
}

export interface SurveyReportBlock {
  heading: string;
  /** `mono` lines are shown in a fixed-width font (text bars). */
  lines: { text: string; mono: boolean }[];
}

/** Status of the waves, results of a wave, comparison of two waves (UTIGyND). */
export function renderSurveyReportCard(data: { title: string; intro: string[]; blocks: SurveyReportBlock[]; note: string }): CardJson {
  return renderTemplate('surveyReport', { ...data, intro: data.intro.map((text) => ({ text })) });
}

// --- Size of a page, for the pagination (src/domain/surveys/pagination.ts) -------------------------------

/** Filler words as long as the real ones or longer: the estimate errs on the large side. */
const FILLER = (n: number): string => 'x'.repeat(n);
const ESTIMATE_WORDS: SurveyPageWords = {
  required: (label) => `${label} ${FILLER(14)}`,
  yes: FILLER(4),
  no: FILLER(4),
  barrierFaced: FILLER(24),
  barrierEffect: FILLER(60),
  barrierExample: FILLER(60),
  effectLabels: [FILLER(16), FILLER(16), FILLER(16), FILLER(16), FILLER(16)],
  likertLabels: [FILLER(32), FILLER(32), FILLER(32), FILLER(32), FILLER(32)],
  choose: FILLER(20),
  numberRange: () => FILLER(30),
  barrierLabel: () => FILLER(40),
};

/** Bytes of a page's card as sent (UTF-8 JSON), with room for the longest texts and answers it can hold. */
export function estimateSurveyPageBytes(draft: PageDraft): number {
  const questions = draft.questions;
  const card = renderSurveyPageCard({
    title: `${draft.instrument.title} ${FILLER(20)}`,
    progress: FILLER(40),
    section: draft.sectionTitle,
    intro: draft.intro ?? '',
    notice: FILLER(300),
    items: surveyPageItems(questions, (id) => questions.findIndex((q) => q.id === id), {}, ESTIMATE_WORDS),
    hasBack: true,
    backTitle: FILLER(10),
    nextTitle: FILLER(10),
    editionId: FILLER(20),
    wave: 1,
    version: draft.instrument.version,
    pageId: `${draft.sectionId}#9`,
  });
  // Saved answers come back in the card: room for each text answer at its maximum length.
  const answerRoom = questions.reduce((sum, q) => sum + (q.type === 'shortText' || q.type === 'longText' ? (q.maxLength ?? TEXT_DEFAULT_MAX[q.type] ?? 200) : q.type === 'barriers' ? 0 : 40), 0);
  return Buffer.byteLength(JSON.stringify(card), 'utf8') + answerRoom;
}
