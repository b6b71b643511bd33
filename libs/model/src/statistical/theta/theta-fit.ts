import { boundedNelderMead } from './bounded-nelder-mead';
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
 * Σ_{t≥3} e_t² over ℓ₀, α (and θ for OTM/DOTM), starting from ℓ₀ = y₀/2,
 * α = 0.5, θ = 2 (StatsForecast's `initparamtheta`), or from `start`, with
 * the bounded Nelder–Mead simplex. The series is divided by its mean |y| first so one
 * tolerance fits every scale (the fit is scale-equivariant). Needs n > 3.
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
  const params = (x: Float64Array): ThetaParameters => ({ level0: x[0]!, alpha: x[1]!, theta: withTheta ? x[2]! : 2 });
  const objective = (x: Float64Array): number => {
    thetaFilter(z, type, params(x), e);
    return sumSquaresFrom(e, THETA_BURN_IN);
  };
  const s0 = start ? [start.level0 / scale, start.alpha, start.theta] : [z[0]! / 2, 0.5, 2];
  const x0 = withTheta ? s0 : s0.slice(0, 2);
  const lower = withTheta ? [LEVEL_RANGE[0], ALPHA_RANGE[0], THETA_RANGE[0]] : [LEVEL_RANGE[0], ALPHA_RANGE[0]];
  const upper = withTheta ? [LEVEL_RANGE[1], ALPHA_RANGE[1], THETA_RANGE[1]] : [LEVEL_RANGE[1], ALPHA_RANGE[1]];
  const best = boundedNelderMead(objective, x0, lower, upper, { tolerance: 1e-10, relativeTolerance: 1e-6 });
  const scaled = params(best.x);
  const parameters: ThetaParameters = { ...scaled, level0: scaled.level0 * scale };
  const residuals = new Float64Array(n);
  const state = thetaFilter(y, type, parameters, residuals);
  const mse = sumSquaresFrom(residuals, THETA_BURN_IN) / (n - THETA_BURN_IN);
  const k = withTheta ? 3 : 2;
  // A perfect fit (MSE 0) gets a finite, very low AIC rather than −∞.
  const aic = (n - THETA_BURN_IN) * Math.log(Math.max(mse, Number.MIN_VALUE)) + 2 * k;
  return { type, parameters, mse, aic, residuals, state };
}

/** Σ_{t≥from} e_t². */
export function sumSquaresFrom(e: Float64Array, from: number): number {
  let s = 0;
  for (let t = from; t < e.length; t++) s += e[t]! * e[t]!;
  return s;
}

