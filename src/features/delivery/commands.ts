import type { CommandDef } from '../../domain/commands.js';

/** UTIGyND: the state of proactive deliveries (broadcasts) and who is still waiting for the app. */
export const DELIVERY_COMMANDS = [
  {
    id: 'deliveries',
    words: ['envios', 'envíos'],
    subcommands: ['estado'],
    title: 'envios',
    description: 'Estado de los envíos masivos y lista de integrantes sin la aplicación instalada (UTIGyND).',
    roles: ['admin'],
    scopes: ['personal'],
  },
] as const satisfies readonly CommandDef[];
