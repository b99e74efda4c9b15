/**
 * Shared figures of the benchmarks: percentiles (by simple-statistics) and the summary of a load of turns.
 */
import { quantileSorted } from 'simple-statistics';

/**
 * The p-th percentile (0-100) of values sorted ascending: simple-statistics' quantileSorted, which
 * interpolates linearly between the two nearest ranks (type 7, the default of R and numpy). NaN when empty.
 */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN;
  return quantileSorted(Array.isArray(sorted) ? (sorted as number[]) : Array.from(sorted), p / 100);
}

/** One load of turns: how many, how long, and their latency (ms). */
export interface Load {
  label: string;
  turns: number;
  seconds: number;
  p50: number;
  p99: number;
  max: number;
  errors: number;
}

export function summarize(label: string, latencies: readonly number[], seconds: number, errors: number): Load {
  const sorted = [...latencies].sort((a, b) => a - b);
  return { label, turns: sorted.length, seconds, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) ?? NaN, errors };
}
