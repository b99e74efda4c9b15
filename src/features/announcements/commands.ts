import type { CommandDef } from '../../domain/commands.js';

/** Announcements of UTIGyND to the members (issue 14): compose, preview, send now or later, cancel. */
export const ANNOUNCEMENTS_COMMANDS = [
  {
    id: 'announce',
    words: ['aviso', 'avisos'],
    subcommands: ['cancelar', 'lista'],
    title: 'aviso',
    description: 'Redacta y envía un aviso a todas las integrantes o a un grupo, vocalía, ámbito, entidad o circunscripción (UTIGyND).',
    roles: ['admin'],
    scopes: ['personal'],
  },
] as const satisfies readonly CommandDef[];
