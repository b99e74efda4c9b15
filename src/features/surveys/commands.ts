import type { CommandDef } from '../../domain/commands.js';

/**
 * Surveys in three waves (issue 12). Members answer with the cards they receive and continue with «encuesta»;
 * UTIGyND opens, closes and reads them («encuesta abrir|cerrar|resultados|comparar|exportar|instrumento»,
 * «encuestas»). Sub-commands are the first words of the arguments; the admin ones are checked on the server.
 */
export const SURVEYS_COMMANDS = [
  {
    id: 'survey',
    words: ['encuesta'],
    subcommands: ['abrir', 'cerrar', 'resultados', 'comparar', 'exportar', 'instrumento'],
    title: 'encuesta',
    description: 'Continúa la encuesta abierta donde la dejó; la UTIGyND la abre, cierra, compara, exporta y ve resultados.',
    // 'admin' too: UTIGyND staff may also be members; the sub-commands of UTIGyND are checked by the guard.
    roles: ['member', 'admin'],
    scopes: ['personal'],
  },
  {
    id: 'surveys',
    words: ['encuestas'],
    title: 'encuestas',
    description: 'Estado de las olas de encuesta: fechas, invitadas, respuestas y tasa por vocalía, ámbito y circunscripción (UTIGyND).',
    roles: ['admin'],
    scopes: ['personal'],
  },
] as const satisfies readonly CommandDef[];
