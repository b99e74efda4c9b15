import type { SessionDoc } from '../sessions/types.js';
import { CALENDAR_SERVICE_TEXTS as S } from './texts.js';
import type { CalendarSource } from './types.js';

/** The parts of the group sessions service (src/services/sessions/) the calendar reads. */
export interface SessionsReader {
  upcomingFor(editionId: string, group: number, from: Date): Promise<SessionDoc[]>;
}

export interface GroupOfPort {
  groupOf(editionId: string, personKey: string): Promise<number | null>;
}

export const sessionUid = (sessionId: string): string => `session-${sessionId.replace(/[^A-Za-z0-9._-]/g, '-')}`;

/** Her group's upcoming sessions (scheduled, not ended); version 1 is SEQUENCE 0. */
export function sessionsCalendarSource(sessions: SessionsReader, membership: GroupOfPort): CalendarSource {
  return {
    name: 'sessions',
    async eventsFor(editionId, personKey, from) {
      const group = await membership.groupOf(editionId, personKey);
      if (group === null) return [];
      return (await sessions.upcomingFor(editionId, group, from)).map((s) => ({
        uid: sessionUid(s._id),
        kind: 'session' as const,
        title: S.sessionTitle(s.group, s.number, s.topic.kind === 'plan' ? s.topic.titulo : s.topic.text),
        start: s.startsAt,
        end: new Date(s.startsAt.getTime() + s.durationMin * 60_000),
        sequence: Math.max(0, s.version - 1),
        ...(s.state === 'cancelled' ? { cancelled: true } : {}),
        ...(s.link ? { link: s.link } : {}),
      }));
    },
  };
}
