/**
 * Well-known stages of an edition calendar (edicion etapa AAAA-MM-DD <nombre>). A stage's key is the slug of
 * its label (slugify in registration.ts), so UTIGyND names them in plain Spanish and features find them by
 * these keys: sessions and meetings, survey waves, group reports and the status card all read the same dates.
 */
export const STAGE_KEYS = {
  /** Reunión Nacional de apertura: elections should not open before it unless forced. */
  opening: 'reunion-nacional-de-apertura',
  /** Primera sesión grupal: survey wave 1 closes before it. */
  firstGroupSession: 'primera-sesion-grupal',
  /** Reunión Nacional de cierre: groups present their informes. */
  closing: 'reunion-nacional-de-cierre',
  /** Fecha límite de entrega de informes de grupo. */
  reportsDue: 'entrega-de-informes',
  /** Fin de la Red (six months after the opening): survey wave 2; wave 3 four months later. */
  end: 'fin-de-la-red',
  /** Informe general a la Comisión de Igualdad de Género y No Discriminación. */
  generalReport: 'informe-general',
} as const;

export type StageKey = (typeof STAGE_KEYS)[keyof typeof STAGE_KEYS];

/** The date of a well-known stage in an edition calendar, if UTIGyND set it. */
export function stageDate(calendar: readonly { key: string; date: Date }[], key: StageKey): Date | undefined {
  return calendar.find((s) => s.key === key)?.date;
}
