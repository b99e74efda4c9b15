import type { Feature, FeatureContext } from '../feature.js';
import { adminsHandler } from './handlers/admins.js';

/**
 * Admins (UTIGyND): "admin lista | agregar | quitar", the people who administer the network, and the chat
 * notice to a new administrator. "admin agregar <correo> acompanamiento" also grants the staff role that alone
 * opens confidential accompaniment requests (src/features/cases/); "admin quitar <correo> acompanamiento" takes
 * it away (ctx.services.admins.grantStaffRole / revokeStaffRole, read by ctx.services.roles.hasStaffRole). Commands in ./commands.ts, texts in ./texts.ts, the handler in
 * ./handlers/admins.ts, finding a person by email or Entra object id in ./resolvePerson.ts. Services:
 * ctx.services.admins (bootstrap admins from ADMIN_AAD_IDS cannot be removed), .roles (the admin role),
 * .members, .people, .conversations, .notifier. Tests: test/registration/admin.test.ts, test/cases/confidentiality.isolated.test.ts.
 */
export function createAdminsFeature(ctx: FeatureContext): Feature {
  return {
    name: 'admins',
    routes: [{ commandId: 'admins', handle: ctx.guard.command('admins', adminsHandler(ctx)) }],
  };
}
