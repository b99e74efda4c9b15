import type { TurnContext } from 'botbuilder';
import { renderPersonalCalendarCard } from '../../../cards/calendar.js';
import { CardFactory } from 'botbuilder';
import { personKey } from '../../../domain/person.js';
import { formatDate, formatDateTime, HQ_TIME_ZONE, zoneForEntidad, zoneLabel } from '../../../domain/time.js';
import { personOf } from '../../../teams/activity.js';
import type { CalendarEvent } from '../../../services/calendar/index.js';
import type { FeatureContext } from '../../feature.js';
import { SHARED_TEXTS } from '../../shared/texts.js';
import { CALENDAR_TEXTS as T } from '../texts.js';

/** Events shown on the card; the .ics file has them all. */
export const CARD_EVENT_LIMIT = 12;

const whenOf = (e: CalendarEvent, zone: string): string => (e.allDay ? formatDate(e.start, HQ_TIME_ZONE) : formatDateTime(e.start, zone));

/**
 * "calendario" (everyone): her upcoming events from every calendar source (meetings, her group's sessions,
 * stages and deadlines), in her zone, the edition's stages, and "Agregar a mi calendario": a signed link to her
 * own .ics file, valid for CALENDAR_LINK_TTL_HOURS (src/services/calendar/).
 */
export function calendarHandler(ctx: FeatureContext): (context: TurnContext) => Promise<void> {
  return async (context) => {
    const edition = await ctx.services.editions.getActive();
    if (!edition) {
      await context.sendActivity(SHARED_TEXTS.noEdition);
      return;
    }
    const key = personKey(personOf(context.activity));
    const member = await ctx.services.members.get(edition._id, key);
    const zone = member ? zoneForEntidad(await ctx.services.catalogs.forEdition(edition._id), member.entidad) : HQ_TIME_ZONE;
    const now = ctx.clock();
    const events = (await ctx.services.calendar.eventsFor(edition._id, key, now)).filter((e) => (e.end ?? e.start).getTime() >= now.getTime() || e.allDay);
    const shown = events.slice(0, CARD_EVENT_LIMIT);
    const link = ctx.services.calendarLinks?.url(edition._id, key);
    const footer = [link ? T.footerLink(formatDateTime(link.expiresAt, zone)) : T.footerNoLink, ...(events.length > shown.length ? [T.more(events.length - shown.length)] : [])].join(' ');
    const card = renderPersonalCalendarCard({
      title: T.title(edition.nombre),
      intro: T.intro(zoneLabel(zone)),
      events: shown.map((e) => ({ title: e.title, kind: T.kinds[e.kind], when: whenOf(e, zone), status: e.cancelled ? T.cancelled : '' })),
      empty: T.empty,
      stagesTitle: T.stagesTitle,
      stages: edition.calendar.map((s) => ({ label: s.label, date: formatDate(s.date, HQ_TIME_ZONE) })),
      footer,
      url: link?.url ?? '',
    });
    await context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
  };
}
