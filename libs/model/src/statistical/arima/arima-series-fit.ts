import { normalBounds } from '../core/normal-quantile';
import type { SeriesForecast } from '../core/series-fit';
import type { ArimaFit } from './arima-fit';
import { arimaLabel } from './arima-order';
import type { AutoArimaFit } from './auto-arima';
import { sampleMean, sumOfSquaredDeviations } from '../core/sample-moments';

/**
 * Forecasts of a fitted ARIMA as R's `predict.Arima` / `forecast.Arima`: the
 * Kalman predictor from the filtered end state gives the mean and
 * v_k = Z P_{T+k} Zᵀ; the regression adds β z_{T+k} (z = 1 for a mean,
 * T + k for a drift); the L % interval is mean ± Φ⁻¹(0.5 + L/200) √(v_k σ²).
 * A forecast that is not finite (a numerically explosive model) is replaced
 * by the mean model's.
 */
export function arimaSeriesFit(y: Float64Array, fit: ArimaFit, constant: boolean, sigma2: number, aicc: number): AutoArimaFit {
  const n = y.length;
  const beta = fit.regressor ? fit.coef[fit.coef.length - 1]! : 0;
  // Both regressors are linear in t (1 and t), so z_{T+k} = z_T + k (z_T − z_{T−1}).
  const z = fit.regressor;
  const future = (k: number): number => (z ? z[n - 1]! + k * (n > 1 ? z[n - 1]! - z[n - 2]! : 0) : 0);
  const fallback = meanSeriesFit(y, 'non-finite ARIMA forecast');
  return {
    label: arimaLabel(fit.order, constant),
    order: fit.order,
    constant,
    coef: fit.coef,
    sigma2,
    aicc,
    residuals: fit.residuals,
    forecast(h: number, levels: readonly number[]): SeriesForecast {
      const mean = new Float64Array(h);
      const variance = new Float64Array(h);
      fit.endState().forecast(h, mean, variance);
      for (let k = 0; k < h; k++) mean[k] = mean[k]! + beta * future(k + 1);
      const sd = Float64Array.from(variance, (v) => Math.sqrt(Math.max(0, v * sigma2)));
      const { lo, hi } = normalBounds(mean, sd, levels);
      const finite = (a: Float64Array): boolean => a.every(Number.isFinite);
      if (!finite(mean) || !lo.every(finite) || !hi.every(finite)) return fallback.forecast(h, levels);
      return { mean, lo, hi };
    },
  };
}

/**
 * The fallback where R's `auto.arima` stops with an error: ARIMA(0,0,0) with
 * mean, i.e. the sample mean ȳ with intervals ȳ ± z s √(1 + 1/n) (s the
 * sample standard deviation; 0 for a single point). `reason` is kept in the label.
 */
export function meanSeriesFit(y: Float64Array, reason: string): AutoArimaFit {
  const n = y.length;
  const mean = sampleMean(y);
  const ss = sumOfSquaredDeviations(y, mean);
  const sigma2 = n > 1 ? ss / (n - 1) : 0;
  const residuals = Float64Array.from(y, (v) => v - mean);
  const se = Math.sqrt(sigma2 * (1 + 1 / n));
  return {
    label: `ARIMA(0,0,0) with non-zero mean (fallback: ${reason})`,
    order: { p: 0, d: 0, q: 0, P: 0, D: 0, Q: 0, m: 1 },
    constant: true,
    coef: Float64Array.of(mean),
    sigma2,
    aicc: NaN,
    residuals,
    forecast: (h, levels) => {
      const flat = new Float64Array(h).fill(mean);
      return { mean: flat, ...normalBounds(flat, new Float64Array(h).fill(se), levels) };
    },
  };
}
