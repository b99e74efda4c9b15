import type { CommandDef } from '../commands.js';

/** Commands of the admin feature: files and reports (see src/bot/features/admin.ts). */
export const ADMIN_COMMANDS: readonly CommandDef[] = [
  {
    id: 'importRoster',
    words: ['importar padrón', 'cargar padrón'],
    title: 'importar padrón',
    description: 'Importa el padrón de la edición activa desde un archivo CSV o Excel (.xlsx) adjunto. Solo administración UTIGyND.',
    roles: ['admin'],
    scopes: ['personal'],
  },
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
  {
    id: 'exportMyData',
    words: ['exportar mis datos', 'descargar mis datos'],
    title: 'exportar mis datos',
    description: 'Envía en un archivo de Excel todos los datos que la Red guarda sobre usted (derecho de acceso).',
    roles: 'everyone',
    scopes: ['personal'],
  },
];
