/** Spanish (es-MX) names the meetings service gives its events (edition stages, calendar entries). */
export const MEETINGS_SERVICE_TEXTS = {
  /** Edition calendar stages: their slugs are STAGE_KEYS.opening and STAGE_KEYS.closing (src/domain/stages.ts). */
  stageLabels: { apertura: 'Reunión Nacional de apertura', cierre: 'Reunión Nacional de cierre' },
  nationalTitle: (moment: 'apertura' | 'cierre'): string => (moment === 'apertura' ? 'Reunión Nacional de apertura' : 'Reunión Nacional de cierre'),
  regionalTitle: (circunscripcion: number): string => `Reunión regional · Circunscripción ${circunscripcion}`,
  description: 'Reunión de la Red de Coaching para Mujeres del SPEN (UTIGyND).',
} as const;
