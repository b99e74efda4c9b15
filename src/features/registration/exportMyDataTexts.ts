/** Spanish texts of "exportar mis datos" (the member's copy of every datum the network keeps about her). */
export const EXPORT_MY_DATA_TEXTS = {
  noData:
    'La Red de Coaching no tiene datos suyos registrados: no encontramos ningún registro ni movimiento a su nombre. ' +
    'Si cree que es un error, escriba a la UTIGyND.',
  sheetName: 'Mis datos',
  /** mis-datos-red-de-coaching-20260301-1005.xlsx */
  fileName: (timestamp: string): string => `mis-datos-red-de-coaching-${timestamp}.xlsx`,
  fileDescription: 'Sus datos en la Red de Coaching: registro, consentimiento, estatus e historial de movimientos.',
} as const;
