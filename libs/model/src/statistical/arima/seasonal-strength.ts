import { isConstant } from './is-constant';
import { lagDifference } from './regression-start';
import { stl } from '../decomposition/stl';

/** forecast's threshold on the seasonal strength above which `nsdiffs` differences. */
const SEASONAL_STRENGTH_THRESHOLD = 0.64;

/**
 * forecast's `seas.heuristic`: the strength of seasonality of an STL
 * decomposition (`mstl`, i.e. `stl(x, s.window = 11)` for one season),
 *   F_S = max(0, min(1, 1 − Var(R) / Var(S + R))).
 */
export function seasonalStrength(x: Float64Array, m: number): number {
  const { seasonal, trend } = stl(x, m, { sWindow: 11 });
  const remainder = new Float64Array(x.length);
  const sr = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    remainder[i] = x[i]! - seasonal[i]! - trend[i]!;
    sr[i] = seasonal[i]! + remainder[i]!;
  }
  return Math.max(0, Math.min(1, 1 - variance(remainder) / variance(sr)));
}

/**
 * forecast 8.20's `nsdiffs(x, test = "seas", max.D)`: seasonal differences
 * while the seasonal strength exceeds 0.64, at most `maxD` times; none when
 * m ≥ n, when the series is constant, or when the test cannot run (fewer
 * than two full seasons: R's `stl` stops and `nsdiffs` counts that as 0).
 */
export function nsdiffs(x: Float64Array, m: number, maxD = 1): number {
  let D = 0;
  if (isConstant(x) || m <= 1 || m >= x.length) return D;
  const strong = (v: Float64Array): boolean => {
    if (v.length <= 2 * m) return false;
    const s = seasonalStrength(v, m);
    return s > SEASONAL_STRENGTH_THRESHOLD;
  };
  let dodiff = strong(x);
  let w = x;
  while (dodiff && D < maxD) {
    D++;
    w = lagDifference(w, m);
    if (isConstant(w)) return D;
    dodiff = w.length >= 2 * m && D < maxD ? strong(w) : false;
  }
  return D;
}

/** Sample variance with n − 1 (R's `var`). */
function variance(x: Float64Array): number {
  let mean = 0;
  for (let i = 0; i < x.length; i++) mean += x[i]!;
  mean /= x.length;
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (x[i]! - mean) ** 2;
  return s / (x.length - 1);
}
