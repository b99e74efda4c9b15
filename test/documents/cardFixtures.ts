import type { CardJson } from '../../src/cards/render.js';
import { renderDocumentNoticeCard, renderDocumentPublishCard, renderDocumentSummaryCard } from '../../src/cards/documents.js';

/** Fixtures of the documentos básicos cards, merged into test/fixtures/cardFixtures.ts. */
export const DOCUMENT_CARD_FIXTURES: Record<string, () => CardJson[]> = {
  documentPublish: () => [
    renderDocumentPublishCard({
      title: 'Publicar un documento básico',
      intro: 'Complete los datos y elija la ventana de observaciones.',
      fileLine: 'Archivo: reglamento.pdf (120 KB)',
      values: { titulo: 'Reglamento de la Red', version: '', enlace: '', desde: '2026-12-01', hasta: '' },
      token: '5d9c1f0e-1111-4c2b-9c55-0a0b0c0d0e0f',
      fileId: '7a0c1f0e-2222-4c2b-9c55-0a0b0c0d0e0f',
      documentId: '',
    }),
    renderDocumentPublishCard({
      title: 'Nueva versión del documento 1: Reglamento',
      intro: 'Escriba el enlace https del documento.',
      fileLine: '',
      values: { titulo: 'Reglamento', version: '2.0', enlace: 'https://www.ine.mx/reglamento', desde: '2026-12-01', hasta: '2026-12-20' },
      token: '5d9c1f0e-3333-4c2b-9c55-0a0b0c0d0e0f',
      fileId: '',
      documentId: '2026:1',
    }),
  ],
  documentNotice: () => [
    renderDocumentNoticeCard({
      heading: 'Documentos básicos de la Red',
      title: 'Reglamento de la Red',
      intro: 'La UTIGyND publicó este documento básico de la Red.',
      facts: [
        { label: 'Versión', value: '1.0' },
        { label: 'Observaciones', value: 'del 1 de diciembre de 2026 al 20 de diciembre de 2026' },
      ],
      url: '',
      observeIntro: 'Indique la sección o el artículo y escriba su observación.',
      documentId: '2026:1',
      seq: 1,
    }),
    renderDocumentNoticeCard({
      heading: 'Recordatorio',
      title: 'Lineamientos',
      intro: 'La ventana cierra pronto.',
      facts: [{ label: 'Versión', value: '2.0' }],
      url: 'https://www.ine.mx/lineamientos',
      observeIntro: 'Indique la sección.',
      documentId: '2026:2',
      seq: 2,
    }),
  ],
  documentSummary: () => [
    renderDocumentSummaryCard({
      title: 'Documentos básicos',
      note: 'Integrantes validadas: 498.',
      sections: [{ heading: '1. Reglamento (versión 1.0)', lines: ['Lectura confirmada: 250 de 498 (50 %).', 'Por vocalía: VE 50/100 (50 %).'] }],
    }),
    renderDocumentSummaryCard({ title: 'Documentos básicos', note: '', sections: [] }),
  ],
};
