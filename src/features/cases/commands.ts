import type { CommandDef } from '../../domain/commands.js';

/**
 * Member ↔ UTIGyND communication (issue 14): consultas ("contactar", "mis consultas"; UTIGyND: "consultas"),
 * confidential accompaniment requests ("acompañamiento"; staff with the acompanamiento role:
 * "confidenciales") and anonymous barrier reports ("barrera"). Personal chat only: members' texts never go to
 * a group space.
 */
const MEMBERS = ['member', 'representante', 'secretaria', 'admin'] as const;

export const CASES_COMMANDS = [
  {
    id: 'contact',
    words: ['contactar'],
    title: 'contactar',
    description: 'Escriba a la UTIGyND (duda, problema técnico, propuesta u otro): recibe un folio y la respuesta en este chat.',
    roles: MEMBERS,
    scopes: ['personal'],
  },
  {
    id: 'myCases',
    words: ['mis consultas'],
    title: 'mis consultas',
    description: 'Sus consultas y solicitudes con folio y estado; con el folio muestra una y le permite responder.',
    roles: MEMBERS,
    scopes: ['personal'],
  },
  {
    id: 'cases',
    words: ['consultas'],
    title: 'consultas',
    description: 'Consultas abiertas de las integrantes, de la más antigua a la más reciente; con el folio abre una (UTIGyND).',
    roles: ['admin'],
    scopes: ['personal'],
  },
  {
    id: 'accompaniment',
    words: ['acompañamiento', 'acompanamiento'],
    subcommands: ['borrar'],
    title: 'acompañamiento',
    description: 'Solicitud confidencial de acompañamiento ante discriminación, acoso o exclusión; solo la lee el personal designado.',
    roles: MEMBERS,
    scopes: ['personal'],
  },
  {
    id: 'confidential',
    words: ['confidenciales', 'acompañamientos', 'acompanamientos'],
    title: 'confidenciales',
    description: 'Solicitudes confidenciales de acompañamiento; con el folio abre una (solo perfil de acompañamiento).',
    roles: ['admin'],
    scopes: ['personal'],
  },
  {
    id: 'barrier',
    words: ['barrera'],
    title: 'barrera',
    description: 'Reporte anónimo de una barrera a la participación igualitaria de las mujeres en el SPEN.',
    roles: MEMBERS,
    scopes: ['personal'],
  },
] as const satisfies readonly CommandDef[];
