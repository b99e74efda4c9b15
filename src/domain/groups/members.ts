import { juntaKey, type RosterMember } from '../roster.js';
import type { GroupMember } from './types.js';

/** The view of a validated roster member used by group formation (id = correo). */
export function toGroupMember(m: RosterMember): GroupMember {
  return {
    id: m.correo,
    vocalia: m.vocalia,
    ambito: m.ambito,
    entidad: m.entidad,
    circunscripcion: m.circunscripcion,
    juntaKey: juntaKey(m),
  };
}
