import type { CardJson } from '../../src/cards/render.js';
import { renderGroupReportFormCard, renderGroupReportReviewCard } from '../../src/cards/groupReports.js';

/** Fixtures of the group report cards, merged into test/fixtures/cardFixtures.ts. */
const labels = {
  summary: 'Resumen de los temas atendidos',
  achievements: 'Logros',
  agreements: 'Acuerdos',
  barriersTitle: 'Barreras identificadas, por categoría',
  proposals: 'Propuestas al Instituto',
  save: 'Guardar borrador',
  submit: 'Enviar a revisión',
};

const review = {
  title: 'Revisión del informe del grupo 3 · versión 1',
  intro: 'La secretaria envió el informe del grupo para su revisión.',
  notice: '',
  sections: [
    { heading: 'Resumen de los temas atendidos', text: 'Liderazgo y negociación.' },
    { heading: 'Barreras identificadas', text: 'Culturales: horarios de cuidado.' },
  ],
  attachmentText: 'Anexo: informe-grupo-3.docx',
  commentLabel: 'Comentario (obligatorio para devolver)',
  editionId: '2026',
  group: 3,
  version: 1,
  rev: 2,
};

export const GROUP_REPORT_CARD_FIXTURES: Record<string, () => CardJson[]> = {
  groupReportForm: () => [
    renderGroupReportFormCard({
      title: 'Informe del grupo 3',
      intro: 'Estado: Borrador. Fecha límite de entrega: 15 de junio de 2027.',
      notice: '',
      knownTitle: 'Lo que el bot ya sabe del grupo',
      known: ['Sesiones realizadas: 2 sesiones; asistencia promedio 80 %.', 'Temas del plan de trabajo: Liderazgo y Negociación.'],
      labels,
      values: { summary: 'Resumen', achievements: '', agreements: '', proposals: '' },
      barriers: [
        { label: 'Culturales', value: 'Horarios de cuidado.' },
        { label: 'Educativas', value: '' },
      ],
      attachmentText: 'Sin anexo.',
      editionId: '2026',
      group: 3,
      version: 0,
      rev: 0,
    }),
    renderGroupReportFormCard({
      title: 'Informe del grupo 1 · versión 2',
      intro: 'Estado: Devuelto.',
      notice: 'Observaciones recibidas: agregue los acuerdos.',
      knownTitle: 'Lo que el bot ya sabe del grupo',
      known: ['Sesiones: sin datos.'],
      labels,
      values: { summary: 'a', achievements: 'b', agreements: 'c', proposals: 'd' },
      barriers: [],
      attachmentText: 'Anexo: informe.pdf',
      editionId: '2026',
      group: 1,
      version: 1,
      rev: 3,
    }),
  ],
  groupReportReview: () => [
    renderGroupReportReviewCard({ ...review, review: true, admin: false, approveTitle: 'Aprobar y entregar a la UTIGyND', returnTitle: 'Devolver con comentario' }),
    renderGroupReportReviewCard({ ...review, review: true, admin: true, approveTitle: 'Aceptar', returnTitle: 'Devolver con observaciones' }),
    renderGroupReportReviewCard({ ...review, notice: 'Observaciones recibidas: falta el resumen.', review: false, admin: false, approveTitle: 'x', returnTitle: 'y' }),
  ],
};
