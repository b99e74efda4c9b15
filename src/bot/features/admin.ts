import type { Feature, FeatureContext } from './feature.js';

/** The admin feature: its command routes, dialogs and card handlers. */
export function createAdminFeature(_ctx: FeatureContext): Feature {
  return { name: 'admin' };
}
