import { cmd } from '../commands.js';
import { agree, bold, count, listJoin, NOUNS, num } from '../../texts/spanish.js';

const USAGE =
  `Uso: ${cmd('groups', 'proponer')} [tamaño N | grupos N] [semilla S] · ${cmd('groups', 'mover')} <nombre o correo> <grupo> · ${cmd('groups', 'confirmar')} · ` +
  `${cmd('groups', 'asignar pendientes')} · ${cmd('groups', 'estado')} · ${cmd('groups', 'exportar')} (Excel). Para vincular el espacio de un grupo, mencione al bot en un canal estándar o chat de grupo con ${cmd('linkGroup', undefined, 'N')} (los bots no pueden publicar en canales privados).`;

type SpaceKind = 'channel' | 'groupChat';
type SetState = 'proposed' | 'confirmed';

const kindNoun = (kind: SpaceKind): string => (kind === 'channel' ? 'canal' : 'chat');
/** "Canal «General»", "Chat de grupo «Grupo 3»": Teams sends no name for a team's General channel or an untitled chat. */
const spaceName = (kind: SpaceKind, name: string | undefined, group: number): string =>
  kind === 'channel' ? `Canal «${name ?? 'General'}»` : `Chat de grupo «${name ?? `Grupo ${group}`}»`;
const lower = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);

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
    groupHeader: (size: number, detail: string): string => `${count(size, NOUNS.integrante)}${detail ? ` · ${detail}` : ''}`,
    /** What the abbreviations of the card mean. */
    legend: (vocalias: readonly { clave: string; nombre: string }[]): string =>
      `Abreviaturas: ${vocalias.map((v) => `${v.clave}: ${v.nombre}`).join(' · ')}. ` +
      'Junto a cada grupo se indica cuántas integrantes tiene de cada vocalía; «Exceso» cuenta las integrantes por encima o por debajo de la proporción que le corresponde a cada grupo.',
    /** A member in the card's lists: her vocalía abbreviated (see the legend) and her entidad. */
    memberLine: (m: { nombre: string; vocalia: string; entidad: string }): string => `- ${m.nombre} — ${m.vocalia}, ${m.entidad}`,
    membersInNextMessage: 'Sus integrantes se listan en el mensaje siguiente.',
    continuationTitle: (editionId: string): string => `Integrantes de los grupos · edición ${editionId}`,
    continuationHeading: (group: number, continued: boolean): string => `Grupo ${group}${continued ? ' (continuación)' : ''}`,
    nextStep: (state: SetState): string =>
      state === 'confirmed'
        ? `Los grupos están confirmados. Para nuevas integrantes validadas, use ${cmd('groups', 'asignar pendientes')}.`
        : `Exceso 0 significa que cada grupo tiene la proporción de cada vocalía, ámbito, circunscripción y entidad. Ajuste con ${cmd('groups', 'mover')} o confirme con ${cmd('groups', 'confirmar')}.`,
  },

  // "grupos mover".
  moveUsage: `Indique a la integrante (su nombre o su correo) y el número de grupo, por ejemplo: ${cmd('groups', 'mover', 'ana.lopez@ine.mx 3')} o ${cmd('groups', 'mover', 'Ana López Pérez 3')}.`,
  moveNotFound: (typed: string): string => `No encontré a «${typed}» en la propuesta de grupos. Revise el nombre o use su correo.`,
  moveAmbiguous: (candidates: readonly { nombre: string; correo: string }[]): string =>
    `Hay ${count(candidates.length, NOUNS.integrante)} con ese nombre: ${listJoin(candidates.slice(0, 10).map((c) => `${c.nombre} (${c.correo})`))}` +
    `${candidates.length > 10 ? ' y otras más' : ''}. Indique el correo de la que desea mover.`,
  moved: (r: { nombre: string; from: number; to: number; excessBefore: number; excessAfter: number; clashesBefore: number; clashesAfter: number; worse: boolean }): string =>
    `Listo: ${r.nombre} pasó del grupo ${r.from} al ${r.to}. Exceso total ${r.excessBefore} → ${r.excessAfter}; integrantes de una misma junta juntas ${r.clashesBefore} → ${r.clashesAfter}.` +
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
    `Este ${kindNoun(kind)} quedó vinculado con el Grupo ${group} de la edición ${editionId}.`,
  linkedNotified: (enqueued: number): string =>
    enqueued > 0 ? ` El aviso con el enlace a este espacio quedó en cola para ${count(enqueued, NOUNS.integrante)} del grupo (por chat personal).` : '',
  alreadyLinked: (kind: SpaceKind, group: number): string => `Este ${kindNoun(kind)} ya es el espacio del Grupo ${group}; no cambié nada.`,
  /** The question asked before a link that changes another link (issue 9). */
  linkConfirm: {
    title: (kind: SpaceKind, group: number): string => `¿Vincular este ${kindNoun(kind)} con el Grupo ${group}?`,
    detaches: (kind: SpaceKind, from: number, to: number): string =>
      `Este ${kindNoun(kind)} es ahora el espacio del Grupo ${from}. Si confirma, pasará a ser el espacio del Grupo ${to} y el Grupo ${from} quedará sin espacio en Teams.`,
    replaces: (kind: SpaceKind, group: number, old: { kind: SpaceKind; name?: string }): string =>
      `El Grupo ${group} ya tiene como espacio el ${lower(spaceName(old.kind, old.name, group))}. Si confirma, su espacio será este ${kindNoun(kind)} y el anterior dejará de serlo.`,
    notifies: (group: number): string => `Las integrantes del Grupo ${group} recibirán por chat personal el enlace al nuevo espacio.`,
    confirmTitle: (group: number): string => `Vincular con el Grupo ${group}`,
    cancelTitle: 'Cancelar',
  },
  cancelled: 'No hice ningún cambio.',
  staleConfirmation: 'La edición activa cambió desde que le hice la pregunta; no hice ningún cambio. Vuelva a escribir el comando.',

  // "grupos proponer" and "grupos confirmar" before the call closes (issue 9).
  callOpen: {
    proposeTitle: '¿Proponer los grupos antes del cierre de la convocatoria?',
    confirmTitle: '¿Confirmar los grupos antes del cierre de la convocatoria?',
    state: (kind: 'open' | 'notYetOpen', date: string | undefined): string =>
      kind === 'open'
        ? `La convocatoria sigue abierta${date ? ` hasta el ${date}` : ''}: todavía pueden registrarse y validarse más integrantes.`
        : `La convocatoria todavía no abre${date ? ` (abre el ${date})` : ''}: todavía pueden registrarse y validarse más integrantes.`,
    proposeEffect: `Si propone los grupos ahora, solo incluirán a las integrantes validadas hasta este momento. Podrá volver a proponerlos después del cierre.`,
    confirmEffect: `Si los confirma ahora, quedarán fijos y cada integrante recibirá su aviso. Quienes se validen después se asignarán con ${cmd('groups', 'asignar pendientes')}, sin mover a nadie.`,
    proposeAnyway: 'Proponer de todos modos',
    confirmAnyway: 'Confirmar de todos modos',
    cancelTitle: 'Cancelar',
  },

  // Each member's 1:1 notice and the roster posted in a group's space.
  notice: {
    broadcastTitle: (editionId: string): string => `Aviso de grupos, edición ${editionId}`,
    space: (kind: SpaceKind, name: string | undefined, group: number): string => `${spaceName(kind, name, group)} en Teams.`,
    noSpaceYet: 'Se le avisará en cuanto el grupo tenga su espacio en Teams.',
    openTitle: (kind: SpaceKind): string => (kind === 'channel' ? 'Abrir el canal' : 'Abrir el chat'),
    alone: 'Por ahora es la única integrante de su grupo; la UTIGyND le avisará cuando se sumen más.',
    stepsNote: 'Las fechas están en la hora del centro de México.',
    noSteps: 'La UTIGyND le compartirá las fechas de las siguientes etapas.',
  },
  roster: {
    broadcastTitle: (group: number): string => `Integrantes del Grupo ${group}`,
  },
  /** The 1:1 notice that a group's space was linked. */
  spaceNotice: {
    broadcastTitle: (group: number): string => `Aviso del espacio del Grupo ${group}`,
    note: (kind: SpaceKind): string =>
      kind === 'channel'
        ? `Si no puede abrir el canal, pida a la UTIGyND que la agregue al equipo de Teams. Para volver a consultar su grupo, escriba ${cmd('myGroup')} en este chat.`
        : `Si no puede abrir el chat, pida a la UTIGyND que la agregue. Para volver a consultar su grupo, escriba ${cmd('myGroup')} en este chat.`,
  },
  /** A group's space in "grupos estado". */
  statusSpace: (space: { kind: SpaceKind; name?: string } | undefined, group: number): string =>
    space ? `Espacio en Teams: ${spaceName(space.kind, space.name, group)}.` : 'Sin espacio en Teams.',
} as const;
