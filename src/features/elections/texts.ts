import type { ElectionErrorCode } from '../../services/elections/index.js';
import type { ElectedRole, ElectionPhase } from '../../domain/elections/index.js';
import { cmd } from '../commands.js';
import { formatDate } from '../../domain/registration.js';
import { agree, bold, count, listJoin, NOUNS, num } from '../../texts/spanish.js';

/** Spanish texts of the elections feature (issue 10). */

export const ROLE_NAMES: Record<ElectedRole, string> = { representante: 'representante', secretaria: 'secretaria' };
export const ROLE_TITLES: Record<ElectedRole, string> = { representante: 'Representante', secretaria: 'Secretaria' };

const PHASES: Record<ElectionPhase, string> = {
  nominations: 'postulaciones abiertas',
  voting: 'votación abierta',
  closing: 'cómputo en curso',
  closed: 'votación cerrada',
};

const VOTOS: readonly [string, string] = ['voto', 'votos'];
const ABSTENCIONES: readonly [string, string] = ['abstención', 'abstenciones'];
const CANDIDATAS: readonly [string, string] = ['candidata', 'candidatas'];

/** Every refusal of the election service, in Spanish (ElectionError codes). */
export const ELECTION_ERRORS: Record<ElectionErrorCode, string> = {
  wrongPhase: 'La elección del grupo no está en la etapa que esta acción requiere.',
  nominationsClosed: 'El periodo de postulaciones ya cerró; ya no se reciben postulaciones ni respuestas a propuestas.',
  votingClosed: 'La votación ya cerró o aún no está abierta; esta boleta ya no puede usarse.',
  roleNotInElection: 'Ese cargo no está en esta elección.',
  alreadyCandidate: 'Ya está registrada como candidata a ese cargo.',
  candidateForOtherRole: 'Una persona no puede ser candidata a los dos cargos: ya está registrada para el otro cargo.',
  holdsOtherRole: 'Ya ocupa otro cargo de grupo; primero tendría que renunciar a él.',
  proposalDeclined: 'Esa compañera ya declinó la propuesta para ese cargo.',
  noProposal: 'No hay una propuesta pendiente para usted en ese cargo.',
  notCandidate: 'No está registrada como candidata a ese cargo.',
  staleBallot: `Esta boleta corresponde a una ronda anterior y ya no puede usarse. Escriba ${cmd('vote')} para recibir la boleta vigente.`,
  missingChoice: 'Elija una opción para cada cargo (una candidata o «Abstención») antes de confirmar su voto.',
  unknownContest: 'La boleta menciona un cargo que no está en esta votación. Su voto no se registró.',
  invalidChoice: 'La opción elegida no es una candidata de su grupo para ese cargo. Su voto no se registró.',
  noTie: 'No hay empate pendiente en esa elección.',
  tieNeedsRunoff: 'El empate se resuelve primero con una votación de desempate.',
  tieNeedsDraw: 'El desempate volvió a quedar empatado: corresponde el sorteo.',
  invalidClosingTime: 'La hora de cierre debe ser posterior a este momento.',
  notFound: 'No encontré esa elección. Es posible que la tarjeta sea antigua.',
  notMember: 'Solo las integrantes del grupo participan en su elección.',
  candidateNotMember: 'Esa persona no es integrante del grupo.',
  noGroups: 'La edición aún no tiene grupos confirmados.',
  badGroup: 'Ese grupo no existe en la edición activa.',
  electionInProgress: 'El grupo ya tiene una elección en curso que aún no concluye.',
  alreadyHolds: 'Esa persona ya ocupa ese cargo.',
  noOffer: 'Ya no hay un ofrecimiento de ese cargo para usted.',
  notHolder: 'No ocupa ningún cargo de grupo en la edición activa.',
  busy: 'La elección cambió varias veces al mismo tiempo. Intente de nuevo en un momento.',
};

export const ELECTIONS_TEXTS = {
  usage: `Uso: ${cmd('elections', 'abrir', 'grupo 3 cierre 2026-12-10 18:00')}, ${cmd('elections', 'votacion', 'todos cierre 2026-12-12 18:00')}, ${cmd('elections', 'cerrar', 'grupo 3')}, ${cmd('elections', 'estado')}, ${cmd('elections', 'desempate', 'grupo 3')} o ${cmd('elections', 'sorteo', 'grupo 3')}.`,
  badTarget: 'Indique el grupo como «grupo N» o escriba «todos»; la hora de cierre, como «cierre AAAA-MM-DD HH:MM».',
  needsGroup: 'Indique un solo grupo, por ejemplo «grupo 3».',
  groupLine: (group: number, text: string): string => `• Grupo ${group}: ${text}`,
  opened: (n: number, closes: string | null): string =>
    `Se abrieron las postulaciones en ${count(n, NOUNS.grupo)}${closes ? ` hasta el ${closes}` : ''}. Cada integrante recibe la tarjeta para postularse o proponer a una compañera.`,
  votingOpened: (n: number, closes: string | null): string =>
    `Se abrió la votación en ${count(n, NOUNS.grupo)}${closes ? ` hasta el ${closes}` : ''}. Cada integrante recibe su boleta secreta por chat personal.`,
  runoffOpened: (group: number, closes: string | null): string =>
    `Se abrió la votación de desempate del Grupo ${group}${closes ? ` hasta el ${closes}` : ''}. Cada integrante recibe su boleta.`,
  closedSummary: (n: number): string => `Se cerró la votación en ${count(n, NOUNS.grupo)}. Los resultados se anunciaron en cada grupo.`,
  nothingDone: 'No se hizo ningún cambio.',
  noElection: 'El grupo no tiene una elección.',
  notVoting: 'El grupo no tiene una votación abierta.',
  noCandidatesAtAll: `no hubo candidatas para ningún cargo: la elección terminó y los cargos quedan vacantes. Puede asignarlos con ${cmd('roleAssign')} o abrir una nueva elección.`,
  noCandidatesNotice: (group: number): string =>
    `No hubo candidatas para los cargos del Grupo ${group}, por lo que la votación no se abrió y los cargos quedan vacantes por ahora. La UTIGyND les informará los siguientes pasos.`,
  noRunoffNeeded: 'El grupo no tiene empates que requieran desempate.',
  broadcastNominationsClosed: (group: number): string => `Cierre de postulaciones del Grupo ${group}`,
  nominationsClosedAdmin: (group: number, counts: readonly { role: ElectedRole; n: number }[]): string =>
    `Terminó el plazo de postulaciones del Grupo ${group}: ${listJoin(counts.map((c) => `${count(c.n, CANDIDATAS)} a ${ROLE_NAMES[c.role]}`))}. ` +
    (counts.some((c) => c.n > 0)
      ? `Para enviar las boletas, escriba ${cmd('elections', 'votacion', `grupo ${group} cierre AAAA-MM-DD HH:MM`)}.`
      : `Ningún cargo tiene candidatas: puede asignarlos con ${cmd('roleAssign')} o ampliar el plazo con una nueva elección.`),
  beforeOpening: (opening: Date): string =>
    `La Reunión Nacional de apertura está programada para el ${formatDate(opening)}: las elecciones de representante y secretaria se abren a partir de esa fecha, en la primera sesión de cada grupo. Si necesita abrirlas antes, agregue ${bold('forzar')}, por ejemplo ${cmd('elections', 'abrir', 'grupo 3 forzar')}.`,
  noDrawNeeded: 'El grupo no tiene un empate de desempate que deba resolverse por sorteo.',
  /** Member side. */
  noGroup: 'Aún no tiene un grupo confirmado en la edición activa, por lo que no participa en una elección.',
  notNominating: 'Su grupo no tiene postulaciones abiertas en este momento.',
  noPendingBallot: 'Su grupo no tiene una votación abierta en este momento.',
  alreadyVoted: 'Ya votó en esta ronda: su voto quedó registrado. El voto es secreto y definitivo.',
  nominated: (role: ElectedRole): string => `Quedó registrada como candidata a ${ROLE_NAMES[role]} de su grupo.`,
  alreadyNominated: (role: ElectedRole): string => `Ya estaba registrada como candidata a ${ROLE_NAMES[role]}.`,
  nominatedCardTitle: 'Postulación registrada',
  nominatedCardHint: `Si cambia de opinión, puede retirarla mientras sigan abiertas las postulaciones: escriba ${cmd('nominate', 'retirar')}. Para proponer a una compañera, escriba ${cmd('nominate')}.`,
  withdrawn: (role: ElectedRole): string => `Retiró su postulación a ${ROLE_NAMES[role]}. Ya no aparecerá en la boleta; puede volver a postularse mientras sigan abiertas las postulaciones.`,
  notCandidate: 'No tiene una postulación vigente en la elección de su grupo.',
  proposed: (name: string, role: ElectedRole): string => `Se envió su propuesta a ${bold(name)} para ${ROLE_NAMES[role]}. Será candidata si la acepta.`,
  companionNotFound: 'No encontré a esa compañera en su grupo. Escriba su nombre completo o su correo institucional.',
  companionAmbiguous: (names: string[]): string => `Hay varias compañeras con ese nombre en su grupo: ${listJoin(names)}. Escriba su correo institucional.`,
  companionIsSelf: 'Para postularse usted misma, use los botones «Postularme como…».',
  proposalAccepted: (role: ElectedRole): string => `Aceptó la propuesta: es candidata a ${ROLE_NAMES[role]} de su grupo.`,
  proposalDeclinedByHer: 'Declinó la propuesta. Gracias por responder.',
  voteRecorded: 'Su voto quedó registrado. Es secreto y definitivo.',
  ballotDoneTitle: 'Su voto quedó registrado',
  ballotDoneText: (group: number): string => `Gracias por votar en la elección del Grupo ${group}. Su voto es secreto y definitivo: nadie puede saber cómo votó.`,
  /** Cards. */
  nominationTitle: (group: number): string => `Elección de cargos · Grupo ${group}`,
  nominationIntro:
    'Se abrieron las postulaciones para representante y secretaria de su grupo. Puede postularse para un cargo o proponer a una compañera de su grupo, quien deberá aceptar. Una persona no puede ser candidata a los dos cargos.',
  closesAt: (when: string): string => `Cierre: ${when}.`,
  noClosing: 'La UTIGyND anunciará el cierre.',
  proposalTitle: (group: number): string => `Propuesta de candidatura · Grupo ${group}`,
  proposalText: (by: string, role: ElectedRole): string => `${by} la propone como candidata a ${ROLE_NAMES[role]} de su grupo. ¿Acepta la candidatura?`,
  ballotTitle: (group: number, runoff: boolean): string => `${runoff ? 'Boleta de desempate' : 'Boleta secreta'} · Grupo ${group}`,
  ballotIntro: 'Elija una opción por cargo: una candidata o «Abstención». Su voto es secreto y, una vez confirmado, definitivo.',
  abstention: 'Abstención',
  offerTitle: (group: number): string => `Ofrecimiento de cargo · Grupo ${group}`,
  offerText: (role: ElectedRole, group: number): string => `La UTIGyND le ofrece el cargo de ${ROLE_NAMES[role]} del Grupo ${group}. Si lo acepta, lo ocupará desde ahora y se avisará al grupo.`,
  /** Notices. */
  spaceNominations: (group: number, closes: string | null): string =>
    `Se abrieron las postulaciones para representante y secretaria del Grupo ${group}${closes ? ` hasta el ${closes}` : ''}. Cada integrante recibió su tarjeta por chat personal; también pueden escribirme ${cmd('nominate')} en el chat personal.`,
  spaceVoting: (group: number, closes: string | null): string =>
    `Se abrió la votación secreta del Grupo ${group}${closes ? ` hasta el ${closes}` : ''}. Cada integrante recibió su boleta por chat personal; quien no la encuentre puede escribirme ${cmd('vote')}.`,
  resultsTitle: (group: number, runoff: boolean): string => `Resultados${runoff ? ' del desempate' : ''} · Grupo ${group}`,
  turnout: (voted: number, eligible: number): string => `Participación: ${count(voted, NOUNS.integrante)} de ${num(eligible)} ${agree(voted, ['votó', 'votaron'])}.`,
  resultLine: (role: ElectedRole, text: string): string => `**${ROLE_TITLES[role]}:** ${text}`,
  counts: (items: { name: string; votes: number }[], abstentions: number): string =>
    `${items.map((i) => `${i.name} (${count(i.votes, VOTOS)})`).join(', ')}${items.length ? '; ' : ''}${count(abstentions, ABSTENCIONES)}`,
  elected: (name: string): string => `electa ${bold(name)}`,
  tie: (names: string[]): string => `empate entre ${listJoin(names)}`,
  noVotes: 'sin votos válidos; el cargo queda vacante',
  noQuorum: 'no se alcanzó la participación mínima; el cargo queda vacante',
  noCandidates: 'sin candidatas; el cargo queda vacante',
  nextTie: 'La UTIGyND convocará a una votación de desempate.',
  nextDraw: 'La UTIGyND resolverá el empate por sorteo.',
  drawAnnounce: (group: number, role: ElectedRole, names: string[], winner: string, seed: string): string =>
    `Sorteo del Grupo ${group} para ${ROLE_NAMES[role]}: entre ${listJoin(names)}, resultó electa ${bold(winner)}. El sorteo es reproducible con la semilla «${seed}».`,
  drawDone: (n: number): string => `Se realizó el sorteo de ${count(n, ['cargo', 'cargos'])}.`,
  roleTaken: (group: number, role: ElectedRole, name: string): string => `${bold(name)} es ahora ${ROLE_NAMES[role]} del Grupo ${group}.`,
  roleRenounced: (group: number, role: ElectedRole, name: string): string =>
    `${bold(name)} renunció al cargo de ${ROLE_NAMES[role]} del Grupo ${group}. El cargo queda vacante hasta una nueva elección o asignación.`,
  renouncedYou: (role: ElectedRole): string => `Renunció al cargo de ${ROLE_NAMES[role]}. Se avisó a su grupo.`,
  /** Role offers. */
  assignUsage: `Uso: ${cmd('roleAssign', undefined, 'grupo 3 representante nombre@ine.mx')}.`,
  assignNotFound: 'No encontré a una integrante validada con ese correo en la edición activa.',
  offerSent: (name: string, role: ElectedRole, group: number): string =>
    `Se envió a ${bold(name)} el ofrecimiento del cargo de ${ROLE_NAMES[role]} del Grupo ${group}. Lo ocupará cuando lo acepte.`,
  offerAccepted: (role: ElectedRole, group: number): string => `Aceptó el cargo de ${ROLE_NAMES[role]} del Grupo ${group}. Se avisó al grupo.`,
  offerDeclined: 'Declinó el ofrecimiento. Se avisará a la UTIGyND.',
  replacedYou: (role: ElectedRole, group: number, name: string): string =>
    `La UTIGyND asignó el cargo de ${ROLE_NAMES[role]} del Grupo ${group} a ${bold(name)}, quien lo aceptó; usted ya no lo ocupa. Gracias por su trabajo en el cargo. Si tiene dudas, escriba a la UTIGyND.`,
  offerDeclinedAdmin: (name: string, role: ElectedRole, group: number): string => `${bold(name)} declinó el cargo de ${ROLE_NAMES[role]} del Grupo ${group}.`,
  /** Status. */
  statusTitle: (edition: string): string => `**Elecciones de la edición ${edition}**`,
  statusNone: 'sin elección',
  statusPhase: (phase: ElectionPhase, round: number): string => `${PHASES[phase]}${round > 1 ? ` (ronda ${round}, desempate)` : ''}`,
  statusCandidates: (role: ElectedRole, names: string[]): string =>
    `${ROLE_TITLES[role]}: ${names.length ? `${count(names.length, CANDIDATAS)} (${listJoin(names)})` : 'sin candidatas'}`,
  statusTurnout: (voted: number, eligible: number, notVoted: string[]): string =>
    `participación ${num(voted)} de ${num(eligible)}${notVoted.length ? `; faltan: ${listJoin(notVoted)}` : ''}`,
  statusHolders: (items: string[]): string => `cargos: ${items.join('; ')}`,
  statusHolder: (role: ElectedRole, name: string | null): string => `${ROLE_NAMES[role]} ${name ?? 'vacante'}`,
  /** What UTIGyND can do next in a group (GroupElectionStatus.next). */
  statusNext: (steps: string[]): string => `siguiente: ${listJoin(steps)}`,
  next: {
    openNominations: (g: number): string => cmd('elections', 'abrir', `grupo ${g}`),
    openVoting: (g: number): string => cmd('elections', 'votacion', `grupo ${g}`),
    close: (g: number): string => cmd('elections', 'cerrar', `grupo ${g}`),
    runoff: (g: number): string => cmd('elections', 'desempate', `grupo ${g}`),
    draw: (g: number): string => cmd('elections', 'sorteo', `grupo ${g}`),
    assign: (g: number, role: ElectedRole): string => cmd('roleAssign', undefined, `grupo ${g} ${role} <correo>`),
  },
  statusOffer: (role: ElectedRole, name: string): string => `ofrecimiento de ${ROLE_NAMES[role]} pendiente para ${name}`,
  broadcastNominations: (group: number): string => `Postulaciones · Grupo ${group}`,
  broadcastBallots: (group: number): string => `Boletas · Grupo ${group}`,
  broadcastResults: (group: number): string => `Resultados · Grupo ${group}`,
  broadcastRoles: (group: number): string => `Cargos · Grupo ${group}`,
} as const;
