import { CardFactory, type TurnContext } from 'botbuilder';
import type { CommandRequest } from '../../../../dialogs/mainDialog.js';
import { formatDateTime } from '../../../domain/registration.js';
import { renderDeliveryStatusCard } from '../../../cards/delivery.js';
import type { FeatureContext } from '../../feature.js';
import { DELIVERY_TEXTS } from '../texts.js';

/** How many broadcasts and waiting members the card lists. */
const LIMITS = { broadcasts: 15, waiting: 50 } as const;

/**
 * "envios estado" (or "envios"): the latest broadcasts with their counts by state and main error reasons,
 * and the members who cannot be messaged until they install the app (so UTIGyND can ask them to).
 */
export function deliveriesHandler(ctx: FeatureContext) {
  return async (context: TurnContext, request: CommandRequest): Promise<void> => {
    const sub = request.args.trim().toLowerCase();
    if (sub && sub !== 'estado') {
      await context.sendActivity(DELIVERY_TEXTS.usage);
      return;
    }
    const delivery = ctx.services.delivery;
    if (!delivery) {
      await context.sendActivity(DELIVERY_TEXTS.engineUnavailable);
      return;
    }
    const [broadcasts, waiting] = await Promise.all([delivery.status(undefined, { limit: LIMITS.broadcasts }), delivery.listWaitingInstall()]);
    const card = renderDeliveryStatusCard({
      emptyNote: broadcasts.length ? DELIVERY_TEXTS.recent(broadcasts.length) : DELIVERY_TEXTS.noneYet,
      broadcasts: broadcasts.map((b) => ({
        title: b.title ?? b.broadcastId,
        state: DELIVERY_TEXTS.stateLabels[b.state],
        counts: DELIVERY_TEXTS.counts(b),
        errors: DELIVERY_TEXTS.errors(b.topErrors),
      })),
      waitingNote: waiting.length ? DELIVERY_TEXTS.waitingNote : DELIVERY_TEXTS.noneWaiting,
      waiting: waiting.slice(0, LIMITS.waiting).map((w) => ({ name: w.person?.name ?? w.recipientKey, kind: w.kind, since: formatDateTime(w.since) })),
    });
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
  };
}
