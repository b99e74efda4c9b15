import type { CardJson } from '../../src/cards/render.js';
import {
  renderElectionBallotCard,
  renderElectionNominationCard,
  renderElectionNoteCard,
  renderElectionProposalCard,
  renderRoleOfferCard,
} from '../../src/cards/elections.js';

/** Fixtures of the elections cards, merged into test/fixtures/cardFixtures.ts. */
export const ELECTION_CARD_FIXTURES: Record<string, () => CardJson[]> = {
  electionNomination: () => [
    renderElectionNominationCard({
      title: 'Elección de cargos · Grupo 3',
      intro: 'Se abrieron las postulaciones para representante y secretaria de su grupo.',
      closes: 'Cierre: 10 de diciembre de 2026, 18:00 h (hora del centro).',
      electionId: '2026:3:1',
    }),
  ],
  electionProposal: () => [
    renderElectionProposalCard({
      title: 'Propuesta de candidatura · Grupo 3',
      text: 'Ana López la propone como candidata a representante de su grupo. ¿Acepta la candidatura?',
      closes: 'La UTIGyND anunciará el cierre.',
      electionId: '2026:3:1',
      role: 'representante',
    }),
  ],
  electionBallot: () => [
    renderElectionBallotCard({
      title: 'Boleta secreta · Grupo 3',
      intro: 'Elija una opción por cargo.',
      closes: 'Cierre: 12 de diciembre de 2026, 18:00 h (hora del centro).',
      electionId: '2026:3:1',
      round: 1,
      contests: [
        { label: 'Representante', candidates: ['Ana López', 'Berta Ruiz'] },
        { label: 'Secretaria', candidates: ['Carla Díaz'] },
      ],
      abstention: 'Abstención',
    }),
    renderElectionBallotCard({
      title: 'Boleta de desempate · Grupo 1',
      intro: 'Elija una opción.',
      closes: 'La UTIGyND anunciará el cierre.',
      electionId: '2026:1:1',
      round: 2,
      contests: [{ label: 'Secretaria', candidates: ['Carla Díaz'] }],
      abstention: 'Abstención',
    }),
  ],
  electionNote: () => [
    renderElectionNoteCard({ title: 'Su voto quedó registrado', paragraphs: ['Gracias por votar en la elección del Grupo 3.'] }),
    renderElectionNoteCard({ title: 'Resultados · Grupo 3', paragraphs: ['Participación: 5 integrantes de 7 votaron.', '**Representante:** electa **Ana López** (Ana López (3 votos); 1 abstención).'] }),
  ],
  roleOffer: () => [
    renderRoleOfferCard({
      title: 'Ofrecimiento de cargo · Grupo 3',
      text: 'La UTIGyND le ofrece el cargo de secretaria del Grupo 3.',
      editionId: '2026',
      group: 3,
      role: 'secretaria',
    }),
  ],
};
