import type { CommandDef } from '../../domain/commands.js';

/** UTIGyND: the roster (padrón) of the active edition, imported from a CSV or Excel file. */
export const ROSTER_COMMANDS = [
  {
    id: 'importRoster',
    words: ['importar padrón', 'cargar padrón'],
    title: 'importar padrón',
    description: 'Importa el padrón de la edición activa desde un archivo CSV o Excel (.xlsx) adjunto. Solo administración UTIGyND.',
    roles: ['admin'],
    scopes: ['personal'],
  },
] as const satisfies readonly CommandDef[];
