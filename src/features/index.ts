import type { FeatureFactory } from './feature.js';
import { createRegistrationFeature } from '../bot/features/registration.js';
import { createAdminFeature } from '../bot/features/admin.js';
import { createGroupsFeature } from '../bot/features/groups.js';
import { createDeliveryFeature } from '../bot/features/delivery.js';

/** Every feature of the product, in menu order. Each one lives in src/features/<name>/ (see its index.ts). */
export const FEATURES: readonly FeatureFactory[] = [createRegistrationFeature, createAdminFeature, createGroupsFeature, createDeliveryFeature];
