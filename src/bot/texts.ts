import { cmd } from '../features/commands.js';

/** Spanish texts of the bot layer: routing of card actions, the help card frame and the kind error answer. */
export const BOT_TEXTS = {
  actionUnavailable: `Esa acción no está disponible. Escriba ${cmd('help')} para ver las opciones.`,
  invalidCardData: `No pude procesar los datos de esa tarjeta. Vuelva a intentarlo desde la tarjeta más reciente o escriba ${cmd('help')}.`,
  turnError: `Lo sentimos, ocurrió un problema al atender su mensaje. Ya quedó registrado para revisión. Intente de nuevo en unos momentos o escriba ${cmd('help')}.`,
  /** Per-person rate limit (src/bot/rateLimit.ts): sent once per burst of refused messages. */
  rateLimited: 'Espere un momento… Recibí muchos mensajes suyos en poco tiempo y no atendí los últimos. Envíe de nuevo lo que necesite en unos segundos.',
  guestRole: 'Persona invitada (aún sin registro)',
  helpScopePersonal: 'Escriba el comando en este chat. En el canal o chat de su grupo, mencione al bot (@Red de Coaching) antes del comando.',
  helpScopeShared: 'En este espacio, mencione al bot (@Red de Coaching) antes del comando. Sus trámites personales se hacen en el chat personal con el bot.',
} as const;
