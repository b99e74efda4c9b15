import { renderTemplate, type CardJson } from './render.js';

/** The personal calendar card (template cards/calendar/personalCalendar.json). Texts come from the feature's texts.ts. */

export interface CalendarCardEvent {
  title: string;
  /** "Reunión nacional", "Sesión de grupo", "Etapa"… */
  kind: string;
  /** In HER zone. */
  when: string;
  /** "Cancelada" or ''. */
  status: string;
}

export interface PersonalCalendarCardData {
  title: string;
  intro: string;
  events: CalendarCardEvent[];
  /** Shown when there are no events. */
  empty: string;
  stagesTitle: string;
  /** The edition calendar (all stages, past ones too). */
  stages: { label: string; date: string }[];
  footer: string;
  /** The signed .ics link ('' hides "Agregar a mi calendario"). */
  url: string;
}

export function renderPersonalCalendarCard(data: PersonalCalendarCardData): CardJson {
  return renderTemplate('personalCalendar', data);
}
