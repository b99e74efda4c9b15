import { readFileSync } from 'node:fs';
import { resourcePath } from '../../resources.js';
import type { Store } from '../../store/types.js';
import { parseHolidays, type CaseKind, type IsoDay } from '../../domain/cases/index.js';
import { HQ_TIME_ZONE } from '../../domain/time.js';
import type { JobScheduling } from '../jobs/index.js';
import type { AuditInput } from '../registration/audit.js';
import { BarrierReportService, type AnonymousBarrier } from './barriers.js';
import { CaseService } from './service.js';

/**
 * Member ↔ UTIGyND communication (issue 14): consultas and confidential accompaniment requests (CaseService)
 * and anonymous barrier reports (BarrierReportService). Built once by src/services/container.ts.
 */
export interface CaseServices {
  cases: CaseService;
  barriers: BarrierReportService;
  /** Official days of rest used for working days (src/data/festivos-mx.json). */
  holidays: ReadonlySet<IsoDay>;
  /** Open consultas and accompaniment requests of the edition (both kinds, or one): status card and reports. */
  openCount(editionId: string, kind?: CaseKind): Promise<number>;
  /** Every anonymous barrier report of the edition (no identity, the day only): the general report's barrier section. */
  anonymousBarriers(editionId: string): Promise<AnonymousBarrier[]>;
  init(): Promise<void>;
}

let holidays: ReadonlySet<IsoDay> | undefined;

/** The holidays shipped with the project (src/data/festivos-mx.json), read once. */
export function loadHolidays(): ReadonlySet<IsoDay> {
  holidays ??= parseHolidays(JSON.parse(readFileSync(resourcePath('src', 'data', 'festivos-mx.json'), 'utf8')));
  return holidays;
}

export function createCaseServices(deps: {
  store: Store;
  clock: () => Date;
  audit: { append(input: AuditInput): Promise<unknown> };
  jobs: Pick<JobScheduling, 'schedule' | 'cancel'>;
  holidays?: ReadonlySet<IsoDay>;
}): CaseServices {
  const days = deps.holidays ?? loadHolidays();
  const cases = new CaseService({ store: deps.store, clock: deps.clock, audit: deps.audit, jobs: deps.jobs, holidays: days, zone: HQ_TIME_ZONE });
  const barriers = new BarrierReportService({ store: deps.store, clock: deps.clock, zone: HQ_TIME_ZONE });
  return {
    cases,
    barriers,
    holidays: days,
    openCount: (editionId, kind) => cases.openCount(editionId, kind),
    anonymousBarriers: (editionId) => barriers.anonymousBarriers(editionId),
    async init() {
      await Promise.all([cases.init(), barriers.init()]);
    },
  };
}

export { BarrierReportService, BARRIER_REPORTS_COLLECTION, type AnonymousBarrier, type BarrierReportDoc } from './barriers.js';
export { CASE_AUDIT, CASE_REMINDER_JOB, CaseError, CaseService, CASES_COLLECTION, isCaseError, type CaseDoc, type CaseErrorCode } from './service.js';
