import { renderTemplate, type CardJson } from './render.js';
import { VERBS } from './verbs.js';

/** Cards of the group sessions feature (templates under cards/sessions/). Texts come from the feature's texts.ts. */

export interface Choice {
  title: string;
  value: string;
}

export interface SessionFormCardData {
  title: string;
  intro: string;
  /** "La hora se lee en su zona: hora del noroeste." */
  zoneNote: string;
  mode: 'schedule' | 'move';
  editionId: string;
  group: number;
  /** The session moved (0 when scheduling a new one). */
  number: number;
  dateLabel: string;
  dateError: string;
  /** AAAA-MM-DD, or '' */
  date: string;
  timeLabel: string;
  timeError: string;
  /** HH:MM, or '' */
  time: string;
  durationLabel: string;
  duration: string;
  durationChoices: Choice[];
  /** Topic, modality and link (scheduling); a move changes only the date, time and duration. */
  details: boolean;
  topicLabel: string;
  topic: string;
  topicChoices: Choice[];
  freeTopicLabel: string;
  freeTopic: string;
  modalityLabel: string;
  modality: string;
  modalityChoices: Choice[];
  linkLabel: string;
  link: string;
  submitTitle: string;
}

/** The schedule (or move) form of a group session. */
export function renderSessionFormCard(data: SessionFormCardData): CardJson {
  const { durationChoices, topicChoices, modalityChoices, ...rest } = data;
  // Choice lists sit under a `choices` key: their values come back to the bot (see test/cards/escaping.isolated.test.ts).
  return renderTemplate('sessionForm', { ...rest, durations: { choices: durationChoices }, topics: { choices: topicChoices }, modalities: { choices: modalityChoices }, verbs: VERBS });
}

export interface SessionCardData {
  title: string;
  /** "Sesión cancelada", "Nuevo horario"… ('' for none). */
  notice: string;
  facts: { label: string; value: string }[];
  /** "Asistirán 3 · No podrán 1 · Sin respuesta 6" ('' to hide). */
  counts: string;
  /** Her own answer ('' to hide). */
  mine: string;
  /** The https meeting link ('' when none). */
  url: string;
  linkTitle: string;
  /** RSVP buttons (scheduled, not started). */
  open: boolean;
  /** "Estoy presente" button (scheduled, not ended). */
  checkIn: boolean;
  sessionId: string;
  yesTitle: string;
  noTitle: string;
  presentTitle: string;
}

/** The session card: in the group's space, 1:1 to each member, and as the refreshed card of an RSVP. */
export function renderSessionCard(data: SessionCardData): CardJson {
  return renderTemplate('sessionCard', { ...data, verbs: VERBS });
}

export interface SessionAttendanceCardData {
  title: string;
  intro: string;
  label: string;
  /** Members of the group: name → personKey. */
  memberChoices: Choice[];
  /** Comma-separated personKeys already recorded present (self check-ins included). */
  present: string;
  sessionId: string;
  submitTitle: string;
}

/** The attendance checklist of a session, for the group's role holders. */
export function renderSessionAttendanceCard(data: SessionAttendanceCardData): CardJson {
  const { memberChoices, ...rest } = data;
  return renderTemplate('sessionAttendance', { ...rest, members: { choices: memberChoices }, verbs: VERBS });
}

export interface SessionMinutesCardData {
  title: string;
  intro: string;
  sessionId: string;
  topicsLabel: string;
  topicsCovered: string;
  agreementsLabel: string;
  agreements: string;
  barriersIntro: string;
  /** One row per barrier slot (inputs barreraCategoria0…, barreraTexto0…). */
  barrierRows: { category: string; text: string }[];
  categoryLabel: string;
  categoryChoices: Choice[];
  barrierTextLabel: string;
  nextStepsLabel: string;
  nextSteps: string;
  submitTitle: string;
}

/** The minutes form of a session (the secretaria). */
export function renderSessionMinutesCard(data: SessionMinutesCardData): CardJson {
  const { categoryChoices, ...rest } = data;
  return renderTemplate('sessionMinutes', { ...rest, categories: { choices: categoryChoices }, verbs: VERBS });
}

export interface SessionListCardData {
  title: string;
  intro: string;
  sections: { heading: string; lines: string[] }[];
  note: string;
}

/** A title and sections of lines: "sesiones", "sesiones estado" and the posted minutes. */
export function renderSessionListCard(data: SessionListCardData): CardJson {
  return renderTemplate('sessionList', { title: data.title, intro: data.intro, note: data.note, sections: data.sections.map((s) => ({ heading: s.heading, lines: s.lines.map((text) => ({ text })) })) });
}
