import { renderTemplate, type CardJson } from './render.js';
import { VERBS } from './verbs.js';

/** Cards of the meetings feature (templates under cards/meetings/). Texts come from the feature's texts.ts. */

export interface MeetingInviteCardData {
  /** "Reunión Nacional de apertura". */
  title: string;
  /** Why she gets it: invitation, change, reminder. */
  text: string;
  /** The start in HER zone ("5 de diciembre de 2026, 10:00 h (hora del centro)"). */
  when: string;
  /** "2 horas". */
  duration: string;
  /** Optional line under the facts ('' hides it). */
  note: string;
  /** The https meeting link. */
  url: string;
  meetingId: string;
}

/** An invitation or reminder: join the meeting, and "Estoy presente" (self check-in, checked on the server). */
export function renderMeetingInviteCard(data: MeetingInviteCardData): CardJson {
  return renderTemplate('meetingInvite', { ...data, verbs: VERBS });
}

/** A title and paragraphs: a cancellation, a confirmation. */
export function renderMeetingNoteCard(data: { title: string; paragraphs: string[] }): CardJson {
  return renderTemplate('meetingNote', { title: data.title, paragraphs: data.paragraphs.map((text) => ({ text })) });
}
