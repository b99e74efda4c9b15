import { renderTemplate, type CardJson } from './render.js';
import { VERBS } from './verbs.js';

/** Typed render functions, one per template in cards/. */

export interface WelcomeCardData {
  /** The greeting line, e.g. "Hola, Ana" (src/features/core/texts.ts). */
  greeting: string;
  ejes: { nombre: string }[];
  supportContact: string;
  privacyNoticeUrl: string;
}

export function renderWelcomeCard(data: WelcomeCardData): CardJson {
  return renderTemplate('welcome', { ...data, verbs: VERBS });
}

export interface HelpCardData {
  roleLabel: string;
  commands: { word: string; description: string }[];
  scopeNote: string;
}

export function renderHelpCard(data: HelpCardData): CardJson {
  return renderTemplate('help', data);
}
