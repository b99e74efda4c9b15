import type { Services } from '../../services/container.js';
import type { AuditPort, EditionsPort, MembersPort } from '../../services/reports/ports.js';

export interface ReportsPorts {
  editions: EditionsPort;
  members: MembersPort;
  audit: AuditPort;
}

/** Adapts the registration services (built once in src/services/container.ts) to the narrow ports the reports code uses. */
export function reportsPorts(services: Services): ReportsPorts {
  return {
    editions: {
      getActive: () => services.editions.getActive(),
      nameOf: async (id) => (await services.editions.get(id))?.nombre,
    },
    members: {
      listByEdition: (editionId) => services.members.list(editionId),
      listByPerson: (key) => services.members.listByPerson(key),
    },
    audit: {
      append: (entry) => services.audit.append(entry),
      entriesAbout: (key) => services.audit.listAbout(key, 10_000),
    },
  };
}
