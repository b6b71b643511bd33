import type { ArimaOrder } from './arima-order';

/** Start value and search scale of a regression coefficient (mean or drift). */
export interface RegressionStart {
  coef: number;
  /** R's parscale for it: 10 × the standard error of the start value. */
  parscale: number;
}

/**
 * R's start for the regression coefficient of `arima`: least squares without
 * intercept of the differenced series on the differenced regressor,
 * β = Σ Δx Δz / Σ Δz², se = √(RSS / (N − 1) / Σ Δz²); when the differenced
 * regressor is all zero (or too short) the undifferenced pair is used.
 */
export function regressionStart(x: Float64Array, z: Float64Array, o: ArimaOrder): RegressionStart {
  const dx = difference(x, o);
  const dz = difference(z, o);
  let fit = leastSquares(dx, dz);
  if (!fit) fit = leastSquares(x, z);
  if (!fit) return { coef: 0, parscale: NaN };
  return fit;
}

function leastSquares(x: Float64Array, z: Float64Array): RegressionStart | null {
  const n = x.length;
  if (n <= 1) return null;
  let zz = 0;
  let xz = 0;
  for (let i = 0; i < n; i++) {
    zz += z[i]! * z[i]!;
    xz += x[i]! * z[i]!;
  }
  if (!(zz > 0)) return null;
  const beta = xz / zz;
  let rss = 0;
  for (let i = 0; i < n; i++) {
    const e = x[i]! - beta * z[i]!;
    rss += e * e;
  }
  const se = Math.sqrt(rss / (n - 1) / zz);
  return { coef: beta, parscale: 10 * se };
}

/** (1 − B)^d (1 − B^m)^D x, dropping the first d + mD values. */
export function difference(x: Float64Array, o: ArimaOrder): Float64Array {
  let w = x;
  for (let i = 0; i < o.d; i++) w = lagDifference(w, 1);
  for (let i = 0; i < o.D; i++) w = lagDifference(w, o.m);
  return w;
}

/** x_t − x_{t−lag}, t = lag..n−1. */
export function lagDifference(x: Float64Array, lag: number): Float64Array {
  const out = new Float64Array(Math.max(0, x.length - lag));
  for (let t = lag; t < x.length; t++) out[t - lag] = x[t]! - x[t - lag]!;
  return out;
}
