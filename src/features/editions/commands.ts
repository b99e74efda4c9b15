import type { CommandDef } from '../../domain/commands.js';

/** UTIGyND: editions, their calendar, the call for registration and the INE catalog of each edition. */
export const EDITIONS_COMMANDS = [
  {
    id: 'call',
    words: ['convocatoria'],
    subcommands: ['estado', 'abrir', 'cerrar', 'fechas', 'difundir'],
    title: 'convocatoria',
    description: 'convocatoria estado | abrir | cerrar | fechas AAAA-MM-DD AAAA-MM-DD | difundir',
    roles: ['admin'],
    scopes: ['personal'],
  },
  {
    id: 'edition',
    words: ['edicion', 'edición'],
    subcommands: ['lista', 'crear', 'activar', 'etapa', 'quitar-etapa'],
    title: 'edicion',
    description: 'edicion lista | crear 2026 [nombre] | activar 2026 | etapa AAAA-MM-DD nombre | quitar-etapa nombre',
    roles: ['admin'],
    scopes: ['personal'],
  },
  {
    id: 'catalog',
    words: ['catalogo', 'catálogo'],
    subcommands: ['restablecer'],
    title: 'catalogo',
    description: 'Catálogo del INE de la edición activa; con un archivo .json adjunto lo reemplaza; «restablecer» vuelve al del proyecto.',
    roles: ['admin'],
    scopes: ['personal'],
  },
] as const satisfies readonly CommandDef[];
