import { STAGE_KEYS } from '../../domain/stages.js';
import { endOfDayContaining, HQ_TIME_ZONE } from '../../domain/time.js';
import type { Edition } from '../registration/editions.js';
import { CALENDAR_SERVICE_TEXTS as S } from './texts.js';
import type { CalendarEvent, CalendarSource } from './types.js';

/** The calendar uid of an edition stage (national meetings replace theirs: CalendarEvent.replacesUid). */
export const stageUid = (editionId: string, key: string): string => `stage-${editionId}-${key}`.replace(/[^A-Za-z0-9._-]/g, '-');

/** Stages that are deadlines (the rest are milestones). */
const DEADLINE_KEYS: ReadonlySet<string> = new Set([STAGE_KEYS.reportsDue]);

const EPOCH_2020 = Date.UTC(2020, 0, 1);

/**
 * A stage has no revision of its own: the edition's last change stands for it (seconds since 2020), which only
 * grows, so a stage moved by UTIGyND gets a higher .ics SEQUENCE.
 */
function sequenceOf(edition: Pick<Edition, 'updatedAt'>): number {
  return Math.max(0, Math.floor((edition.updatedAt.getTime() - EPOCH_2020) / 1000));
}

/**
 * The edition calendar for everyone: its stages (all-day, headquarters' day) and the close of the registration
 * call. Shown to everybody who asks, member or not.
 */
export function stagesCalendarSource(editions: { get(editionId: string): Promise<Edition | null> }): CalendarSource {
  return {
    name: 'stages',
    async eventsFor(editionId, _personKey, from) {
      const edition = await editions.get(editionId);
      if (!edition) return [];
      const sequence = sequenceOf(edition);
      const upcoming = (d: Date): boolean => endOfDayContaining(d, HQ_TIME_ZONE).getTime() >= from.getTime();
      const events: CalendarEvent[] = edition.calendar
        .filter((s) => upcoming(s.date))
        .map((s) => ({ uid: stageUid(editionId, s.key), kind: DEADLINE_KEYS.has(s.key) ? 'deadline' : 'stage', title: s.label, start: s.date, allDay: true, sequence, description: S.stageDescription }));
      if (edition.closesAt && edition.closesAt.getTime() >= from.getTime()) {
        events.push({ uid: stageUid(editionId, 'cierre-convocatoria'), kind: 'deadline', title: S.callCloses, start: edition.closesAt, sequence });
      }
      return events;
    },
  };
}
