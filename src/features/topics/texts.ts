import { cmd } from '../commands.js';
import { bold, count, listJoin, NOUNS } from '../../texts/spanish.js';

/**
 * Spanish (es-MX) texts of the topics feature: temario, topic votes and work plans. The refusals of the topics
 * services (TopicsError) already carry their Spanish message (src/services/topics/texts.ts, and the domain's
 * PICKS_TEXTS / PLAN_TEXTS for bad picks and plans); the ones below cover what the feature itself says.
 */
const EJES = ['eje', 'ejes'] as const;

export const TOPICS_TEXTS = {
  temario: {
    title: (edition: string) => `Temario de ${edition}`,
    subtitleDefault: (version: string | undefined, topics: number, ejes: number) => `Temario del proyecto${version ? ` (versión ${version})` : ''}: ${count(topics, NOUNS.tema)} en ${count(ejes, EJES)}.`,
    subtitleReplaced: (version: string | undefined, topics: number, ejes: number) => `Temario propio de la edición${version ? ` (versión ${version})` : ''}: ${count(topics, NOUNS.tema)} en ${count(ejes, EJES)}.`,
    noteMember: `Cada grupo elige sus temas en una votación; cuando se abra la de su grupo recibirá una tarjeta para elegirlos.`,
    noteAdmin: (frozen: boolean) =>
      frozen
        ? 'El temario ya no se puede cambiar porque un grupo abrió su votación de temas.'
        : `Para reemplazarlo, adjunte un archivo .json al comando ${cmd('temario')}; para volver al del proyecto, escriba ${cmd('temario', 'restablecer')}.`,
    notJson: (name: string) => `El archivo «${name}» no es un JSON válido. Revise su formato y vuelva a enviarlo.`,
    rejected: (edition: string, errors: readonly string[]) => `No se cambió el temario de ${edition}. Corrija lo siguiente y vuelva a enviar el archivo:\n\n${errors.map((e) => `- ${e}`).join('\n')}`,
    replaced: (edition: string, topics: number) => `Listo: ${edition} usa ahora el temario del archivo, con ${count(topics, NOUNS.tema)}. Escriba ${cmd('temario')} para revisarlo.`,
    reset: (edition: string) => `Listo: ${edition} vuelve a usar el temario del proyecto.`,
    alreadyDefault: (edition: string) => `${edition} ya usa el temario del proyecto; no hubo cambios.`,
    options: `Escriba ${cmd('temario')} para verlo; la UTIGyND lo reemplaza adjuntando un archivo .json al mismo comando o vuelve al del proyecto con ${cmd('temario', 'restablecer')}.`,
  },
  votes: {
    usage: `Indique el grupo: ${cmd('topics', 'votar', 'grupo 3')} o ${cmd('topics', 'votar', 'todos')}; puede agregar la hora de cierre, por ejemplo ${cmd('topics', 'votar', 'grupo 3 cierre 2027-01-20 18:00')}.`,
    closeUsage: `Indique el grupo: ${cmd('topics', 'cerrar', 'grupo 3')} o ${cmd('topics', 'cerrar', 'todos')}.`,
    representanteOnlyOwn: (group: number) => `Como representante solo puede hacerlo para su grupo, el grupo ${group}: escriba el comando sin grupo o con ${bold(`grupo ${group}`)}.`,
    noRoleGroup: 'Esta acción es para la UTIGyND o para la representante de un grupo.',
    opened: (groups: readonly number[], closes: string | undefined) =>
      `Se abrió la votación de temas ${groups.length === 1 ? `del grupo ${groups[0]}` : `de los grupos ${listJoin(groups.map(String))}`}. Cada integrante recibe su tarjeta en el chat personal${closes ? `; cierra el ${closes}` : `; ciérrela con ${cmd('topics', 'cerrar')}`}.`,
    refusedLine: (group: number, message: string) => `- Grupo ${group}: ${message}`,
    refusedHeader: 'No se abrió en estos grupos:',
    closed: (group: number, ballots: number, eligible: number) => `Se cerró la votación de temas del grupo ${group}: votaron ${ballots} de ${count(eligible, NOUNS.integrante)}. El resultado se publica en el espacio del grupo.`,
    alreadyClosed: (group: number) => `La votación de temas del grupo ${group} ya estaba cerrada.`,
    noRepresentanteYet: (group: number) => `El grupo ${group} aún no tiene representante: nadie puede armar su plan de trabajo todavía.`,
    ballotTitle: (group: number) => `Votación de temas · grupo ${group}`,
    ballotIntro: (max: number, closes: string | undefined) =>
      `Elija hasta ${count(max, NOUNS.tema)} que le gustaría abordar con su grupo. Puede cambiar su selección mientras la votación esté abierta${closes ? `; cierra el ${closes}` : ''}.`,
    ballotClosedIntro: 'La votación de temas ya cerró.',
    ballotLabel: 'Temas',
    ballotError: 'Elija al menos un tema.',
    ballotSubmit: 'Enviar mi selección',
    recorded: 'Su selección quedó registrada.',
    recordedReply: (picks: readonly string[]) => `Su selección quedó registrada: ${listJoin(picks)}.`,
    choiceTitle: (titulo: string, eje: string) => `${titulo} (${eje})`,
    yourPicks: (picks: readonly string[]) => (picks.length ? `Su selección: ${listJoin(picks)}.` : 'No envió una selección.'),
    broadcastTitle: (group: number) => `Votación de temas del grupo ${group}`,
    spaceOpened: (group: number, max: number, closes: string | undefined) =>
      `Se abrió la votación de temas del grupo ${group}: cada integrante recibió en su chat personal una tarjeta para elegir hasta ${count(max, NOUNS.tema)}${closes ? `; cierra el ${closes}` : ''}.`,
  },
  ranking: {
    statusTitle: (edition: string) => `Votación de temas · ${edition}`,
    resultTitle: (group: number) => `Resultado de la votación de temas · grupo ${group}`,
    heading: (group: number) => `Grupo ${group}`,
    noVote: 'Sin votación de temas todavía.',
    summary: (state: 'open' | 'closed', ballots: number, eligible: number, closes: string | undefined) =>
      `${state === 'open' ? `Abierta${closes ? ` hasta el ${closes}` : ''}` : 'Cerrada'} · votaron ${ballots} de ${count(eligible, NOUNS.integrante)}.`,
    place: (rank: number) => `${rank}.º`,
    row: (titulo: string, votes: number, tied: boolean) => `${titulo} — ${count(votes, NOUNS.voto)}${tied ? ' (empate)' : ''}`,
    ties: (groups: readonly { titles: readonly string[]; votes: number }[]) =>
      `Empates: ${groups.map((t) => `${listJoin(t.titles.map((x) => `«${x}»`))} con ${count(t.votes, NOUNS.voto)}`).join('; ')}.`,
    noBallots: 'Nadie votó.',
    more: (n: number) => `${count(n, NOUNS.tema)} más, con menos votos o sin votos.`,
    spaceNote: 'La representante del grupo arma ahora el plan de trabajo a partir de este resultado.',
    statusNote: `Para cerrar una votación, escriba ${cmd('topics', 'cerrar', 'grupo N')}.`,
    repNotice: (group: number) => `Cerró la votación de temas del grupo ${group}. Como representante, ya puede armar el plan de trabajo: escriba ${cmd('workPlan', 'confirmar')}.`,
    repBroadcastTitle: (group: number) => `Plan de trabajo del grupo ${group}`,
  },
  plan: {
    viewTitle: (group: number) => `Plan de trabajo · grupo ${group}`,
    viewSubtitle: (revision: number, updated: string) => (revision === 1 ? `Confirmado el ${updated}.` : `Versión ${revision}, actualizada el ${updated}.`),
    itemHeading: (i: number, titulo: string) => `${i + 1}. ${titulo}`,
    itemDetail: (eje: string, month: string) => `${eje} · ${month}`,
    noPlan: (group: number) => `El grupo ${group} todavía no tiene un plan de trabajo confirmado. Lo arma su representante cuando cierre la votación de temas.`,
    adminUsage: `Indique el grupo, por ejemplo ${cmd('workPlan', 'grupo', '3')}.`,
    notMember: 'El plan de trabajo es de cada grupo confirmado; usted aún no está en un grupo de la edición.',
    repNote: `Como representante, puede cambiarlo con ${cmd('workPlan', 'cambiar')}.`,
    editTitleConfirm: (group: number) => `Armar el plan de trabajo · grupo ${group}`,
    editTitleChange: (group: number) => `Cambiar el plan de trabajo · grupo ${group}`,
    editIntro: (months: string) =>
      `Ordene los temas en que el grupo trabajará, con una meta y un mes tentativo para cada uno (${months}). Los temas vienen del resultado de la votación; deje sin tema los renglones que no use.`,
    tiedAtCutoff: (titles: readonly string[]) => ` Atención: en el corte hay un empate entre ${listJoin(titles.map((t) => `«${t}»`))}; decida con el grupo cuáles incluir.`,
    rowHeading: (i: number) => `Tema ${i + 1}`,
    topicLabel: 'Tema',
    topicPlaceholder: 'Sin tema',
    goalLabel: 'Meta',
    monthLabel: 'Mes tentativo',
    monthPlaceholder: 'Elija el mes',
    topicChoice: (titulo: string, votes: number) => `${titulo} (${count(votes, NOUNS.voto)})`,
    submitConfirm: 'Confirmar el plan',
    submitChange: 'Guardar los cambios',
    confirmed: 'El plan de trabajo quedó confirmado y se publicó en el espacio del grupo.',
    changed: 'Los cambios al plan de trabajo quedaron guardados y se avisó en el espacio del grupo.',
    unchanged: 'No hubo cambios en el plan de trabajo.',
    rejected: (message: string) => `No se guardó el plan de trabajo.\n\n${message}`,
    notRepresentante: 'Solo la representante del grupo puede armar o cambiar su plan de trabajo.',
    staleEdition: 'Esta tarjeta es de otra edición de la Red; escriba el comando de nuevo.',
    spaceConfirmedNote: (group: number) => `La representante confirmó el plan de trabajo del grupo ${group}.`,
    spaceChangedNote: (group: number, summary: string) => `La representante cambió el plan de trabajo del grupo ${group}: ${summary}`,
    diff: (added: readonly string[], removed: readonly string[], changed: readonly string[]) => {
      const parts: string[] = [];
      if (added.length) parts.push(`se agregó ${listJoin(added.map((t) => `«${t}»`))}`);
      if (removed.length) parts.push(`se quitó ${listJoin(removed.map((t) => `«${t}»`))}`);
      if (changed.length) parts.push(`se modificó ${listJoin(changed.map((t) => `«${t}»`))}`);
      return parts.length ? `${parts.join('; ')}.` : 'se actualizó el resultado de la votación en que se basa.';
    },
    broadcastTitle: (group: number) => `Plan de trabajo del grupo ${group}`,
  },
  badGroupWord: (word: string) => `No reconozco «${word}» como grupo. Escriba, por ejemplo, ${bold('grupo 3')} o ${bold('todos')}.`,
  noGroupsYet: 'Los grupos de esta edición todavía no están confirmados.',
  noOpenVotes: 'Ningún grupo tiene una votación de temas abierta.',
  topicsOptions: `Opciones: ${cmd('topics', 'votar')} para abrir la votación de temas, ${cmd('topics', 'cerrar')} para cerrarla y ${cmd('topics', 'estado')} para ver el avance y el resultado.`,
  planOptions: `Escriba ${cmd('workPlan')} para ver el plan de trabajo de su grupo; la representante lo arma con ${cmd('workPlan', 'confirmar')} y lo cambia con ${cmd('workPlan', 'cambiar')}.`,
  staleCard: 'Esta tarjeta es de una edición anterior de la Red; use la más reciente.',
  noEdition: 'Todavía no hay una edición activa de la Red.',
  estadoRepresentante: (group: number) => `Como representante ve la votación de su grupo, el grupo ${group}.`,
} as const;
