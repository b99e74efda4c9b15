import { cmd } from '../commands.js';

/**
 * Spanish texts of the registration feature's handlers ("mis datos"). The dialogs' texts (registration,
 * updates, withdrawal, erasure) live in dialogs/registration/texts.ts.
 */
export const REGISTRATION_TEXTS = {
  myData: {
    noActiveCall: 'Por ahora no hay una convocatoria activa.',
    /** She has no registration in any edition; `call` describes the call, `open` whether she may register now. */
    noRegistration: (call: string, open: boolean): string =>
      `Aún no tiene un registro en la Red de Coaching. ${call}${open ? ` Escriba ${cmd('register')} para registrarse.` : ''}`,
  },
} as const;
