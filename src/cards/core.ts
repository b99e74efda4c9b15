import { renderTemplate, type CardJson } from './render.js';
import { VERBS } from './verbs.js';

/** Cards of the core feature (src/features/core/; templates in cards/core/). One render function per template. */

// --- welcome -----------------------------------------------------------------------------------------

export interface WelcomeCardData {
  /** The greeting line, e.g. "Hola, Ana" (src/features/core/texts.ts). */
  greeting: string;
  ejes: { nombre: string }[];
  /** The open call, next to the "Registrarme" button; empty when the button is not shown. */
  callText: string;
  /** Shows "Registrarme" (personal chat, call open, not registered yet). */
  canRegister: boolean;
  /** How to ask for help in this conversation (type, or mention the bot) and whom to contact. */
  howTo: string;
  privacyNoticeUrl: string;
}

export function renderWelcomeCard(data: WelcomeCardData): CardJson {
  return renderTemplate('welcome', { ...data, hasCallText: data.callText !== '', verbs: VERBS });
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
