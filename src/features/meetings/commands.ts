import type { CommandDef } from '../../domain/commands.js';

/**
 * National and regional meetings (issue 11), run by UTIGyND: "reunion programar nacional apertura|cierre …",
 * "reunion programar regional <circunscripción> …", "reunion mover|cancelar|lista". Members are invited 1:1
 * and check in themselves on the invitation card. Sub-commands are the first words of the arguments.
 */
export const MEETINGS_COMMANDS = [
  {
    id: 'meetings',
    words: ['reunion'],
    subcommands: ['programar', 'mover', 'cancelar', 'lista'],
    title: 'reunion',
    description: 'Reuniones nacionales y regionales: programar, mover, cancelar y lista, con invitaciones y recordatorios (UTIGyND).',
    roles: ['admin'],
    scopes: ['personal'],
  },
] as const satisfies readonly CommandDef[];
