import { cmd } from '../commands.js';

/** How people call the bot in a channel or group chat (the app's short name in the manifest). */
const MENTION = '@Red de Coaching';

/** Spanish texts of the core feature (help, greeting, cancel, the welcome card). */
export const CORE_TEXTS = {
  nothingToCancel: `No hay ninguna operación en curso. Escriba ${cmd('help')} para ver las opciones.`,
  greeting: (name: string): string => (name ? `Hola, ${name}` : 'Hola'),
  /** The welcome card's last line: how to ask for help in this conversation, and whom to contact. */
  welcomeHowTo: {
    personal: (supportContact: string): string =>
      `Escriba ${cmd('help')} en cualquier momento para ver lo que puede hacer. Si tiene dudas, comuníquese con ${supportContact}.`,
    shared: (supportContact: string): string =>
      `En este espacio, mencione al bot (${MENTION}) y escriba ${cmd('help')} para ver lo que puede hacer. Sus trámites personales, como el registro, se hacen en el chat personal con el bot. Si tiene dudas, comuníquese con ${supportContact}.`,
  },
  /** Next to the "Registrarme" button while the call is open (callText: describeCall). */
  welcomeCallOpen: (callText: string): string => `${callText} Para registrarse, use el botón «Registrarme».`,
} as const;
