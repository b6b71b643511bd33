import type { SeriesForecast } from '../core/series-fit';

/** How member point forecasts are combined. */
export const COMBINATIONS = ['mean', 'median'] as const;
export type Combination = (typeof COMBINATIONS)[number];

/** Mean or median of `values` (sorted in place for the median). */
function combine(values: Float64Array, how: Combination): number {
  const n = values.length;
  if (how === 'mean') {
    let s = 0;
    for (let i = 0; i < n; i++) s += values[i]!;
    return s / n;
  }
  values.sort();
  return n % 2 === 1 ? values[(n - 1) >> 1]! : (values[n / 2 - 1]! + values[n / 2]!) / 2;
}

/** Step-wise mean of member arrays, each [h]. */
function meanOf(arrays: readonly Float64Array[], h: number): Float64Array {
  const out = new Float64Array(h);
  for (const a of arrays) for (let k = 0; k < h; k++) out[k]! += a[k]! / arrays.length;
  return out;
}

/**
 * Combines member forecasts step by step: the point forecast is the mean or
 * the median of the members' points, ŷ_k = comb_i ŷ_{i,k}; each interval bound
 * is the mean of the members' bounds, lo_k = (1/M) Σ_i lo_{i,k} (an
 * approximation: the mixture's quantiles are not the mean of its members').
 * Intervals are left out unless every member gives them at every level.
 *
 * @example combineForecasts([a, b, c], 'median', 2, 12)
 * @internal
 */
export function combineForecasts(members: readonly SeriesForecast[], how: Combination, levels: number, h: number): SeriesForecast {
  const mean = new Float64Array(h);
  const column = new Float64Array(members.length);
  for (let k = 0; k < h; k++) {
    for (let i = 0; i < members.length; i++) column[i] = members[i]!.mean[k]!;
    mean[k] = combine(column, how);
  }
  if (levels === 0 || !members.every((f) => f.lo.length === levels && f.hi.length === levels)) return { mean, lo: [], hi: [] };
  const lo: Float64Array[] = [];
  const hi: Float64Array[] = [];
  for (let j = 0; j < levels; j++) {
    lo.push(meanOf(members.map((f) => f.lo[j]!), h));
    hi.push(meanOf(members.map((f) => f.hi[j]!), h));
  }
  return { mean, lo, hi };
}
