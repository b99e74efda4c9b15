import type { Feature, FeatureContext } from '../feature.js';
import { deliveriesHandler } from './handlers/deliveries.js';

/**
 * Delivery status (UTIGyND): "envios estado" (handlers/deliveries.ts), through ctx.guard. Words in
 * ./commands.ts, texts in ./texts.ts; the card is rendered by src/cards/delivery.ts (template
 * cards/delivery/deliveryStatus.json); the figures come from the delivery engine (src/services/delivery/, read through
 * ctx.services.delivery, absent when no engine runs in this process). Broadcasts are shown by title (or kind,
 * never by id) and the engine's failure codes in words with what to do (./texts.ts FAILURE_WORDS). Tests:
 * test/groups/groups.test.ts ("envios estado"), test/delivery/ (decisionNotices, statusTexts).
 */
export function createDeliveryFeature(ctx: FeatureContext): Feature {
  return {
    name: 'delivery',
    routes: [{ commandId: 'deliveries', handle: ctx.guard.command('deliveries', deliveriesHandler(ctx)) }],
  };
}
