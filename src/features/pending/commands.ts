import type { CommandDef } from '../../domain/commands.js';

/** UTIGyND: the queue of registrations to validate, change requests and duplicated vocalías in a junta. */
export const PENDING_COMMANDS = [
  {
    id: 'pending',
    words: ['pendientes'],
    title: 'pendientes',
    description: 'Registros por validar, solicitudes de cambio y vocalías repetidas en una junta.',
    roles: ['admin'],
    scopes: ['personal'],
  },
] as const satisfies readonly CommandDef[];
