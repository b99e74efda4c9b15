import type { Feature, FeatureContext } from './feature.js';

/** The groups feature: its command routes, dialogs and card handlers. */
export function createGroupsFeature(_ctx: FeatureContext): Feature {
  return { name: 'groups' };
}
