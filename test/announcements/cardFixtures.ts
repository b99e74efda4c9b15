import type { CardJson } from '../../src/cards/render.js';
import { renderAnnouncementComposeCard, renderAnnouncementMessageCard, renderAnnouncementNoteCard, renderAnnouncementPreviewCard } from '../../src/cards/announcements.js';

/** Fixtures of the announcements cards, merged into test/fixtures/cardFixtures.ts. */
export const ANNOUNCEMENT_CARD_FIXTURES: Record<string, () => CardJson[]> = {
  announcementCompose: () => [
    renderAnnouncementComposeCard({
      title: 'Nuevo aviso',
      intro: 'Redacte el aviso y elija a quiénes va dirigido.',
      valueLabel: 'Cuál',
      whenLabel: 'Enviar más tarde (opcional)',
      values: { titulo: '', texto: '', enlace: '', audiencia: 'todas', valor: '', envio: '' },
    }),
    renderAnnouncementComposeCard({
      title: 'Nuevo aviso',
      intro: 'Corrija el dato.',
      valueLabel: 'Cuál',
      whenLabel: 'Enviar más tarde',
      values: { titulo: 'Reunión Nacional', texto: 'Les esperamos.', enlace: 'http://no-https', audiencia: 'vocalia', valor: 'VS', envio: '2026-12-10 09:00' },
    }),
  ],
  announcementPreview: () => [
    renderAnnouncementPreviewCard({
      heading: 'Vista previa del aviso 3',
      title: 'Reunión Nacional de la Red',
      text: 'La Reunión Nacional será el 15 de enero.',
      linkText: 'Enlace: https://www.ine.mx/',
      facts: [
        { label: 'Destinatarias', value: 'todas las integrantes validadas' },
        { label: 'Recibirán el aviso', value: '498 integrantes' },
      ],
      sendLabel: 'Enviar',
      announcementId: '2026:3',
    }),
    renderAnnouncementPreviewCard({ heading: 'Vista previa del aviso 4', title: 'Sin enlace', text: 'Texto.', linkText: '', facts: [], sendLabel: 'Programar el envío', announcementId: '2026:4' }),
  ],
  announcementMessage: () => [
    renderAnnouncementMessageCard({ heading: 'Aviso de la UTIGyND', title: 'Reunión Nacional', text: 'La Reunión Nacional será el 15 de enero.', url: 'https://www.ine.mx/' }),
    renderAnnouncementMessageCard({ heading: 'Aviso de la UTIGyND', title: 'Sin enlace', text: 'Texto.', url: '' }),
  ],
  announcementNote: () => [renderAnnouncementNoteCard({ title: 'Aviso 3 enviado', paragraphs: ['Reunión Nacional', 'Se está enviando el aviso 3 a 498 integrantes.'] })],
};
