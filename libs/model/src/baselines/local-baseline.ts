import { checkMinLength, futureTimestamps, type SeriesFrame } from '@tsforecast/data';
import type { Forecast } from '../contract/forecast';
import type { FitContext, ForecastModel, ModelCapabilities } from '../contract/forecast-model';

/**
 * What every statistical baseline can use: no exogenous variables, one series
 * at a time, and at least `minHistory` points.
 *
 * @internal
 */
export function baselineCapabilities(minHistory: ModelCapabilities['minHistory']): ModelCapabilities {
  return { exogenous: { historic: false, future: false, static: false }, multivariate: false, minHistory };
}

/**
 * Shared shape of the statistical baselines: each forecasts every series on
 * its own from the history given at predict time, so `fit` only checks the
 * data (there is nothing to learn) and `predict` does not need a fit first.
 *
 * @internal
 */
export abstract class LocalBaseline<H extends Record<string, unknown>> implements ForecastModel<H> {
  constructor(
    readonly name: string,
    readonly h: number,
    readonly hyperparameters: Readonly<H>,
    /** Fewest points a series needs. */
    readonly minHistory: number,
  ) {}

  async fit(frame: SeriesFrame, context: FitContext): Promise<void> {
    checkMinLength(frame, this.minHistory, this.name);
    context.logger.debug('baseline fit: nothing to learn', { model: this.name, series: frame.series.length });
    context.onProgress?.(1, {});
  }

  async predict(history: SeriesFrame): Promise<Forecast> {
    checkMinLength(history, this.minHistory, this.name);
    return {
      seriesIds: history.series.map((s) => s.id),
      h: this.h,
      ds: history.series.map((s) => futureTimestamps(s.ds[s.ds.length - 1]!, history.frequency, this.h)),
      mean: history.series.map((s) => this.forecastSeries(s.y)),
    };
  }

  /**
   * The point forecast of one series.
   * @param y the series' history: [T], T >= minHistory
   * @returns [h]
   */
  protected abstract forecastSeries(y: Float64Array): Float64Array;
}
