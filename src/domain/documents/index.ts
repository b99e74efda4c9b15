/**
 * Documentos básicos (issue 14): the rules of publishing, acknowledging and observing. Pure: no I/O.
 * A document has versions; each version has an observation window (from the start of its first day to the end
 * of its last day, at headquarters). Members acknowledge a version ("He leído el documento") and send
 * observations (section or article, text) while the window is open; a new version asks for acknowledgement again.
 */

export const DOCUMENT_LIMITS = { title: 200, version: 40, section: 200, observation: 4000, link: 1000 } as const;

/** File types a document may be (checked by extension before download and by content after). */
export const DOCUMENT_EXTENSIONS = ['pdf', 'docx'] as const;
export type DocumentExtension = (typeof DOCUMENT_EXTENSIONS)[number];

/** Days before the window closes when members who have not acknowledged are reminded. */
export const REMINDER_DAYS_BEFORE_CLOSE = 3;

export type WindowState = 'notYet' | 'open' | 'closed';

export function windowState(now: Date, from: Date, to: Date): WindowState {
  if (now.getTime() < from.getTime()) return 'notYet';
  if (now.getTime() > to.getTime()) return 'closed';
  return 'open';
}

/** When the reminder goes: REMINDER_DAYS_BEFORE_CLOSE days before the window closes; null when that is not after `now`. */
export function reminderTime(windowTo: Date, now: Date): Date | null {
  const at = new Date(windowTo.getTime() - REMINDER_DAYS_BEFORE_CLOSE * 24 * 3600 * 1000);
  return at.getTime() > now.getTime() ? at : null;
}

/**
 * Whether the bytes are really what the extension says: a PDF starts with "%PDF-"; a DOCX is a zip ("PK\x03\x04")
 * (its parts are not inspected: it is never opened by the bot, only handed back to members).
 */
export function looksLike(extension: DocumentExtension, data: Uint8Array): boolean {
  const head = Array.from(data.subarray(0, 5));
  if (extension === 'pdf') return head.length === 5 && String.fromCharCode(...head) === '%PDF-';
  return head.length >= 4 && head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
}

export interface RateRow {
  key: string;
  acknowledged: number;
  total: number;
}

/**
 * Acknowledgement rate by a member attribute (vocalía, circunscripción): for each value among `members`, how
 * many acknowledged (their personKey is in `acked`) out of how many. Sorted by key.
 */
export function ratesBy<M extends { personKey: string }>(members: readonly M[], acked: ReadonlySet<string>, keyOf: (m: M) => string): RateRow[] {
  const rows = new Map<string, RateRow>();
  for (const m of members) {
    const key = keyOf(m);
    const row = rows.get(key) ?? { key, acknowledged: 0, total: 0 };
    row.total++;
    if (acked.has(m.personKey)) row.acknowledged++;
    rows.set(key, row);
  }
  return [...rows.values()].sort((a, b) => a.key.localeCompare(b.key, 'es', { numeric: true }));
}

/** A percentage for people: 0 to 100, rounded; 0 when there is nobody. */
export const percent = (part: number, total: number): number => (total > 0 ? Math.round((100 * part) / total) : 0);
