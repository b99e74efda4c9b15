import type { CommandDef } from '../../domain/commands.js';

/** The personal calendar (issue 11): "calendario" shows her upcoming events and offers an .ics file. */
export const CALENDAR_COMMANDS = [
  {
    id: 'calendar',
    words: ['calendario', 'mi calendario'],
    title: 'calendario',
    description: 'Muestra sus próximas reuniones, sesiones, etapas y fechas límite, y las agrega a su calendario.',
    roles: 'everyone',
    scopes: ['personal'],
  },
] as const satisfies readonly CommandDef[];
