import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import type { ConfidenceInterval, MeanEstimate, ProportionEstimate } from './types.js';

/**
 * Statistics of the survey results (issue 12), pure: Wilson score intervals for shares, t-based intervals
 * for means and paired differences. Level 95% throughout.
 */

export const CONFIDENCE_LEVEL = 0.95;
/** Standard normal quantile for 97.5% (two-sided 95%). */
export const Z_95 = 1.959963984540054;

/** Wilson score interval for `count` successes out of `n` (n ≥ 1). */
export function wilsonInterval(count: number, n: number, z = Z_95): ConfidenceInterval {
  if (n <= 0) return { lower: 0, upper: 1, level: CONFIDENCE_LEVEL };
  const p = count / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const center = (p + z2 / (2 * n)) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { lower: Math.max(0, center - half), upper: Math.min(1, center + half), level: CONFIDENCE_LEVEL };
}

export function proportion(count: number, n: number): ProportionEstimate {
  return { n, count, share: n > 0 ? count / n : 0, ci: wilsonInterval(count, n) };
}

/** Two-sided 95% critical value of Student's t with `df` degrees of freedom. */
export function tCritical(df: number): number {
  return tQuantile(1 - (1 - CONFIDENCE_LEVEL) / 2, df);
}

/** Mean, sample sd and t interval from running sums (n, Σx, Σx²). */
export function meanFromSums(n: number, sum: number, sumSq: number): MeanEstimate {
  if (n <= 0) return { n: 0, mean: 0, sd: 0 };
  const mean = sum / n;
  if (n < 2) return { n, mean, sd: 0 };
  // Sum of squared deviations; clamp tiny negative values from rounding.
  const ss = Math.max(0, sumSq - (sum * sum) / n);
  const sd = Math.sqrt(ss / (n - 1));
  const half = tCritical(n - 1) * (sd / Math.sqrt(n));
  return { n, mean, sd, ci: { lower: mean - half, upper: mean + half, level: CONFIDENCE_LEVEL } };
}

/** Mean with t interval of a list of values (two-pass, numerically stable). */
export function meanEstimate(values: readonly number[]): MeanEstimate {
  const n = values.length;
  if (n === 0) return { n: 0, mean: 0, sd: 0 };
  let sum = 0;
  for (const v of values) sum += v;
  const mean = sum / n;
  if (n < 2) return { n, mean, sd: 0 };
  let ss = 0;
  for (const v of values) ss += (v - mean) * (v - mean);
  const sd = Math.sqrt(ss / (n - 1));
  const half = tCritical(n - 1) * (sd / Math.sqrt(n));
  return { n, mean, sd, ci: { lower: mean - half, upper: mean + half, level: CONFIDENCE_LEVEL } };
}

/** Paired change (after − before) of linked respondents: mean difference with its t interval. */
export function pairedChange(pairs: ReadonlyArray<readonly [before: number, after: number]>): MeanEstimate {
  return meanEstimate(pairs.map(([b, a]) => a - b));
}
