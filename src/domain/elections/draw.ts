import { mulberry32, shuffleInPlace } from '../groups/prng.js';

/**
 * The draw by lot that breaks a tie a runoff could not break. Reproducible: anyone with the seed and the
 * tied candidates gets the same order, whatever order the candidates are listed in:
 *
 *   order = Fisher–Yates shuffle of the candidates sorted by personKey, driven by mulberry32(fnv1a32(seed));
 *   the first of `order` wins.
 *
 * The seed is announced and audited with the result. The default seed (`defaultDrawSeed`) is derived from the
 * election, round, role and tied candidates; UTIGyND may give its own (for example a number drawn in the
 * group session) so that nobody can know the result before the tie.
 */

/** FNV-1a over the UTF-16 code units of the text: a 32-bit number, the same on every platform. */
export function fnv1a32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export interface DrawResult {
  seed: string;
  /** Every tied candidate, in drawn order. */
  order: string[];
  winner: string;
}

export function drawByLot(candidates: readonly string[], seed: string): DrawResult {
  const unique = [...new Set(candidates)].sort();
  if (unique.length === 0) throw new Error('A draw needs at least one candidate');
  const order = shuffleInPlace(unique, mulberry32(fnv1a32(seed)));
  return { seed, order, winner: order[0]! };
}

export function defaultDrawSeed(electionId: string, round: number, role: string, tied: readonly string[]): string {
  return `${electionId}|ronda ${round}|${role}|${[...tied].sort().join(',')}`;
}
