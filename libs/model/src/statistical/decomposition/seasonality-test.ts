import { sampleMean, sumOfSquaredDeviations } from '../core/sample-moments';

/**
 * Sample autocorrelations r_1..r_maxLag of y (R's `acf`, statsmodels' `acf`):
 * r_k = Σ_{t<n−k} (y_t − ȳ)(y_{t+k} − ȳ) / Σ_t (y_t − ȳ)². Index k − 1
 * holds r_k. A constant series has no autocorrelation: all zeros.
 */
export function autocorrelations(y: Float64Array, maxLag: number): Float64Array {
  const n = y.length;
  const mean = sampleMean(y);
  const denom = sumOfSquaredDeviations(y, mean);
  const r = new Float64Array(maxLag);
  if (!(denom > 0)) return r;
  for (let k = 1; k <= maxLag && k < n; k++) {
    let s = 0;
    for (let t = 0; t + k < n; t++) s += (y[t]! - mean) * (y[t + k]! - mean);
    r[k - 1] = s / denom;
  }
  return r;
}

/** Φ⁻¹(0.95): the one-sided 90 % test's critical value. */
const Z95 = 1.6448536269514722;

/**
 * The seasonality test of R's `thetaf` and StatsForecast's `AutoTheta`: the
 * lag-m autocorrelation is significant at 90 % (two-sided) under Bartlett's
 * variance, |r_m| > 1.645·√((1 + 2 Σ_{k<m} r_k²)/n). False when m < 2, the
 * series has fewer than 2m points, or it is constant.
 *
 * @example
 * isSeasonal(monthlyY, 12)
 */
export function isSeasonal(y: Float64Array, m: number): boolean {
  const n = y.length;
  if (m < 2 || n < 2 * m) return false;
  const r = autocorrelations(y, m);
  let s = 0;
  for (let k = 0; k < m - 1; k++) s += r[k]! ** 2;
  const stat = Math.sqrt((1 + 2 * s) / n);
  return Math.abs(r[m - 1]!) > Z95 * stat;
}
