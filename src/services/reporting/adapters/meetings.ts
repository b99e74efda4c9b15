import type { MemberRecord } from '../../../domain/member.js';
import { memberCircunscripcion } from '../../../domain/meetings/index.js';
import type { MeetingService } from '../../meetings/index.js';
import { meetingTitle } from '../../meetings/calendarSource.js';
import type { MeetingsSource, ReportMeeting } from '../sources.js';

/**
 * MeetingsSource from the meetings feature (src/services/meetings/). Invited: the edition's validated members
 * (national) or those of the meeting's circunscripción (regional), counted from one read of the members;
 * attended: the meeting's check-ins (one count per meeting: an edition has a handful of meetings).
 */
export interface MeetingsAdapterDeps {
  meetings: Pick<MeetingService, 'list' | 'attendanceCount'>;
  members: { list(editionId: string, filter?: { status?: 'validated' }): Promise<MemberRecord[]> };
  catalogs: { forEdition(editionId: string): Promise<{ entidad(clave: string): { circunscripcion: number } | undefined }> };
  clock: () => Date;
}

export function meetingsSource(deps: MeetingsAdapterDeps): MeetingsSource {
  return {
    async listMeetings(editionId) {
      const [meetings, members, catalog] = await Promise.all([deps.meetings.list(editionId), deps.members.list(editionId, { status: 'validated' }), deps.catalogs.forEdition(editionId)]);
      const byCirc = new Map<number, number>();
      for (const m of members) {
        const c = memberCircunscripcion(catalog, m);
        byCirc.set(c, (byCirc.get(c) ?? 0) + 1);
      }
      const now = deps.clock().getTime();
      const out: ReportMeeting[] = [];
      for (const m of [...meetings].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())) {
        const kind = m.kind === 'national' ? 'nacional' : 'regional';
        out.push({
          meetingId: m._id,
          kind,
          title: meetingTitle(m),
          date: m.startsAt,
          state: m.status === 'cancelled' ? 'cancelled' : m.startsAt.getTime() <= now ? 'held' : 'scheduled',
          ...(m.circunscripcion !== undefined ? { region: String(m.circunscripcion) } : {}),
          invited: kind === 'nacional' ? members.length : (byCirc.get(m.circunscripcion ?? 0) ?? 0),
          attended: await deps.meetings.attendanceCount(m._id),
        });
      }
      return out;
    },
  };
}
