import { classicalSeasonal, type DecompositionType } from '../decomposition/classical-decomposition';
import { isSeasonal } from '../decomposition/seasonality-test';

/** A seasonally adjusted series and how to put the season back. */
export interface SeasonalAdjustment {
  type: DecompositionType;
  /** y/S or y − S [n]. */
  adjusted: Float64Array;
  /** The last m seasonal indices, S_{n−m}..S_{n−1}: step j of the forecast uses index j mod m. */
  lastSeason: Float64Array;
}

/**
 * AutoTheta's seasonal adjustment (StatsForecast `auto_theta`, R `thetaf`):
 * when the lag-m autocorrelation test says seasonal, divide by the classical
 * multiplicative seasonal component. Multiplicative needs positive data and
 * indices ≥ 0.01; otherwise the additive decomposition is used (StatsForecast's
 * rule; R's thetaf would leave the series unadjusted). Returns null when
 * the series is not seasonal (or m < 2, or fewer than 2m points).
 */
export function thetaSeasonalAdjustment(y: Float64Array, m: number, preferred: DecompositionType): SeasonalAdjustment | null {
  if (!isSeasonal(y, m)) return null;
  let type = preferred;
  if (type === 'multiplicative' && !(Math.min(...y) > 0)) type = 'additive';
  let seasonal = classicalSeasonal(y, m, type);
  if (type === 'multiplicative' && seasonal.some((s) => s < 0.01)) {
    type = 'additive';
    seasonal = classicalSeasonal(y, m, type);
  }
  const n = y.length;
  const adjusted = Float64Array.from(y, (v, t) => (type === 'multiplicative' ? v / seasonal[t]! : v - seasonal[t]!));
  return { type, adjusted, lastSeason: seasonal.slice(n - m) };
}

/** Puts the season back on forecast values [h] in place: ×S or +S. */
export function reseasonalise(values: Float64Array, adjustment: SeasonalAdjustment): void {
  const { lastSeason, type } = adjustment;
  const m = lastSeason.length;
  for (let j = 0; j < values.length; j++) {
    const s = lastSeason[j % m]!;
    values[j] = type === 'multiplicative' ? values[j]! * s : values[j]! + s;
  }
}
