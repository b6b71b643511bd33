import { stl } from '../decomposition/stl';

/** The components of {@link mstl}, each [n]. */
export interface MstlDecomposition {
  /** Season lengths kept, ascending (each ≥ 2 and < n/2). */
  periods: number[];
  /** One seasonal component per kept period, in the order of `periods`. */
  seasonals: Float64Array[];
  /** Trend of the last STL pass; null without a seasonal period (R then smooths with `supsmu`, which forecasting does not need). */
  trend: Float64Array | null;
  /** Seasonally adjusted series y − Σ seasonals (trend + remainder). */
  adjusted: Float64Array;
}

/**
 * The season lengths R's `mstl` keeps for a series of `n` points: distinct,
 * ascending, at least 2 and fewer than n/2 ("dropping seasonal components
 * with fewer than two full periods").
 *
 * @internal
 */
export function usablePeriods(periods: readonly number[], n: number): number[] {
  return [...new Set(periods)].filter((p) => p >= 2 && p < n / 2).sort((a, b) => a - b);
}

/**
 * MSTL (Bandara, Hyndman & Bergmeir 2021; R `forecast::mstl` defaults): with
 * periods m_1 < … < m_k, `iterate` rounds of
 *
 *   for i: d ← d + S_i;  S_i ← seasonal of stl(d, m_i, s.window = 7 + 4i);  d ← d − S_i
 *
 * starting from d = y, S_i = 0. The trend is the last STL's; y − Σ S_i is what
 * a non-seasonal model forecasts. Without a usable period the series is
 * returned as its own adjusted series.
 *
 * @example mstl(y, [24, 168]).seasonals[1] // the weekly component of hourly data
 * @internal
 */
export function mstl(y: Float64Array, periods: readonly number[], iterate = 2): MstlDecomposition {
  const kept = usablePeriods(periods, y.length);
  const adjusted = Float64Array.from(y);
  const seasonals: Float64Array[] = kept.map(() => new Float64Array(y.length));
  let trend: Float64Array | null = null;
  const rounds = kept.length > 1 ? iterate : 1;
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < kept.length; i++) {
      const s = seasonals[i]!;
      for (let t = 0; t < y.length; t++) adjusted[t]! += s[t]!;
      const fit = stl(adjusted, kept[i]!, { sWindow: 7 + 4 * (i + 1) });
      seasonals[i] = fit.seasonal;
      trend = fit.trend;
      for (let t = 0; t < y.length; t++) adjusted[t]! -= fit.seasonal[t]!;
    }
  }
  return { periods: kept, seasonals, trend, adjusted };
}
