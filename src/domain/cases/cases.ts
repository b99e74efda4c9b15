import type { BarrierCategory } from '../barriers.js';

/**
 * Member ↔ UTIGyND communication (issue 14): consultas (contactar), confidential accompaniment requests
 * (acompañamiento) and anonymous barrier reports (barrera). Ids, limits and pure rules; Spanish labels live in
 * src/features/cases/texts.ts.
 */

/** A consulta ("contactar"), seen by every UTIGyND administrator; an accompaniment request, only by staff with the acompanamiento role. */
export const CASE_KINDS = ['consulta', 'acompanamiento'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

/** Categories of a consulta: duda sobre la Red, problema técnico, propuesta, otro. */
export const CASE_CATEGORIES = ['duda', 'tecnico', 'propuesta', 'otro'] as const;
export type CaseCategory = (typeof CASE_CATEGORIES)[number];

export function isCaseCategory(value: unknown): value is CaseCategory {
  return typeof value === 'string' && (CASE_CATEGORIES as readonly string[]).includes(value);
}

/** open: in progress; closed: UTIGyND closed it; deleted: she asked to delete it (contents removed). */
export type CaseStatus = 'open' | 'closed' | 'deleted';

/** Longest texts, in characters (the cards say so too; forged payloads are checked again on the server). */
export const CASE_LIMITS = {
  subject: 150,
  message: 4000,
  barrierDescription: 4000,
  barrierExample: 2000,
} as const;

/** Working days without a staff answer before UTIGyND is reminded (issue 14). */
export const REMINDER_WORKING_DAYS = 2;

export type TextCheck = { ok: true; value: string } | { ok: false; reason: 'empty' | 'tooLong'; length: number; max: number };

/** A member's text: stored as written (never trimmed or rewritten), refused when blank or longer than `max`. */
export function checkText(value: string | undefined, max: number): TextCheck {
  const text = value ?? '';
  const length = [...text].length;
  if (text.trim() === '') return { ok: false, reason: 'empty', length: 0, max };
  if (length > max) return { ok: false, reason: 'tooLong', length, max };
  return { ok: true, value: text };
}

/** An optional text: blank is fine (undefined), otherwise checked like checkText. */
export function checkOptionalText(value: string | undefined, max: number): TextCheck | { ok: true; value: undefined } {
  if (value === undefined || value.trim() === '') return { ok: true, value: undefined };
  return checkText(value, max);
}

export interface CaseMessage {
  by: 'member' | 'staff';
  /** personKey of the staff member who wrote it (never shown to the member). */
  staffKey?: string;
  at: Date;
  text: string;
}

/** Who must speak next on an open case: the staff when her message is the last one (or there are none). */
export function awaitingStaff(messages: readonly Pick<CaseMessage, 'by'>[]): boolean {
  return messages.length === 0 || messages[messages.length - 1]!.by === 'member';
}

/** An anonymous barrier report as stored: no person, no pseudonym, no activity id, the day only. */
export interface BarrierReportInput {
  category: BarrierCategory;
  description: string;
  example?: string;
}
