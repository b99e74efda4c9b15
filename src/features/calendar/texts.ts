import type { CalendarEventKind } from '../../services/calendar/index.js';

/** Spanish (es-MX) texts of the personal calendar (issue 11). */
export const CALENDAR_TEXTS = {
  title: (edition: string) => `Mi calendario · ${edition}`,
  intro: (zoneLabel: string) => `Sus próximas actividades en la Red, con la hora de su zona (${zoneLabel}).`,
  kinds: {
    national: 'Reunión nacional',
    regional: 'Reunión regional',
    session: 'Sesión de su grupo',
    survey: 'Encuesta',
    deadline: 'Fecha límite',
    stage: 'Etapa',
  } satisfies Record<CalendarEventKind, string>,
  cancelled: 'Cancelada',
  empty: 'Por ahora no tiene actividades próximas. Cuando se programen, aparecerán aquí.',
  stagesTitle: 'Calendario de la edición',
  footerLink: (until: string) => `«Agregar a mi calendario» descarga un archivo .ics con estas actividades para Outlook u otro calendario. La liga es personal (no la comparta) y vale hasta el ${until}; después, escriba de nuevo este comando.`,
  footerNoLink: 'La descarga del archivo de calendario no está disponible en este momento.',
  more: (n: number) => (n === 1 ? 'Hay 1 actividad más en el archivo de calendario.' : `Hay ${n} actividades más en el archivo de calendario.`),
} as const;
