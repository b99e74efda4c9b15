import type { CommandDef } from '../../domain/commands.js';

/** UTIGyND's status of the whole network (issue 13): "estado", "estado grupo N", "estado exportar". */
export const STATUS_COMMANDS = [
  {
    id: 'status',
    words: ['estado'],
    subcommands: ['grupo', 'exportar'],
    title: 'estado',
    description: 'Estado de toda la Red por etapa, con lo que falta por hacer; «estado grupo N» y «estado exportar» (UTIGyND).',
    roles: ['admin'],
    scopes: ['personal'],
  },
] as const satisfies readonly CommandDef[];
