import { TsforecastError, UsageError } from '@tsforecast/config';
import type { SeriesFrame } from '../frame/series-frame';
import { explainPanelMetric, explainSeriesMetric, type NonFiniteMetric } from './explain-non-finite';
import { METRICS, METRIC_NAMES, type MetricName } from './metric-table';

/** Point forecasts per series (the model lib's `Forecast` fits this shape). */
export interface PointForecasts {
  seriesIds: readonly string[];
  /** One forecast per series: [series][h]. */
  mean: readonly Float64Array[];
}

/** Metric values of one series. */
export interface SeriesScores {
  id: string;
  values: Record<MetricName, number>;
}

/** Per-series metrics and their panel aggregate. */
export interface Evaluation {
  perSeries: SeriesScores[];
  /**
   * Mean over series of each metric, skipping series where it is NaN (e.g.
   * MAPE of an all-zero series), as utilsforecast's `evaluate` + pandas mean
   * do; NaN if every series is NaN. Infinity propagates.
   */
  panel: Record<MetricName, number>;
  /**
   * Every per-series and panel value that is NaN or ±Infinity, with the
   * cause (a non-finite forecast, a zero MASE scale, float overflow, ...), for
   * the caller to log and to keep such values out of rankings. Empty when all
   * values are finite.
   */
  nonFinite: NonFiniteMetric[];
}

/** Options of {@link evaluateForecasts}. */
export interface EvaluateOptions {
  /** The training part, needed for MASE: same series ids as the test frame. */
  train?: SeriesFrame;
  /** Season length of the MASE scale (default: the test frame's). */
  seasonLength?: number;
  /** Metrics to compute (default: all; MASE only when `train` is given). */
  metrics?: readonly MetricName[];
}

/** Mean of the non-NaN values; NaN if there are none. */
function meanSkippingNaN(values: readonly number[]): number {
  let sum = 0;
  let count = 0;
  for (const v of values) {
    if (Number.isNaN(v)) continue;
    sum += v;
    count++;
  }
  return count === 0 ? Number.NaN : sum / count;
}

/**
 * Scores forecasts against the actual test values, series by series, then
 * averages each metric over series, like the M4 competition and
 * utilsforecast's `evaluate` (so every series weighs the same, whatever its
 * scale or length). Panel RMSE is the mean of per-series RMSEs. A NaN or
 * infinite value is never silent: each one is listed with its cause in
 * `nonFinite`. Definitions: docs/METRICS.md.
 *
 * @throws UsageError if MASE is asked for without `train`.
 * @throws TsforecastError if a test series has no forecast or lengths differ.
 * @example
 * const { panel } = evaluateForecasts(test, forecast, { train });
 * panel.mase
 */
export function evaluateForecasts(test: SeriesFrame, forecasts: PointForecasts, options: EvaluateOptions = {}): Evaluation {
  const metrics = options.metrics ?? METRIC_NAMES.filter((name) => !METRICS[name].needsTrain || options.train !== undefined);
  const m = options.seasonLength ?? test.seasonLength;
  const needsTrain = metrics.find((name) => METRICS[name].needsTrain);
  if (needsTrain !== undefined && options.train === undefined) {
    throw new UsageError(`metric '${needsTrain}' needs the training frame ('train') for its scale`);
  }
  const forecastIndex = new Map(forecasts.seriesIds.map((id, i) => [id, i]));
  const trainById = new Map((options.train?.series ?? []).map((s) => [s.id, s]));

  const nonFinite: NonFiniteMetric[] = [];
  const perSeries = test.series.map((series): SeriesScores => {
    const i = forecastIndex.get(series.id);
    if (i === undefined) throw new TsforecastError(`no forecast for series '${series.id}'`);
    const yHat = forecasts.mean[i]!;
    if (yHat.length !== series.y.length) {
      throw new TsforecastError(`forecast of series '${series.id}' has ${yHat.length} points, its test part ${series.y.length}`);
    }
    const values = {} as Record<MetricName, number>;
    for (const name of metrics) {
      const metric = METRICS[name];
      const yTrain = metric.needsTrain ? trainById.get(series.id)?.y : undefined;
      if (metric.needsTrain && yTrain === undefined) {
        throw new TsforecastError(`no training part for series '${series.id}' (needed for ${name})`);
      }
      values[name] = metric.score(series.y, yHat, { yTrain, seasonLength: m });
      if (!Number.isFinite(values[name])) {
        nonFinite.push(explainSeriesMetric(name, series.id, values[name], { y: series.y, yHat, yTrain, seasonLength: m }));
      }
    }
    return { id: series.id, values };
  });

  const panel = {} as Record<MetricName, number>;
  for (const name of metrics) {
    const values = perSeries.map((s) => ({ id: s.id, value: s.values[name] }));
    panel[name] = meanSkippingNaN(values.map((v) => v.value));
    if (!Number.isFinite(panel[name])) nonFinite.push(explainPanelMetric(name, panel[name], values));
  }
  return { perSeries, panel, nonFinite };
}
