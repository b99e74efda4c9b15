import type { Feature, FeatureContext } from './feature.js';

/** The registration feature: its command routes, dialogs and card handlers. */
export function createRegistrationFeature(_ctx: FeatureContext): Feature {
  return { name: 'registration' };
}
