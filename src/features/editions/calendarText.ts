import { formatDate } from '../../domain/registration.js';
import type { CalendarStage } from '../../services/registration/index.js';
import { EDITIONS_TEXTS } from './texts.js';

/** An edition's calendar as a list, one stage a line ("- Reunión nacional de apertura: 20 de enero de 2027"). */
export function calendarLines(e: { calendar: readonly Pick<CalendarStage, 'label' | 'date'>[] }): string {
  return e.calendar.map((st) => EDITIONS_TEXTS.calendarLine(st.label, formatDate(st.date))).join('\n');
}
