import { availableParallelism } from 'node:os';
import { checkMinLength, futureTimestamps, type Series, type SeriesFrame } from '@tsforecast/data';
import type { Forecast } from '../../contract/forecast';
import type { FitContext, ForecastModel } from '../../contract/forecast-model';
import { levelsToQuantiles } from '../../losses/forecast-loss';
import { forecastInWorkers } from './forecast-in-workers';
import type { SeriesFitter, SeriesForecast } from './series-fit';

/** Hyperparameters every statistical model has. */
export interface StatisticalHyperparameters {
  /** Season length `m`; defaults to the dataset's (1 = no seasonality). */
  seasonLength: number;
  /** Prediction-interval levels in percent, e.g. `[80, 95]`; `[]` for point forecasts only. */
  level: number[];
}

/** Fewest series per thread before fitting in worker threads pays for their start-up. */
const SERIES_PER_THREAD = 32;

/** One series' forecast, kept with what identifies the history it was fitted on. */
interface CachedForecast {
  length: number;
  lastTs: number;
  lastY: number;
  forecast: SeriesForecast;
}

/**
 * A local statistical model (StatsForecast's contract): each series gets its
 * own fit. `fit` fits every series of the frame, in worker threads when there
 * are enough series, and keeps each series' forecast; `predict` reuses those
 * for a history that ends where the fitted series ended, and fits any other
 * history on the spot (a saved statistical model holds its hyperparameters,
 * not per-series states, so serving forecasts from new history refits it).
 *
 * @internal
 */
export class LocalStatisticalModel<H extends StatisticalHyperparameters> implements ForecastModel<H> {
  private readonly cache = new Map<string, CachedForecast>();

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
    const forecasts = await this.forecastAll(frame.series, context);
    frame.series.forEach((s, i) => this.cache.set(s.id, cacheEntry(s, forecasts[i]!)));
    context.logger.debug('statistical fit done', { model: this.name, series: frame.series.length });
  }

  async predict(history: SeriesFrame): Promise<Forecast> {
    checkMinLength(history, this.minHistory, this.name);
    const levels = this.hyperparameters.level;
    const forecasts = history.series.map((s) => this.cached(s) ?? this.forecastOne(s.y));
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

  /** Every series' forecast: in worker threads when there are enough series, else here. */
  private async forecastAll(series: Series[], context: FitContext): Promise<SeriesForecast[]> {
    const n = series.length;
    const threads = Math.min(context.threads ?? availableParallelism(), Math.floor(n / SERIES_PER_THREAD));
    if (threads > 1) {
      const batch = { model: this.name, hyperparameters: this.hyperparameters, h: this.h, series: series.map((s) => s.y) };
      const forecasts = await forecastInWorkers(batch, {
        threads,
        signal: context.signal,
        onProgress: (done) => context.onProgress?.(done / n, { series: done }),
      });
      if (forecasts !== undefined) return forecasts;
      context.logger.debug('fitting workers could not start; fitting in this thread', { model: this.name });
    }
    const forecasts: SeriesForecast[] = [];
    let lastReport = Date.now();
    for (let i = 0; i < n; i++) {
      context.signal?.throwIfAborted();
      forecasts.push(this.forecastOne(series[i]!.y));
      if (Date.now() - lastReport > 200 || i === n - 1) {
        context.onProgress?.((i + 1) / n, { series: i + 1 });
        lastReport = Date.now();
        // Let timers and signals run between series.
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    return forecasts;
  }

  private forecastOne(y: Float64Array): SeriesForecast {
    return this.fitter(y, this.hyperparameters.seasonLength).forecast(this.h, this.hyperparameters.level);
  }

  /** The forecast kept for series `s` when it was fitted on this very history. */
  private cached(s: Series): SeriesForecast | undefined {
    const entry = this.cache.get(s.id);
    const T = s.y.length;
    return entry && entry.length === T && entry.lastTs === s.ds[T - 1] && entry.lastY === s.y[T - 1] ? entry.forecast : undefined;
  }
}

function cacheEntry(s: Series, forecast: SeriesForecast): CachedForecast {
  const T = s.y.length;
  return { length: T, lastTs: s.ds[T - 1]!, lastY: s.y[T - 1]!, forecast };
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
      const j = levels.findIndex((l) => Math.abs(l - Math.abs(1 - 2 * q) * 100) < 1e-6);
      return q < 0.5 ? f.lo[j]! : f.hi[j]!;
    }),
  );
  return { levels: quantiles, values };
}
