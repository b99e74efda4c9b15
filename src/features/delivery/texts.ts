import { cmd } from '../commands.js';
import { agree, count, NOUNS, num } from '../../texts/spanish.js';
import type { FailureCode } from '../../domain/delivery/failureCodes.js';
import type { BroadcastStatus, FailureCount } from '../../services/delivery/types.js';

/** What a failure code means, in words, and what the administration can do about it. */
interface FailureWords {
  /** What happened, starting in lower case ("la persona no tiene chat con el bot"). */
  what: string;
  /** What the administration can do, after «Qué hacer:» (lower case, ends with a period). */
  next: string;
}

const NO_ACTION = 'no tiene que hacer nada.';
const TELL_TECH = 'avise al equipo técnico; el registro del servidor tiene el detalle.';
const NO_RESEND =
  'este aviso no se reenvía solo: comuníqueselo por otro medio y pídale que abra la aplicación Red de Coaching en Teams (o pida a la administración de Teams del Instituto que la preinstale) para recibir los siguientes.';
const LATER = 'comuníqueselo por otro medio o repita la acción más tarde.';

/**
 * The words of each failure code the delivery engine stores (src/domain/delivery/failureCodes.ts), for a
 * message that ended without being delivered. Stored data holds only codes, so a wording can change here
 * without touching the outbox. (A personal chat that does not exist leaves the message waiting for the app,
 * listed apart with its own advice: waitingNote.)
 */
export const FAILURE_WORDS = {
  'conversation-not-found': { what: 'la persona no tiene chat con el bot', next: NO_RESEND },
  'not-installed': { what: 'la persona no tiene instalada la aplicación', next: NO_RESEND },
  blocked: {
    what: 'la persona bloqueó la aplicación o la quitó',
    next: 'pídale que la desbloquee o la vuelva a agregar en Teams; este aviso no se reenvía solo, así que comuníqueselo por otro medio.',
  },
  throttled: { what: 'Teams limitó el envío', next: LATER },
  unauthorized: { what: 'Teams rechazó las credenciales del bot', next: 'avise al equipo técnico: hay que revisar MicrosoftAppId y MicrosoftAppPassword del servidor.' },
  'invalid-message': { what: 'Teams rechazó el mensaje', next: TELL_TECH },
  'service-error': { what: 'Teams no respondió correctamente', next: LATER },
  network: { what: 'no hubo respuesta de Teams (red o tiempo de espera)', next: LATER },
  expired: { what: 'caducó antes de poder enviarse', next: `ya no tenía caso enviarlo; ${NO_ACTION}` },
  'no-target': { what: 'no tenía destino', next: TELL_TECH },
  unknown: { what: 'sin detalle del motivo', next: TELL_TECH },
} as const satisfies Record<FailureCode, FailureWords>;

/**
 * Titles of broadcasts that have none (older ones, or kinds that never set it), by kind. A kind missing
 * here is shown as an untitled delivery, never as its internal id.
 */
export const KIND_TITLES: Readonly<Record<string, string>> = {
  registrationDecision: 'Aviso de una decisión sobre un registro',
  registrationInvitation: 'Invitación a la convocatoria',
  adminAdded: 'Aviso de perfil de administración',
  'group-notification': 'Aviso de su grupo a cada integrante',
  'group-roster': 'Lista de integrantes en el espacio de un grupo',
  'group-space-notification': 'Aviso del espacio de su grupo',
  'completion-notice': 'Aviso de fin de un envío',
};

const UNTITLED = 'Envío sin título';

const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** One reason with its count: "La persona bloqueó la aplicación o la quitó (2). Qué hacer: …". */
function reasonLine(e: FailureCount, retrying: boolean): string {
  const w = FAILURE_WORDS[e.code];
  if (retrying) return `${capitalize(w.what)}; se reintentará (${num(e.count)}). Qué hacer: ${NO_ACTION}`;
  const what = e.exhausted ? `${w.what} y se agotaron los reintentos` : w.what;
  return `${capitalize(what)} (${num(e.count)}). Qué hacer: ${w.next}`;
}

/** Spanish texts of "envios estado" (the delivery status card) and of the words of stored delivery data. */
export const DELIVERY_TEXTS = {
  usage: `Uso: ${cmd('deliveries', 'estado')} (o solo ${cmd('deliveries')}).`,
  engineUnavailable: 'El motor de envíos no está disponible en este proceso.',
  stateLabels: { enqueuing: 'preparando', active: 'en curso', finished: 'terminado' } satisfies Record<BroadcastStatus['state'], string>,
  recent: (n: number): string => `${agree(n, ['Último', 'Últimos'])} ${count(n, NOUNS.envio)}, del más reciente al más antiguo.`,
  noneYet: 'Todavía no se ha hecho ningún envío.',
  /** A broadcast's title for people: its own, else one by kind; never its internal id. */
  title: (b: { title?: string; kind: string }): string => b.title ?? KIND_TITLES[b.kind] ?? UNTITLED,
  counts: (b: Pick<BroadcastStatus, 'total' | 'counts' | 'retrying'>): string =>
    `Total ${num(b.total)}: enviados ${num(b.counts.sent)}, pendientes ${num(b.counts.pending + b.counts.sending)}` +
    `${b.retrying ? ` (${num(b.retrying)} en reintento)` : ''}, fallidos ${num(b.counts.failed)}, bloqueados ${num(b.counts.blocked)}, en espera de la aplicación ${num(b.counts['waiting-install'])}.`,
  /** The reasons of a broadcast, one line each, with what to do. */
  errors: (b: Pick<BroadcastStatus, 'topErrors' | 'retryErrors'>): string[] => [
    ...b.topErrors.map((e) => reasonLine(e, false)),
    ...(b.retryErrors ?? []).map((e) => reasonLine(e, true)),
  ],
  noErrors: 'Sin errores.',
  /** A reason in a sentence of the completion notice: "la persona bloqueó la aplicación o la quitó (2)". */
  reasonShort: (e: FailureCount): string => `${e.exhausted ? `${FAILURE_WORDS[e.code].what} y se agotaron los reintentos` : FAILURE_WORDS[e.code].what} (${num(e.count)})`,
  waitingTitle: 'Integrantes en espera de la aplicación',
  waitingNote:
    'Estas personas recibirán sus avisos en cuanto abran la aplicación Red de Coaching en Teams. Qué hacer: pídales que la abran ' +
    '(en Teams, Aplicaciones → busque «Red de Coaching» → Agregar) o pida a la administración de Teams del Instituto que la preinstale ' +
    'para el grupo de integrantes (directiva de configuración de aplicaciones del centro de administración de Teams).',
  noneWaiting: 'Ninguna: todas las destinatarias tienen la aplicación instalada.',
  /** "Berta Ruiz Soto (la persona no tiene chat con el bot): Registro validado: Berta Ruiz Soto; desde …". */
  waitingLine: (w: { name: string; titles: readonly string[]; since: string; reason?: FailureCode }): string =>
    `${w.name}${w.reason ? ` (${FAILURE_WORDS[w.reason].what})` : ''}: ${w.titles.join('; ')}; en espera desde el ${w.since}.`,
  unnamed: 'Persona sin nombre registrado',
  moreWaiting: (n: number): string => `Y ${count(n, NOUNS.persona)} más.`,
} as const;
