import { isInvited, memberCircunscripcion } from '../../domain/meetings/index.js';
import { STAGE_KEYS } from '../../domain/stages.js';
import type { MemberRecord } from '../../domain/member.js';
import type { CalendarEvent, CalendarSource } from '../calendar/types.js';
import { stageUid } from '../calendar/stagesSource.js';
import type { MeetingService } from './service.js';
import { MEETINGS_SERVICE_TEXTS as S } from './texts.js';
import type { MeetingDoc, MeetingMembershipPort } from './types.js';

/** The membership port from the registration services: validated members only; circunscripción from the catalog. */
export function membershipFromMembers(
  members: { get(editionId: string, personKey: string): Promise<MemberRecord | null> },
  catalogs: { forEdition(editionId: string): Promise<{ entidad(clave: string): { circunscripcion: number } | undefined }> },
): MeetingMembershipPort {
  return {
    async circunscripcionOf(editionId, personKey) {
      const member = await members.get(editionId, personKey);
      if (!member || member.status !== 'validated') return undefined;
      return memberCircunscripcion(await catalogs.forEdition(editionId), member);
    },
  };
}

export const meetingUid = (meetingId: string): string => `meeting-${meetingId.replace(/[^A-Za-z0-9._-]/g, '-')}`;

export function meetingTitle(m: Pick<MeetingDoc, 'kind' | 'moment' | 'circunscripcion'>): string {
  return m.kind === 'national' ? S.nationalTitle(m.moment ?? 'apertura') : S.regionalTitle(m.circunscripcion ?? 0);
}

export function meetingEvent(m: MeetingDoc): CalendarEvent {
  return {
    uid: meetingUid(m._id),
    kind: m.kind,
    title: meetingTitle(m),
    start: m.startsAt,
    end: m.endsAt,
    sequence: m.sequence,
    ...(m.status === 'cancelled' ? { cancelled: true } : {}),
    link: m.link,
    description: S.description,
    ...(m.kind === 'national' && m.moment ? { replacesUid: stageUid(m.editionId, m.moment === 'apertura' ? STAGE_KEYS.opening : STAGE_KEYS.closing) } : {}),
  };
}

/** Her national and regional meetings (cancelled ones too, so a calendar file can carry the cancellation). */
export function meetingsCalendarSource(meetings: Pick<MeetingService, 'list'>, membership: MeetingMembershipPort): CalendarSource {
  return {
    name: 'meetings',
    async eventsFor(editionId, personKey, from) {
      const circ = await membership.circunscripcionOf(editionId, personKey);
      if (circ === undefined) return [];
      return (await meetings.list(editionId)).filter((m) => m.endsAt.getTime() >= from.getTime() && isInvited(m, circ)).map(meetingEvent);
    },
  };
}
