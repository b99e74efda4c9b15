import type { Catalog } from '../catalog.js';

/**
 * Announcements (issue 14): who an announcement goes to, and the limits of what UTIGyND writes. Pure: the
 * members and their groups are given; the service stores, the feature sends.
 */

export const AUDIENCE_KINDS = ['todas', 'grupo', 'vocalia', 'ambito', 'entidad', 'circunscripcion'] as const;
export type AudienceKind = (typeof AUDIENCE_KINDS)[number];

/** A resolved audience: every validated member, or those of one group, vocalía, ámbito, entidad or circunscripción. */
export type Audience =
  | { kind: 'todas' }
  | { kind: 'grupo'; group: number }
  | { kind: 'vocalia'; clave: string }
  | { kind: 'ambito'; clave: string }
  | { kind: 'entidad'; clave: string }
  | { kind: 'circunscripcion'; numero: number };

export const ANNOUNCEMENT_LIMITS = { title: 120, text: 4000, link: 500 } as const;

export type AudienceError = 'unknownKind' | 'missingValue' | 'badGroup' | 'unknownVocalia' | 'unknownAmbito' | 'unknownEntidad' | 'unknownCircunscripcion';

/** The audience typed or chosen on the card (kind + value: a group number, a clave or a name), read against the catalog. */
export function parseAudience(kind: string, value: string, catalog: Catalog): { ok: true; audience: Audience } | { ok: false; error: AudienceError } {
  const v = value.trim();
  const k = AUDIENCE_KINDS.find((x) => x === kind.trim().toLowerCase());
  if (!k) return { ok: false, error: 'unknownKind' };
  if (k === 'todas') return { ok: true, audience: { kind: 'todas' } };
  if (!v) return { ok: false, error: 'missingValue' };
  switch (k) {
    case 'grupo': {
      const n = Number(v);
      return /^\d{1,5}$/.test(v) && n >= 1 ? { ok: true, audience: { kind: 'grupo', group: n } } : { ok: false, error: 'badGroup' };
    }
    case 'vocalia': {
      const found = catalog.findVocalia(v);
      return found ? { ok: true, audience: { kind: 'vocalia', clave: found.clave } } : { ok: false, error: 'unknownVocalia' };
    }
    case 'ambito': {
      const found = catalog.findAmbito(v);
      return found ? { ok: true, audience: { kind: 'ambito', clave: found.clave } } : { ok: false, error: 'unknownAmbito' };
    }
    case 'entidad': {
      const found = catalog.findEntidad(v);
      return found ? { ok: true, audience: { kind: 'entidad', clave: found.clave } } : { ok: false, error: 'unknownEntidad' };
    }
    case 'circunscripcion': {
      const n = Number(v);
      return /^\d{1,2}$/.test(v) && catalog.data.circunscripciones.some((c) => c.numero === n)
        ? { ok: true, audience: { kind: 'circunscripcion', numero: n } }
        : { ok: false, error: 'unknownCircunscripcion' };
    }
  }
}

/** What audience resolution needs of a member. */
export interface AudienceMember {
  _id: string;
  status: string;
  vocalia: string;
  ambito: string;
  entidad: string;
  circunscripcion: number;
}

/** A confirmed group set: member id → group; removed members count in no group. */
export interface AudienceGroups {
  assignment: Readonly<Record<string, number>>;
  removed: readonly string[];
}

/**
 * The validated members an audience reaches. A group needs the edition's confirmed set (null: nobody).
 * Other kinds compare the member's registration fields.
 */
export function resolveAudience<M extends AudienceMember>(members: readonly M[], audience: Audience, groups: AudienceGroups | null): M[] {
  const validated = members.filter((m) => m.status === 'validated');
  switch (audience.kind) {
    case 'todas':
      return validated;
    case 'grupo': {
      if (!groups) return [];
      const removed = new Set(groups.removed);
      return validated.filter((m) => groups.assignment[m._id] === audience.group && !removed.has(m._id));
    }
    case 'vocalia':
      return validated.filter((m) => m.vocalia === audience.clave);
    case 'ambito':
      return validated.filter((m) => m.ambito === audience.clave);
    case 'entidad':
      return validated.filter((m) => m.entidad === audience.clave);
    case 'circunscripcion':
      return validated.filter((m) => m.circunscripcion === audience.numero);
  }
}

export type LinkCheck = { ok: true; url?: string } | { ok: false };

/** An optional link: empty is fine; otherwise an absolute https URL without credentials, at most ANNOUNCEMENT_LIMITS.link characters. */
export function checkHttpsLink(raw: string | undefined, maxLength: number = ANNOUNCEMENT_LIMITS.link): LinkCheck {
  const t = (raw ?? '').trim();
  if (!t) return { ok: true };
  if (t.length > maxLength) return { ok: false };
  try {
    const u = new URL(t);
    if (u.protocol !== 'https:' || u.username || u.password || !u.hostname) return { ok: false };
    return { ok: true, url: u.toString() };
  } catch {
    return { ok: false };
  }
}

export type TextCheck = { ok: true; value: string } | { ok: false; error: 'empty' | 'tooLong' };

/** A required text, trimmed, of at most `max` characters. */
export function checkText(raw: string | undefined, max: number): TextCheck {
  const t = (raw ?? '').trim();
  if (!t) return { ok: false, error: 'empty' };
  if (t.length > max) return { ok: false, error: 'tooLong' };
  return { ok: true, value: t };
}

/** The broadcast id of an announcement: fixed by its id, so a double click or a retried job never sends twice. */
export const announcementBroadcastId = (announcementId: string): string => `aviso:${announcementId}`;
