import { cmd } from '../commands.js';

/** Spanish texts of the core feature (help, greeting, cancel). */
export const CORE_TEXTS = {
  nothingToCancel: `No hay ninguna operación en curso. Escriba ${cmd('help')} para ver las opciones.`,
  greeting: (name: string): string => (name ? `Hola, ${name}` : 'Hola'),
} as const;
