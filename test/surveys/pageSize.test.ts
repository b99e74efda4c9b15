import { describe, expect, it } from 'vitest';
import { estimateSurveyPageBytes, renderSurveyPageCard, surveyPageItems } from '../../src/cards/surveys.js';
import { loadDefaultInstrument } from '../../src/data/surveys/index.js';
import { BARRIER_CATEGORIES } from '../../src/domain/barriers.js';
import { paginate, questionIndex } from '../../src/domain/surveys/index.js';
import { DEFAULT_LIKERT_LABELS, EFFECT_LABELS } from '../../src/domain/surveys/texts.js';
import { CARD_SIZE_LIMIT, WAVES, type Answers, type Question } from '../../src/domain/surveys/types.js';
import { PAGE_WORDS } from '../../src/features/surveys/texts.js';
import { BARRIER_LABELS } from '../../src/texts/barriers.js';
import { validateCard } from '../cards/validate.js';

/**
 * Issue 12: Teams refuses cards over about 28 KB. Every page of the three default instruments, rendered as the
 * member receives it with every question of the page shown (conditions ignored) and the longest answers she
 * can give (text at its maximum length, accented), stays under the limit and passes Microsoft's validator.
 */
const words = { ...PAGE_WORDS, effectLabels: EFFECT_LABELS, likertLabels: DEFAULT_LIKERT_LABELS, barrierLabel: (c: (typeof BARRIER_CATEGORIES)[number]) => BARRIER_LABELS[c] };

function longestAnswer(q: Question): Answers[string] | undefined {
  const text = (n: number): string => 'ñá'.repeat(Math.ceil(n / 2)).slice(0, n);
  switch (q.type) {
    case 'single':
      return q.options?.[0]?.value;
    case 'multiple':
      return (q.options ?? []).map((o) => o.value);
    case 'likert':
      return 5;
    case 'number':
      return q.max ?? 0;
    case 'shortText':
      return text(q.maxLength ?? 200);
    case 'longText':
      return text(q.maxLength ?? 2000);
    case 'barriers':
      // Examples of a realistic length (a full 1,000 characters in all eight would be 16 KB of text alone).
      return Object.fromEntries(BARRIER_CATEGORIES.map((c) => [c, { faced: true, effect: 5, example: text(300) }]));
  }
}

describe('survey pages stay under the Teams card size limit', () => {
  it.each(WAVES)('wave %i: every page rendered with the longest answers is under 28 KB', (wave) => {
    const instrument = loadDefaultInstrument(wave);
    const pages = paginate(instrument, estimateSurveyPageBytes);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    const index = questionIndex(instrument);
    for (const page of pages) {
      const questions = page.questionIds.map((id) => index.get(id)!);
      const answers: Answers = {};
      for (const q of questions) {
        const a = longestAnswer(q);
        if (a !== undefined) answers[q.id] = a;
      }
      const card = renderSurveyPageCard({
        title: instrument.title,
        progress: 'Página 10 de 10',
        section: page.sectionTitle,
        intro: page.intro ?? '',
        notice: 'Faltan respuestas obligatorias en esta página: «una pregunta larga de ejemplo», «otra pregunta».',
        items: surveyPageItems(questions, (id) => page.questionIds.indexOf(id), answers, words),
        hasBack: true,
        backTitle: 'Atrás',
        nextTitle: 'Siguiente',
        editionId: '2026',
        wave,
        version: instrument.version,
        pageId: page.id,
      });
      const bytes = Buffer.byteLength(JSON.stringify(card), 'utf8');
      expect(bytes, `${instrument.id} ${page.id}`).toBeLessThan(CARD_SIZE_LIMIT);
      expect(validateCard(card), page.id).toEqual([]);
    }
  });
});
