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

/** Step-wise combination of member arrays, each [h]: comb_i a_{i,k}. */
function combineSteps(arrays: readonly Float64Array[], how: Combination, h: number): Float64Array {
  const out = new Float64Array(h);
  const column = new Float64Array(arrays.length);
  for (let k = 0; k < h; k++) {
    for (let i = 0; i < arrays.length; i++) column[i] = arrays[i]![k]!;
    out[k] = combine(column, how);
  }
  return out;
}

/**
 * Combines member forecasts step by step with one rule: the point forecast is
 * the mean or the median of the members' points, ŷ_k = comb_i ŷ_{i,k}, and each
 * interval bound the same combination of the members' bounds,
 * lo_k = comb_i lo_{i,k} (an approximation: the mixture's quantiles are not a
 * combination of its members'). Mean and median are both monotone, so
 * lo_i ≤ ŷ_i ≤ hi_i for every member gives lo ≤ ŷ ≤ hi (a mean of bounds around
 * a median point would not). Intervals are left out unless every member gives
 * them at every level.
 *
 * @example combineForecasts([a, b, c], 'median', 2, 12)
 * @internal
 */
export function combineForecasts(members: readonly SeriesForecast[], how: Combination, levels: number, h: number): SeriesForecast {
  const mean = combineSteps(
    members.map((f) => f.mean),
    how,
    h,
  );
  if (levels === 0 || !members.every((f) => f.lo.length === levels && f.hi.length === levels)) return { mean, lo: [], hi: [] };
  const lo: Float64Array[] = [];
  const hi: Float64Array[] = [];
  for (let j = 0; j < levels; j++) {
    lo.push(
      combineSteps(
        members.map((f) => f.lo[j]!),
        how,
        h,
      ),
    );
    hi.push(
      combineSteps(
        members.map((f) => f.hi[j]!),
        how,
        h,
      ),
    );
  }
  return { mean, lo, hi };
}
