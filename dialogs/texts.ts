import { cmd } from '../src/features/commands.js';
import { bold } from '../src/texts/spanish.js';

/** Spanish texts of the command router (MainDialog) and of every multi-turn dialog's help/cancel handling. */
export const DIALOG_TEXTS = {
  staleCard: `Esa tarjeta ya no está activa. Escriba ${cmd('help')} para ver las opciones disponibles.`,
  notUnderstood: `No reconocí ese mensaje. Escriba ${cmd('help')} para ver lo que puedo hacer por usted.`,
  useInGroupSpace: (word: string): string => `El comando ${bold(word)} se usa en el canal o chat de su grupo, mencionando al bot.`,
  useInPersonalChat: (word: string): string => `El comando ${bold(word)} se usa en el chat personal con el bot.`,
  notForYourProfile: (word: string): string => `Lo sentimos, el comando ${bold(word)} no está disponible para su perfil. Escriba ${cmd('help')} para ver sus opciones.`,
  notAvailableYet: `Esta función todavía no está disponible. Escriba ${cmd('help')} para ver las opciones actuales.`,
  continueOrCancel: `Puede continuar donde se quedó, o escribir ${cmd('cancel')} para salir.`,
  cancelled: 'Listo, cancelé la operación en curso. No se guardó ningún cambio pendiente.',
} as const;
