import type { BarrierCategory } from '../domain/barriers.js';

/** How each barrier category is named to people (cards, reports, exports). */
export const BARRIER_LABELS: Readonly<Record<BarrierCategory, string>> = Object.freeze({
  culturales: 'Culturales',
  educativas: 'Educativas',
  politicas: 'Políticas',
  sociales: 'Sociales',
  metodologicas: 'Metodológicas',
  organizacionales: 'Organizacionales',
  administrativas: 'Administrativas',
  normatividad: 'Normatividad',
});
