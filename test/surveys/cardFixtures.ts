import type { CardJson } from '../../src/cards/render.js';
import {
  renderSurveyInvitationCard,
  renderSurveyNoteCard,
  renderSurveyPageCard,
  renderSurveyReportCard,
  renderSurveyReviewCard,
  surveyPageItems,
  type SurveyPageWords,
} from '../../src/cards/surveys.js';
import type { Question } from '../../src/domain/surveys/types.js';
import { BARRIER_LABELS } from '../../src/texts/barriers.js';

/** Fixtures of the surveys cards, merged into test/fixtures/cardFixtures.ts. */

const WORDS: SurveyPageWords = {
  required: (l) => `${l} (obligatoria)`,
  yes: 'Sí',
  no: 'No',
  barrierFaced: '¿La ha enfrentado?',
  barrierEffect: 'Si la enfrentó: ¿cuánto afectó su trayectoria? (1 = nada, 5 = muchísimo)',
  barrierExample: 'Si la enfrentó, un ejemplo (opcional)',
  effectLabels: ['Nada', 'Poco', 'Moderadamente', 'Mucho', 'Muchísimo'],
  likertLabels: ['Totalmente en desacuerdo', 'En desacuerdo', 'Ni de acuerdo ni en desacuerdo', 'De acuerdo', 'Totalmente de acuerdo'],
  choose: 'Elija una opción',
  numberRange: (min, max) => `Un número de ${min} a ${max}`,
  barrierLabel: (c) => BARRIER_LABELS[c],
};

const QUESTIONS: Question[] = [
  { id: 'cargo', type: 'single', text: '¿Qué cargo ocupa?', required: true, options: [{ value: 've', label: 'Vocal Ejecutiva' }, { value: 'vs', label: 'Vocal Secretaria' }] },
  { id: 'eventos', type: 'multiple', text: 'En los últimos 12 meses, ¿participó en…?', required: false, options: [{ value: 'concurso', label: 'Concurso' }, { value: 'promocion', label: 'Promoción' }] },
  { id: 'comp_liderazgo', type: 'likert', text: 'Me siento capaz de dirigir un equipo.', help: 'Elija de 1 a 5.', required: true },
  { id: 'anios_spen', type: 'number', text: 'Años en el SPEN', required: true, min: 0, max: 45, integer: true },
  { id: 'expectativas', type: 'longText', text: '¿Qué espera de la Red?', required: false, maxLength: 2000 },
  { id: 'barreras', type: 'barriers', text: 'Barreras en su trayectoria', required: true },
];

const page = (answers: Record<string, unknown>, notice: string, hasBack: boolean): CardJson =>
  renderSurveyPageCard({
    title: 'Encuesta de línea base',
    progress: 'Página 2 de 5',
    section: 'Trayectoria',
    intro: notice ? '' : 'Estas preguntas son sobre su trayectoria en el Servicio.',
    notice,
    items: surveyPageItems(QUESTIONS, (id) => QUESTIONS.findIndex((q) => q.id === id), answers as never, WORDS),
    hasBack,
    backTitle: 'Atrás',
    nextTitle: 'Siguiente',
    editionId: '2026',
    wave: 1,
    version: '2026.1',
    pageId: 'trayectoria',
  });

export const SURVEY_CARD_FIXTURES: Record<string, () => CardJson[]> = {
  surveyInvitation: () => [
    renderSurveyInvitationCard({
      title: 'Encuesta de la Red · Ola 1 · línea base',
      paragraphs: ['La Red de Coaching le pide unos minutos para responder esta encuesta.', 'Puede responder por partes.'],
      closes: 'Cierre: 20 de diciembre de 2026, 23:59 h (hora del centro).',
      startTitle: 'Responder la encuesta',
      editionId: '2026',
      wave: 1,
    }),
  ],
  surveyPage: () => [
    page({}, '', false),
    page(
      { cargo: 've', eventos: ['concurso', 'promocion'], comp_liderazgo: 4, anios_spen: 12, expectativas: 'Aprender de mis compañeras.', barreras: { culturales: { faced: true, effect: 3, example: 'Un ejemplo' }, politicas: { faced: false } } },
      'Faltan respuestas obligatorias en esta página: «Años en el SPEN».',
      true,
    ),
  ],
  surveyReview: () => [
    renderSurveyReviewCard({
      title: 'Encuesta de línea base',
      heading: 'Revise sus respuestas',
      intro: 'Si todo está bien, presione «Enviar».',
      notice: '',
      sections: [
        { title: 'Trayectoria', facts: [{ question: '¿Qué cargo ocupa?', answer: 'Vocal Ejecutiva' }, { question: 'Años en el SPEN', answer: '12' }] },
        { title: 'Barreras', facts: [{ question: 'Culturales', answer: 'Sí, efecto 3 de 5' }] },
      ],
      backTitle: 'Atrás',
      sendTitle: 'Enviar',
      canSend: true,
      editionId: '2026',
      wave: 1,
      version: '2026.1',
      lastPageId: 'barreras',
    }),
    renderSurveyReviewCard({
      title: 'Encuesta de cierre',
      heading: 'Revise sus respuestas',
      intro: 'Si todo está bien, presione «Enviar».',
      notice: 'Antes de enviar faltan respuestas obligatorias: «Años en el SPEN».',
      sections: [],
      backTitle: 'Atrás',
      sendTitle: 'Enviar',
      canSend: false,
      editionId: '2026',
      wave: 2,
      version: '2026.1',
      lastPageId: 'sugerencias',
    }),
  ],
  surveyNote: () => [renderSurveyNoteCard({ title: '¡Gracias!', paragraphs: ['Su encuesta quedó enviada.'] })],
  surveyReport: () => [
    renderSurveyReportCard({
      title: 'Resultados · Ola 1 · línea base',
      intro: ['Respuestas enviadas: 42 de 60 invitadas (tasa: 70 %).'],
      blocks: [
        { heading: '¿Qué cargo ocupa?', lines: [{ text: 'n = 42', mono: false }, { text: '██████░░░░ 60 % Vocal Ejecutiva', mono: true }, { text: '·········· Vocal Secretaria: menos de 5 respuestas', mono: true }] },
        { heading: 'Barreras', lines: [{ text: 'Culturales: 45 % (IC 95 %: 31–60 %) · efecto 3.10 (IC 95 %: 2.70 a 3.50)', mono: false }] },
      ],
      note: 'Solo se muestran cifras de al menos 5 respuestas.',
    }),
  ],
};
