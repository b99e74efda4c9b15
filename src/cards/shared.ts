/** Small types and helpers used by the cards of more than one feature. */
import { formatDate } from '../domain/registration.js';

/** One title/value line of a FactSet (profile facts, pending requests). */
export interface Fact {
  title: string;
  value: string;
}

/** One step of an edition's calendar, with its date already formatted (regDone, invitation). */
export interface CalendarItem {
  label: string;
  date: string;
}

export function calendarItems(calendar: readonly { label: string; date: Date }[]): CalendarItem[] {
  return calendar.map((s) => ({ label: s.label, date: formatDate(s.date) }));
}
