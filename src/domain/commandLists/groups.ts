import type { CommandDef } from '../commands.js';

/** Commands of the groups feature (src/bot/features/groups.ts). Sub-commands are arguments of one word. */
export const GROUPS_COMMANDS: readonly CommandDef[] = [
  {
    id: 'groups',
    words: ['grupos'],
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
];
