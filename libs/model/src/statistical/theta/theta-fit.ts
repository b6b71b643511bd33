import { boundedNelderMead } from '../optim/bounded-nelder-mead';
import { thetaFilter, type ThetaModelType, type ThetaParameters, type ThetaState } from './theta-filter';

/** One theta model fitted to a series. */
export interface ThetaModelFit {
  type: ThetaModelType;
  parameters: ThetaParameters;
  /** Σ_{t≥3} e_t² / (n − 3): the in-sample one-step MSE after the 3-point burn-in (StatsForecast's criterion, up to a constant factor). */
  mse: number;
  /** Gaussian AIC of the errors after the burn-in: (n − 3)·log MSE + 2k, k = 2 (STM, DSTM) or 3 (OTM, DOTM) optimised parameters. */
  aic: number;
  /** One-step errors e [n]. */
  residuals: Float64Array;
  state: ThetaState;
}

/** StatsForecast's bounds: α ∈ [0.1, 0.99], θ ≥ 1, ℓ₀ free. */
const ALPHA_RANGE: [number, number] = [0.1, 0.99];
const THETA_RANGE: [number, number] = [1, 1e10];
const LEVEL_RANGE: [number, number] = [-1e10, 1e10];
/** Errors before this index are a burn-in the criterion ignores (StatsForecast `e.tail(n − 3)`). */
export const THETA_BURN_IN = 3;

/** Whether θ is estimated (OTM, DOTM) or fixed at 2 (STM, DSTM). */
export function optimisesTheta(type: ThetaModelType): boolean {
  return type === 'OTM' || type === 'DOTM';
}

/**
 * Fits one theta model by minimising the in-sample one-step squared error
 * Σ_{t≥3} e_t² over ℓ₀, α (and θ for OTM/DOTM). ℓ₀ enters every model
 * linearly: ℓ_{t−1} carries q^t ℓ₀ and nothing else depends on it, so
 * e_t(ℓ₀) = e_t(0) − q^t ℓ₀ (t ≥ 1) and, for given α and θ, the best ℓ₀ is
 * the least-squares ℓ₀* = Σ e_t(0) q^t / Σ q^{2t} (clamped to ±1e10), with
 * SSE = Σ e_t(0)² − 2ℓ₀ Σ e_t(0) q^t + ℓ₀² Σ q^{2t}. The bounded Nelder–Mead
 * simplex then searches α (and θ) only, from α = 0.5, θ = 2
 * (StatsForecast's `initparamtheta`) or from `start`. The series is divided
 * by its mean |y| first so one tolerance fits every scale (the fit is
 * scale-equivariant). Needs n > 3.
 */
export function fitThetaModel(y: Float64Array, type: ThetaModelType, start?: ThetaParameters): ThetaModelFit {
  const n = y.length;
  if (n <= THETA_BURN_IN) throw new RangeError(`theta models need a series of more than ${THETA_BURN_IN} points, got ${n}`);
  let scale = 0;
  for (let t = 0; t < n; t++) scale += Math.abs(y[t]!) / n;
  if (!(scale > 0)) scale = 1;
  const z = new Float64Array(n);
  for (let t = 0; t < n; t++) z[t] = y[t]! / scale;
  const e = new Float64Array(n);
  const withTheta = optimisesTheta(type);
  const params = (x: Float64Array): ThetaParameters => ({ level0: 0, alpha: x[0]!, theta: withTheta ? x[1]! : 2 });
  const objective = (x: Float64Array): number => profiledLevel(z, type, params(x), e).sse;
  const x0 = withTheta ? [start?.alpha ?? 0.5, start?.theta ?? 2] : [start?.alpha ?? 0.5];
  const lower = withTheta ? [ALPHA_RANGE[0], THETA_RANGE[0]] : [ALPHA_RANGE[0]];
  const upper = withTheta ? [ALPHA_RANGE[1], THETA_RANGE[1]] : [ALPHA_RANGE[1]];
  const best = boundedNelderMead(objective, x0, lower, upper, { tolerance: 1e-10, relativeTolerance: 1e-7, xTolerance: 1e-4 });
  const p = params(best.x);
  const parameters: ThetaParameters = { ...p, level0: profiledLevel(z, type, p, e).level0 * scale };
  const residuals = new Float64Array(n);
  const state = thetaFilter(y, type, parameters, residuals);
  const mse = sumSquaresFrom(residuals, THETA_BURN_IN) / (n - THETA_BURN_IN);
  const k = withTheta ? 3 : 2;
  // A perfect fit (MSE 0) gets a finite, very low AIC rather than −∞.
  const aic = (n - THETA_BURN_IN) * Math.log(Math.max(mse, Number.MIN_VALUE)) + 2 * k;
  return { type, parameters, mse, aic, residuals, state };
}

/**
 * The least-squares ℓ₀ for α and θ of `p` (its own ℓ₀ is ignored) and the
 * SSE after the burn-in it gives; `e` [n] is scratch space.
 */
export function profiledLevel(z: Float64Array, type: ThetaModelType, p: ThetaParameters, e: Float64Array): { level0: number; sse: number } {
  thetaFilter(z, type, { ...p, level0: 0 }, e);
  const q = 1 - p.alpha;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let qt = q ** THETA_BURN_IN;
  for (let t = THETA_BURN_IN; t < z.length; t++) {
    s0 += e[t]! * e[t]!;
    s1 += e[t]! * qt;
    s2 += qt * qt;
    qt *= q;
  }
  const level0 = s2 > 0 ? Math.min(Math.max(s1 / s2, LEVEL_RANGE[0]), LEVEL_RANGE[1]) : 0;
  return { level0, sse: Math.max(0, s0 - 2 * level0 * s1 + level0 * level0 * s2) };
}

/** Σ_{t≥from} e_t². */
export function sumSquaresFrom(e: Float64Array, from: number): number {
  let s = 0;
  for (let t = from; t < e.length; t++) s += e[t]! * e[t]!;
  return s;
}
