import type { CommandDef } from '../../domain/commands.js';

/** UTIGyND: who administers the network. */
export const ADMINS_COMMANDS = [
  {
    id: 'admins',
    words: ['admin', 'administradoras'],
    subcommands: ['lista', 'agregar', 'quitar'],
    title: 'admin',
    description: 'admin lista | agregar <correo> [acompanamiento] | quitar <correo> [acompanamiento]: administración de la UTIGyND.',
    roles: ['admin'],
    scopes: ['personal'],
  },
] as const satisfies readonly CommandDef[];
