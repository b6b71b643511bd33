import type { SeriesFit, SeriesFitter, SeriesForecast } from '../core/series-fit';
import { mstl } from './mstl-decomposition';
import { seasonalNaiveSum } from './seasonal-naive-sum';

/**
 * A fitted MSTL forecaster (StatsForecast `MSTL`): the series is decomposed by
 * {@link mstl}; `trendFitter` (non-seasonal, m = 1) fits the seasonally
 * adjusted series y − Σ S_i, and each seasonal component is continued by its
 * last cycle, so every forecast quantity — the mean and each interval bound —
 * is the trend model's plus ŝ (the trend model's intervals, shifted: the
 * seasonal components are treated as known).
 *
 * Periods with fewer than two full cycles in `y` are dropped (R's rule); with
 * none left the trend model forecasts `y` itself. A trend forecast that is not
 * finite (which a trend model must never give) is replaced by the last
 * adjusted value, without intervals.
 *
 * @example mstlFit(y, [24, 168], (x) => fitAutoEts(x, 1, { model: 'ZZN' })).forecast(48, [80, 95])
 * @internal
 */
export function mstlFit(y: Float64Array, periods: readonly number[], trendFitter: SeriesFitter): SeriesFit {
  const decomposition = mstl(y, periods);
  const trend = trendFitter(decomposition.adjusted, 1);
  const kept = decomposition.periods;
  const last = decomposition.adjusted[y.length - 1]!;
  return {
    label: `MSTL([${kept.join(', ')}], ${trend.label})`,
    forecast(h, levels): SeriesForecast {
      const seasonal = seasonalNaiveSum(decomposition.seasonals, kept, h);
      let f = trend.forecast(h, levels);
      if (!f.mean.every(Number.isFinite)) f = { mean: new Float64Array(h).fill(last), lo: [], hi: [] };
      const shift = (a: Float64Array): Float64Array => a.map((v, k) => v + seasonal[k]!);
      const lo = f.lo.map(shift);
      const hi = f.hi.map(shift);
      const finite = [...lo, ...hi].every((a) => a.every(Number.isFinite));
      return { mean: shift(f.mean), lo: finite ? lo : [], hi: finite ? hi : [] };
    },
  };
}
