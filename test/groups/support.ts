import type { RosterMember } from '../../src/domain/roster.js';
import { memberId, type MemberRecord } from '../../src/domain/member.js';

/** A validated member record built from a roster entry, as registration would have stored it. */
export function validatedMember(editionId: string, r: RosterMember, person: { key: string; userId: string; nombre?: string; correo?: string }): MemberRecord {
  const at = new Date('2026-11-01T00:00:00Z');
  return {
    _id: memberId(editionId, person.key),
    editionId,
    personKey: person.key,
    aadObjectId: person.key.replace(/^aad:/, ''),
    userId: person.userId,
    nombre: person.nombre ?? r.nombre,
    correo: person.correo ?? r.correo,
    vocalia: r.vocalia,
    ambito: r.ambito,
    entidad: r.entidad,
    ...(r.distrito !== undefined ? { distrito: r.distrito } : {}),
    circunscripcion: r.circunscripcion,
    ejesInteres: [],
    consent: { accepted: true, at, version: 'v1' },
    status: 'validated',
    rosterMatch: true,
    createdAt: at,
    updatedAt: at,
  };
}
