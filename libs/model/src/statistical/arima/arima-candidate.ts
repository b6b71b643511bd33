import { ArimaFitError, fitArima, type ArimaFit } from './arima-fit';
import type { ArimaOrder } from './arima-order';
import { rootsOutside } from './root-check';

/** Information criteria `auto.arima` can rank by. */
export type InformationCriterion = 'aicc' | 'aic' | 'bic';

/** One candidate of the search, scored as forecast's `myarima`. */
export interface ArimaCandidate {
  order: ArimaOrder;
  /** Mean (d + D = 0) or drift (d + D = 1) included. */
  constant: boolean;
  /** The criterion searched on; +∞ when the fit failed or is rejected. */
  ic: number;
  aic: number;
  aicc: number;
  bic: number;
  /** σ² as forecast reports it: Σ e_t² / (n* − k + 1), k = estimated coefficients + 1. */
  sigma2: number;
  fit: ArimaFit | null;
}

/** `drift` = 1..n (d + D = 1), `mean` = 1 (d + D = 0), else none. */
export function constantRegressor(n: number, order: ArimaOrder, constant: boolean): Float64Array | null {
  if (!constant) return null;
  const diffs = order.d + order.D;
  if (diffs === 1) return Float64Array.from({ length: n }, (_, i) => i + 1);
  if (diffs === 0) return new Float64Array(n).fill(1);
  return null;
}

/**
 * forecast's `myarima`: fits `order` (CSS when `approximation`, else CSS-ML),
 * then scores it. With n* = n − d − mD and k = estimated coefficients + 1:
 * AIC (CSS: offset + n* log σ²_CSS + 2k), AICc = AIC + 2k(k+1)/(n* − k − 1),
 * BIC = AIC + k (log n* − 2). The score is +∞ when R's `arima` fails, when a
 * root of the AR or MA polynomial lies within 1.01 of the unit circle, or
 * when the coefficient variances are unusable (`checkarima`).
 */
export function fitCandidate(
  x: Float64Array,
  order: ArimaOrder,
  constant: boolean,
  ic: InformationCriterion,
  approximation: boolean,
  offset: number,
): ArimaCandidate {
  const failed: ArimaCandidate = { order, constant, ic: Infinity, aic: Infinity, aicc: Infinity, bic: Infinity, sigma2: NaN, fit: null };
  let fit: ArimaFit;
  try {
    fit = fitArima(x, order, { method: approximation ? 'CSS' : 'CSS-ML', regressor: constantRegressor(x.length, order, constant) });
  } catch (e) {
    if (e instanceof ArimaFitError) return failed;
    throw e;
  }
  const nstar = x.length - order.d - order.D * order.m;
  const npar = fit.nFree + 1;
  let aic = approximation ? offset + nstar * Math.log(fit.sigma2) + 2 * npar : fit.aic;
  let bic = Infinity;
  let aicc = Infinity;
  let score = Infinity;
  if (!Number.isNaN(aic)) {
    bic = aic + npar * (Math.log(nstar) - 2);
    aicc = aic + (2 * npar * (npar + 1)) / (nstar - npar - 1);
    score = ic === 'aicc' ? aicc : ic === 'aic' ? aic : bic;
  } else aic = Infinity;
  let ss = 0;
  for (let t = 0; t < fit.residuals.length; t++) {
    const e = fit.residuals[t]!;
    if (!Number.isNaN(e)) ss += e * e;
  }
  const sigma2 = ss / (nstar - npar + 1);
  const { phi, theta } = fit;
  let rootsOk = true;
  if (order.p + order.P > 0) rootsOk = rootsOutside(phi, 1.01, 1e-8);
  if (rootsOk && order.q + order.Q > 0 && score < Infinity) {
    const negTheta = Float64Array.from(theta, (v) => -v);
    rootsOk = rootsOutside(negTheta, 1.01, 1e-8);
  }
  if (!rootsOk || !fit.varianceOk) score = Infinity;
  if (Number.isNaN(score)) score = Infinity;
  return { order, constant, ic: score, aic, aicc, bic, sigma2, fit };
}
