import type { CardJson } from '../../cards/render.js';
import { renderSurveyInvitationCard, renderSurveyNoteCard, renderSurveyPageCard, renderSurveyReviewCard, surveyInputId, surveyPageItems, type SurveyPageWords } from '../../cards/surveys.js';
import { BARRIER_CATEGORIES } from '../../domain/barriers.js';
import { barrierInputIdFor, inputIdFor, pageQuestions, progress, questionIndex, reviewData } from '../../domain/surveys/index.js';
import { DEFAULT_LIKERT_LABELS, EFFECT_LABELS } from '../../domain/surveys/texts.js';
import type { Instrument, Page, RawPageInputs, WaveNumber } from '../../domain/surveys/types.js';
import { formatDateTime, HQ_TIME_ZONE } from '../../domain/time.js';
import { REVIEW_PAGE, type SurveyView, type WaveDoc } from '../../services/surveys/index.js';
import { BARRIER_LABELS } from '../../texts/barriers.js';
import { PAGE_WORDS, SURVEYS_TEXTS as T } from './texts.js';

/** Cards of the answering flow, built from the service's SurveyView. */

const WORDS: SurveyPageWords = {
  ...PAGE_WORDS,
  effectLabels: EFFECT_LABELS,
  likertLabels: DEFAULT_LIKERT_LABELS,
  barrierLabel: (c) => BARRIER_LABELS[c],
};

export const closingOf = (wave: Pick<WaveDoc, 'closesAt'>): string => formatDateTime(wave.closesAt, HQ_TIME_ZONE);

export function invitationCard(wave: WaveDoc): CardJson {
  return renderSurveyInvitationCard({
    title: T.invitationTitle(wave.wave),
    paragraphs: [T.invitationIntro, T.invitationHow],
    closes: T.closesAt(closingOf(wave)),
    startTitle: T.startTitle,
    editionId: wave.editionId,
    wave: wave.wave,
  });
}

const questionText = (instrument: Instrument, id: string): string => questionIndex(instrument).get(id)?.text ?? id;

/**
 * The card of what the view shows: a page, or the review page. `flagMissing` names the page's unanswered
 * required questions (after «Siguiente»); `notice` replaces that note.
 */
export function viewCard(view: SurveyView, opts: { notice?: string; flagMissing?: boolean } = {}): CardJson {
  const { notice } = opts;
  if (view.show === REVIEW_PAGE) return reviewCard(view, notice);
  const { instrument, pages, answers, wave } = view;
  const page = pages.find((p) => p.id === view.show)!;
  const at = progress(instrument, pages, page.id, answers);
  const questions = pageQuestions(instrument, page, answers);
  const missing = view.missing.map((id) => questionText(instrument, id));
  return renderSurveyPageCard({
    title: instrument.title,
    progress: at ? T.progress(at.pageNumber, at.pageCount) : '',
    section: page.parts > 1 ? `${page.sectionTitle} (${page.part}/${page.parts})` : page.sectionTitle,
    intro: page.intro ?? (at?.isFirst && instrument.intro ? instrument.intro : ''),
    notice: notice ?? (missing.length && opts.flagMissing ? T.missingHere(missing) : ''),
    items: surveyPageItems(questions, (id) => page.questionIds.indexOf(id), answers, WORDS),
    hasBack: !(at?.isFirst ?? true),
    backTitle: T.back,
    nextTitle: at?.isLast ? T.toReview : T.next,
    editionId: wave.editionId,
    wave: wave.wave,
    version: wave.instrumentVersion,
    pageId: page.id,
  });
}

function reviewCard(view: SurveyView, notice?: string): CardJson {
  const { instrument, pages, answers, wave } = view;
  const data = reviewData(instrument, pages, answers);
  const sections: { title: string; facts: { question: string; answer: string }[] }[] = [];
  for (const item of data.items) {
    const title = instrument.sections.find((s) => s.id === item.sectionId)?.title ?? item.sectionId;
    let section = sections.at(-1);
    if (!section || section.title !== title) {
      section = { title, facts: [] };
      sections.push(section);
    }
    if (item.barriers) {
      for (const b of item.barriers) section.facts.push({ question: BARRIER_LABELS[b.category], answer: T.barrierLine(b.faced, b.effect, b.hasExample) });
    } else section.facts.push({ question: item.text, answer: item.answered ? item.display.join('; ') : T.noAnswer });
  }
  const missing = data.missingRequired.map((id) => questionText(instrument, id));
  const visible = pages.filter((p) => data.items.some((i) => i.pageId === p.id));
  return renderSurveyReviewCard({
    title: instrument.title,
    heading: T.reviewHeading,
    intro: T.reviewIntro,
    notice: notice ?? (missing.length ? T.reviewMissing(missing) : ''),
    sections,
    backTitle: T.back,
    sendTitle: T.send,
    canSend: data.complete,
    editionId: wave.editionId,
    wave: wave.wave,
    version: wave.instrumentVersion,
    lastPageId: visible.at(-1)?.id ?? pages[0]?.id ?? '',
  });
}

export const thanksCard = (wave: WaveNumber): CardJson => renderSurveyNoteCard({ title: T.thanksTitle, paragraphs: [T.thanks(wave)] });
export const noteCard = (title: string, text: string): CardJson => renderSurveyNoteCard({ title, paragraphs: [text] });

/**
 * The page card's positional inputs ("i<q>_<c>_<f>") as the domain's input ids (q_<question>…); other keys of
 * the submission are dropped, except "q_…" ones, which the domain refuses when they are not of the page. An
 * "i…" input that is not a position of the page is returned in `unknown`.
 */
export function pageInputsToRaw(instrument: Instrument, page: Page, data: Record<string, unknown>): { raw: RawPageInputs; unknown: string[] } {
  const index = questionIndex(instrument);
  const raw: RawPageInputs = {};
  const known = new Set<string>();
  page.questionIds.forEach((id, qi) => {
    const q = index.get(id);
    if (!q) return;
    if (q.type === 'barriers') {
      BARRIER_CATEGORIES.forEach((category, c) => {
        (['faced', 'effect', 'example'] as const).forEach((field, fi) => {
          const key = surveyInputId(qi, c + 1, fi);
          known.add(key);
          if (data[key] !== undefined) raw[barrierInputIdFor(id, category, field)] = data[key];
        });
      });
    } else {
      const key = surveyInputId(qi, 0, 0);
      known.add(key);
      if (data[key] !== undefined) raw[inputIdFor(id)] = data[key];
    }
  });
  const unknown: string[] = [];
  for (const [k, v] of Object.entries(data)) {
    if (/^i\d/.test(k) && !known.has(k)) unknown.push(k);
    // Domain input ids sent directly (a forged card): the domain refuses those that are not of the page.
    else if (k.startsWith(inputIdFor(''))) raw[k] = v;
  }
  return { raw, unknown };
}
