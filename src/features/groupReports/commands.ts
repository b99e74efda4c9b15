import type { CommandDef } from '../../domain/commands.js';

/**
 * Group reports (issue 13). "informe": the group's secretaria (or representante) fills and sends her group's
 * report; "informe adjuntar" (with a DOCX or PDF attached to the message) adds its file; UTIGyND reviews one
 * with "informe revisar N" and lists them all with "informes". "informe general" (the general report) is a
 * separate command of another feature: the longest word wins (src/domain/commands.ts), so both coexist.
 */
export const GROUP_REPORTS_COMMANDS = [
  {
    id: 'groupReport',
    words: ['informe'],
    subcommands: ['revisar', 'adjuntar'],
    title: 'informe',
    description: 'Informe de su grupo: la secretaria (o la representante) lo llena y lo envía; la UTIGyND lo revisa con «informe revisar N».',
    roles: ['secretaria', 'representante', 'admin'],
    scopes: ['personal'],
  },
  {
    id: 'groupReports',
    words: ['informes'],
    title: 'informes',
    description: 'Estado del informe de cada grupo y su fecha límite de entrega (UTIGyND).',
    roles: ['admin'],
    scopes: ['personal'],
  },
] as const satisfies readonly CommandDef[];
