import type { CardJson } from '../../src/cards/render.js';
import { renderStatusCard } from '../../src/cards/status.js';

/** Fixtures of the status card, merged into test/fixtures/cardFixtures.ts. */
export const STATUS_CARD_FIXTURES: Record<string, () => CardJson[]> = {
  statusOverview: () => [
    renderStatusCard({
      title: 'Estado de la Red · Red 2026',
      subtitle: 'Al 1 de diciembre de 2026, 10:00 h (hora del centro).',
      sections: [
        { heading: '1. Convocatoria', lines: ['La convocatoria cerró el 15 de noviembre de 2026.', 'Registros: 498 validadas.'], next: '' },
        { heading: '2. Grupos', lines: ['14 grupos confirmados; 11 con espacio vinculado.'], next: '3 grupos sin espacio vinculado (grupos 2, 5 y 9): use **vincular grupo N**.' },
      ],
      note: 'Detalle por grupo: **estado grupo N**.',
    }),
    renderStatusCard({ title: 'Estado del grupo 3 · Red 2026', subtitle: 'Al 1 de diciembre de 2026.', sections: [{ heading: 'Integrantes (0)', lines: [], next: '' }], note: '' }),
  ],
};
