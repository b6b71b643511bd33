import { checkMinLength, futureTimestamps, type SeriesFrame } from '@tsforecast/data';
import type { Forecast } from '../../contract/forecast';
import type { FitContext, ForecastModel } from '../../contract/forecast-model';
import { levelsToQuantiles } from '../../losses/forecast-loss';
import type { SeriesFit, SeriesFitter, SeriesForecast } from './series-fit';

/** Hyperparameters every statistical model has. */
export interface StatisticalHyperparameters {
  /** Season length `m`; defaults to the dataset's (1 = no seasonality). */
  seasonLength: number;
  /** Prediction-interval levels in percent, e.g. `[80, 95]`; `[]` for point forecasts only. */
  level: number[];
}

/** One fitted series, kept with what identifies the history it was fitted on. */
interface CachedFit {
  length: number;
  lastTs: number;
  lastY: number;
  fit: SeriesFit;
}

/**
 * A local statistical model (StatsForecast's contract): each series gets its
 * own fit. `fit` fits every series of the frame; `predict` reuses those fits
 * for a history that ends where the fitted series ended, and fits any other
 * history on the spot (a saved statistical model holds its hyperparameters,
 * not per-series states, so serving forecasts from new history refits it).
 *
 * @internal
 */
export class LocalStatisticalModel<H extends StatisticalHyperparameters> implements ForecastModel<H> {
  private readonly fits = new Map<string, CachedFit>();

  constructor(
    readonly name: string,
    readonly h: number,
    readonly hyperparameters: Readonly<H>,
    private readonly fitter: SeriesFitter,
    /** Fewest points a series needs. */
    private readonly minHistory = 1,
  ) {}

  async fit(frame: SeriesFrame, context: FitContext): Promise<void> {
    checkMinLength(frame, this.minHistory, this.name);
    const n = frame.series.length;
    let lastReport = Date.now();
    for (let i = 0; i < n; i++) {
      context.signal?.throwIfAborted();
      const s = frame.series[i]!;
      this.fits.set(s.id, this.fitOne(s.y, s.ds));
      if (Date.now() - lastReport > 200 || i === n - 1) {
        context.onProgress?.((i + 1) / n, { series: i + 1 });
        lastReport = Date.now();
        // Let timers and signals run between series.
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    context.logger.debug('statistical fit done', { model: this.name, series: n });
  }

  async predict(history: SeriesFrame): Promise<Forecast> {
    checkMinLength(history, this.minHistory, this.name);
    const levels = this.hyperparameters.level;
    const forecasts: SeriesForecast[] = history.series.map((s) => this.fitFor(s.id, s.y, s.ds).forecast(this.h, levels));
    const forecast: Forecast = {
      seriesIds: history.series.map((s) => s.id),
      h: this.h,
      ds: history.series.map((s) => futureTimestamps(s.ds[s.ds.length - 1]!, history.frequency, this.h)),
      mean: forecasts.map((f) => f.mean),
    };
    if (levels.length > 0 && forecasts.every((f) => f.lo.length === levels.length && f.hi.length === levels.length)) {
      forecast.quantiles = toQuantiles(levels, forecasts);
    }
    return forecast;
  }

  /** The cached fit of series `id` when it was fitted on this very history, else a new fit. */
  private fitFor(id: string, y: Float64Array, ds: Float64Array): SeriesFit {
    const cached = this.fits.get(id);
    const T = y.length;
    if (cached && cached.length === T && cached.lastTs === ds[T - 1] && cached.lastY === y[T - 1]) return cached.fit;
    return this.fitOne(y, ds).fit;
  }

  private fitOne(y: Float64Array, ds: Float64Array): CachedFit {
    const T = y.length;
    return { length: T, lastTs: ds[T - 1]!, lastY: y[T - 1]!, fit: this.fitter(y, this.hyperparameters.seasonLength) };
  }
}

/**
 * Interval bounds as the quantile arrays of {@link Forecast}: the `L` % interval
 * gives quantiles 0.5 ∓ L/200; the median is the point forecast.
 */
function toQuantiles(levels: readonly number[], forecasts: SeriesForecast[]): NonNullable<Forecast['quantiles']> {
  const quantiles = levelsToQuantiles(levels);
  const values = quantiles.map((q) =>
    forecasts.map((f) => {
      if (q === 0.5) return f.mean;
      const level = Math.round(Math.abs(1 - 2 * q) * 100 * 1e7) / 1e7;
      const j = levels.findIndex((l) => Math.abs(l - level) < 1e-6);
      return q < 0.5 ? f.lo[j]! : f.hi[j]!;
    }),
  );
  return { levels: quantiles, values };
}
