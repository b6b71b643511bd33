import { bfgsMinimize, NonFiniteObjectiveError, type BfgsResult } from '../optim/bfgs';
import { numericHessian } from '../optim/numeric-hessian';
import { armaCount, differencingDelta, type ArimaOrder } from './arima-order';
import { ArimaStateSpace } from './arima-state-space';
import { ArmaLikelihood } from './arma-likelihood';
import { expandArma, invTransformCoefficients, partrans, undoTransform } from './arima-transform';
import { coefficientVarianceOk } from './coefficient-variance';
import { conditionalSumOfSquares } from './conditional-sum-of-squares';
import { maInvert } from './ma-invert';
import { difference, regressionStart } from './regression-start';
import { rootsOutside } from './root-check';

/** R's `arima` failed for this order (R stops with an error; `auto.arima` then scores the order +∞). */
export class ArimaFitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ArimaFitError';
  }
}

/** What {@link fitArima} fits besides the ARMA part. */
export interface ArimaFitOptions {
  /** `CSS-ML` (R's default: CSS start, then exact ML) or `CSS` (conditional sum of squares only). */
  method: 'CSS-ML' | 'CSS';
  /**
   * One regressor z [n] with coefficient β (y − βz is the ARIMA): all ones for
   * a mean, 1..n for a drift; null for none.
   */
  regressor: Float64Array | null;
  /** Fixes β instead of estimating it (R's `fixed`). */
  fixedRegression?: number;
  /** Compute R's coefficient variance check (`checkarima`); default true. */
  checkVariance?: boolean;
}

/** A fitted ARIMA, as R's `arima` object. */
export interface ArimaFit {
  order: ArimaOrder;
  /** [p + q + P + Q (+1 with a regressor)], R's layout. */
  coef: Float64Array;
  /** Number of estimated coefficients (R's sum(mask)). */
  nFree: number;
  /** Innovation variance as R's `arima` reports it (ML: Σv²/F / n.used; CSS: the CSS mean). */
  sigma2: number;
  loglik: number;
  /** −2 loglik + 2 (nFree + 1); NaN for CSS, as R. */
  aic: number;
  /** Standardised one-step innovations [n] (CSS: the conditional residuals). */
  residuals: Float64Array;
  nUsed: number;
  /** False where R's `var.coef` would be unusable (singular Hessian or a negative variance). */
  varianceOk: boolean;
  /** Expanded AR polynomial phi [p + mP] (R's `model$phi`). */
  phi: Float64Array;
  /** Expanded MA polynomial theta [q + mQ] (R's `model$theta`). */
  theta: Float64Array;
  /** The state-space model after filtering the whole series: forecasts start here. */
  endState(): ArimaStateSpace;
  regressor: Float64Array | null;
}

/**
 * R's `stats::arima(x, order, seasonal, xreg, method)` with `transform.pars = TRUE`,
 * BFGS as `optim` and the Kalman likelihood of `ARIMA_Like`. The objective of
 * the ML search is ½ (log(Σ v_t²/F_t / ν) + Σ log F_t / ν), of the CSS search
 * ½ log(CSS). Throws {@link ArimaFitError} where R stops.
 */
export function fitArima(x: Float64Array, order: ArimaOrder, options: ArimaFitOptions): ArimaFit {
  const n = x.length;
  const delta = differencingDelta(order);
  const narma = armaCount(order);
  const z = options.regressor;
  const nreg = z ? 1 : 0;
  const ncoef = narma + nreg;
  const nUsed = n - delta.length;
  if (nUsed <= 0) throw new ArimaFitError(`too few observations: n = ${n} with ${delta.length} differences`);
  const regFixed = z !== null && options.fixedRegression !== undefined;
  const nFree = narma + (z && !regFixed ? 1 : 0);
  const coef = new Float64Array(ncoef);
  const parscale = new Float64Array(nFree).fill(1);
  if (z) {
    if (regFixed) coef[narma] = options.fixedRegression!;
    else {
      const start = regressionStart(x, z, order);
      if (!(start.parscale > 0 && Number.isFinite(start.parscale)))
        throw new ArimaFitError('regression start has no finite standard error');
      coef[narma] = start.coef;
      parscale[narma] = start.parscale;
    }
  }
  const phi = new Float64Array(order.p + order.m * order.P);
  const theta = new Float64Array(order.q + order.m * order.Q);
  const model = new ArimaStateSpace(phi, theta, delta);
  const params = new Float64Array(Math.max(ncoef, 1));
  const work = new Float64Array(Math.max(order.p, order.P, 1));
  const xw = new Float64Array(n);
  const cssW = new Float64Array(n);
  const cssResid = new Float64Array(n);
  const lags = new Int32Array(phi.length + theta.length);
  const par = new Float64Array(ncoef);
  let ncond = order.d + order.D * order.m + order.p + order.m * order.P;

  const withFree = (free: Float64Array): Float64Array => {
    par.set(coef);
    for (let i = 0; i < nFree; i++) par[i] = free[i]!;
    return par;
  };
  const regressOut = (c: Float64Array): void => {
    if (!z) xw.set(x);
    else for (let t = 0; t < n; t++) xw[t] = x[t]! - c[narma]! * z[t]!;
  };
  const cssObjective = (free: Float64Array): number => {
    const c = withFree(free);
    expandArma(c, order, false, phi, theta, params, work);
    regressOut(c);
    return 0.5 * Math.log(conditionalSumOfSquares(xw, order, phi, theta, ncond, cssW, cssResid, lags));
  };
  // The ML objective runs on the differenced series: w = Δx − β Δz.
  const dx = difference(x, order);
  const dz = z ? difference(z, order) : null;
  const w = new Float64Array(dx.length);
  const arma = new ArmaLikelihood(phi, theta);
  const mlObjective = (free: Float64Array, transform: boolean): number => {
    const c = withFree(free);
    expandArma(c, order, transform, phi, theta, params, work);
    if (dz) for (let t = 0; t < w.length; t++) w[t] = dx[t]! - c[narma]! * dz[t]!;
    else w.set(dx);
    const value = arma.objective(w);
    return value === Infinity ? Number.MAX_VALUE : value;
  };
  const checkVariance = options.checkVariance ?? true;
  const minimize = (fn: (p: Float64Array) => number, init: Float64Array, maxit?: number): BfgsResult => {
    try {
      return bfgsMinimize(fn, init, { parscale, maxit });
    } catch (e) {
      if (e instanceof NonFiniteObjectiveError) throw new ArimaFitError(e.message);
      throw e;
    }
  };
  const init = coef.slice(0, nFree);

  if (options.method === 'CSS') {
    const res = minimize(cssObjective, init);
    for (let i = 0; i < nFree; i++) coef[i] = res.par[i]!;
    let varianceOk = true;
    if (checkVariance && nFree > 0) {
      const H = numericHessian(cssObjective, res.par, parscale);
      if (!H) throw new ArimaFitError('non-finite finite-difference Hessian');
      varianceOk = coefficientVarianceOk(H, nFree, nUsed, null);
    }
    expandArma(coef, order, false, phi, theta, params, work);
    regressOut(coef);
    const sigma2 = conditionalSumOfSquares(xw, order, phi, theta, ncond, cssW, cssResid, lags);
    const value = 2 * nUsed * res.value + nUsed + nUsed * Math.log(2 * Math.PI);
    // R filters the series once more only to leave the end state in the model; done on demand here.
    const filtered = Float64Array.from(xw);
    const endState = (): ArimaStateSpace => {
      model.reset();
      model.filter(filtered, null);
      return model;
    };
    return {
      order,
      coef,
      nFree,
      sigma2,
      loglik: -0.5 * value,
      aic: NaN,
      residuals: Float64Array.from(cssResid),
      nUsed,
      varianceOk,
      phi,
      theta,
      endState,
      regressor: z,
    };
  }

  // CSS start values.
  if (nFree > 0) {
    const res = minimize(cssObjective, init);
    if (res.converged) init.set(res.par);
  }
  if (order.p > 0 && !rootsOutside(init.subarray(0, order.p), 1)) throw new ArimaFitError('non-stationary AR part from CSS');
  if (order.P > 0 && !rootsOutside(init.subarray(order.p + order.q, order.p + order.q + order.P), 1)) {
    throw new ArimaFitError('non-stationary seasonal AR part from CSS');
  }
  ncond = 0;
  const transform = nFree > 0;
  let start = Float64Array.from(init);
  if (transform) {
    const full = withFree(init).slice();
    start = invTransformCoefficients(full, order).slice(0, nFree);
    invertMa(start, order);
  }
  const fnML = (free: Float64Array): number => mlObjective(free, transform);
  const est = nFree > 0 ? Float64Array.from(minimize(fnML, start).par) : new Float64Array(0);
  let varianceOk = true;
  if (transform) {
    invertMa(est, order);
    if (checkVariance) {
      const H = numericHessian(fnML, est, parscale);
      if (!H) throw new ArimaFitError('non-finite finite-difference Hessian');
      varianceOk = coefficientVarianceOk(H, nFree, nUsed, transformJacobian(withFree(est), order, nFree));
    }
    const undone = undoTransform(withFree(est).slice(), order);
    coef.set(undone.subarray(0, nFree));
  }
  expandArma(coef, order, false, phi, theta, params, work);
  if (!model.reset()) throw new ArimaFitError('non-stationary AR part after ML');
  regressOut(coef);
  const residuals = new Float64Array(n);
  model.filter(xw, residuals);
  const sigma2 = model.ssq / nUsed;
  // R's value is the optimum of its (diffuse, undifferenced) objective: the filter just run.
  const objective = 0.5 * (Math.log(model.ssq / model.nu) + model.sumlog / model.nu);
  const value = 2 * nUsed * objective + nUsed + nUsed * Math.log(2 * Math.PI);
  const loglik = -0.5 * value;
  return {
    order,
    coef,
    nFree,
    sigma2,
    loglik,
    aic: value + 2 * nFree + 2,
    residuals,
    nUsed,
    varianceOk,
    phi,
    theta,
    endState: () => model,
    regressor: z,
  };
}

/** R's `maInvert` on the non-seasonal and seasonal MA blocks, in place. */
function invertMa(c: Float64Array, o: ArimaOrder): void {
  if (o.q > 0) c.set(maInvert(c.slice(o.p, o.p + o.q)), o.p);
  const from = o.p + o.q + o.P;
  if (o.Q > 0) c.set(maInvert(c.slice(from, from + o.Q)), from);
}

/** R's `ARIMA_Gradtrans`: forward differences (step 1e-3) of the AR transforms, identity elsewhere; row-major [k, k]. */
function transformJacobian(raw: Float64Array, o: ArimaOrder, k: number): Float64Array {
  const A = new Float64Array(k * k);
  for (let i = 0; i < k; i++) A[i * k + i] = 1;
  const eps = 1e-3;
  const block = (from: number, len: number): void => {
    if (len === 0) return;
    const w1 = raw.slice(from, from + len);
    const w2 = new Float64Array(len);
    const w3 = new Float64Array(len);
    const work = new Float64Array(len);
    partrans(len, w1, w2, 0, work);
    for (let i = 0; i < len; i++) {
      w1[i] = w1[i]! + eps;
      partrans(len, w1, w3, 0, work);
      for (let j = 0; j < len; j++) A[(from + i) * k + from + j] = (w3[j]! - w2[j]!) / eps;
      w1[i] = w1[i]! - eps;
    }
  };
  block(0, o.p);
  block(o.p + o.q, o.P);
  return A;
}
