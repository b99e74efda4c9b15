import { cmd } from '../commands.js';
import { agree, count, NOUNS, num } from '../../texts/spanish.js';
import type { BroadcastStatus } from '../../services/delivery/types.js';

/** Spanish texts of "envios estado" (the delivery status card). */
export const DELIVERY_TEXTS = {
  usage: `Uso: ${cmd('deliveries', 'estado')} (o solo ${cmd('deliveries')}).`,
  engineUnavailable: 'El motor de envíos no está disponible en este proceso.',
  stateLabels: { enqueuing: 'preparando', active: 'en curso', finished: 'terminado' } satisfies Record<BroadcastStatus['state'], string>,
  recent: (n: number): string => `${agree(n, ['Último', 'Últimos'])} ${count(n, NOUNS.envio)}, del más reciente al más antiguo.`,
  noneYet: 'Todavía no se ha hecho ningún envío.',
  counts: (b: Pick<BroadcastStatus, 'total' | 'counts' | 'retrying'>): string =>
    `Total ${num(b.total)}: enviados ${num(b.counts.sent)}, pendientes ${num(b.counts.pending + b.counts.sending)}` +
    `${b.retrying ? ` (${num(b.retrying)} en reintento)` : ''}, fallidos ${num(b.counts.failed)}, bloqueados ${num(b.counts.blocked)}, sin aplicación ${num(b.counts['waiting-install'])}.`,
  errors: (topErrors: BroadcastStatus['topErrors']): string =>
    topErrors.length ? `Motivos: ${topErrors.map((e) => `${e.reason} (${num(e.count)})`).join('; ')}` : 'Sin errores.',
  waitingNote: 'Estas integrantes recibirán sus avisos en cuanto instalen la aplicación de la Red de Coaching en Teams; pídales que la instalen.',
  noneWaiting: 'Ninguna: todas las destinatarias tienen la aplicación instalada.',
} as const;
