import type { Store } from '../../store/types.js';
import { AuditLog, RefusalAudit } from './audit.js';
import { EditionService } from './editions.js';
import { MemberService } from './members.js';
import { ChangeRequestService } from './changeRequests.js';
import { PersonDirectory } from './people.js';
import { AdminService } from './admins.js';
import { StoreRosterLookup, type RosterLookup } from './roster.js';
import { CatalogService } from './catalogs.js';
import type { Catalog } from '../../domain/catalog.js';

/** The registration services on one store, built the same way wherever they are needed. */
export interface RegistrationServices {
  audit: AuditLog;
  /** Refused admin attempts, capped per person and hour (the admin guard writes them). */
  refusals: RefusalAudit;
  editions: EditionService;
  members: MemberService;
  changes: ChangeRequestService;
  people: PersonDirectory;
  admins: AdminService;
  roster: RosterLookup;
  catalogs: CatalogService;
  /** Creates every index (idempotent). */
  init(): Promise<void>;
}

export function createRegistrationServices(
  store: Store,
  opts: { adminAadIds: readonly string[]; clock?: () => Date; catalog?: Catalog; deniedAuditPerHour?: number },
): RegistrationServices {
  const clock = opts.clock ?? (() => new Date());
  const audit = new AuditLog(store, clock);
  const refusals = new RefusalAudit(store, audit, clock, { maxPerWindow: opts.deniedAuditPerHour ?? 10 });
  const roster = new StoreRosterLookup(store);
  const editions = new EditionService(store, audit, clock);
  const members = new MemberService(store, audit, roster, clock);
  const changes = new ChangeRequestService(store, members, audit, clock);
  const people = new PersonDirectory(store, clock);
  const admins = new AdminService(store, opts.adminAadIds, audit, clock);
  const catalogs = new CatalogService(store, editions, audit, opts.catalog, clock);
  return {
    audit,
    refusals,
    editions,
    members,
    changes,
    people,
    admins,
    roster,
    catalogs,
    async init() {
      await Promise.all([audit.init(), refusals.init(), editions.init(), members.init(), changes.init(), people.init()]);
    },
  };
}

export { AuditLog, AUDIT_ACTIONS, RefusalAudit, type AuditEntry } from './audit.js';
export { EditionService, EditionError, type Edition, type CalendarStage } from './editions.js';
export { MemberService, RegistrationError } from './members.js';
export { ChangeRequestService, ChangeRequestError, type ChangeRequest } from './changeRequests.js';
export { PersonDirectory } from './people.js';
export { AdminService, AdminError, isEntraObjectId } from './admins.js';
export { StoreRosterLookup, type RosterLookup } from './roster.js';
export { CatalogService } from './catalogs.js';
