import type { Feature, FeatureContext } from './feature.js';

/** The delivery feature: its command routes, dialogs and card handlers. */
export function createDeliveryFeature(_ctx: FeatureContext): Feature {
  return { name: 'delivery' };
}
