/**
 * The eight categories of barriers the network detects (nota informativa RCMSPEN): used by session minutes,
 * the surveys' barrier block, anonymous barrier reports and the general report. Ids only; the Spanish labels
 * live in src/texts/barriers.ts.
 */
export const BARRIER_CATEGORIES = [
  'culturales',
  'educativas',
  'politicas',
  'sociales',
  'metodologicas',
  'organizacionales',
  'administrativas',
  'normatividad',
] as const;

export type BarrierCategory = (typeof BARRIER_CATEGORIES)[number];

export function isBarrierCategory(value: unknown): value is BarrierCategory {
  return typeof value === 'string' && (BARRIER_CATEGORIES as readonly string[]).includes(value);
}
