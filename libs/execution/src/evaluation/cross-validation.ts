import { silentLogger, UsageError } from '@tsforecast/config';
import {
  crossValidationWindows,
  evaluateForecasts,
  METRIC_NAMES,
  type Evaluation,
  type MetricName,
  type SeriesFrame,
} from '@tsforecast/data';
import type { FitContext, Forecast, ForecastModel, ModelDefinition } from '@tsforecast/model';

/** A model definition with optional hyperparameter overrides, or a factory of fresh unfitted models. */
export type ModelSource =
  { readonly definition: ModelDefinition; readonly hyperparameters?: Record<string, unknown> } | (() => ForecastModel);

/** Options of {@link crossValidation}. */
export interface CrossValidationRunOptions {
  /** Forecast horizon (test points per window). */
  readonly h: number;
  /** Number of windows (default 1). */
  readonly nWindows?: number;
  /** Points between consecutive cutoffs (default h). */
  readonly stepSize?: number;
  /** Fit a fresh model in every window (default true); false: fit once on the data before the first cutoff. */
  readonly refit?: boolean;
  /** Logging, progress and cancellation for the fits. */
  readonly context?: FitContext;
  /** Season length of MASE (default: the frame's). */
  readonly seasonLength?: number;
}

/** One rolling-origin window: its cutoff, the forecasts made from it and their scores. */
export interface CrossValidationWindowResult {
  readonly index: number;
  /** Last training timestamp of each series, UTC epoch ms: [series]. */
  readonly cutoff: Float64Array;
  readonly forecast: Forecast;
  /** Actual values of the window's test part. */
  readonly actual: SeriesFrame;
  /** Every metric of `@tsforecast/data`, per series and over the panel. */
  readonly evaluation: Evaluation;
  /** Whether a model was fitted for this window. */
  readonly fitted: boolean;
}

/** Result of {@link crossValidation}. */
export interface CrossValidationResult {
  readonly model: string;
  readonly h: number;
  readonly refit: boolean;
  readonly windows: CrossValidationWindowResult[];
  /** Mean over windows of each window's panel metric (NaN windows skipped). */
  readonly overall: Record<MetricName, number>;
}

function newModel(source: ModelSource, h: number, seasonLength: number): ForecastModel {
  if (typeof source === 'function') return source();
  return source.definition.create(h, seasonLength, source.hyperparameters ?? {});
}

/**
 * Rolling-origin cross-validation as NeuralForecast's `cross_validation`:
 * windows from `crossValidationWindows` (the last one ends at the end of each
 * series, earlier ones `stepSize` apart). With `refit` a fresh model is fitted
 * on each window's training part; without, one model is fitted on the data up
 * to the first cutoff and every window is forecast from its own cutoff with it.
 *
 * @example
 * const cv = await crossValidation({ definition: nhits, hyperparameters: { inputSize: 24 } }, frame, { h: 12, nWindows: 3, refit: false });
 * cv.overall.mae
 */
export async function crossValidation(
  source: ModelSource,
  frame: SeriesFrame,
  options: CrossValidationRunOptions,
): Promise<CrossValidationResult> {
  const refit = options.refit ?? true;
  const windows = crossValidationWindows(frame, { h: options.h, nWindows: options.nWindows, stepSize: options.stepSize });
  const context = options.context ?? { logger: silentLogger };
  const m = options.seasonLength ?? frame.seasonLength;
  const results: CrossValidationWindowResult[] = [];
  let model: ForecastModel | undefined;
  for (const w of windows) {
    const fitting = refit || model === undefined;
    if (fitting) {
      model = newModel(source, options.h, m);
      if (model.h !== options.h)
        throw new UsageError(`model '${model.name}' forecasts h=${model.h}, cross-validation needs 'h' = ${options.h}`);
      context.logger.debug('cross-validation fit', { model: model.name, window: w.index });
      await model.fit(w.train, context);
    }
    const forecast = await model!.predict(w.train);
    const evaluation = evaluateForecasts(w.test, forecast, { train: w.train, seasonLength: m });
    results.push({ index: w.index, cutoff: w.cutoff, forecast, actual: w.test, evaluation, fitted: fitting });
  }
  const overall = {} as Record<MetricName, number>;
  for (const name of METRIC_NAMES) {
    const values = results.map((r) => r.evaluation.panel[name]).filter((v) => !Number.isNaN(v));
    overall[name] = values.length === 0 ? Number.NaN : values.reduce((a, b) => a + b, 0) / values.length;
  }
  return { model: model?.name ?? '', h: options.h, refit, windows: results, overall };
}
