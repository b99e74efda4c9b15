import type { CardJson } from '../../src/cards/render.js';
import { renderDeliveryStatusCard } from '../../src/cards/delivery.js';
import { renderGroupNoticeCard, renderGroupRosterCard, renderGroupsProposalCard } from '../../src/cards/groups.js';

const members = [
  { nombre: 'Ana López', vocalia: 'Vocalía Ejecutiva', entidad: 'Jalisco' },
  { nombre: 'Berta Ruiz', vocalia: 'Vocalía Secretarial', entidad: 'Oaxaca' },
];

/** Fixtures of the groups and delivery cards, merged into test/fixtures/cardFixtures.ts. */
export const GROUP_CARD_FIXTURES: Record<string, () => CardJson[]> = {
  groupsProposal: () => [
    renderGroupsProposalCard({
      title: 'Propuesta de grupos · edición 2026',
      subtitle: '498 integrantes validadas en 14 grupos (semilla 1).',
      summary: [{ label: 'Tamaños', value: 'de 35 a 36 integrantes' }],
      groups: [{ number: 1, size: 36, detail: 'VE 7, VS 7' }],
      nextStep: 'Confirme con grupos confirmar.',
    }),
    renderGroupsProposalCard({ title: 'x', subtitle: 'y', summary: [], groups: [], nextStep: 'z' }),
  ],
  groupNotice: () => [
    renderGroupNoticeCard({ group: 3, name: 'Ana', edition: '2026', members, space: 'Canal «Grupo 3».', steps: [{ date: '20/01/2027', label: 'Reunión nacional de apertura' }], stepsNote: 'Hora del centro.' }),
    renderGroupNoticeCard({ group: 1, name: 'Ana', edition: '2026', members: [], space: 'Pendiente.', steps: [], stepsNote: 'Sin fechas.' }),
  ],
  groupRoster: () => [renderGroupRosterCard({ group: 3, edition: '2026', members }), renderGroupRosterCard({ group: 1, edition: '2026', members: [] })],
  deliveryStatus: () => [
    renderDeliveryStatusCard({
      emptyNote: 'Últimos 1 envíos.',
      broadcasts: [{ title: 'Aviso de grupos', state: 'en curso', counts: 'Total 3: enviados 2', errors: 'Sin errores.' }],
      waitingNote: 'Pídales que instalen la aplicación.',
      waiting: [{ name: 'Ana López', kind: 'group-notification', since: '01/03/2027, 10:00' }],
    }),
    renderDeliveryStatusCard({ emptyNote: 'Ninguno.', broadcasts: [], waitingNote: 'Ninguna.', waiting: [] }),
  ],
};
