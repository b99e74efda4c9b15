import { mulberry32, type Prng } from './prng.js';

/**
 * Local search over an assignment of members to groups (internal; see formation.ts and placement.ts).
 *
 * Objective (to minimise, 0 = perfect):
 *   Σ over balanced attributes a, groups g, values v of   w_a · excess(count(g,a,v), ⌊share⌋, ⌈share⌉)
 * + Σ over juntas j, groups g of                          w_j · excess(count(g,j), ⌊k_j/G⌋, ⌈k_j/G⌉)
 * where share = total(a,v) · size(g) / n and excess(c, lo, hi) = max(0, c − hi) + max(0, lo − c).
 *
 * Moves are swaps of two movable members of different groups, so group sizes never change. Count
 * tables per (group, value) make the cost change of a swap O(number of attributes). The search is a
 * conflict-directed random walk: it picks a group with positive cost, a member of it that sits in an
 * over-full cell (or a missing value to bring in), samples partners, takes the best swap, accepts it
 * when it does not worsen the cost and otherwise with a small Metropolis probability, and kicks the
 * assignment with random swaps when it stalls. Everything random comes from a seeded PRNG.
 */

export interface SearchProblem {
  groupCount: number;
  /** Per balanced attribute: the value index (0..valueCounts[a]-1) of every member. */
  attributes: readonly Int32Array[];
  valueCounts: readonly number[];
  /** Junta index of every member (0..juntaCount-1). */
  junta: Int32Array;
  juntaCount: number;
  /** Group (0..groupCount-1) of every member; mutated in place into the result. */
  group: Int32Array;
  /** 1 when the member may be moved; default: everyone. */
  movable?: Uint8Array;
}

export interface SearchOptions {
  seed: number;
  /** Upper bound on search iterations (each evaluates a handful of swaps). */
  maxIterations: number;
  attributeWeight?: number;
  juntaWeight?: number;
}

export interface SearchStats {
  iterations: number;
  perturbations: number;
  initialCost: number;
  finalCost: number;
}

const exc = (c: number, lo: number, hi: number): number => (c > hi ? c - hi : c < lo ? lo - c : 0);

/** Maximum dense junta table size (cells); beyond it a Map is used. */
const DENSE_JUNTA_LIMIT = 1 << 23;

export function localSearch(problem: SearchProblem, options: SearchOptions): SearchStats {
  const { groupCount: G, attributes, valueCounts, group: grp } = problem;
  const n = grp.length;
  const A = attributes.length;
  const wA = options.attributeWeight ?? 1;
  const wJ = options.juntaWeight ?? 2;
  const rng: Prng = mulberry32(options.seed);
  const movable = problem.movable ?? new Uint8Array(n).fill(1);

  // Group sizes and member slots (each group owns a contiguous block of `slots`).
  const size = new Int32Array(G);
  for (let i = 0; i < n; i++) size[grp[i]!]!++;
  const start = new Int32Array(G + 1);
  for (let g = 0; g < G; g++) start[g + 1] = start[g]! + size[g]!;
  const slots = new Int32Array(n);
  const pos = new Int32Array(n);
  {
    const fill = start.slice(0, G);
    for (let i = 0; i < n; i++) {
      const g = grp[i]!;
      const p = fill[g]!++;
      slots[p] = i;
      pos[i] = p;
    }
  }

  // Per attribute: counts, bounds and members by value.
  const cnt: Int32Array[] = [];
  const lo: Int32Array[] = [];
  const hi: Int32Array[] = [];
  const byValue: Int32Array[][] = [];
  for (let a = 0; a < A; a++) {
    const V = valueCounts[a]!;
    const vals = attributes[a]!;
    const total = new Int32Array(V);
    for (let i = 0; i < n; i++) total[vals[i]!]!++;
    const c = new Int32Array(G * V);
    for (let i = 0; i < n; i++) c[grp[i]! * V + vals[i]!]!++;
    const l = new Int32Array(G * V);
    const h = new Int32Array(G * V);
    for (let g = 0; g < G; g++)
      for (let v = 0; v < V; v++) {
        const num = total[v]! * size[g]!;
        const f = Math.floor(num / n);
        l[g * V + v] = f;
        h[g * V + v] = num % n === 0 ? f : f + 1;
      }
    const lists: number[][] = Array.from({ length: V }, () => []);
    for (let i = 0; i < n; i++) lists[vals[i]!]!.push(i);
    cnt.push(c);
    lo.push(l);
    hi.push(h);
    byValue.push(lists.map((l2) => Int32Array.from(l2)));
  }

  // Juntas: only juntas with at least 2 members can ever be unbalanced; they get dense indices.
  const juntaSize = new Int32Array(problem.juntaCount);
  for (let i = 0; i < n; i++) juntaSize[problem.junta[i]!]!++;
  const jIndex = new Int32Array(problem.juntaCount).fill(-1);
  let J = 0;
  for (let j = 0; j < problem.juntaCount; j++) if (juntaSize[j]! >= 2) jIndex[j] = J++;
  const jm = new Int32Array(n);
  const jlo = new Int32Array(J);
  const jhi = new Int32Array(J);
  for (let j = 0; j < problem.juntaCount; j++) {
    const k = jIndex[j]!;
    if (k < 0) continue;
    jlo[k] = Math.floor(juntaSize[j]! / G);
    jhi[k] = Math.ceil(juntaSize[j]! / G);
  }
  for (let i = 0; i < n; i++) jm[i] = jIndex[problem.junta[i]!]!;
  const dense = G * J <= DENSE_JUNTA_LIMIT;
  const jdense = dense ? new Int32Array(G * J) : new Int32Array(0);
  const jmap = new Map<number, number>();
  const jget = dense ? (key: number): number => jdense[key]! : (key: number): number => jmap.get(key) ?? 0;
  const jadd = dense
    ? (key: number, d: number): void => {
        jdense[key]! += d;
      }
    : (key: number, d: number): void => {
        const v = (jmap.get(key) ?? 0) + d;
        if (v === 0) jmap.delete(key);
        else jmap.set(key, v);
      };
  for (let i = 0; i < n; i++) if (jm[i]! >= 0) jadd(grp[i]! * J + jm[i]!, 1);

  // Cost per group, total cost and the set of groups with positive cost.
  const gcost = new Float64Array(G);
  for (let a = 0; a < A; a++) {
    const V = valueCounts[a]!;
    const c = cnt[a]!;
    const l = lo[a]!;
    const h = hi[a]!;
    for (let g = 0; g < G; g++) for (let v = 0; v < V; v++) gcost[g]! += wA * exc(c[g * V + v]!, l[g * V + v]!, h[g * V + v]!);
  }
  for (let k = 0; k < J; k++) {
    if (jlo[k] === 0) {
      // Only groups holding members of the junta can exceed; absent groups cost 0 when lo = 0.
      continue;
    }
    for (let g = 0; g < G; g++) gcost[g]! += wJ * exc(jget(g * J + k), jlo[k]!, jhi[k]!);
  }
  {
    const seen = new Set<number>();
    for (let i = 0; i < n; i++) {
      const k = jm[i]!;
      if (k < 0 || jlo[k] !== 0) continue;
      const key = grp[i]! * J + k;
      if (seen.has(key)) continue;
      seen.add(key);
      gcost[grp[i]!]! += wJ * exc(jget(key), 0, jhi[k]!);
    }
  }
  let cost = 0;
  for (let g = 0; g < G; g++) cost += gcost[g]!;
  const badList = new Int32Array(G);
  const badPos = new Int32Array(G).fill(-1);
  let badCount = 0;
  const refreshBad = (g: number): void => {
    const isBad = gcost[g]! > 1e-9;
    const p = badPos[g]!;
    if (isBad && p < 0) {
      badList[badCount] = g;
      badPos[g] = badCount++;
    } else if (!isBad && p >= 0) {
      const last = badList[--badCount]!;
      badList[p] = last;
      badPos[last] = p;
      badPos[g] = -1;
    }
  };
  for (let g = 0; g < G; g++) refreshBad(g);
  const initialCost = cost;

  /** Cost change of swapping x and y (different groups). */
  const delta = (x: number, y: number): number => {
    const g1 = grp[x]!;
    const g2 = grp[y]!;
    let d = 0;
    for (let a = 0; a < A; a++) {
      const vals = attributes[a]!;
      const vx = vals[x]!;
      const vy = vals[y]!;
      if (vx === vy) continue;
      const V = valueCounts[a]!;
      const c = cnt[a]!;
      const l = lo[a]!;
      const h = hi[a]!;
      let i = g1 * V + vx;
      let k = c[i]!;
      let s = exc(k - 1, l[i]!, h[i]!) - exc(k, l[i]!, h[i]!);
      i = g1 * V + vy;
      k = c[i]!;
      s += exc(k + 1, l[i]!, h[i]!) - exc(k, l[i]!, h[i]!);
      i = g2 * V + vy;
      k = c[i]!;
      s += exc(k - 1, l[i]!, h[i]!) - exc(k, l[i]!, h[i]!);
      i = g2 * V + vx;
      k = c[i]!;
      s += exc(k + 1, l[i]!, h[i]!) - exc(k, l[i]!, h[i]!);
      d += wA * s;
    }
    const jx = jm[x]!;
    const jy = jm[y]!;
    if (jx !== jy) {
      let s = 0;
      if (jx >= 0) {
        const l = jlo[jx]!;
        const h = jhi[jx]!;
        let k = jget(g1 * J + jx);
        s += exc(k - 1, l, h) - exc(k, l, h);
        k = jget(g2 * J + jx);
        s += exc(k + 1, l, h) - exc(k, l, h);
      }
      if (jy >= 0) {
        const l = jlo[jy]!;
        const h = jhi[jy]!;
        let k = jget(g2 * J + jy);
        s += exc(k - 1, l, h) - exc(k, l, h);
        k = jget(g1 * J + jy);
        s += exc(k + 1, l, h) - exc(k, l, h);
      }
      d += wJ * s;
    }
    return d;
  };

  /** Moves member x out of group `from` into group `to` in the count tables (not in slots). */
  const shift = (x: number, from: number, to: number): void => {
    for (let a = 0; a < A; a++) {
      const V = valueCounts[a]!;
      const v = attributes[a]![x]!;
      const c = cnt[a]!;
      const l = lo[a]!;
      const h = hi[a]!;
      let i = from * V + v;
      let before = exc(c[i]!, l[i]!, h[i]!);
      c[i]!--;
      let diff = wA * (exc(c[i]!, l[i]!, h[i]!) - before);
      gcost[from]! += diff;
      cost += diff;
      i = to * V + v;
      before = exc(c[i]!, l[i]!, h[i]!);
      c[i]!++;
      diff = wA * (exc(c[i]!, l[i]!, h[i]!) - before);
      gcost[to]! += diff;
      cost += diff;
    }
    const j = jm[x]!;
    if (j >= 0) {
      const l = jlo[j]!;
      const h = jhi[j]!;
      let key = from * J + j;
      let k = jget(key);
      jadd(key, -1);
      let diff = wJ * (exc(k - 1, l, h) - exc(k, l, h));
      gcost[from]! += diff;
      cost += diff;
      key = to * J + j;
      k = jget(key);
      jadd(key, 1);
      diff = wJ * (exc(k + 1, l, h) - exc(k, l, h));
      gcost[to]! += diff;
      cost += diff;
    }
  };

  const applySwap = (x: number, y: number): void => {
    const g1 = grp[x]!;
    const g2 = grp[y]!;
    shift(x, g1, g2);
    shift(y, g2, g1);
    grp[x] = g2;
    grp[y] = g1;
    const px = pos[x]!;
    const py = pos[y]!;
    slots[px] = y;
    slots[py] = x;
    pos[x] = py;
    pos[y] = px;
    refreshBad(g1);
    refreshBad(g2);
  };

  /** True when x sits in an over-full cell of its group (moving it out helps that cell). */
  const isOver = (x: number): boolean => {
    const g = grp[x]!;
    for (let a = 0; a < A; a++) {
      const V = valueCounts[a]!;
      const i = g * V + attributes[a]![x]!;
      if (cnt[a]![i]! > hi[a]![i]!) return true;
    }
    const j = jm[x]!;
    return j >= 0 && jget(g * J + j) > jhi[j]!;
  };

  const movableList: number[] = [];
  for (let i = 0; i < n; i++) if (movable[i]) movableList.push(i);
  const M = movableList.length;

  const stats: SearchStats = { iterations: 0, perturbations: 0, initialCost, finalCost: cost };
  if (M < 2 || G < 2) return stats;

  let maxSize = 0;
  for (let g = 0; g < G; g++) maxSize = Math.max(maxSize, size[g]!);
  const cand = new Int32Array(maxSize);
  const underA = new Int32Array(maxSize + 64);
  const underV = new Int32Array(maxSize + 64);

  const best = new Int32Array(grp);
  let bestCost = cost;
  let bestSaved = true;
  let lastImprovement = 0;
  const stall = Math.max(5_000, Math.min(10 * n, 100_000));
  // Give up after this many kicks in a row that did not lead to a better assignment.
  const maxFruitlessKicks = 12;
  let fruitlessKicks = 0;
  const temperature = 0.35;
  const partnerSamples = 12;

  const randomMovable = (): number => movableList[rng.int(M)]!;

  let iter = 0;
  while (iter < options.maxIterations && cost > 1e-9) {
    iter++;
    const g = badList[rng.int(badCount)]!;
    const s0 = start[g]!;
    const sz = size[g]!;
    let nc = 0;
    for (let k = 0; k < sz; k++) {
      const x = slots[s0 + k]!;
      if (movable[x] && isOver(x)) cand[nc++] = x;
    }
    let bestD = Number.POSITIVE_INFINITY;
    let bx = -1;
    let by = -1;
    if (nc > 0 && rng.next() < 0.75) {
      const x = cand[rng.int(nc)]!;
      for (let s = 0; s < partnerSamples; s++) {
        let y: number;
        if (s & 1) {
          // A partner sharing x's value on some attribute leaves that attribute unchanged.
          const a = rng.int(A);
          const same = byValue[a]![attributes[a]![x]!]!;
          y = same[rng.int(same.length)]!;
          if (!movable[y]) continue;
        } else y = randomMovable();
        if (grp[y] === g) continue;
        const d = delta(x, y);
        if (d < bestD || (d === bestD && rng.next() < 0.5)) {
          bestD = d;
          bx = x;
          by = y;
        }
      }
    } else {
      // Bring in a value this group lacks (or, with no such cell, try any member).
      let nu = 0;
      for (let a = 0; a < A && nu < underA.length; a++) {
        const V = valueCounts[a]!;
        const c = cnt[a]!;
        const l = lo[a]!;
        for (let v = 0; v < V && nu < underA.length; v++) {
          if (c[g * V + v]! < l[g * V + v]!) {
            underA[nu] = a;
            underV[nu++] = v;
          }
        }
      }
      for (let s = 0; s < 3; s++) {
        let y: number;
        if (nu > 0) {
          const u = rng.int(nu);
          const list = byValue[underA[u]!]![underV[u]!]!;
          y = list[rng.int(list.length)]!;
        } else y = randomMovable();
        if (!movable[y] || grp[y] === g) continue;
        for (let k = 0; k < sz; k++) {
          const x = slots[s0 + k]!;
          if (!movable[x]) continue;
          const d = delta(x, y);
          if (d < bestD || (d === bestD && rng.next() < 0.5)) {
            bestD = d;
            bx = x;
            by = y;
          }
        }
      }
    }
    // Accept non-worsening swaps; worsening ones with a small Metropolis probability.
    if (bx >= 0 && (bestD <= 0 || rng.next() < Math.exp(-bestD / temperature))) {
      if (bestD > 0 && !bestSaved && cost <= bestCost) {
        best.set(grp);
        bestCost = cost;
        bestSaved = true;
      }
      applySwap(bx, by);
      if (cost < bestCost - 1e-9) {
        bestCost = cost;
        bestSaved = false;
        lastImprovement = iter;
        fruitlessKicks = 0;
      }
    }
    if (iter - lastImprovement > stall) {
      // Kick: a few random swaps from the current state.
      if (!bestSaved && cost <= bestCost) {
        best.set(grp);
        bestCost = cost;
        bestSaved = true;
      }
      const kicks = Math.max(3, Math.ceil(n / 200));
      for (let k = 0; k < kicks; k++) {
        const x = randomMovable();
        const y = randomMovable();
        if (grp[x] !== grp[y]) applySwap(x, y);
      }
      stats.perturbations++;
      lastImprovement = iter;
      if (++fruitlessKicks > maxFruitlessKicks) break;
    }
  }

  stats.iterations = iter;
  if (cost > bestCost + 1e-9 && bestSaved) {
    grp.set(best);
    stats.finalCost = bestCost;
  } else stats.finalCost = cost;
  return stats;
}
