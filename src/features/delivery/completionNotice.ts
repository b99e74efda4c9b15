import type { OutgoingMessage } from '../../domain/conversationRef.js';
import type { BroadcastStatus } from '../../services/delivery/index.js';
import { commandById, type SubcommandOf } from '../commands.js';
import { DELIVERY_TEXTS } from './texts.js';

/** The sub-command that shows the detail of the deliveries. */
const STATUS_SUBCOMMAND: SubcommandOf<'deliveries'> = 'estado';

/** "envios estado", spelt from the command list so the notice never names a command that does not exist. */
function statusCommand(): string {
  return `${commandById('deliveries').words[0]!} ${STATUS_SUBCOMMAND}`;
}

/**
 * The notice the delivery engine sends to whoever started a broadcast when it ends (es-MX). Passed to
 * the engine as its `completionNotice` option.
 */
export function completionNotice(s: BroadcastStatus): OutgoingMessage {
  const lines = [`Terminó el envío «${DELIVERY_TEXTS.title(s)}».`, `Entregados: ${s.counts.sent} de ${s.total}.`];
  if (s.counts.blocked) lines.push(`Bloqueados (la persona bloqueó o quitó la aplicación): ${s.counts.blocked}.`);
  if (s.counts.failed) lines.push(`Fallidos: ${s.counts.failed}.`);
  if (s.counts['waiting-install']) lines.push(`En espera de la aplicación (se les enviará cuando la abran): ${s.counts['waiting-install']}.`);
  if (s.topErrors.length) lines.push(`Motivos más frecuentes: ${s.topErrors.map((e) => DELIVERY_TEXTS.reasonShort(e)).join('; ')}.`);
  lines.push(`Consulte el detalle con el comando «${statusCommand()}».`);
  return { text: lines.join('\n\n') };
}
