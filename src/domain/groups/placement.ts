import { encodeMembers } from './encode.js';
import { localSearch, type SearchStats } from './engine.js';
import { mulberry32, shuffleInPlace } from './prng.js';
import { computeQuality, type QualityReport } from './quality.js';
import { GroupFormationError, type Assignment, type GroupMember } from './types.js';

export interface PlaceNewcomersOptions {
  seed: number;
  /** Multiplier of the search budget (default 1). */
  effort?: number;
}

export interface PlacementResult {
  /** Confirmed members (unchanged) plus the newcomers. */
  assignment: Assignment;
  /** Group of each newcomer. */
  placed: Map<string, number>;
  quality: QualityReport;
  search: SearchStats;
}

const exc = (c: number, lo: number, hi: number): number => (c > hi ? c - hi : c < lo ? lo - c : 0);

/**
 * Places newcomers (members without a group in `confirmed`) into the existing groups where balance
 * suffers least, without moving any confirmed member. Each newcomer goes to one of the currently
 * smallest groups (so sizes stay as even as they can), choosing the one whose balance improves most;
 * then a local search that may only swap newcomers between groups refines the result. Confirmed
 * entries whose id is not among `members` are ignored.
 */
export function placeNewcomers(members: readonly GroupMember[], confirmed: Assignment, options: PlaceNewcomersOptions): PlacementResult {
  const G = confirmed.groupCount;
  if (!Number.isInteger(G) || G < 1) throw new GroupFormationError('La asignación confirmada debe tener al menos un grupo.');
  if (members.length === 0) throw new GroupFormationError('No hay integrantes.');
  const enc = encodeMembers(members);
  const n = enc.members.length;
  const rng = mulberry32(options.seed);
  const group = new Int32Array(n).fill(-1);
  const newcomers: number[] = [];
  enc.members.forEach((m, i) => {
    const g = confirmed.groupOf.get(m.id);
    if (g === undefined) newcomers.push(i);
    else if (!Number.isInteger(g) || g < 1 || g > G)
      throw new GroupFormationError(`La integrante ${m.id} tiene un grupo inexistente (${g}); los grupos van del 1 al ${G}.`);
    else group[i] = g - 1;
  });

  // Targets use the final totals (confirmed + newcomers).
  const A = enc.attributes.length;
  const totals = enc.attributes.map((vals, a) => {
    const t = new Int32Array(enc.valueCounts[a]!);
    for (const v of vals) t[v]!++;
    return t;
  });
  const juntaTotal = new Int32Array(enc.juntaCount);
  for (const j of enc.junta) juntaTotal[j]!++;
  const counts = enc.attributes.map((_, a) => new Int32Array(G * enc.valueCounts[a]!));
  const juntaCounts = new Map<number, number>();
  const size = new Int32Array(G);
  const add = (i: number, g: number): void => {
    group[i] = g;
    size[g]!++;
    for (let a = 0; a < A; a++) counts[a]![g * enc.valueCounts[a]! + enc.attributes[a]![i]!]!++;
    const key = enc.junta[i]! * G + g;
    juntaCounts.set(key, (juntaCounts.get(key) ?? 0) + 1);
  };
  for (let i = 0; i < n; i++) {
    const g = group[i]!;
    if (g >= 0) {
      group[i] = -1;
      add(i, g);
    }
  }
  /** Attribute cost of group g at a given size (with counts optionally raised by member x's values). */
  const groupCost = (g: number, sz: number, x: number): number => {
    let c = 0;
    for (let a = 0; a < A; a++) {
      const V = enc.valueCounts[a]!;
      const xv = x >= 0 ? enc.attributes[a]![x]! : -1;
      for (let v = 0; v < V; v++) {
        const num = totals[a]![v]! * sz;
        const lo = Math.floor(num / n);
        const hi = num % n === 0 ? lo : lo + 1;
        c += exc(counts[a]![g * V + v]! + (v === xv ? 1 : 0), lo, hi);
      }
    }
    return c;
  };

  // Hardest first: members of juntas with many newcomers, then a seeded random order.
  const tie = new Map(shuffleInPlace([...newcomers], rng).map((i, r) => [i, r]));
  const order = [...newcomers].sort((a, b) => juntaTotal[enc.junta[b]!]! - juntaTotal[enc.junta[a]!]! || tie.get(a)! - tie.get(b)!);
  const placed = new Map<string, number>();
  for (const x of order) {
    let minSize = Number.POSITIVE_INFINITY;
    for (let g = 0; g < G; g++) minSize = Math.min(minSize, size[g]!);
    let bestG = -1;
    let bestD = Number.POSITIVE_INFINITY;
    let ties = 0;
    const j = enc.junta[x]!;
    const jhi = Math.ceil(juntaTotal[j]! / G);
    for (let g = 0; g < G; g++) {
      if (size[g] !== minSize) continue;
      const jc = juntaCounts.get(j * G + g) ?? 0;
      const d = groupCost(g, minSize + 1, x) - groupCost(g, minSize, -1) + 2 * (exc(jc + 1, 0, jhi) - exc(jc, 0, jhi));
      if (d < bestD) {
        bestD = d;
        bestG = g;
        ties = 1;
      } else if (d === bestD && rng.int(++ties) === 0) bestG = g;
    }
    add(x, bestG);
    placed.set(enc.members[x]!.id, bestG + 1);
  }

  const movable = new Uint8Array(n);
  for (const x of newcomers) movable[x] = 1;
  const search = localSearch(
    {
      groupCount: G,
      attributes: enc.attributes,
      valueCounts: enc.valueCounts,
      junta: enc.junta,
      juntaCount: enc.juntaCount,
      group,
      movable,
    },
    { seed: (options.seed * 2654435761 + 7) >>> 0, maxIterations: Math.round((options.effort ?? 1) * (20_000 + 300 * newcomers.length)) },
  );

  const groupOf = new Map<string, number>();
  enc.members.forEach((m, i) => groupOf.set(m.id, group[i]! + 1));
  for (const x of newcomers) placed.set(enc.members[x]!.id, group[x]! + 1);
  const assignment: Assignment = { groupCount: G, groupOf };
  return { assignment, placed, quality: computeQuality(members, assignment), search };
}
