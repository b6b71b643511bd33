/** `multiplicative`: y = T·S·R; `additive`: y = T + S + R. */
export type DecompositionType = 'multiplicative' | 'additive';

/**
 * The seasonal component of the classical decomposition (R's `decompose`,
 * statsmodels' `seasonal_decompose`): the trend is the centred moving
 * average of order m (for even m the 2×m average, weights
 * [½, 1, …, 1, ½]/m), undefined on the first and last ⌊m/2⌋ points; the
 * detrended series y/T (or y − T) is averaged per position in the season
 * (t mod m, counting from the first point) over the points where the trend
 * exists; the m averages are normalised to mean 1 (or 0). Returns the
 * seasonal component [n] (the m indices repeated along the series).
 * Needs n ≥ 2m (every position then has a detrended value).
 *
 * @example
 * classicalSeasonal(Float64Array.from([1, 3, 1, 3, 1, 3]), 2, 'additive') // [-1, 1, -1, 1, -1, 1]
 */
export function classicalSeasonal(y: Float64Array, m: number, type: DecompositionType): Float64Array {
  const n = y.length;
  if (!Number.isSafeInteger(m) || m < 2 || n < 2 * m) {
    throw new RangeError(`'m' must be an integer in [2, ${Math.floor(n / 2)}] for a series of ${n} points, got ${m}`);
  }
  const sums = new Float64Array(m);
  const counts = new Float64Array(m);
  const half = Math.floor(m / 2);
  const even = m % 2 === 0;
  for (let t = half; t < n - half; t++) {
    // T_t = (1/m) Σ_{k=−⌊m/2⌋..⌊m/2⌋} w_k y_{t+k}, with w at both ends ½ when m is even.
    let s = 0;
    for (let k = -half; k <= half; k++) s += y[t + k]!;
    if (even) s -= 0.5 * (y[t - half]! + y[t + half]!);
    const trend = s / m;
    const p = t % m;
    sums[p] += type === 'multiplicative' ? y[t]! / trend : y[t]! - trend;
    counts[p] += 1;
  }
  const figure = new Float64Array(m);
  let mean = 0;
  for (let p = 0; p < m; p++) {
    figure[p] = sums[p]! / counts[p]!;
    mean += figure[p]! / m;
  }
  for (let p = 0; p < m; p++) figure[p] = type === 'multiplicative' ? figure[p]! / mean : figure[p]! - mean;
  const seasonal = new Float64Array(n);
  for (let t = 0; t < n; t++) seasonal[t] = figure[t % m]!;
  return seasonal;
}
