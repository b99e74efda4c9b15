import type { CommandDef } from '../../domain/commands.js';

/**
 * The general report for the Comisión (issue 13), UTIGyND only. Two commands whose words start with "informe"
 * (the group reports feature's command): the longest word wins in src/domain/commands.ts, so "informe general"
 * and "informe general xlsx" reach this feature and "informe" / "informe revisar 3" do not.
 */
export const GENERAL_REPORT_COMMANDS = [
  {
    id: 'generalReport',
    words: ['informe general'],
    title: 'informe general',
    description: 'Informe general de la edición para la Comisión de Igualdad de Género y No Discriminación (Word, con gráficas).',
    roles: ['admin'],
    scopes: ['personal'],
  },
  {
    id: 'generalReportXlsx',
    words: ['informe general xlsx', 'informe general excel'],
    title: 'informe general xlsx',
    description: 'Los datos del informe general en un libro de Excel, una hoja por sección.',
    roles: ['admin'],
    scopes: ['personal'],
  },
] as const satisfies readonly CommandDef[];
