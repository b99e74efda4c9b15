import { cmd } from '../commands.js';
import { agree, bold, count, listJoin, NOUNS, num } from '../../texts/spanish.js';

const USAGE =
  `Uso: ${cmd('groups', 'proponer')} [tamaño N | grupos N] [semilla S] · ${cmd('groups', 'mover')} <correo> <grupo> · ${cmd('groups', 'confirmar')} · ` +
  `${cmd('groups', 'asignar pendientes')} · ${cmd('groups', 'estado')} · ${cmd('groups', 'exportar')} (Excel). Para vincular el espacio de un grupo, mencione al bot en un canal estándar o chat de grupo con ${cmd('linkGroup', undefined, 'N')} (los bots no pueden publicar en canales privados).`;

type SpaceKind = 'channel' | 'groupChat';
type SetState = 'proposed' | 'confirmed';

/** Spanish texts of the groups feature: "grupos ...", "vincular grupo N", member notices and channel rosters. */
export const GROUPS_TEXTS = {
  usage: USAGE,
  /** A problem with the arguments, followed by the usage. */
  withUsage: (problem: string): string => `${problem} ${USAGE}`,
  noGroupsYet: (editionId: string): string => `Aún no hay grupos para la edición ${editionId}. ${USAGE}`,

  // "grupos proponer" options.
  unknownOption: (option: string): string => `No reconozco la opción «${option}».`,
  notPositiveInteger: (option: string): string => `El valor de «${option}» debe ser un número entero positivo.`,

  // The proposal card ("grupos proponer" and "grupos estado").
  proposal: {
    title: (state: SetState, editionId: string): string =>
      state === 'confirmed' ? `Grupos confirmados · edición ${editionId}` : `Propuesta de grupos · edición ${editionId}`,
    subtitle: (members: number, groups: number, seed: number): string =>
      `${count(members, NOUNS.integrante)} ${agree(members, NOUNS.validada)} en ${count(groups, NOUNS.grupo)} (semilla ${seed}).`,
    sizesLabel: 'Tamaños',
    sizes: (min: number, max: number): string => `de ${num(min)} a ${count(max, NOUNS.integrante)}`,
    excessLabel: (attribute: string): string => `Exceso · ${attribute}`,
    clashesLabel: 'Integrantes de una misma junta en un grupo',
    groupDetail: (values: readonly { value: string; count: number }[]): string => values.map((v) => `${v.value} ${v.count}`).join(', '),
    nextStep: (state: SetState): string =>
      state === 'confirmed'
        ? `Los grupos están confirmados. Para nuevas integrantes validadas, use ${cmd('groups', 'asignar pendientes')}.`
        : `Exceso 0 significa que cada grupo tiene la proporción de cada vocalía, ámbito, circunscripción y entidad. Ajuste con ${cmd('groups', 'mover')} o confirme con ${cmd('groups', 'confirmar')}.`,
  },

  // "grupos mover".
  moveUsage: `Indique el correo y el número de grupo, por ejemplo: ${cmd('groups', 'mover', 'ana.lopez@ine.mx 3')}.`,
  moved: (r: { correo: string; from: number; to: number; excessBefore: number; excessAfter: number; clashesBefore: number; clashesAfter: number; worse: boolean }): string =>
    `Listo: ${r.correo} pasó del grupo ${r.from} al ${r.to}. Exceso total ${r.excessBefore} → ${r.excessAfter}; integrantes de una misma junta juntas ${r.clashesBefore} → ${r.clashesAfter}.` +
    (r.worse ? ` ${bold('Atención: el equilibrio de los grupos empeoró con este cambio.')}` : ''),

  // "grupos confirmar".
  confirmed: (r: { confirmedNow: boolean; enqueued: number; alreadyQueued: number; waitingInstall: number; rosters: number }): string =>
    `${r.confirmedNow ? 'Grupos confirmados.' : 'Los grupos ya estaban confirmados.'} Avisos individuales en cola: ${count(r.enqueued, NOUNS.nuevo)}, ` +
    `${num(r.alreadyQueued)} ya ${agree(r.alreadyQueued, NOUNS.enviado)} o en cola, ${num(r.waitingInstall)} en espera de que instalen la aplicación. ` +
    `Listas publicadas en espacios de grupo: ${num(r.rosters)}. Le avisaré cuando termine el envío; consulte ${cmd('deliveries', 'estado')}.`,

  // "grupos asignar pendientes".
  nothingPending: 'No hay integrantes pendientes de asignar: todas las integrantes validadas ya tienen grupo.',
  assignedPending: (placedGroups: readonly number[], removed: number): string =>
    `Asigné ${count(placedGroups.length, NOUNS.integrante)} ${agree(placedGroups.length, NOUNS.nueva)} sin mover a nadie ` +
    `(${listJoin(placedGroups.map((g) => `grupo ${g}`)) || 'ninguna'}) y retiré ${num(removed)} que ya no ${agree(removed, ['está validada', 'están validadas'])}. ` +
    agree(placedGroups.length, ['La nueva recibirá su aviso.', 'Las nuevas recibirán su aviso.']),

  // "grupos exportar" and the card button.
  nothingToExport: `Aún no hay grupos que exportar. Use ${cmd('groups', 'proponer')}.`,
  export: {
    fileName: (editionId: string, state: SetState): string => `grupos-${editionId}${state === 'confirmed' ? '' : '-propuesta'}.xlsx`,
    description: (editionId: string, state: SetState): string =>
      `Grupos de la Red de Coaching, edición ${editionId} (${state === 'confirmed' ? 'confirmados' : 'propuesta'}).`,
    sheetName: (editionId: string): string => `Grupos ${editionId}`,
    headers: ['grupo', 'nombre', 'correo', 'vocalia', 'ambito', 'entidad', 'distrito'],
    ambito: { JLE: 'Junta Local Ejecutiva', JDE: 'Junta Distrital Ejecutiva' },
  },

  // "vincular grupo N" in a channel or group chat.
  linkNeedsGroups: `Primero forme los grupos con ${cmd('groups', 'proponer')} en el chat personal con el bot.`,
  linkUsage: (groupCount: number): string => `Indique el número de grupo (de 1 a ${groupCount}), por ejemplo: ${cmd('linkGroup', undefined, '3')}.`,
  linked: (kind: SpaceKind, group: number, editionId: string): string =>
    `Este ${kind === 'channel' ? 'canal' : 'chat'} quedó vinculado con el Grupo ${group} de la edición ${editionId}.`,

  // Each member's 1:1 notice and the roster posted in a group's space.
  notice: {
    broadcastTitle: (editionId: string): string => `Aviso de grupos, edición ${editionId}`,
    space: (kind: SpaceKind, name: string | undefined, group: number): string =>
      `${kind === 'channel' ? 'Canal' : 'Chat de grupo'} «${name ?? `Grupo ${group}`}» en Teams.`,
    noSpaceYet: 'Se le avisará en cuanto el grupo tenga su espacio en Teams.',
    stepsNote: 'Las fechas están en la hora del centro de México.',
    noSteps: 'La UTIGyND le compartirá las fechas de las siguientes etapas.',
  },
  roster: {
    broadcastTitle: (group: number): string => `Integrantes del Grupo ${group}`,
  },
} as const;
