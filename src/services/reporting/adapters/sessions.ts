import type { Store } from '../../../store/types.js';
import { typedCollection } from '../../../store/typed.js';
import type { MemberRecord } from '../../../domain/member.js';
import type { SessionService } from '../../sessions/index.js';
import { SESSION_ATTENDANCE_COLLECTION, SESSIONS_COLLECTION, type AttendanceDoc, type SessionDoc } from '../../sessions/types.js';
import type { ReportMinutes, ReportSession, SessionsSource } from '../sources.js';

/**
 * SessionsSource from the sessions feature (src/services/sessions/). Its public minutesOf() gives the minutes;
 * sessions and attendance records are read here in ONE query each per edition (read-only, through the
 * collections that service declares), because the reports need who attended each session and sessionsOf()
 * only returns counts. Invited = the group's current validated members (the sessions feature's own rule for
 * its counts); held = not cancelled and already started.
 */
export interface SessionsAdapterDeps {
  store: Store;
  sessions: Pick<SessionService, 'minutesOf'>;
  groups: { confirmedSet(editionId: string): Promise<{ assignment: Readonly<Record<string, number>>; removed: readonly string[] } | null> };
  members: { list(editionId: string, filter?: { status?: 'validated' }): Promise<MemberRecord[]> };
  clock: () => Date;
}

export function sessionsSource(deps: SessionsAdapterDeps): SessionsSource {
  const sessionsCol = typedCollection<SessionDoc>(deps.store, SESSIONS_COLLECTION);
  const attendanceCol = typedCollection<AttendanceDoc>(deps.store, SESSION_ATTENDANCE_COLLECTION);

  async function membersByGroup(editionId: string): Promise<Map<number, string[]>> {
    const [set, members] = await Promise.all([deps.groups.confirmedSet(editionId), deps.members.list(editionId, { status: 'validated' })]);
    const out = new Map<number, string[]>();
    if (!set) return out;
    const removed = new Set(set.removed);
    for (const m of members) {
      const g = set.assignment[m._id];
      if (g === undefined || removed.has(m._id)) continue;
      (out.get(g) ?? out.set(g, []).get(g)!).push(m.personKey);
    }
    return out;
  }

  return {
    async listSessions(editionId, group) {
      const filter = group === undefined ? { editionId } : { editionId, group };
      const [docs, attendance, byGroup] = await Promise.all([sessionsCol.find(filter, { sort: { startsAt: 1 } }), attendanceCol.find({ ...filter, present: true }), membersByGroup(editionId)]);
      const present = new Map<string, string[]>();
      for (const a of attendance) (present.get(a.sessionId) ?? present.set(a.sessionId, []).get(a.sessionId)!).push(a.personKey);
      const now = deps.clock().getTime();
      return docs.map((s): ReportSession => {
        const state = s.state === 'cancelled' ? 'cancelled' : s.startsAt.getTime() <= now ? 'held' : 'scheduled';
        const invited = byGroup.get(s.group) ?? [];
        const members = new Set(invited);
        return {
          sessionId: s._id,
          group: s.group,
          state,
          date: s.startsAt,
          ...(s.topic.kind === 'plan' ? { topic: s.topic.titulo, topicId: s.topic.topicId } : { topic: s.topic.text }),
          invited,
          attended: state === 'held' ? (present.get(s._id) ?? []).filter((k) => members.has(k)) : [],
        };
      });
    },
    async listMinutes(editionId, group) {
      const filter = group === undefined ? { editionId } : { editionId, group };
      const [minutes, docs] = await Promise.all([deps.sessions.minutesOf(editionId, group), sessionsCol.find(filter)]);
      const dateOf = new Map(docs.map((s) => [s._id, s.startsAt]));
      return minutes
        .map((m): ReportMinutes => ({ sessionId: m._id, group: m.group, date: dateOf.get(m._id) ?? m.createdAt, topicsCovered: m.topicsCovered, agreements: m.agreements, barriers: m.barriers }))
        .sort((a, b) => a.date.getTime() - b.date.getTime());
    },
  };
}
