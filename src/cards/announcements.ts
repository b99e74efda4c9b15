import { renderTemplate, type CardJson } from './render.js';
import { VERBS } from './verbs.js';

/** Cards of the announcements feature (templates under cards/announcements/). Texts come from the feature's texts.ts. */

export interface AnnouncementComposeValues {
  titulo: string;
  texto: string;
  enlace: string;
  audiencia: string;
  valor: string;
  envio: string;
}

export interface AnnouncementComposeCardData {
  title: string;
  intro: string;
  valueLabel: string;
  whenLabel: string;
  /** What she typed (to correct it after a refusal), or empty strings. */
  values: AnnouncementComposeValues;
}

/** "aviso": compose an announcement and choose its audience. */
export function renderAnnouncementComposeCard(data: AnnouncementComposeCardData): CardJson {
  return renderTemplate('announcementCompose', { ...data, verbs: VERBS });
}

export interface AnnouncementPreviewCardData {
  heading: string;
  title: string;
  text: string;
  /** The link as text ("Enlace: https://…"), or empty. */
  linkText: string;
  facts: { label: string; value: string }[];
  sendLabel: string;
  announcementId: string;
}

/** The preview with the number of recipients: "Enviar" (or "Programar") and "Cancelar". */
export function renderAnnouncementPreviewCard(data: AnnouncementPreviewCardData): CardJson {
  return renderTemplate('announcementPreview', { ...data, hasLink: data.linkText !== '', verbs: VERBS });
}

export interface AnnouncementMessageCardData {
  heading: string;
  title: string;
  text: string;
  /** An https link, or empty. */
  url: string;
}

/** What each member receives 1:1. */
export function renderAnnouncementMessageCard(data: AnnouncementMessageCardData): CardJson {
  return renderTemplate('announcementMessage', { ...data, hasLink: data.url !== '' });
}

/** A title and paragraphs: the used preview («Aviso enviado»), the list of announcements. */
export function renderAnnouncementNoteCard(data: { title: string; paragraphs: string[] }): CardJson {
  return renderTemplate('announcementNote', { title: data.title, paragraphs: data.paragraphs.map((text) => ({ text })) });
}
