import type { CommandDef } from '../../domain/commands.js';

/**
 * Temario, topic votes and work plans (issue 10). Everyone sees the temario; UTIGyND replaces it
 * ("temario" with a .json attached, "temario restablecer"). UTIGyND or a group's representante runs the
 * group's topic vote ("temas …"); members see their group's plan, which the representante confirms and changes
 * ("plan confirmar", "plan cambiar"). Sub-commands are the first words of the arguments.
 */
export const TOPICS_COMMANDS = [
  {
    id: 'temario',
    words: ['temario'],
    subcommands: ['restablecer'],
    title: 'temario',
    description: 'Muestra el temario de la edición por eje; la UTIGyND lo reemplaza con un archivo .json.',
    roles: 'everyone',
    scopes: ['personal'],
  },
  {
    id: 'topics',
    words: ['temas'],
    subcommands: ['votar', 'cerrar', 'estado'],
    title: 'temas',
    description: 'Votación de temas por grupo: votar, cerrar y estado (UTIGyND o la representante del grupo).',
    roles: ['admin', 'representante'],
    scopes: ['personal'],
  },
  {
    id: 'workPlan',
    words: ['plan'],
    subcommands: ['grupo', 'confirmar', 'cambiar'],
    title: 'plan',
    description: 'Muestra el plan de trabajo de su grupo; la representante lo confirma y lo cambia.',
    roles: ['member', 'representante', 'admin'],
    scopes: ['personal'],
  },
] as const satisfies readonly CommandDef[];
