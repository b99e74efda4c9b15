/** Spanish (es-MX) labels the reporting adapters give to what other features store without a label. */
export const REPORTING_TEXTS = {
  waveLabel: (wave: number) => (wave === 1 ? 'Oleada 1 (inicio)' : wave === 2 ? 'Oleada 2 (fin de la Red)' : `Oleada ${wave} (seguimiento)`),
} as const;
