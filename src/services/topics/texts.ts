/** Spanish (es-MX) messages of the topics services' refusals (TopicsError.message). */
export const TOPICS_SERVICE_TEXTS = {
  noGroups: 'Los grupos de esta edición todavía no están confirmados.',
  badGroup: (count: number) => (count === 1 ? 'La edición tiene un solo grupo: el grupo 1.' : `El grupo debe ser un número entre 1 y ${count}.`),
  notMember: 'Esta acción es solo para integrantes validadas de un grupo confirmado de la edición.',
  notRepresentante: (group: number) => `Solo la representante del grupo ${group} o la UTIGyND pueden hacer esto.`,
  notRepresentantePlan: (group: number) => `Solo la representante del grupo ${group} puede confirmar o cambiar su plan de trabajo.`,
  alreadyOpen: (group: number) => `La votación de temas del grupo ${group} ya está abierta.`,
  noVote: (group: number) => `El grupo ${group} todavía no tiene una votación de temas.`,
  voteClosed: 'La votación de temas ya cerró; su selección no se registró.',
  voteNotClosed: (group: number) => `La votación de temas del grupo ${group} sigue abierta; el plan se arma cuando cierre.`,
  staleBallot: 'Esta tarjeta corresponde a otra votación de temas; use la tarjeta más reciente de su grupo.',
  badClosingTime: 'La hora de cierre debe ser posterior al momento actual.',
  frozen: 'El temario de esta edición ya no se puede cambiar porque un grupo abrió su votación de temas.',
  planExists: (group: number) => `El grupo ${group} ya tiene un plan de trabajo confirmado; para modificarlo, cámbielo.`,
  noPlan: (group: number) => `El grupo ${group} todavía no tiene un plan de trabajo confirmado.`,
  badPlan: 'El plan de trabajo tiene datos por corregir.',
  conflict: 'El plan de trabajo cambió mientras tanto; revise la versión actual y vuelva a intentarlo.',
} as const;
