import type { CommandDef } from '../../domain/commands.js';

/**
 * Elections of each group's representante and secretaria (issue 10). UTIGyND runs them ("elecciones …",
 * "cargo asignar"); members take part ("postularme", "votar") and a holder may give up her role
 * ("cargo renunciar"). Sub-commands are the first words of the arguments.
 */
export const ELECTIONS_COMMANDS = [
  {
    id: 'elections',
    words: ['elecciones'],
    subcommands: ['abrir', 'votacion', 'cerrar', 'estado', 'desempate', 'sorteo'],
    title: 'elecciones',
    description: 'Elecciones de representante y secretaria por grupo: abrir, votacion, cerrar, estado, desempate y sorteo (UTIGyND).',
    roles: ['admin'],
    scopes: ['personal'],
  },
  {
    id: 'roleAssign',
    words: ['cargo asignar'],
    title: 'cargo asignar',
    description: 'Ofrece a una integrante el cargo de representante o secretaria de su grupo; lo ocupa si lo acepta (UTIGyND).',
    roles: ['admin'],
    scopes: ['personal'],
  },
  {
    id: 'roleRenounce',
    words: ['cargo renunciar'],
    title: 'cargo renunciar',
    description: 'Renuncia a su cargo de representante o secretaria de grupo; se avisa al grupo.',
    // 'admin' too: UTIGyND staff may also be members; the handler checks her group on the server.
    roles: ['member', 'representante', 'secretaria', 'admin'],
    scopes: ['personal'],
  },
  {
    id: 'nominate',
    words: ['postularme'],
    subcommands: ['retirar'],
    title: 'postularme',
    description: 'Tarjeta de postulaciones de su grupo (postularse o proponer a una compañera); «postularme retirar» retira la suya.',
    roles: ['member', 'admin'],
    scopes: ['personal'],
  },
  {
    id: 'vote',
    words: ['votar'],
    title: 'votar',
    description: 'Le envía de nuevo su boleta secreta de la elección de su grupo, si aún no vota.',
    roles: ['member', 'admin'],
    scopes: ['personal'],
  },
] as const satisfies readonly CommandDef[];
