import { normalBounds } from '../core/normal-quantile';
import type { SeriesForecast } from '../core/series-fit';
import { etsPointForecast } from './ets-filter';
import { simulatedIntervals } from './ets-simulation';
import type { EtsState } from './ets-state';
import { class1Moments, class2Moments, class3Moments, momentClass } from './ets-variance';

/**
 * Point forecasts and prediction intervals of a fitted ETS model, as R's
 * `forecast.ets`: exact variances for classes 1–3 (normal intervals
 * ŷ ± z·√v; class 3's forecast is its mean E[y], which
 * includes a σ² term, as in R), simulation for the rest (multiplicative trend). Anything
 * non-finite (a multiplicative trend gone negative) falls back to `fallback`
 * (the last observation) with zero-width intervals, so no NaN leaves here.
 */
export function forecastEts(fit: EtsState, h: number, levels: readonly number[], fallback: number): SeriesForecast {
  const { components: c, m, par, lastState: x } = fit;
  const state: EtsState = { ...fit, sigma2: Number.isFinite(fit.sigma2) ? Math.max(fit.sigma2, 0) : 0 };
  const mean = etsPointForecast(x, m, c, par.phi, h);
  let finite = true;
  for (let i = 0; i < h; i++) if (!Number.isFinite(mean[i])) finite = false;
  if (!finite) {
    mean.fill(fallback);
    return { mean, lo: levels.map(() => Float64Array.from(mean)), hi: levels.map(() => Float64Array.from(mean)) };
  }
  const cls = momentClass(c);
  if (levels.length === 0 && cls !== 3) return { mean, lo: [], hi: [] };
  if (cls === null) {
    const sim = simulatedIntervals(state, h, levels);
    return { mean, lo: sim.lo.map((v) => finiteOr(v, mean)), hi: sim.hi.map((v) => finiteOr(v, mean)) };
  }
  const moments = cls === 1 ? class1Moments(state, h) : cls === 2 ? class2Moments(state, h) : class3Moments(state, h);
  // R reports the moments' mean: w'F^{j−1}x (classes 1, 2), E[y] with its σ² term (class 3).
  for (let i = 0; i < h; i++) if (Number.isFinite(moments.mean[i])) mean[i] = moments.mean[i]!;
  // A variance that is not finite and positive gives a zero-width interval.
  const sd = Float64Array.from(moments.variance, (v) => (Number.isFinite(v) && v > 0 ? Math.sqrt(v) : 0));
  return { mean, ...normalBounds(mean, sd, levels) };
}

/** Bounds with any non-finite entry replaced by the mean. */
function finiteOr(v: Float64Array, mean: Float64Array): Float64Array {
  for (let i = 0; i < v.length; i++) if (!Number.isFinite(v[i])) v[i] = mean[i]!;
  return v;
}
