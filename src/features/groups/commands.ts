import type { CommandDef } from '../../domain/commands.js';

/** UTIGyND: forming, confirming and linking the groups. Sub-commands are one-word arguments. */
export const GROUPS_COMMANDS = [
  {
    id: 'groups',
    words: ['grupos'],
    subcommands: ['proponer', 'mover', 'confirmar', 'asignar pendientes', 'estado', 'exportar'],
    title: 'grupos',
    description: 'Grupos de la edición: proponer, mover, confirmar, asignar pendientes y estado (UTIGyND).',
    roles: ['admin'],
    scopes: ['personal'],
  },
  {
    id: 'linkGroup',
    words: ['vincular grupo'],
    title: 'vincular grupo',
    description: 'Vincula este canal estándar o chat de grupo con un grupo de la Red (UTIGyND). No aplica a canales privados.',
    roles: ['admin'],
    scopes: ['team', 'groupChat'],
  },
] as const satisfies readonly CommandDef[];
