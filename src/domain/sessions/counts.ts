import type { BarrierCategory } from '../barriers.js';
import { isBarrierCategory } from '../barriers.js';

/**
 * RSVP and attendance counts, minutes and the edition's per-group status of group sessions (issue 11). Pure.
 */

export type RsvpAnswer = 'yes' | 'no';

export interface RsvpCounts {
  /** Current members of the group. */
  invited: number;
  yes: number;
  no: number;
  noAnswer: number;
}

/** Counts answers of the group's current members only (a member moved out no longer counts). */
export function rsvpCounts(memberKeys: readonly string[], rsvps: readonly { personKey: string; answer: RsvpAnswer }[]): RsvpCounts {
  const members = new Set(memberKeys);
  let yes = 0;
  let no = 0;
  for (const r of rsvps) {
    if (!members.has(r.personKey)) continue;
    if (r.answer === 'yes') yes++;
    else no++;
  }
  return { invited: members.size, yes, no, noAnswer: members.size - yes - no };
}

/** Attended members (present) among the current members. */
export function attendedCount(memberKeys: readonly string[], attendance: readonly { personKey: string; present: boolean }[]): number {
  const members = new Set(memberKeys);
  return attendance.filter((a) => a.present && members.has(a.personKey)).length;
}

/** Percentage 0-100, rounded; null when nobody was invited. */
export function percent(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 100) : null;
}

// ----------------------------------------------------------------------------------------------
// Minutes.

export const MINUTES_LIMITS = { maxItems: 20, maxItemChars: 500, maxBarriers: 8 } as const;

export interface MinutesBarrier {
  category: BarrierCategory;
  text: string;
}

export interface MinutesContent {
  topicsCovered: string[];
  agreements: string[];
  barriers: MinutesBarrier[];
  nextSteps: string[];
}

export type MinutesError = 'minutesEmpty' | 'tooManyItems' | 'itemTooLong' | 'barrierCategory' | 'barrierText' | 'tooManyBarriers';

export interface MinutesFormInput {
  topicsCovered?: string | undefined;
  agreements?: string | undefined;
  nextSteps?: string | undefined;
  /** Rows of the card: a category id and a description (both empty for an unused row). */
  barriers: readonly { category?: string | undefined; text?: string | undefined }[];
}

/** One item per non-empty line ("- " and "• " bullets dropped). */
export function linesOf(text: string | undefined): string[] {
  return (text ?? '')
    .split(/\r?\n/)
    .map((l) => l.replace(/^\s*(?:[-•*]|\d+[.)])\s*/, '').replace(/\s+/g, ' ').trim())
    .filter((l) => l !== '');
}

export function checkMinutes(input: MinutesFormInput): { ok: true; value: MinutesContent } | { ok: false; errors: MinutesError[] } {
  const errors = new Set<MinutesError>();
  const list = (text: string | undefined): string[] => {
    const items = linesOf(text);
    if (items.length > MINUTES_LIMITS.maxItems) errors.add('tooManyItems');
    if (items.some((i) => i.length > MINUTES_LIMITS.maxItemChars)) errors.add('itemTooLong');
    return items;
  };
  const topicsCovered = list(input.topicsCovered);
  const agreements = list(input.agreements);
  const nextSteps = list(input.nextSteps);
  const barriers: MinutesBarrier[] = [];
  for (const row of input.barriers) {
    const category = (row.category ?? '').trim();
    const text = (row.text ?? '').replace(/\s+/g, ' ').trim();
    if (!category && !text) continue;
    if (!isBarrierCategory(category)) errors.add('barrierCategory');
    else if (!text) errors.add('barrierText');
    else if (text.length > MINUTES_LIMITS.maxItemChars) errors.add('itemTooLong');
    else barriers.push({ category, text });
  }
  if (barriers.length > MINUTES_LIMITS.maxBarriers) errors.add('tooManyBarriers');
  if (errors.size === 0 && topicsCovered.length + agreements.length + nextSteps.length + barriers.length === 0) errors.add('minutesEmpty');
  return errors.size > 0 ? { ok: false, errors: [...errors] } : { ok: true, value: { topicsCovered, agreements, barriers, nextSteps } };
}

// ----------------------------------------------------------------------------------------------
// Status of the edition's groups.

export const INACTIVE_AFTER_DAYS = 30;

export interface SessionFacts {
  state: 'scheduled' | 'cancelled';
  startsAt: Date;
  invited: number;
  attended: number;
}

export interface GroupSessionStatus {
  group: number;
  held: number;
  scheduled: number;
  cancelled: number;
  /** Mean of attended/invited over held sessions (0-100), null when none was held. */
  averageAttendance: number | null;
  lastHeldAt: Date | null;
  /** No session held in the last 30 days (and none in progress). */
  flagged: boolean;
}

/** Held = scheduled and already started; scheduled = still ahead. */
export function groupStatus(group: number, sessions: readonly SessionFacts[], now: Date): GroupSessionStatus {
  let held = 0;
  let scheduled = 0;
  let cancelled = 0;
  let rateSum = 0;
  let rated = 0;
  let lastHeldAt: Date | null = null;
  for (const s of sessions) {
    if (s.state === 'cancelled') cancelled++;
    else if (s.startsAt.getTime() <= now.getTime()) {
      held++;
      if (s.invited > 0) {
        rateSum += s.attended / s.invited;
        rated++;
      }
      if (!lastHeldAt || s.startsAt > lastHeldAt) lastHeldAt = s.startsAt;
    } else scheduled++;
  }
  const since = now.getTime() - INACTIVE_AFTER_DAYS * 86_400_000;
  return {
    group,
    held,
    scheduled,
    cancelled,
    averageAttendance: rated > 0 ? Math.round((rateSum / rated) * 100) : null,
    lastHeldAt,
    flagged: !lastHeldAt || lastHeldAt.getTime() < since,
  };
}
