import { cmd, type SubcommandOf } from '../commands.js';
import { bold } from '../../texts/spanish.js';
import type { NotifyResult } from '../../services/notifier.js';

const DONE = 'Listo';

// A sub-command word on its own in the options list (lista, in bold), typed on the command list.
const sub = (s: SubcommandOf<'admins'>): string => bold(s);

/** Spanish texts of "admin" (the people who administer the network) and the notice to a new administrator. */
export const ADMINS_TEXTS = {
  listHeader: (lines: readonly string[]): string => `Personas administradoras:\n\n${lines.join('\n')}`,
  listLine: (who: string, email: string | undefined, fromConfig: boolean, staffRoles: readonly string[] = []): string =>
    `- ${who}${email ? ` (${email})` : ''} — ${fromConfig ? 'configurada en el servidor' : 'agregada en el bot'}${staffRoles.length ? ` · ${staffRoles.join(', ')}` : ''}`,
  noAdmins: 'No hay personas administradoras registradas.',
  alreadyAdmin: (who: string): string => `${who} ya es administradora.`,
  /** Says what happened to her notice: queued, or waiting for her to open the app (never "delivered"). */
  added: (who: string, notice: NotifyResult): string =>
    `${DONE}: ${who} ahora es administradora de la Red. ` +
    (notice.waitingInstall > 0
      ? `Aún no tiene la aplicación de la Red de Coaching en Teams: el aviso le llegará cuando la abra; consulte ${cmd('deliveries', 'estado')}.`
      : `El aviso por chat quedó en cola; consulte ${cmd('deliveries', 'estado')} para confirmar la entrega.`),
  addedNoticeTitle: (who: string): string => `Perfil de administración: ${who}`,
  removed: (who: string): string => `${DONE}: ${who} ya no es administradora de la Red.`,
  notFound: (target: string): string =>
    `No encontré a nadie con «${target.slice(0, 100)}». Use el correo de una persona registrada en la Red o de alguien que ya inició su registro con el bot, o su id. de objeto de Entra ID.`,
  targetUsage: `Escriba el correo institucional de la persona, por ejemplo: ${cmd('admins', 'agregar', 'nombre.apellido@ine.mx')}.`,
  options: `Opciones de ${cmd('admins')}: ${sub('lista')}, ${sub('agregar')} _correo_, ${sub('quitar')} _correo_; para el perfil de acompañamiento confidencial, ${sub('agregar')} _correo_ acompanamiento y ${sub('quitar')} _correo_ acompanamiento.`,
  unknownRole: (word: string): string => `No reconozco el perfil «${word.slice(0, 40)}». El único perfil adicional es acompanamiento, por ejemplo: ${cmd('admins', 'agregar', 'nombre.apellido@ine.mx acompanamiento')}.`,
  roleGranted: (who: string, role: string, alsoAdmin: boolean): string =>
    `${DONE}: ${who} tiene ahora el perfil de ${bold(role)}${alsoAdmin ? ' y es administradora de la Red' : ''}. Podrá abrir y responder las solicitudes confidenciales; le avisamos por chat.`,
  alreadyHasRole: (who: string, role: string): string => `${who} ya tiene el perfil de ${bold(role)}.`,
  roleRevoked: (who: string, role: string): string => `${DONE}: ${who} ya no tiene el perfil de ${bold(role)}; sigue siendo administradora.`,
  notHasRole: (who: string, role: string): string => `${who} no tiene el perfil de ${bold(role)}; no hubo cambios.`,
  /** Sent to the person who was given a staff role. */
  roleNotice: (role: string): string => `Se le asignó el perfil de ${bold(role)} en la Red de Coaching: recibirá los avisos de las solicitudes confidenciales y podrá abrirlas en este chat. Escriba ${cmd('help')} para ver sus comandos.`,
  /** Sent to the person who was just made an administrator. */
  addedNotice: `Se le asignó el perfil de ${bold('Administración UTIGyND')} en la Red de Coaching. Escriba ${cmd('help')} para ver sus comandos.`,
} as const;
