/** Spanish (es-MX) names of the calendar services' own events and of the .ics file. */
export const CALENDAR_SERVICE_TEXTS = {
  calendarName: 'Red de Coaching (INE)',
  callCloses: 'Cierre de la convocatoria de registro',
  stageDescription: 'Etapa del calendario de la Red de Coaching para Mujeres del SPEN.',
  sessionTitle: (group: number, number: number, topic: string): string => `Sesión ${number} del grupo ${group}: ${topic}`,
} as const;
