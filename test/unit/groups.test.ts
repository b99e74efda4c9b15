import { describe, expect, it } from 'vitest';
import { loadDefaultCatalog } from '../../src/data/defaultCatalog.js';
import {
  GROUP_ATTRIBUTES,
  GroupFormationError,
  computeQuality,
  formGroups,
  formatQualityTable,
  groupSizes,
  mulberry32,
  placeNewcomers,
  shuffleInPlace,
  type Assignment,
  type GroupAttribute,
  type GroupMember,
} from '../../src/domain/groups/index.js';
import { realisticRoster, syntheticMembers, toGroupMembers } from '../helpers/rosterFixtures.js';

const catalog = loadDefaultCatalog();

// ---------------------------------------------------------------------------------------------
// Independent checks: recomputed here from scratch, without the module's quality report.

const valueOf = (m: GroupMember, a: GroupAttribute): string => (a === 'circunscripcion' ? `c${m.circunscripcion}` : m[a]);

interface Check {
  assignedOnce: boolean;
  sizes: number[];
  /** Σ over (group, attribute, value) of the distance from the count to [⌊share⌋, ⌈share⌉]. */
  excess: Record<GroupAttribute, number>;
  /** Members beyond what the junta rule allows, summed over groups and juntas. */
  juntaViolations: number;
}

function check(members: readonly GroupMember[], assignment: Assignment): Check {
  const G = assignment.groupCount;
  const groups: GroupMember[][] = Array.from({ length: G }, () => []);
  let assignedOnce = assignment.groupOf.size === members.length;
  for (const m of members) {
    const g = assignment.groupOf.get(m.id);
    if (g === undefined || g < 1 || g > G) assignedOnce = false;
    else groups[g - 1]!.push(m);
  }
  const n = members.length;
  const excess = { vocalia: 0, ambito: 0, circunscripcion: 0, entidad: 0 };
  for (const a of GROUP_ATTRIBUTES) {
    const total = new Map<string, number>();
    for (const m of members) total.set(valueOf(m, a), (total.get(valueOf(m, a)) ?? 0) + 1);
    for (const list of groups) {
      for (const [value, t] of total) {
        const c = list.filter((m) => valueOf(m, a) === value).length;
        // Allowed: |c − t·s/n| < 1, i.e. the floor or the ceiling of the share.
        const share = (t * list.length) / n;
        if (Math.abs(c * n - t * list.length) >= n) excess[a] += c > share ? c - Math.ceil(share) : Math.floor(share) - c;
      }
    }
  }
  const juntaSize = new Map<string, number>();
  for (const m of members) juntaSize.set(m.juntaKey, (juntaSize.get(m.juntaKey) ?? 0) + 1);
  let juntaViolations = 0;
  for (const [key, k] of juntaSize) {
    for (const list of groups) {
      const c = list.filter((m) => m.juntaKey === key).length;
      // At most one per group while k ≤ G; otherwise ⌊k/G⌋ or ⌈k/G⌉ in every group.
      const lo = k <= G ? 0 : Math.floor(k / G);
      const hi = k <= G ? 1 : Math.ceil(k / G);
      juntaViolations += Math.max(0, c - hi) + Math.max(0, lo - c);
    }
  }
  return { assignedOnce, sizes: groups.map((l) => l.length), excess, juntaViolations };
}

const spread = (sizes: number[]): number => Math.max(...sizes) - Math.min(...sizes);
const totalExcess = (c: Check): number => GROUP_ATTRIBUTES.reduce((s, a) => s + c.excess[a], 0);

/** Same group sizes as a formation, members dealt at random. */
function randomAssignment(members: readonly GroupMember[], groupCount: number, seed: number): Assignment {
  const shuffled = shuffleInPlace([...members], mulberry32(seed));
  const groupOf = new Map<string, number>();
  let i = 0;
  groupSizes(members.length, groupCount).forEach((s, g) => {
    for (let k = 0; k < s; k++) groupOf.set(shuffled[i++]!.id, g + 1);
  });
  return { groupCount, groupOf };
}

function expectPerfect(members: readonly GroupMember[], assignment: Assignment): Check {
  const c = check(members, assignment);
  expect(c.assignedOnce).toBe(true);
  expect(c.sizes.reduce((s, x) => s + x, 0)).toBe(members.length);
  expect(spread(c.sizes)).toBeLessThanOrEqual(1);
  expect(c.excess).toEqual({ vocalia: 0, ambito: 0, circunscripcion: 0, entidad: 0 });
  expect(c.juntaViolations).toBe(0);
  return c;
}

// ---------------------------------------------------------------------------------------------

describe('formGroups on realistic rosters (498 women, 5 vocalías × 332 juntas)', () => {
  it.each([1, 2, 3, 4, 5])('roster seed %i: balanced sizes, zero excess, no junta clashes', (seed) => {
    const members = toGroupMembers(realisticRoster(catalog, seed));
    expect(members).toHaveLength(498);
    const result = formGroups(members, { seed, size: 35 });
    expect(result.assignment.groupCount).toBe(14);
    expectPerfect(members, result.assignment);
    expect(result.groups.flat().sort()).toEqual(members.map((m) => m.id).sort());
  });

  it.each([
    [{ groups: 7 }, 7],
    [{ groups: 3 }, 3], // juntas of up to 5 members in only 3 groups: spread evenly
    [{ size: 20 }, 25],
    [{ size: 12 }, 42],
  ])('options %j give %i groups, still balanced', (opts, expectedGroups) => {
    const members = toGroupMembers(realisticRoster(catalog, 11));
    const result = formGroups(members, { seed: 3, ...opts });
    expect(result.assignment.groupCount).toBe(expectedGroups);
    expectPerfect(members, result.assignment);
  });

  it('a random deal with the same sizes misses the targets by several members (the checks can fail)', () => {
    const members = toGroupMembers(realisticRoster(catalog, 1));
    for (const seed of [1, 2, 3, 4, 5]) {
      const c = check(members, randomAssignment(members, 14, seed));
      expect(spread(c.sizes)).toBeLessThanOrEqual(1);
      expect(totalExcess(c)).toBeGreaterThan(14);
    }
  });

  it('is deterministic: same members (in any order) and seed ⇒ same groups; another seed ⇒ other groups', () => {
    const members = toGroupMembers(realisticRoster(catalog, 2));
    const a = formGroups(members, { seed: 9 });
    const b = formGroups(shuffleInPlace([...members], mulberry32(5)), { seed: 9 });
    const c = formGroups(members, { seed: 10 });
    expect([...b.assignment.groupOf].sort()).toEqual([...a.assignment.groupOf].sort());
    expect(b.groups).toEqual(a.groups);
    expect(c.groups).not.toEqual(a.groups);
  });

  it("carries a quality report equal to recomputing it, and consistent with the test's own counts", () => {
    const members = toGroupMembers(realisticRoster(catalog, 4));
    const result = formGroups(members, { seed: 4 });
    expect(computeQuality(members, result.assignment)).toEqual(result.quality);
    expect(result.quality.totals).toMatchObject({ members: 498, groups: 14, minSize: 35, maxSize: 36, totalExcess: 0, clashes: 0 });
    const g1 = result.quality.groups[0]!;
    const own = members.filter((m) => result.assignment.groupOf.get(m.id) === 1);
    for (const v of g1.values.vocalia) expect(v.count).toBe(own.filter((m) => m.vocalia === v.value).length);
    expect(g1.values.ambito.map((v) => v.value)).toEqual(['JDE', 'JLE']);
  });
});

describe('computeQuality on arbitrary assignments', () => {
  it('matches the independent excess and counts the same clashes for a random deal', () => {
    const members = toGroupMembers(realisticRoster(catalog, 6));
    for (const seed of [1, 2, 3]) {
      const assignment = randomAssignment(members, 14, seed);
      const q = computeQuality(members, assignment);
      const c = check(members, assignment);
      expect(q.totals.excess).toEqual(c.excess);
      expect(q.totals.clashes).toBe(c.juntaViolations); // juntas here never exceed the number of groups
      expect(q.totals.totalExcess).toBeGreaterThan(0);
      for (const g of q.groups) {
        expect(g.totalExcess).toBe(GROUP_ATTRIBUTES.reduce((s, a) => s + g.excess[a], 0));
        for (const cl of g.clashes) expect(new Set(cl.members.map((id) => members.find((m) => m.id === id)!.juntaKey))).toEqual(new Set([cl.juntaKey]));
      }
    }
  });

  it('reflects a member moved by an administrator ("grupos mover")', () => {
    const members = toGroupMembers(realisticRoster(catalog, 7));
    const { assignment } = formGroups(members, { seed: 7 });
    const moved = members.find((m) => assignment.groupOf.get(m.id) === 1)!;
    const groupOf = new Map(assignment.groupOf);
    groupOf.set(moved.id, 2);
    const q = computeQuality(members, { groupCount: assignment.groupCount, groupOf });
    expect(q.groups[0]!.size).toBe(check(members, assignment).sizes[0]! - 1);
    expect(q.groups[1]!.members).toContain(moved.id);
    expect(q.totals.excess).toEqual(check(members, { groupCount: assignment.groupCount, groupOf }).excess);
    expect(q.totals.totalExcess).toBeGreaterThan(0);
  });

  it('lists members without a group and rejects nonexistent group numbers', () => {
    const members = toGroupMembers(realisticRoster(catalog, 8, 10));
    const groupOf = new Map(members.slice(1).map((m, i) => [m.id, (i % 2) + 1]));
    const q = computeQuality(members, { groupCount: 2, groupOf });
    expect(q.totals.unassigned).toEqual([members[0]!.id]);
    expect(q.totals.members).toBe(9);
    groupOf.set(members[0]!.id, 3);
    expect(() => computeQuality(members, { groupCount: 2, groupOf })).toThrow(GroupFormationError);
  });
});

describe('formGroups edge cases', () => {
  it('puts everyone in one group when there are fewer members than the target size', () => {
    const members = toGroupMembers(realisticRoster(catalog, 3, 20));
    const result = formGroups(members, { seed: 1, size: 35 });
    expect(result.assignment.groupCount).toBe(1);
    expectPerfect(members, result.assignment);
  });

  it('accepts exactly one group', () => {
    const members = toGroupMembers(realisticRoster(catalog, 3, 60));
    expect(formGroups(members, { seed: 2, groups: 1 }).groups).toHaveLength(1);
  });

  it('handles a number of members not divisible by the number of groups', () => {
    const members = toGroupMembers(realisticRoster(catalog, 5, 101));
    const result = formGroups(members, { seed: 5, groups: 10 });
    const c = expectPerfect(members, result.assignment);
    expect([...c.sizes].sort()).toEqual([10, 10, 10, 10, 10, 10, 10, 10, 10, 11]);
  });

  it('spreads a junta larger than the number of groups as evenly as possible', () => {
    const base = toGroupMembers(realisticRoster(catalog, 9, 40));
    const big: GroupMember[] = Array.from({ length: 11 }, (_, i) => ({
      id: `grande${i}@ine.mx`,
      vocalia: ['VE', 'VS', 'VRFE', 'VOE', 'VCEyEC'][i % 5]!,
      ambito: 'JDE',
      entidad: '15',
      circunscripcion: 5,
      juntaKey: 'JDE-15-07',
    }));
    const members = [...base.filter((m) => m.juntaKey !== 'JDE-15-07'), ...big];
    const result = formGroups(members, { seed: 1, groups: 4 });
    expectPerfect(members, result.assignment);
    const perGroup = [1, 2, 3, 4].map((g) => big.filter((m) => result.assignment.groupOf.get(m.id) === g).length);
    expect([...perGroup].sort()).toEqual([2, 3, 3, 3]);
    expect(result.quality.totals.clashes).toBe(0);
  });

  it('balances 20,000 synthetic members', () => {
    const members = syntheticMembers(catalog, 3, 20_000);
    const result = formGroups(members, { seed: 1 });
    expect(result.assignment.groupCount).toBe(571);
    expectPerfect(members, result.assignment);
  });

  it('rejects impossible requests with Spanish errors', () => {
    const members = toGroupMembers(realisticRoster(catalog, 1, 5));
    expect(() => formGroups([], { seed: 1 })).toThrow(/No hay integrantes/);
    expect(() => formGroups(members, { seed: 1, groups: 6 })).toThrow(/más grupos/);
    expect(() => formGroups(members, { seed: 1, groups: 0 })).toThrow(GroupFormationError);
    expect(() => formGroups(members, { seed: 1, size: 0 })).toThrow(GroupFormationError);
    expect(() => formGroups([...members, members[0]!], { seed: 1 })).toThrow(/más de una vez/);
  });
});

describe('placeNewcomers', () => {
  const all = toGroupMembers(realisticRoster(catalog, 12, 540));
  const confirmedMembers = all.slice(0, 490);
  const newcomers = all.slice(490);
  const confirmed = formGroups(confirmedMembers, { seed: 12 }).assignment;

  it.each([1, 2, 3])('never moves confirmed members and keeps sizes even (seed %i)', (seed) => {
    const result = placeNewcomers(all, confirmed, { seed });
    for (const [id, g] of confirmed.groupOf) expect(result.assignment.groupOf.get(id)).toBe(g);
    expect([...result.placed.keys()].sort()).toEqual(newcomers.map((m) => m.id).sort());
    for (const [id, g] of result.placed) expect(result.assignment.groupOf.get(id)).toBe(g);
    const c = check(all, result.assignment);
    expect(c.assignedOnce).toBe(true);
    expect(spread(c.sizes)).toBeLessThanOrEqual(1);
    expect(c.juntaViolations).toBe(0);
  });

  it('balances better than dealing newcomers at random into the smallest groups', () => {
    let placedExcess = 0;
    let randomExcess = 0;
    for (const seed of [1, 2, 3, 4]) {
      placedExcess += totalExcess(check(all, placeNewcomers(all, confirmed, { seed }).assignment));
      const rng = mulberry32(seed);
      const groupOf = new Map(confirmed.groupOf);
      const sizes = check(confirmedMembers, confirmed).sizes;
      for (const m of shuffleInPlace([...newcomers], rng)) {
        const min = Math.min(...sizes);
        const options = sizes.map((s, g) => (s === min ? g : -1)).filter((g) => g >= 0);
        const g = options[rng.int(options.length)]!;
        sizes[g]!++;
        groupOf.set(m.id, g + 1);
      }
      randomExcess += totalExcess(check(all, { groupCount: confirmed.groupCount, groupOf }));
    }
    expect(placedExcess).toBeLessThan(randomExcess);
  });

  it('fills the smallest groups first when an administrator left sizes uneven', () => {
    const members = toGroupMembers(realisticRoster(catalog, 13, 36));
    const groupOf = new Map<string, number>();
    members.slice(0, 34).forEach((m, i) => groupOf.set(m.id, i < 10 ? 1 : i < 22 ? 2 : 3));
    const result = placeNewcomers(members, { groupCount: 3, groupOf }, { seed: 1 });
    expect([...result.placed.values()]).toEqual([1, 1]);
    for (const [id, g] of groupOf) expect(result.assignment.groupOf.get(id)).toBe(g);
  });

  it('does nothing when everyone already has a group', () => {
    const result = placeNewcomers(confirmedMembers, confirmed, { seed: 1 });
    expect(result.placed.size).toBe(0);
    expect(result.assignment.groupOf).toEqual(confirmed.groupOf);
  });
});

describe('formatQualityTable', () => {
  it('prints one row per group, Spanish headings, marks out-of-range counts and totals', () => {
    const members = toGroupMembers(realisticRoster(catalog, 1));
    const bad = computeQuality(members, randomAssignment(members, 14, 1));
    const text = formatQualityTable(bad, { valueOrder: { vocalia: catalog.data.vocalias.map((v) => v.clave) } });
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^Grupo +Integrantes \| +VE +VS +VRFE +VOE +VCEyEC \| +JDE +JLE \| +C1/);
    expect(lines.filter((l) => /^ +\d+ +3[56] /.test(l))).toHaveLength(14);
    expect(text).toMatch(/!/);
    expect(text).toContain(`Exceso total: vocalía ${bad.totals.excess.vocalia}`);
    expect(text).toContain('Totales: 498 integrantes en 14 grupos; tamaño mínimo 35, máximo 36.');
    const good = formatQualityTable(formGroups(members, { seed: 1 }).quality);
    expect(good).not.toMatch(/\d!/);
    expect(good).toContain('(total 0)');
  });
});
