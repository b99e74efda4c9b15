/**
 * Finds a member by email or name, as an administrator types it ("grupos mover <nombre o correo> <grupo>").
 * An email matches exactly (case ignored). A name matches ignoring accents, case and extra spaces: first an
 * exact name, otherwise every member whose name contains the typed words together (as whole words). Several matches are
 * returned as candidates, never guessed.
 */
export type MemberMatch<M> = { kind: 'one'; member: M } | { kind: 'many'; candidates: M[] } | { kind: 'none' };

export const normalizeName = (s: string): string =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();

export function findMemberByNameOrEmail<M extends { nombre: string; correo: string }>(members: readonly M[], typed: string): MemberMatch<M> {
  const text = typed.trim();
  if (!text) return { kind: 'none' };
  const pick = (found: M[]): MemberMatch<M> => (found.length === 1 ? { kind: 'one', member: found[0]! } : found.length > 1 ? { kind: 'many', candidates: found } : { kind: 'none' });
  if (text.includes('@')) return pick(members.filter((m) => m.correo.toLowerCase() === text.toLowerCase()));
  const name = normalizeName(text);
  const exact = members.filter((m) => normalizeName(m.nombre) === name);
  if (exact.length > 0) return pick(exact);
  return pick(members.filter((m) => ` ${normalizeName(m.nombre)} `.includes(` ${name} `)));
}
