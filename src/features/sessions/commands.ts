import type { CommandDef } from '../../domain/commands.js';

/**
 * Group sessions (issue 11). The representante or secretaria of a group (checked on the server, only for her own
 * group) and UTIGyND schedule, move and cancel sessions ("sesion …"), take attendance ("asistencia N") and record
 * minutes ("minuta N", the secretaria); every member sees her group's sessions ("sesiones"); UTIGyND sees the
 * edition's status per group and sets the reminders ("sesiones estado", "sesiones recordatorios").
 */
export const SESSIONS_COMMANDS = [
  {
    id: 'session',
    words: ['sesion'],
    subcommands: ['programar', 'mover', 'cancelar'],
    title: 'sesion',
    description: 'Programa, mueve o cancela una sesión de su grupo, con recordatorios (representante, secretaria o UTIGyND).',
    roles: ['representante', 'secretaria', 'admin'],
    scopes: ['personal', 'team', 'groupChat'],
  },
  {
    id: 'sessionAttendance',
    words: ['asistencia'],
    title: 'asistencia',
    description: 'Registra la asistencia a una sesión de su grupo con una lista (representante, secretaria o UTIGyND).',
    roles: ['representante', 'secretaria', 'admin'],
    scopes: ['personal'],
  },
  {
    id: 'sessionMinutes',
    words: ['minuta'],
    title: 'minuta',
    description: 'Registra o corrige la minuta de una sesión de su grupo: temas, acuerdos, barreras y siguientes pasos.',
    roles: ['secretaria', 'admin'],
    scopes: ['personal'],
  },
  {
    id: 'sessions',
    words: ['sesiones'],
    subcommands: ['estado', 'recordatorios'],
    title: 'sesiones',
    description: 'Las sesiones pasadas y próximas de su grupo, con asistencia; la UTIGyND ve el estado por grupo.',
    roles: ['member', 'representante', 'secretaria', 'admin'],
    scopes: ['personal', 'team', 'groupChat'],
  },
] as const satisfies readonly CommandDef[];
