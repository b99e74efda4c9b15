import type { CommandDef } from '../../domain/commands.js';

/** Commands every person can use, everywhere. */
export const CORE_COMMANDS = [
  {
    id: 'help',
    words: ['ayuda', 'help', 'menu', 'menú'],
    title: 'ayuda',
    description: 'Muestra lo que puede hacer con el bot según su función en la Red.',
    roles: 'everyone',
    scopes: ['personal', 'team', 'groupChat'],
  },
  {
    id: 'greeting',
    words: ['hola', 'buenos días', 'buenas tardes', 'buenas noches', 'inicio'],
    title: 'hola',
    description: 'Saludo y presentación de la Red de Coaching.',
    roles: 'everyone',
    scopes: ['personal', 'team', 'groupChat'],
  },
  {
    id: 'cancel',
    words: ['cancelar', 'salir', 'cancel'],
    title: 'cancelar',
    description: 'Cancela la operación en curso.',
    roles: 'everyone',
    scopes: ['personal'],
  },
] as const satisfies readonly CommandDef[];
