import { renderTemplate, type CardJson } from './render.js';
import { VERBS } from './verbs.js';

/** Cards of the core feature (src/features/core/; templates in cards/core/). One render function per template. */

// --- welcome -----------------------------------------------------------------------------------------

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

// --- help --------------------------------------------------------------------------------------------

export interface HelpCardData {
  roleLabel: string;
  commands: { word: string; description: string }[];
  scopeNote: string;
}

export function renderHelpCard(data: HelpCardData): CardJson {
  return renderTemplate('help', data);
}
