/**
 * The two series Croston's method smooths (StatsForecast `_demand` and
 * `_intervals`): the positive demand sizes z_j, and the inter-demand intervals
 * p_j = t_j − t_{j−1} between non-zero values (t_0 = 0, times 1-based, so the
 * first interval counts the leading zeros plus one).
 *
 * @example demandSizes(Float64Array.of(0, 3, 0, 0, 5)) // [3, 5]
 * @example interDemandIntervals(Float64Array.of(0, 3, 0, 0, 5)) // [2, 3]
 * @internal
 */
export function demandSizes(y: Float64Array): Float64Array {
  let count = 0;
  for (let t = 0; t < y.length; t++) if (y[t]! > 0) count++;
  const z = new Float64Array(count);
  let j = 0;
  for (let t = 0; t < y.length; t++) if (y[t]! > 0) z[j++] = y[t]!;
  return z;
}

/** @internal See {@link demandSizes}. */
export function interDemandIntervals(y: Float64Array): Float64Array {
  let count = 0;
  for (let t = 0; t < y.length; t++) if (y[t] !== 0) count++;
  const p = new Float64Array(count);
  let j = 0;
  let previous = 0;
  for (let t = 0; t < y.length; t++) {
    if (y[t] === 0) continue;
    p[j++] = t + 1 - previous;
    previous = t + 1;
  }
  return p;
}

/** Whether every value is 0. @internal */
export function allZero(y: Float64Array): boolean {
  for (let t = 0; t < y.length; t++) if (y[t] !== 0) return false;
  return true;
}

/**
 * Python's `round` (half to even), which StatsForecast applies to the mean
 * inter-demand interval to choose an aggregation level: 2.5 → 2, 3.5 → 4.
 *
 * @internal
 */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x - Math.trunc(x)) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/**
 * The aggregation level of ADIDA and the largest of IMAPA: the mean
 * inter-demand interval rounded half to even (≥ 1; the series has a non-zero).
 *
 * @internal
 */
export function aggregationLevel(y: Float64Array): number {
  const p = interDemandIntervals(y);
  let sum = 0;
  for (let j = 0; j < p.length; j++) sum += p[j]!;
  return Math.max(1, roundHalfEven(sum / p.length));
}
