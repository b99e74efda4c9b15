import { randomUUID } from 'node:crypto';
import type { Store } from '../../store/types.js';
import { ensureTypedIndexes, typedCollection, type TypedCollection } from '../../store/typed.js';
import { BARRIER_CATEGORIES, isBarrierCategory, type BarrierCategory } from '../../domain/barriers.js';
import { CASE_LIMITS, checkOptionalText, checkText, isoDay, type IsoDay } from '../../domain/cases/index.js';
import { localDateOf } from '../../domain/time.js';
import { CaseError } from './service.js';

/**
 * Anonymous barrier reports ("barrera", issue 14). A report keeps only the edition, the category, her texts and
 * the day (in headquarters' zone): no person, no pseudonym, no activity or conversation id, no time of day. The
 * id is random, so it links to nothing. Nothing is logged or audited when a report is made. There is no
 * follow-up: nobody can answer it.
 */
export const BARRIER_REPORTS_COLLECTION = 'barrierReports';

export interface BarrierReportDoc {
  /** Random; says nothing about who or when. */
  _id: string;
  editionId: string;
  category: BarrierCategory;
  description: string;
  example?: string;
  /** The day only ("2026-12-01"). */
  day: IsoDay;
}

/** A report as the general report reads it. */
export interface AnonymousBarrier {
  category: BarrierCategory;
  description: string;
  example?: string;
  day: IsoDay;
}

export class BarrierReportService {
  private readonly col: TypedCollection<BarrierReportDoc>;

  constructor(private readonly deps: { store: Store; clock: () => Date; zone: string }) {
    this.col = typedCollection<BarrierReportDoc>(deps.store, BARRIER_REPORTS_COLLECTION);
  }

  async init(): Promise<void> {
    await ensureTypedIndexes<BarrierReportDoc>(this.deps.store, BARRIER_REPORTS_COLLECTION, [{ fields: ['editionId', 'category'] }]);
  }

  /** Stores a report; refuses an unknown category or blank/too long texts (CaseError, nothing stored). */
  async report(editionId: string, input: { category: string; description: string; example?: string }): Promise<void> {
    if (!isBarrierCategory(input.category)) throw new CaseError('badCategory');
    const description = checkText(input.description, CASE_LIMITS.barrierDescription);
    if (!description.ok) throw new CaseError(description.reason, { length: description.length, max: description.max });
    const example = checkOptionalText(input.example, CASE_LIMITS.barrierExample);
    if (!example.ok) throw new CaseError(example.reason, { length: example.length, max: example.max });
    await this.col.insertOne({
      _id: randomUUID(),
      editionId,
      category: input.category,
      description: description.value,
      ...(example.value !== undefined ? { example: example.value } : {}),
      day: isoDay(localDateOf(this.deps.clock(), this.deps.zone)),
    });
  }

  /** Every report of the edition, by category (in BARRIER_CATEGORIES order) and day: for the general report. */
  async anonymousBarriers(editionId: string): Promise<AnonymousBarrier[]> {
    const docs = await this.col.find({ editionId });
    const rank = (c: BarrierCategory): number => BARRIER_CATEGORIES.indexOf(c);
    return docs
      .map((d) => ({ category: d.category, description: d.description, ...(d.example !== undefined ? { example: d.example } : {}), day: d.day }))
      .sort((a, b) => rank(a.category) - rank(b.category) || a.day.localeCompare(b.day) || a.description.localeCompare(b.description));
  }

  /** How many reports per category (every category present, 0 included). */
  async countsByCategory(editionId: string): Promise<Record<BarrierCategory, number>> {
    const counts = Object.fromEntries(BARRIER_CATEGORIES.map((c) => [c, 0])) as Record<BarrierCategory, number>;
    for (const d of await this.col.find({ editionId })) counts[d.category]++;
    return counts;
  }
}
