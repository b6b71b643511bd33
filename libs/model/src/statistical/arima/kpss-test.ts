import { isConstant } from './is-constant';
import { lagDifference } from './regression-start';
import { sampleMean } from '../core/sample-moments';

/** urca's critical values of the level-stationarity KPSS statistic at 10, 5, 2.5 and 1 %. */
const KPSS_CRITICAL = [0.347, 0.463, 0.574, 0.739];
const KPSS_LEVELS = [0.1, 0.05, 0.025, 0.01];

/**
 * The KPSS statistic for level stationarity, as urca's `ur.kpss(type = "mu")`
 * with forecast's lag l = ⌊3√n / 13⌋: with e_t = x_t − x̄ and S_t = Σ_{s≤t} e_s,
 *   η = (Σ S_t² / n²) / s²(l),  s²(l) = (Σ e_t² + 2 Σ_{k=1..l} (1 − k/(l+1)) Σ_t e_t e_{t−k}) / n.
 */
export function kpssStatistic(x: Float64Array, lag = Math.trunc((3 * Math.sqrt(x.length)) / 13)): number {
  const n = x.length;
  const mean = sampleMean(x);
  let cum = 0;
  let num = 0;
  let s2 = 0;
  for (let t = 0; t < n; t++) {
    const e = x[t]! - mean;
    cum += e;
    num += cum * cum;
    s2 += e * e;
  }
  for (let k = 1; k <= lag; k++) {
    let cov = 0;
    for (let t = k; t < n; t++) cov += (x[t]! - mean) * (x[t - k]! - mean);
    s2 += 2 * (1 - k / (lag + 1)) * cov;
  }
  return num / (n * n) / (s2 / n);
}

/** urca's p-value: linear interpolation of the critical-value table, clamped to [0.01, 0.1] (R's `approx(rule = 2)`). */
export function kpssPValue(stat: number): number {
  if (Number.isNaN(stat)) return NaN;
  if (stat <= KPSS_CRITICAL[0]!) return KPSS_LEVELS[0]!;
  for (let i = 1; i < KPSS_CRITICAL.length; i++) {
    if (stat <= KPSS_CRITICAL[i]!) {
      const f = (stat - KPSS_CRITICAL[i - 1]!) / (KPSS_CRITICAL[i]! - KPSS_CRITICAL[i - 1]!);
      return KPSS_LEVELS[i - 1]! + f * (KPSS_LEVELS[i]! - KPSS_LEVELS[i - 1]!);
    }
  }
  return KPSS_LEVELS[KPSS_LEVELS.length - 1]!;
}

/**
 * forecast's `ndiffs(x, test = "kpss", alpha)`: difference while the KPSS
 * test rejects level stationarity (p < alpha), at most `maxD` times; stop
 * early on a constant series. A statistic that cannot be computed (NaN)
 * stops as R does: no differencing at the start, one less inside the loop.
 */
export function ndiffs(x: Float64Array, maxD = 2, alpha = 0.05): number {
  let d = 0;
  if (isConstant(x)) return d;
  const pValue = (v: Float64Array): number => kpssPValue(kpssStatistic(v));
  let p = pValue(x);
  if (Number.isNaN(p)) return d;
  let w = x;
  while (p < alpha && d < maxD) {
    d++;
    w = lagDifference(w, 1);
    if (isConstant(w)) return d;
    p = pValue(w);
    if (Number.isNaN(p)) return d - 1;
  }
  return d;
}
