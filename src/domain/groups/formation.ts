import { encodeMembers } from './encode.js';
import { localSearch, type SearchStats } from './engine.js';
import { mulberry32, shuffleInPlace } from './prng.js';
import { computeQuality, type QualityReport } from './quality.js';
import { DEFAULT_GROUP_SIZE, GroupFormationError, type Assignment, type GroupMember } from './types.js';

export interface FormGroupsOptions {
  /** Seed of the pseudo-random generator: same members + same options ⇒ same groups. */
  seed: number;
  /** Target group size (default 35); the number of groups is round(n / size), at least 1. */
  size?: number;
  /** Explicit number of groups (takes precedence over `size`). */
  groups?: number;
  /** Multiplier of the search budget (default 1). */
  effort?: number;
}

export interface FormationResult {
  assignment: Assignment;
  /** Member ids of each group; index 0 is group 1. */
  groups: string[][];
  quality: QualityReport;
  search: SearchStats;
}

/** Number of groups for n members and a target size: round(n / size), at least 1. */
export function groupCountFor(n: number, size: number = DEFAULT_GROUP_SIZE): number {
  return Math.max(1, Math.round(n / size));
}

/** Sizes differing by at most one: the first n mod G groups get one more member. */
export function groupSizes(n: number, groupCount: number): number[] {
  const base = Math.floor(n / groupCount);
  const extra = n % groupCount;
  return Array.from({ length: groupCount }, (_, g) => base + (g < extra ? 1 : 0));
}

function resolveGroupCount(n: number, options: FormGroupsOptions): number {
  if (options.groups !== undefined) {
    if (!Number.isInteger(options.groups) || options.groups < 1)
      throw new GroupFormationError(`El número de grupos debe ser un entero mayor o igual a 1 (se indicó ${options.groups}).`);
    if (options.groups > n)
      throw new GroupFormationError(`No puede haber más grupos (${options.groups}) que integrantes (${n}).`);
    return options.groups;
  }
  const size = options.size ?? DEFAULT_GROUP_SIZE;
  if (!Number.isInteger(size) || size < 1)
    throw new GroupFormationError(`El tamaño de grupo debe ser un entero mayor o igual a 1 (se indicó ${size}).`);
  return groupCountFor(n, size);
}

/**
 * Splits members into balanced groups: sizes differ by at most one; in every group the count of each
 * vocalía, ámbito, circunscripción and entidad is the floor or the ceiling of its proportional share;
 * members of the same junta are kept apart (or spread evenly when the junta is larger than the number
 * of groups). A constructive deal is refined by a seeded local search (see engine.ts). Deterministic for
 * given members (in any order) and options.
 */
export function formGroups(input: readonly GroupMember[], options: FormGroupsOptions): FormationResult {
  if (input.length === 0) throw new GroupFormationError('No hay integrantes para formar grupos.');
  if (!Number.isFinite(options.seed)) throw new GroupFormationError('La semilla debe ser un número.');
  const enc = encodeMembers(input);
  const n = enc.members.length;
  const G = resolveGroupCount(n, options);
  const rng = mulberry32(options.seed);
  const sizes = groupSizes(n, G);

  // Constructive start: nested sort (circunscripción → entidad → ámbito → junta → vocalía, random
  // tie-break) dealt along a proportional sequence of group slots, alternating direction per round.
  const [voc, amb, circ, ent] = enc.attributes as [Int32Array, Int32Array, Int32Array, Int32Array];
  const tie = Int32Array.from(shuffleInPlace(Array.from({ length: n }, (_, i) => i), rng));
  const order = Array.from({ length: n }, (_, i) => i).sort(
    (a, b) =>
      circ[a]! - circ[b]! ||
      ent[a]! - ent[b]! ||
      amb[a]! - amb[b]! ||
      enc.junta[a]! - enc.junta[b]! ||
      voc[a]! - voc[b]! ||
      tie[a]! - tie[b]!,
  );
  const groupRank = Int32Array.from(shuffleInPlace(Array.from({ length: G }, (_, g) => g), rng));
  const slotList: { g: number; k: number; t: number }[] = [];
  sizes.forEach((s, g) => {
    for (let k = 0; k < s; k++) slotList.push({ g, k, t: (k + 0.5) / s });
  });
  slotList.sort((a, b) => a.t - b.t || (a.k % 2 === 0 ? groupRank[a.g]! - groupRank[b.g]! : groupRank[b.g]! - groupRank[a.g]!));
  const group = new Int32Array(n);
  order.forEach((member, i) => {
    group[member] = slotList[i]!.g;
  });

  const effort = options.effort ?? 1;
  const search = localSearch(
    {
      groupCount: G,
      attributes: enc.attributes,
      valueCounts: enc.valueCounts,
      junta: enc.junta,
      juntaCount: enc.juntaCount,
      group,
    },
    { seed: (options.seed * 2654435761 + 1) >>> 0, maxIterations: Math.round(effort * (100_000 + 300 * n)) },
  );

  const groups: string[][] = Array.from({ length: G }, () => []);
  const groupOf = new Map<string, number>();
  enc.members.forEach((m, i) => {
    groups[group[i]!]!.push(m.id);
    groupOf.set(m.id, group[i]! + 1);
  });
  const assignment: Assignment = { groupCount: G, groupOf };
  return { assignment, groups, quality: computeQuality(input, assignment), search };
}
