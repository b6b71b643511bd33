import type { ArimaOrder } from './arima-order';

/**
 * R's `ARIMA_CSS`: the conditional sum of squares of an ARIMA model. The
 * series is differenced (w = (1 − B)^d (1 − B^m)^D y), then for t ≥ ncond
 *   e_t = w_t − Σ_j phi_j w_{t−j} − Σ_{j < min(t − ncond, q)} theta_j e_{t−j},
 * with e_t = 0 before ncond. Returns Σ e_t² / (number of terms).
 * `w` and `resid` are scratch of length y.length; `resid` holds the e_t after.
 * Only the non-zero lags are visited (a seasonal model's expanded polynomials
 * are mostly zeros); `lags` is scratch of length phi.length + theta.length.
 */
export function conditionalSumOfSquares(
  y: Float64Array,
  o: ArimaOrder,
  phi: Float64Array,
  theta: Float64Array,
  ncond: number,
  w: Float64Array,
  resid: Float64Array,
  lags: Int32Array,
): number {
  const n = y.length;
  w.set(y);
  for (let i = 0; i < o.d; i++) for (let l = n - 1; l > 0; l--) w[l] = w[l]! - w[l - 1]!;
  const m = o.m;
  for (let i = 0; i < o.D; i++) for (let l = n - 1; l >= m; l--) w[l] = w[l]! - w[l - m]!;
  let np = 0;
  for (let j = 0; j < phi.length; j++) if (phi[j] !== 0) lags[np++] = j;
  let nq = np;
  for (let j = 0; j < theta.length; j++) if (theta[j] !== 0) lags[nq++] = j;
  for (let l = 0; l < Math.min(ncond, n); l++) resid[l] = 0;
  let ssq = 0;
  let nu = 0;
  for (let l = ncond; l < n; l++) {
    let tmp = w[l]!;
    for (let i = 0; i < np; i++) {
      const j = lags[i]!;
      tmp -= phi[j]! * w[l - j - 1]!;
    }
    const jmax = l - ncond;
    for (let i = np; i < nq; i++) {
      const j = lags[i]!;
      if (j >= jmax) break;
      tmp -= theta[j]! * resid[l - j - 1]!;
    }
    resid[l] = tmp;
    if (!Number.isNaN(tmp)) {
      nu++;
      ssq += tmp * tmp;
    }
  }
  return ssq / nu;
}
