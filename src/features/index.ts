import type { FeatureFactory } from './feature.js';
import { createRegistrationFeature } from '../bot/features/registration.js';
import { createAdminFeature } from '../bot/features/admin.js';
import { createGroupsFeature } from '../bot/features/groups.js';
import { createDeliveryFeature } from '../bot/features/delivery.js';

/**
 * Every feature of the product besides core (src/features/core/, built first by the composition root).
 * Each one lives in src/features/<name>/: commands.ts, texts.ts, handlers/, index.ts.
 */
export const FEATURES: readonly FeatureFactory[] = [
  createRegistrationFeature,
  createAdminFeature,
  createGroupsFeature,
  createDeliveryFeature,
];
