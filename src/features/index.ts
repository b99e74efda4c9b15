import type { FeatureFactory } from './feature.js';
import { createRegistrationFeature } from './registration/index.js';
import { createEditionsFeature } from './editions/index.js';
import { createPendingFeature } from './pending/index.js';
import { createAdminsFeature } from './admins/index.js';
import { createRosterFeature } from './roster/index.js';
import { createReportsFeature } from './reports/index.js';
import { createGroupsFeature } from './groups/index.js';
import { createDeliveryFeature } from './delivery/index.js';
import { createTopicsFeature } from './topics/index.js';
import { createElectionsFeature } from './elections/index.js';
import { createCasesFeature } from './cases/index.js';
import { createSessionsFeature } from './sessions/index.js';
import { createSurveysFeature } from './surveys/index.js';
import { createMeetingsFeature } from './meetings/index.js';
import { createCalendarFeature } from './calendar/index.js';
import { createGroupReportsFeature } from './groupReports/index.js';
import { createStatusFeature } from './status/index.js';
import { createGeneralReportFeature } from './generalReport/index.js';
import { createAnnouncementsFeature } from './announcements/index.js';
import { createDocumentsFeature } from './documents/index.js';

/**
 * Every feature of the product besides core (src/features/core/, built first by the composition root).
 * Each one lives in src/features/<name>/: commands.ts, texts.ts, handlers/, index.ts.
 */
export const FEATURES: readonly FeatureFactory[] = [
  createRegistrationFeature,
  createEditionsFeature,
  createPendingFeature,
  createAdminsFeature,
  createRosterFeature,
  createReportsFeature,
  createGroupsFeature,
  createDeliveryFeature,
  createElectionsFeature,
  createGroupReportsFeature,
  createStatusFeature,
  createGeneralReportFeature,
  createTopicsFeature,
  createCasesFeature,
  createSessionsFeature,
  createSurveysFeature,
  createMeetingsFeature,
  createCalendarFeature,
  createAnnouncementsFeature,
  createDocumentsFeature,
];
