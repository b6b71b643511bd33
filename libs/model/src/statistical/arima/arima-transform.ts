import type { ArimaOrder } from './arima-order';

/**
 * R's `partrans`: maps unconstrained values to a stationary AR polynomial.
 * Step 1: the partial autocorrelations φ_kk = tanh(raw_k) lie in (−1, 1).
 * Step 2: Durbin–Levinson, φ_{j,k} = φ_{j−1,k} − φ_jj φ_{j−1,j−k}, gives the
 * AR coefficients φ_{p,·}. Reads raw[from..from+p), writes out[from..from+p).
 */
export function partrans(p: number, raw: Float64Array, out: Float64Array, from: number, work: Float64Array): void {
  for (let j = 0; j < p; j++) {
    const v = Math.tanh(raw[from + j]!);
    out[from + j] = v;
    work[j] = v;
  }
  for (let j = 1; j < p; j++) {
    const a = out[from + j]!;
    for (let k = 0; k < j; k++) work[k] = work[k]! - a * out[from + j - k - 1]!;
    for (let k = 0; k < j; k++) out[from + k] = work[k]!;
  }
}

/**
 * R's `invpartrans`, the inverse of {@link partrans}: Durbin–Levinson run
 * backwards, φ_{j−1,k} = (φ_{j,k} + φ_jj φ_{j,j−k}) / (1 − φ_jj²), then atanh.
 */
export function invpartrans(p: number, phi: Float64Array, out: Float64Array, from: number): void {
  const work = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    out[from + j] = phi[from + j]!;
    work[j] = phi[from + j]!;
  }
  for (let j = p - 1; j > 0; j--) {
    const a = out[from + j]!;
    for (let k = 0; k < j; k++) work[k] = (out[from + k]! + a * out[from + j - k - 1]!) / (1 - a * a);
    for (let k = 0; k < j; k++) out[from + k] = work[k]!;
  }
  for (let j = 0; j < p; j++) out[from + j] = Math.atanh(out[from + j]!);
}

/** Coefficients in the unconstrained space of the ML search (R's `ARIMA_Invtrans`). */
export function invTransformCoefficients(coef: Float64Array, o: ArimaOrder): Float64Array {
  const out = Float64Array.from(coef);
  if (o.p > 0) invpartrans(o.p, coef, out, 0);
  if (o.P > 0) invpartrans(o.P, coef, out, o.p + o.q);
  return out;
}

/** Coefficients back from the unconstrained space (R's `ARIMA_undoPars`). */
export function undoTransform(raw: Float64Array, o: ArimaOrder): Float64Array {
  const out = Float64Array.from(raw);
  const work = new Float64Array(Math.max(o.p, o.P, 1));
  if (o.p > 0) partrans(o.p, raw, out, 0, work);
  if (o.P > 0) partrans(o.P, raw, out, o.p + o.q, work);
  return out;
}

/**
 * R's `ARIMA_transPars`: expands the multiplicative seasonal model into the
 * full polynomials, φ(B) = (1 − Σ φ_i B^i)(1 − Σ Φ_j B^{jm}) = 1 − Σ phi_k B^k
 * and θ(B) = (1 + Σ θ_i B^i)(1 + Σ Θ_j B^{jm}) = 1 + Σ theta_k B^k.
 * `phi` is [p + mP], `theta` [q + mQ]; `params` is scratch of the coefficient length.
 */
export function expandArma(
  coef: Float64Array,
  o: ArimaOrder,
  transform: boolean,
  phi: Float64Array,
  theta: Float64Array,
  params: Float64Array,
  work: Float64Array,
): void {
  const { p, q, P, Q, m } = o;
  for (let i = 0; i < p + q + P + Q; i++) params[i] = coef[i]!;
  if (transform) {
    if (p > 0) partrans(p, coef, params, 0, work);
    if (P > 0) partrans(P, coef, params, p + q, work);
  }
  phi.fill(0);
  theta.fill(0);
  for (let i = 0; i < p; i++) phi[i] = params[i]!;
  for (let i = 0; i < q; i++) theta[i] = params[p + i]!;
  for (let j = 0; j < P; j++) {
    const sar = params[p + q + j]!;
    phi[(j + 1) * m - 1] = phi[(j + 1) * m - 1]! + sar;
    for (let i = 0; i < p; i++) phi[(j + 1) * m + i] = phi[(j + 1) * m + i]! - params[i]! * sar;
  }
  for (let j = 0; j < Q; j++) {
    const sma = params[p + q + P + j]!;
    theta[(j + 1) * m - 1] = theta[(j + 1) * m - 1]! + sma;
    for (let i = 0; i < q; i++) theta[(j + 1) * m + i] = theta[(j + 1) * m + i]! + params[p + i]! * sma;
  }
}
