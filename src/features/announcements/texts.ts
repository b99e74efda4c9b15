import type { AudienceError, Audience } from '../../domain/announcements/index.js';
import { ANNOUNCEMENT_LIMITS } from '../../domain/announcements/index.js';
import type { AnnouncementState } from '../../services/announcements/index.js';
import type { Catalog } from '../../domain/catalog.js';
import { cmd } from '../commands.js';
import { bold, count, NOUNS, num } from '../../texts/spanish.js';

/** Spanish texts of the announcements feature (issue 14). */

export const AUDIENCE_ERRORS: Record<AudienceError, string> = {
  unknownKind: 'Elija a quiénes va dirigido el aviso.',
  missingValue: 'Escriba cuál: el número de grupo, la vocalía, el ámbito, la entidad o la circunscripción.',
  badGroup: 'El grupo debe ser un número, por ejemplo 3.',
  unknownVocalia: 'No reconozco esa vocalía. Escriba su clave (VE, VS, VRFE, VOE, VCEYEC) o su nombre.',
  unknownAmbito: 'No reconozco ese ámbito. Escriba JLE (Junta Local) o JDE (Junta Distrital).',
  unknownEntidad: 'No reconozco esa entidad. Escriba su clave (por ejemplo 09) o su nombre.',
  unknownCircunscripcion: 'No reconozco esa circunscripción. Escriba su número, de 1 a 5.',
};

const STATE_WORDS: Record<AnnouncementState, string> = {
  draft: 'en borrador',
  scheduled: 'programado',
  sending: 'en envío',
  sent: 'enviado',
  cancelled: 'cancelado',
};

/** The audience in words, with the catalog's names. */
export function audienceText(a: Audience, catalog: Catalog): string {
  switch (a.kind) {
    case 'todas':
      return 'todas las integrantes validadas';
    case 'grupo':
      return `el grupo ${a.group}`;
    case 'vocalia':
      return `la ${catalog.data.vocalias.find((v) => v.clave === a.clave)?.nombre ?? a.clave}`;
    case 'ambito':
      return `la ${catalog.data.ambitos.find((v) => v.clave === a.clave)?.nombre ?? a.clave}`;
    case 'entidad':
      return `${catalog.entidad(a.clave)?.nombre ?? a.clave}`;
    case 'circunscripcion':
      return `la circunscripción ${a.numero}`;
  }
}

export const ANNOUNCEMENTS_TEXTS = {
  usage: `Escriba ${cmd('announce')} para redactar un aviso, ${cmd('announce', 'lista')} para ver los más recientes o ${cmd('announce', 'cancelar', 'N')} para cancelar uno que aún no sale.`,
  composeTitle: 'Nuevo aviso',
  composeIntro:
    'Redacte el aviso y elija a quiénes va dirigido. Verá una vista previa con el número de destinatarias antes de enviarlo; cada integrante lo recibe en su chat personal con el bot.',
  valueLabel: 'Cuál (número de grupo, clave o nombre de la vocalía, ámbito, entidad o circunscripción; vacío para todas)',
  whenLabel: 'Enviar más tarde (opcional, AAAA-MM-DD HH:MM, hora de usted)',
  titleEmpty: 'Escriba el título del aviso.',
  titleTooLong: `El título admite hasta ${num(ANNOUNCEMENT_LIMITS.title)} caracteres; acórtelo.`,
  textEmpty: 'Escriba el texto del aviso.',
  textTooLong: `El texto admite hasta ${num(ANNOUNCEMENT_LIMITS.text)} caracteres; acórtelo o póngalo en un documento y comparta su enlace.`,
  badLink: 'El enlace debe ser una dirección completa que empiece con https://, por ejemplo https://www.ine.mx/.',
  whenPast: 'La hora de envío ya pasó; escriba una hora futura o deje el campo vacío para enviarlo ahora.',
  nothingSaved: 'No se guardó nada; corrija el dato en esta tarjeta y presione «Vista previa» otra vez.',
  noRecipients: 'Ninguna integrante validada coincide con esas destinatarias; no se guardó el aviso. Revise el grupo, la vocalía, el ámbito, la entidad o la circunscripción.',
  previewHeading: (n: number) => `Vista previa del aviso ${n}`,
  linkText: (url: string) => `Enlace: ${url}`,
  factAudience: 'Destinatarias',
  factCount: 'Recibirán el aviso',
  factWhen: 'Envío',
  now: 'al presionar «Enviar»',
  recipients: (n: number) => count(n, NOUNS.integrante),
  sendNow: 'Enviar',
  sendLater: 'Programar el envío',
  messageHeading: 'Aviso de la UTIGyND',
  broadcastTitle: (n: number, title: string) => `Aviso ${n}: ${title}`,
  sent: (n: number, recipients: number) =>
    `Se está enviando el aviso ${n} a ${count(recipients, NOUNS.integrante)}. Siga su avance con ${cmd('deliveries', 'estado')}.`,
  scheduled: (n: number, when: string) => `El aviso ${n} saldrá el ${when}. Puede cancelarlo antes con ${cmd('announce', 'cancelar', String(n))}.`,
  sentTitle: (n: number) => `Aviso ${n} enviado`,
  scheduledTitle: (n: number) => `Aviso ${n} programado`,
  cancelledTitle: (n: number) => `Aviso ${n} cancelado`,
  cancelled: (n: number) => `Se canceló el aviso ${n}; no se enviará.`,
  alreadySent: (n: number) => `El aviso ${n} ya se envió; no se volvió a enviar. Su avance está en ${cmd('deliveries', 'estado')}.`,
  alreadyCancelled: (n: number) => `El aviso ${n} fue cancelado; no se envió. Si lo necesita, redacte uno nuevo con ${cmd('announce')}.`,
  alreadyScheduled: (n: number) => `El aviso ${n} ya está programado; no se cambió nada.`,
  notFound: 'No encontré ese aviso en la edición activa. Vea los avisos con ' + cmd('announce', 'lista') + '.',
  cancelUsage: `Escriba ${cmd('announce', 'cancelar', 'N')}, con el número del aviso.`,
  cannotCancel: (n: number, state: AnnouncementState) => `El aviso ${n} está ${STATE_WORDS[state]}; ya no se puede cancelar.`,
  noRecipientsAtSend: (n: number) => `Al enviar el aviso ${n} ninguna integrante validada coincidía con sus destinatarias; no se envió a nadie.`,
  listTitle: 'Avisos recientes',
  listEmpty: `Aún no hay avisos en esta edición. Redacte uno con ${cmd('announce')}.`,
  listLine: (a: { number: number; title: string; state: AnnouncementState; audience: string; when: string }) =>
    `${bold(a.number)}. ${a.title}: ${STATE_WORDS[a.state]}, para ${a.audience}${a.when ? ` (${a.when})` : ''}.`,
};
