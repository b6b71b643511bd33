import { optimalSesAlpha, sesForecast } from './ses';

/**
 * ADIDA's aggregate forecast (StatsForecast `chunk_forecast`): the series is
 * cut into non-overlapping buckets of `level` points aligned to its end (the
 * oldest `n mod level` points are dropped), each bucket summed,
 *
 *   S_i = Σ_{t in bucket i} y_t,
 *
 * and SES with α optimised in [0.1, 0.3] forecasts the next bucket sum. One
 * bucket forecasts itself; a series shorter than one bucket gives its last
 * value. Divide by `level` for the per-period forecast.
 *
 * @internal
 */
export function aggregateSumForecast(y: Float64Array, level: number): number {
  const n = y.length;
  const lost = n % level;
  const buckets = (n - lost) / level;
  if (buckets < 1) return y[n - 1]!;
  const sums = new Float64Array(buckets);
  for (let i = 0; i < buckets; i++) {
    let s = 0;
    const base = lost + i * level;
    for (let j = 0; j < level; j++) s += y[base + j]!;
    sums[i] = s;
  }
  if (buckets === 1) return sums[0]!;
  return sesForecast(sums, optimalSesAlpha(sums));
}
