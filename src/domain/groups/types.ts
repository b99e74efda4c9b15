/** Shared types of group formation (issue 4). Pure data; no I/O. */

export const GROUP_ATTRIBUTES = ['vocalia', 'ambito', 'circunscripcion', 'entidad'] as const;
export type GroupAttribute = (typeof GROUP_ATTRIBUTES)[number];

export const GROUP_ATTRIBUTE_LABELS: Record<GroupAttribute, string> = {
  vocalia: 'Vocalía',
  ambito: 'Ámbito',
  circunscripcion: 'Circunscripción',
  entidad: 'Entidad',
};

export const DEFAULT_GROUP_SIZE = 35;

/** A member as seen by group formation. `id` must be unique (the e-mail address, normally). */
export interface GroupMember {
  id: string;
  vocalia: string;
  ambito: string;
  entidad: string;
  circunscripcion: number;
  /** Same value for members of the same junta, e.g. "JDE-09-05" (see juntaKey in ../roster.ts). */
  juntaKey: string;
}

/** Members' groups, numbered 1..groupCount. */
export interface Assignment {
  groupCount: number;
  groupOf: ReadonlyMap<string, number>;
}

/** Invalid input for group formation; the message is Spanish and meant for UTIGyND staff. */
export class GroupFormationError extends Error {
  override readonly name = 'GroupFormationError';
}

export function attributeValue(m: GroupMember, attribute: GroupAttribute): string {
  return attribute === 'circunscripcion' ? String(m.circunscripcion) : m[attribute];
}

/** Natural order of values: numeric-aware, so "2" < "10" and "01" < "02". */
export const compareValues = (a: string, b: string): number => a.localeCompare(b, 'es', { numeric: true });
