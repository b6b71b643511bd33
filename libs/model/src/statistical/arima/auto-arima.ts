import type { SeriesFit } from '../core/series-fit';
import { fitCandidate, type ArimaCandidate, type InformationCriterion } from './arima-candidate';
import { ArimaFitError, fitArima, type ArimaFit } from './arima-fit';
import { arimaSeriesFit, meanSeriesFit } from './arima-series-fit';
import type { ArimaOrder } from './arima-order';
import { isConstant } from './is-constant';
import { ndiffs } from './kpss-test';
import { difference } from './regression-start';
import { nsdiffs } from './seasonal-strength';
import { exhaustiveSearch, stepwiseSearch, type SearchLog, type SearchSpace } from './stepwise-search';

/** Settings of {@link fitAutoArima}; every field defaults to forecast 8.20's `auto.arima`. */
export interface AutoArimaOptions {
  maxP?: number;
  maxQ?: number;
  maxSeasonalP?: number;
  maxSeasonalQ?: number;
  maxOrder?: number;
  maxD?: number;
  maxSeasonalD?: number;
  /** Fixes d instead of testing for it. */
  d?: number;
  /** Fixes D instead of testing for it. */
  D?: number;
  stepwise?: boolean;
  /** CSS during the search, exact ML for the final model; default n > 150 or m > 12. */
  approximation?: boolean | null;
  ic?: InformationCriterion;
  allowDrift?: boolean;
  allowMean?: boolean;
}

/** The selected model, reusable by other models (MSTL, ensembles). */
export interface AutoArimaFit extends SeriesFit {
  order: ArimaOrder;
  /** Mean (d + D = 0) or drift (d + D = 1) in the model. */
  constant: boolean;
  /** [ar…, ma…, sar…, sma…, mean or drift], as R's `coef`. */
  coef: Float64Array;
  sigma2: number;
  aicc: number;
  /** One-step innovations [n] (standardised Kalman innovations, as R's `residuals`). */
  residuals: Float64Array;
}

/**
 * forecast's `auto.arima(y)` (Hyndman & Khandakar 2008) for a series `y` of
 * season length `m`: D by the seasonal-strength test, d by repeated KPSS,
 * then the stepwise (or exhaustive) search over (p, q, P, Q, constant) by
 * AICc, with R's fallbacks (constant series: the mean; constant differences:
 * a random walk, with drift where R adds one). Where R gives up ("No suitable
 * ARIMA model found", too little data) this returns the mean with its sample
 * variance, labelled as the ARIMA(0,0,0) it is.
 *
 * @example
 * const fit = fitAutoArima(airPassengers, 12);
 * fit.label // 'ARIMA(2,1,1)(0,1,0)[12]'
 * fit.forecast(12, [80, 95]).mean
 */
export function fitAutoArima(y: Float64Array, m: number, options: AutoArimaOptions = {}): AutoArimaFit {
  const n = y.length;
  if (n === 0) throw new RangeError("'y' must have at least 1 value, got 0");
  if (isConstant(y)) return constantFit(y, n);
  const period = Math.max(1, Math.round(m));
  let ic: InformationCriterion = options.ic ?? 'aicc';
  if (n <= 3) ic = 'aic';
  let maxP = Math.min(options.maxP ?? 5, Math.floor(n / 3));
  let maxQ = Math.min(options.maxQ ?? 5, Math.floor(n / 3));
  let maxSP = Math.min(options.maxSeasonalP ?? 2, Math.floor(n / 3 / period));
  let maxSQ = Math.min(options.maxSeasonalQ ?? 2, Math.floor(n / 3 / period));
  let D = options.D ?? NaN;
  if (period === 1) {
    D = 0;
    maxSP = maxSQ = 0;
  } else if (Number.isNaN(D) && n <= 2 * period) D = 0;
  else if (Number.isNaN(D)) D = nsdiffs(y, period, options.maxSeasonalD ?? 1);
  let dx = D > 0 ? difference(y, { p: 0, d: 0, q: 0, P: 0, D, Q: 0, m: period }) : y;
  const d = options.d ?? ndiffs(dx, options.maxD ?? 2);
  if (d > 0) dx = difference(dx, { p: 0, d, q: 0, P: 0, D: 0, Q: 0, m: period });
  if (dx.length === 0) return meanSeriesFit(y, 'too few points to difference');
  if (isConstant(dx)) return constantDifferenceFit(y, dx, d, D, period);
  if (period > 1) {
    if (maxSP > 0) maxP = Math.min(maxP, period - 1);
    if (maxSQ > 0) maxQ = Math.min(maxQ, period - 1);
  }
  const approximation = options.approximation ?? (n > 150 || period > 12);
  const offset = approximation ? approximationOffset(y, d, D, period) : 0;
  const space: SearchSpace = {
    d,
    D,
    m: period,
    maxP,
    maxQ,
    maxSeasonalP: maxSP,
    maxSeasonalQ: maxSQ,
    maxOrder: options.maxOrder ?? 5,
    ic,
    approximation,
    offset,
    allowDrift: (options.allowDrift ?? true) && d + D === 1,
    allowMean: (options.allowMean ?? true) && d + D === 0,
  };
  const best = (options.stepwise ?? true) ? stepwiseFinal(y, space) : exhaustiveFinal(y, space);
  if (!best?.fit || best.ic === Infinity) return meanSeriesFit(y, 'no suitable ARIMA model');
  return arimaSeriesFit(y, best.fit, best.constant, best.sigma2, best.aicc);
}

/** Stepwise search, then (with the approximation) the models refitted by exact ML in order of their CSS score until one is accepted. */
function stepwiseFinal(y: Float64Array, space: SearchSpace): ArimaCandidate | null {
  const log: SearchLog = [];
  const best = stepwiseSearch(y, space, log);
  if (!space.approximation || !best.fit) return best;
  const ranked = [...log].sort((a, b) => a.ic - b.ic);
  for (const c of ranked) {
    const exact = fitCandidate(y, c.order, c.constant, space.ic, false, 0);
    if (exact.ic < Infinity) return exact;
  }
  return best;
}

/** Exhaustive search; with the approximation the winner is refitted exactly, or the search is rerun exactly if that fails (R's `search.arima`). */
function exhaustiveFinal(y: Float64Array, space: SearchSpace): ArimaCandidate | null {
  const best = exhaustiveSearch(y, space, []);
  if (!best || !space.approximation) return best;
  const exact = fitCandidate(y, best.order, best.constant, space.ic, false, 0);
  if (exact.ic < Infinity) return exact;
  return exhaustiveSearch(y, { ...space, approximation: false }, []);
}

/**
 * R's offset that puts CSS scores on the scale of the exact likelihood:
 * −2 loglik − n log σ² of ARIMA(0,d,0)(0,D,0) (with mean when d + D = 0), fitted by CSS-ML.
 */
function approximationOffset(y: Float64Array, d: number, D: number, m: number): number {
  const order: ArimaOrder = { p: 0, d, q: 0, P: 0, D, Q: 0, m };
  try {
    const fit = fitArima(y, order, { method: 'CSS-ML', regressor: d + D === 0 ? new Float64Array(y.length).fill(1) : null });
    return -2 * fit.loglik - y.length * Math.log(fit.sigma2);
  } catch (e) {
    if (e instanceof ArimaFitError) return 0;
    throw e;
  }
}

/** R's constant-series model: ARIMA(0,0,0) with the mean fixed; forecasts repeat the value with zero width. */
function constantFit(y: Float64Array, n: number): AutoArimaFit {
  const value = y[0]!;
  return {
    label: 'ARIMA(0,0,0) with non-zero mean',
    order: { p: 0, d: 0, q: 0, P: 0, D: 0, Q: 0, m: 1 },
    constant: true,
    coef: Float64Array.of(value),
    sigma2: 0,
    aicc: NaN,
    residuals: new Float64Array(n),
    forecast: (h, levels) => ({
      mean: new Float64Array(h).fill(value),
      lo: levels.map(() => new Float64Array(h).fill(value)),
      hi: levels.map(() => new Float64Array(h).fill(value)),
    }),
  };
}

/**
 * R's model when the differenced series is constant: ARIMA(0,d,0)(0,D,0),
 * with a drift fixed to the mean difference (per season when only D = 1)
 * where d + D = 1 and a mean where d + D = 0.
 */
function constantDifferenceFit(y: Float64Array, dx: Float64Array, d: number, D: number, m: number): AutoArimaFit {
  const order: ArimaOrder = { p: 0, d, q: 0, P: 0, D, Q: 0, m: D > 0 ? m : 1 };
  let meanDx = 0;
  for (let i = 0; i < dx.length; i++) meanDx += dx[i]!;
  meanDx /= dx.length;
  const withConstant = d + D <= 1;
  const regressor = !withConstant
    ? null
    : d + D === 1
      ? Float64Array.from({ length: y.length }, (_, i) => i + 1)
      : new Float64Array(y.length).fill(1);
  const fixed = D > 0 && d === 0 ? meanDx / m : meanDx;
  let fit: ArimaFit;
  try {
    fit = fitArima(y, order, { method: 'CSS-ML', regressor, fixedRegression: withConstant ? fixed : undefined, checkVariance: false });
  } catch (e) {
    if (e instanceof ArimaFitError) return meanSeriesFit(y, 'constant differences could not be fitted');
    throw e;
  }
  const nstar = y.length - d - D * m;
  let ss = 0;
  for (const e of fit.residuals) if (!Number.isNaN(e)) ss += e * e;
  const sigma2 = ss / (nstar - fit.nFree);
  return arimaSeriesFit(y, fit, withConstant, sigma2, NaN);
}
