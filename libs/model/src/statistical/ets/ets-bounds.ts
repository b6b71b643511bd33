import type { EtsParameters } from './ets-filter';
import { maxRootModulus } from '../core/polynomial-roots';

/** R's default `lower` / `upper` for (α, β, γ, φ). */
export const LOWER = Float64Array.of(1e-4, 1e-4, 1e-4, 0.8);
export const UPPER = Float64Array.of(0.9999, 0.9999, 0.9999, 0.98);

/** Which parameters a model estimates. */
export interface EstimatedParameters {
  beta: boolean;
  gamma: boolean;
  phi: boolean;
}

/**
 * R's `bounds = "both"` check (`check_params` of forecast's C++ target):
 * the usual region α ∈ [1e−4, 0.9999], β ∈ [1e−4, min(α, 0.9999)],
 * γ ∈ [1e−4, min(1 − α, 0.9999)], φ ∈ [0.8, 0.98], and then the admissible
 * region of the linear model.
 */
export function parametersAllowed(par: EtsParameters, est: EstimatedParameters, m: number): boolean {
  const { alpha, beta, gamma, phi } = par;
  if (alpha < LOWER[0]! || alpha > UPPER[0]!) return false;
  if (est.beta && (beta < LOWER[1]! || beta > alpha || beta > UPPER[1]!)) return false;
  if (est.phi && (phi < LOWER[3]! || phi > UPPER[3]!)) return false;
  if (est.gamma && (gamma < LOWER[2]! || gamma > 1 - alpha || gamma > UPPER[2]!)) return false;
  return admissible(alpha, est.beta ? beta : 0, est.gamma, gamma, est.phi ? phi : 1, m, est.beta);
}

/**
 * Admissible region (Hyndman et al. 2008, ch. 10): the forecasts of the
 * linear model forget the initial state. Non-seasonal: 1 − 1/φ < α < 1 + 1/φ,
 * α(φ − 1) < β < (1 + φ)(2 − α). Seasonal: the easy bounds on γ, α, β, then
 * every root of the characteristic polynomial
 *   z^{m+1} + (α+β−φ) z^m + (α+β−αφ) (z^{m−1} + … + z²) + (α+β−αφ+γ−1) z + φ(1−α−γ)
 * must lie in |z| <= 1 + 1e−10 (R's `polyroot` test).
 */
export function admissible(
  alpha: number,
  beta: number,
  seasonal: boolean,
  gamma: number,
  phi: number,
  m: number,
  hasBeta: boolean,
): boolean {
  if (phi < 0 || phi > 1 + 1e-8) return false;
  if (!seasonal) {
    if (alpha < 1 - 1 / phi || alpha > 1 + 1 / phi) return false;
    if (hasBeta && (beta < alpha * (phi - 1) || beta > (1 + phi) * (2 - alpha))) return false;
    return true;
  }
  if (m <= 1) return true;
  const d = 1 - 1 / phi - alpha;
  if (gamma < Math.max(d, 0) || gamma > 1 + 1 / phi - alpha) return false;
  if (alpha < 1 - 1 / phi - (gamma * (1 - m + phi + phi * m)) / (2 * phi * m)) return false;
  if (beta < -(1 - phi) * (gamma / m + alpha)) return false;
  // Coefficients by increasing power, the leading one 1.
  const coef = scratch(0, m + 2);
  coef[0] = phi * (1 - alpha - gamma);
  coef[1] = alpha + beta - alpha * phi + gamma - 1;
  for (let k = 2; k < m; k++) coef[k] = alpha + beta - alpha * phi;
  coef[m] = alpha + beta - phi;
  coef[m + 1] = 1;
  // Clear cases by the cheap Schur–Cohn test; roots within 1e−7 of the unit
  // circle (small α and γ put them there) by root finding, as R decides
  // them: Schur–Cohn is ill-conditioned that close to the circle.
  if (rootsWithin(coef, m + 2, 1 - 1e-7)) return true;
  if (!rootsWithin(coef, m + 2, 1 + 1e-7)) return false;
  return maxRootModulus(coef, m + 2) <= 1 + 1e-10;
}

/** Reused buffers: the check runs at every optimizer step, allocation would dominate. */
const buffers: Float64Array[] = [new Float64Array(32), new Float64Array(32), new Float64Array(32)];

/** A reused buffer of at least `length` entries (only the first `length` are meaningful). */
function scratch(slot: number, length: number): Float64Array {
  if (buffers[slot]!.length < length) buffers[slot] = new Float64Array(2 * length);
  return buffers[slot]!;
}

/**
 * Whether every root of Σ a_k z^k (the first `length` coefficients) lies in |z| < r, by the Schur–Cohn
 * recursion on p(rz) (no root finding): with a_n the leading and a_0 the
 * constant coefficient, all roots are inside the unit disc iff |a_0| < |a_n|
 * and so are those of (a_n p(z) − a_0 p*(z)) / z, p* the reversed polynomial.
 */
export function rootsWithin(coefIncreasing: Float64Array, length: number, r: number): boolean {
  let n = length - 1;
  const a = scratch(1, n + 1);
  let scale = 1;
  for (let k = 0; k <= n; k++) {
    a[k] = coefIncreasing[k]! * scale;
    scale *= r;
  }
  const next = scratch(2, n + 1);
  while (n > 0) {
    const an = a[n]!;
    const a0 = a[0]!;
    if (!(Math.abs(a0) < Math.abs(an))) return false;
    // q_j = a_n a_{j+1} − a_0 a_{n−1−j}, j = 0 … n−1.
    for (let j = 0; j < n; j++) next[j] = an * a[j + 1]! - a0 * a[n - 1 - j]!;
    // Rescale to keep the numbers in range.
    const lead = Math.abs(next[n - 1]!);
    for (let j = 0; j < n; j++) a[j] = next[j]! / lead;
    n--;
  }
  return true;
}
