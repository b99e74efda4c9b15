import { renderTemplate, type CardJson } from './render.js';
import type { CalendarItem } from './shared.js';
import { VERBS } from './verbs.js';

/** The registration invitation of an edition (src/features/editions/; template cards/editions/invitation.json). */

export interface InvitationCardData {
  editionName: string;
  windowText: string;
  /** From calendarItems (./shared.ts). */
  calendar: CalendarItem[];
  supportContact: string;
  privacyNoticeUrl: string;
}

export function renderInvitationCard(d: InvitationCardData): CardJson {
  return renderTemplate('invitation', { ...d, hasCalendar: d.calendar.length > 0, verbs: VERBS });
}
