import {
  GROUP_ATTRIBUTES,
  GroupFormationError,
  attributeValue,
  compareValues,
  type Assignment,
  type GroupAttribute,
  type GroupMember,
} from './types.js';

/**
 * Quality of any assignment of members to groups, in terms an administrator can read: for each group
 * and attribute the count of every value next to its proportional share, and how far it falls outside
 * the allowed range [⌊share⌋, ⌈share⌉] (its excess); members of the same junta sharing a group; totals.
 */

export interface ValueQuality {
  value: string;
  count: number;
  /** total of the value × group size / members. */
  share: number;
  /** ⌊share⌋ and ⌈share⌉: the allowed range. */
  min: number;
  max: number;
  /** max(0, count − max) + max(0, min − count). */
  excess: number;
}

export interface JuntaClash {
  juntaKey: string;
  count: number;
  /** ⌈members of the junta / groups⌉: 1 while the junta has no more members than there are groups. */
  allowed: number;
  members: string[];
}

export interface GroupQuality {
  /** 1-based group number. */
  group: number;
  size: number;
  members: string[];
  /** Every value present among the assigned members, in natural order. */
  values: Record<GroupAttribute, ValueQuality[]>;
  excess: Record<GroupAttribute, number>;
  totalExcess: number;
  clashes: JuntaClash[];
  /** Σ (count − allowed) over the clashes: how many members would have to leave. */
  clashCount: number;
}

export interface QualityTotals {
  members: number;
  groups: number;
  minSize: number;
  maxSize: number;
  excess: Record<GroupAttribute, number>;
  totalExcess: number;
  clashes: number;
  /** Members without a group in the assignment (left out of every figure above). */
  unassigned: string[];
}

export interface QualityReport {
  groups: GroupQuality[];
  totals: QualityTotals;
}

const zeroByAttribute = (): Record<GroupAttribute, number> => ({ vocalia: 0, ambito: 0, circunscripcion: 0, entidad: 0 });

/** Recomputes the quality report of an assignment (e.g. after an administrator moves a member). */
export function computeQuality(members: readonly GroupMember[], assignment: Assignment): QualityReport {
  const G = assignment.groupCount;
  if (!Number.isInteger(G) || G < 1) throw new GroupFormationError('La asignación debe tener al menos un grupo.');
  const byGroup: GroupMember[][] = Array.from({ length: G }, () => []);
  const unassigned: string[] = [];
  for (const m of members) {
    const g = assignment.groupOf.get(m.id);
    if (g === undefined) {
      unassigned.push(m.id);
      continue;
    }
    if (!Number.isInteger(g) || g < 1 || g > G)
      throw new GroupFormationError(`La integrante ${m.id} tiene un grupo inexistente (${g}); los grupos van del 1 al ${G}.`);
    byGroup[g - 1]!.push(m);
  }
  const assigned = byGroup.flat();
  const n = assigned.length;

  const totals = new Map<GroupAttribute, Map<string, number>>();
  for (const attr of GROUP_ATTRIBUTES) {
    const t = new Map<string, number>();
    for (const m of assigned) t.set(attributeValue(m, attr), (t.get(attributeValue(m, attr)) ?? 0) + 1);
    totals.set(attr, new Map([...t].sort((a, b) => compareValues(a[0], b[0]))));
  }
  const juntaTotals = new Map<string, number>();
  for (const m of assigned) juntaTotals.set(m.juntaKey, (juntaTotals.get(m.juntaKey) ?? 0) + 1);

  const totalExcess = zeroByAttribute();
  let totalClashes = 0;
  const groups: GroupQuality[] = byGroup.map((list, gi) => {
    const size = list.length;
    const values = {} as Record<GroupAttribute, ValueQuality[]>;
    const excess = zeroByAttribute();
    for (const attr of GROUP_ATTRIBUTES) {
      const counts = new Map<string, number>();
      for (const m of list) counts.set(attributeValue(m, attr), (counts.get(attributeValue(m, attr)) ?? 0) + 1);
      values[attr] = [...totals.get(attr)!].map(([value, total]) => {
        const num = total * size;
        const min = n === 0 ? 0 : Math.floor(num / n);
        const max = n === 0 ? 0 : num % n === 0 ? min : min + 1;
        const count = counts.get(value) ?? 0;
        const e = Math.max(0, count - max) + Math.max(0, min - count);
        excess[attr] += e;
        return { value, count, share: n === 0 ? 0 : num / n, min, max, excess: e };
      });
      totalExcess[attr] += excess[attr];
    }
    const byJunta = new Map<string, string[]>();
    for (const m of list) {
      const ids = byJunta.get(m.juntaKey);
      if (ids) ids.push(m.id);
      else byJunta.set(m.juntaKey, [m.id]);
    }
    const clashes: JuntaClash[] = [];
    for (const [juntaKey, ids] of byJunta) {
      const allowed = Math.ceil(juntaTotals.get(juntaKey)! / G);
      if (ids.length > allowed) clashes.push({ juntaKey, count: ids.length, allowed, members: ids });
    }
    clashes.sort((a, b) => compareValues(a.juntaKey, b.juntaKey));
    const clashCount = clashes.reduce((s, c) => s + c.count - c.allowed, 0);
    totalClashes += clashCount;
    return {
      group: gi + 1,
      size,
      members: list.map((m) => m.id),
      values,
      excess,
      totalExcess: GROUP_ATTRIBUTES.reduce((s, a) => s + excess[a], 0),
      clashes,
      clashCount,
    };
  });

  const sizes = groups.map((g) => g.size);
  return {
    groups,
    totals: {
      members: n,
      groups: G,
      minSize: sizes.reduce((a, b) => Math.min(a, b)),
      maxSize: sizes.reduce((a, b) => Math.max(a, b)),
      excess: totalExcess,
      totalExcess: GROUP_ATTRIBUTES.reduce((s, a) => s + totalExcess[a], 0),
      clashes: totalClashes,
      unassigned,
    },
  };
}
