import type { CommandDef } from '../../domain/commands.js';

/**
 * Documentos básicos (issue 14): UTIGyND publishes documents and their versions, follows acknowledgements and
 * exports observations; members see the documents, acknowledge them and send observations (on the card).
 */
export const DOCUMENTS_COMMANDS = [
  {
    id: 'documentPublish',
    words: ['documento publicar'],
    title: 'documento publicar',
    description: 'Publica un documento básico (PDF o DOCX adjunto, o un enlace) con su ventana de observaciones (UTIGyND).',
    roles: ['admin'],
    scopes: ['personal'],
  },
  {
    id: 'documentsStatus',
    words: ['documentos estado'],
    title: 'documentos estado',
    description: 'Por documento: porcentaje de lectura confirmada por vocalía y circunscripción, y número de observaciones (UTIGyND).',
    roles: ['admin'],
    scopes: ['personal'],
  },
  {
    id: 'observationsExport',
    words: ['observaciones exportar'],
    title: 'observaciones exportar',
    description: 'Exporta a Excel las observaciones de un documento básico (UTIGyND).',
    roles: ['admin'],
    scopes: ['personal'],
  },
  {
    id: 'documents',
    words: ['documentos'],
    title: 'documentos',
    description: 'Los documentos básicos publicados, cuáles confirmó haber leído y sus observaciones.',
    roles: ['member', 'admin'],
    scopes: ['personal'],
  },
] as const satisfies readonly CommandDef[];
