/**
 * The personal calendar (issue 11): every feature that has dated events for a person registers a
 * CalendarSource with `services.calendar.addSource(...)` (like RoleService.addSource); `calendario` and the
 * .ics download read them all through CalendarService.eventsFor. Free of botbuilder types.
 */

/** What an event is; the calendar card groups and labels events by kind. */
export type CalendarEventKind = 'national' | 'regional' | 'session' | 'survey' | 'deadline' | 'stage';

export const CALENDAR_EVENT_KINDS: readonly CalendarEventKind[] = ['national', 'regional', 'session', 'survey', 'deadline', 'stage'];

export interface CalendarEvent {
  /**
   * Stable identifier of the event across changes (becomes the .ics UID): e.g. "meeting-<id>",
   * "session-<edition>-<group>-<n>", "stage-<edition>-<key>". Only [A-Za-z0-9._-] and '@' are kept in the UID.
   */
  uid: string;
  kind: CalendarEventKind;
  /** Spanish title, as the person sees it ("Reunión Nacional de apertura"). Built by the source's texts. */
  title: string;
  start: Date;
  /** Absent for markers (a deadline at a time): the .ics then gets a zero-length event at `start`. */
  end?: Date;
  /** A whole day (edition stages): the day `start` falls on at headquarters (an all-day .ics event). */
  allDay?: boolean;
  /** Incremented each time the event changes (moved, relinked, cancelled): the .ics SEQUENCE. */
  sequence: number;
  /** True once cancelled: the .ics says STATUS:CANCELLED (METHOD:CANCEL when every event is cancelled). */
  cancelled?: boolean;
  /** An https link (the Teams meeting). */
  link?: string;
  /** Optional one-line description (Spanish, from a texts module). */
  description?: string;
  /**
   * The uid of an event this one stands for (e.g. a national meeting replaces the edition stage of the same
   * name): the merged calendar leaves that event out, so it is not shown twice.
   */
  replacesUid?: string;
}

/** One feature's events for a person in an edition, from `from` on (events that end after `from`). */
export interface CalendarSource {
  /** Short stable name for logs ("meetings", "sessions", "stages"). */
  readonly name: string;
  eventsFor(editionId: string, personKey: string, from: Date): Promise<CalendarEvent[]>;
}

interface SourceLogger {
  error(obj: object, msg: string): void;
}

/**
 * Merges every registered source. A failing source is logged and skipped (the others still show), so one
 * feature's bug never empties everyone's calendar. Events are sorted by start, then uid; duplicates (same
 * uid) keep the highest sequence.
 */
export class CalendarService {
  private readonly sources: CalendarSource[] = [];

  constructor(private readonly logger?: SourceLogger) {}

  addSource(source: CalendarSource): void {
    this.sources.push(source);
  }

  sourceNames(): string[] {
    return this.sources.map((s) => s.name);
  }

  async eventsFor(editionId: string, personKey: string, from: Date): Promise<CalendarEvent[]> {
    const byUid = new Map<string, CalendarEvent>();
    for (const source of this.sources) {
      let events: CalendarEvent[];
      try {
        events = await source.eventsFor(editionId, personKey, from);
      } catch (err) {
        this.logger?.error({ err, source: source.name }, 'calendar source failed');
        continue;
      }
      for (const e of events) {
        const seen = byUid.get(e.uid);
        if (!seen || e.sequence > seen.sequence) byUid.set(e.uid, e);
      }
    }
    const replaced = new Set([...byUid.values()].flatMap((e) => (e.replacesUid && !e.cancelled ? [e.replacesUid] : [])));
    return [...byUid.values()].filter((e) => !replaced.has(e.uid)).sort((a, b) => a.start.getTime() - b.start.getTime() || a.uid.localeCompare(b.uid));
  }
}
