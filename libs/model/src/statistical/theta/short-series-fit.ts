import { normalBounds } from '../core/normal-quantile';
import type { SeriesFit, SeriesForecast } from '../core/series-fit';

/**
 * The fallback of AutoTheta and AutoCES for series too short for their
 * models (or a fit that failed to give finite numbers): the naive forecast
 * ŷ_{T+j} = y_T with random-walk intervals, Var(y_{T+j}) = j σ², σ² the mean
 * squared first difference. One point gives zero-width intervals (nothing
 * to estimate a spread from).
 *
 * @internal
 */
export function naiveFallbackFit(y: Float64Array, label: string): SeriesFit {
  const n = y.length;
  const last = y[n - 1]!;
  let ss = 0;
  for (let t = 1; t < n; t++) ss += (y[t]! - y[t - 1]!) ** 2;
  const sigma = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
  return {
    label,
    forecast(h, levels): SeriesForecast {
      const mean = new Float64Array(h).fill(last);
      const sd = Float64Array.from(mean, (_, j) => sigma * Math.sqrt(j + 1));
      return { mean, ...normalBounds(mean, sd, levels) };
    },
  };
}

/** Whether every value of every array is finite. @internal */
export function allFinite(...arrays: Float64Array[]): boolean {
  for (const a of arrays) for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i]!)) return false;
  return true;
}

/** Whether all values are equal (to within 1e-10 of the largest |y|). @internal */
export function isConstantSeries(y: Float64Array): boolean {
  let lo = Infinity;
  let hi = -Infinity;
  for (let t = 0; t < y.length; t++) {
    lo = Math.min(lo, y[t]!);
    hi = Math.max(hi, y[t]!);
  }
  return hi - lo <= 1e-10 * Math.max(1, Math.abs(hi), Math.abs(lo));
}
