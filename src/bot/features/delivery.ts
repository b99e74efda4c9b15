import { CardFactory, type TurnContext } from 'botbuilder';
import type { Feature, FeatureContext } from '../../features/feature.js';
import type { CommandRequest } from '../../../dialogs/mainDialog.js';
import { renderDeliveryStatusCard } from '../../cards/groupCards.js';
import { formatDateTime } from '../../domain/registration.js';
import type { BroadcastStatus } from '../../services/delivery/types.js';

/**
 * "envios estado" for UTIGyND: every broadcast with its counts by state and main error reasons, and the
 * members who cannot be messaged until they install the app (so UTIGyND can ask them to).
 */
const STATE_LABELS: Record<BroadcastStatus['state'], string> = { enqueuing: 'preparando', active: 'en curso', finished: 'terminado' };

export function createDeliveryFeature(ctx: FeatureContext): Feature {
  const handle = async (context: TurnContext, request: CommandRequest) => {
    const sub = request.args.trim().toLowerCase();
    if (sub && sub !== 'estado') {
      await context.sendActivity('Uso: **envios estado** (o solo **envios**).');
      return;
    }
    if (!ctx.services.delivery) {
      await context.sendActivity('El motor de envíos no está disponible en este proceso.');
      return;
    }
    const [broadcasts, waiting] = await Promise.all([ctx.services.delivery.status(undefined, { limit: 15 }), ctx.services.delivery.listWaitingInstall()]);
    const card = renderDeliveryStatusCard({
      emptyNote: broadcasts.length ? `Últimos ${broadcasts.length} envíos, del más reciente al más antiguo.` : 'Todavía no se ha hecho ningún envío.',
      broadcasts: broadcasts.map((b) => ({
        title: b.title ?? b.broadcastId,
        state: STATE_LABELS[b.state],
        counts:
          `Total ${b.total}: enviados ${b.counts.sent}, pendientes ${b.counts.pending + b.counts.sending}` +
          `${b.retrying ? ` (${b.retrying} en reintento)` : ''}, fallidos ${b.counts.failed}, bloqueados ${b.counts.blocked}, sin aplicación ${b.counts['waiting-install']}.`,
        errors: b.topErrors.length ? `Motivos: ${b.topErrors.map((e) => `${e.reason} (${e.count})`).join('; ')}` : 'Sin errores.',
      })),
      waitingNote: waiting.length
        ? 'Estas integrantes recibirán sus avisos en cuanto instalen la aplicación de la Red de Coaching en Teams; pídales que la instalen.'
        : 'Ninguna: todas las destinatarias tienen la aplicación instalada.',
      waiting: waiting.slice(0, 50).map((w) => ({ name: w.person?.name ?? w.recipientKey, kind: w.kind, since: formatDateTime(w.since) })),
    });
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
  };
  return { name: 'delivery', routes: [{ commandId: 'deliveries', handle }] };
}
