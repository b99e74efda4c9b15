import { DateTime } from 'luxon';
import type { CaseServices } from '../../cases/index.js';
import type { CasesSource } from '../sources.js';

/** CasesSource from the communication cases (src/services/cases/): open count and anonymous barrier reports. */
export function casesSource(cases: Pick<CaseServices, 'openCount' | 'anonymousBarriers'>): CasesSource {
  return {
    openCount: (editionId) => cases.openCount(editionId),
    async anonymousBarriers(editionId) {
      const list = await cases.anonymousBarriers(editionId);
      // The cases feature keeps only the day (no time) so a report cannot be matched to a moment; noon UTC keeps it.
      return list
        .map((b) => ({ category: b.category, description: b.description, createdAt: DateTime.fromISO(b.day, { zone: 'utc' }).set({ hour: 12 }).toJSDate() }))
        .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    },
  };
}
