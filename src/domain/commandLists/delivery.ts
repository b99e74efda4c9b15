import type { CommandDef } from '../commands.js';

/** Commands about proactive deliveries (src/bot/features/delivery.ts). */
export const DELIVERY_COMMANDS: readonly CommandDef[] = [
  {
    id: 'deliveries',
    words: ['envios', 'envíos'],
    title: 'envios',
    description: 'Estado de los envíos masivos y lista de integrantes sin la aplicación instalada (UTIGyND).',
    roles: ['admin'],
    scopes: ['personal'],
  },
];
