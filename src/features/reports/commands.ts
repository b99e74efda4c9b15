import type { CommandDef } from '../../domain/commands.js';

/** UTIGyND: registration statistics and the Excel export of the registrations. */
export const REPORTS_COMMANDS = [
  {
    id: 'registrationStats',
    words: ['registros', 'estadísticas de registro'],
    title: 'registros',
    description: 'Totales de registros de la edición activa por estatus, vocalía, ámbito, entidad y circunscripción.',
    roles: ['admin'],
    scopes: ['personal'],
  },
  {
    id: 'exportMembers',
    words: ['exportar registros'],
    title: 'exportar registros',
    description: 'Envía un archivo de Excel con los registros de la edición activa, una fila por integrante.',
    roles: ['admin'],
    scopes: ['personal'],
  },
] as const satisfies readonly CommandDef[];
