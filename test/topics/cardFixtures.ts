import type { CardJson } from '../../src/cards/render.js';
import { renderTemarioCard, renderTopicBallotCard, renderTopicRankingCard, renderWorkPlanEditCard, renderWorkPlanViewCard } from '../../src/cards/topics.js';

/** Fixtures of the topics cards (src/features/topics/), merged into test/fixtures/cardFixtures.ts. */
export const TOPIC_CARD_FIXTURES: Record<string, () => CardJson[]> = {
  topicsTemario: () => [
    renderTemarioCard({
      title: 'Temario de Red 2027',
      subtitle: 'Temario del proyecto (versión 2026.1): 15 temas en tres ejes.',
      ejes: [
        { nombre: 'Liderazgo', topics: [{ titulo: 'Liderazgo y toma de decisiones', descripcion: 'Herramientas para decidir en equipo durante el proceso electoral.' }] },
        { nombre: 'Actualización del conocimiento', topics: [] },
      ],
      note: 'Cada grupo elige sus temas en una votación.',
    }),
  ],
  topicBallot: () => [
    renderTopicBallotCard({
      title: 'Votación de temas · grupo 3',
      notice: '',
      intro: 'Elija hasta 5 temas.',
      open: true,
      label: 'Temas',
      errorMessage: 'Elija al menos un tema.',
      picks: 'negociacion',
      picksText: '',
      choices: [
        { title: 'Negociación (Liderazgo)', value: 'negociacion' },
        { title: 'Normatividad electoral vigente (Actualización del conocimiento)', value: 'normatividad' },
      ],
      submitTitle: 'Enviar mi selección',
      voteId: '2027:3:1',
    }),
    renderTopicBallotCard({
      title: 'Votación de temas · grupo 3',
      notice: 'Su selección quedó registrada.',
      intro: 'La votación de temas ya cerró.',
      open: false,
      label: 'Temas',
      errorMessage: 'Elija al menos un tema.',
      picks: '',
      picksText: 'Su selección: Negociación.',
      choices: [{ title: 'Negociación (Liderazgo)', value: 'negociacion' }],
      submitTitle: 'Enviar mi selección',
      voteId: '2027:3:1',
    }),
  ],
  topicRanking: () => [
    renderTopicRankingCard({
      title: 'Votación de temas · Red 2027',
      groups: [
        { heading: 'Grupo 1', summary: 'Cerrada · votaron 3 de 10 integrantes.', rows: [{ place: '1.º', text: 'Negociación — 3 votos' }], ties: 'Empates: «A» y «B» con 2 votos.' },
        { heading: 'Grupo 2', summary: 'Sin votación de temas todavía.', rows: [], ties: '' },
      ],
      note: 'Para cerrar una votación, escriba **temas cerrar grupo N**.',
    }),
  ],
  workPlanView: () => [
    renderWorkPlanViewCard({
      title: 'Plan de trabajo · grupo 3',
      notice: 'El plan de trabajo quedó confirmado.',
      subtitle: 'Confirmado el 1 de diciembre de 2026.',
      items: [{ heading: '1. Negociación', detail: 'Liderazgo · enero de 2027', goal: 'Practicar la negociación en equipo.' }],
      note: '',
    }),
  ],
  workPlanEdit: () => [
    renderWorkPlanEditCard({
      title: 'Armar el plan de trabajo · grupo 3',
      notice: '',
      intro: 'Ordene los temas.',
      topicLabel: 'Tema',
      topicPlaceholder: 'Sin tema',
      goalLabel: 'Meta',
      monthLabel: 'Mes tentativo',
      monthPlaceholder: 'Elija el mes',
      rows: [
        { heading: 'Tema 1', topicId: 'negociacion', goal: 'Practicar la negociación.', month: '2027-01' },
        { heading: 'Tema 2', topicId: '', goal: '', month: '' },
      ],
      topicChoices: [{ title: 'Negociación (3 votos)', value: 'negociacion' }],
      monthChoices: [{ title: 'enero de 2027', value: '2027-01' }],
      submitTitle: 'Confirmar el plan',
      editionId: '2027',
      group: 3,
      mode: 'confirm',
      revision: 0,
    }),
  ],
};
