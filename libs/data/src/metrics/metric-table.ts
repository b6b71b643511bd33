import { UsageError } from '@tsforecast/config';
import { mase } from './mase';
import { mae, mape, mse, rmse, smape } from './point-metrics';

/** What a metric may need beyond the actual and forecast values of one series. */
export interface MetricContext {
  /** Training values of the series (MASE's scale): [T]. */
  readonly yTrain?: Float64Array;
  readonly seasonLength: number;
}

/** One metric: how it scores a series, and whether it needs the training part. Lower is better for every metric. */
export interface MetricFn {
  /** Scores one series: y, yHat: [h]. */
  readonly score: (y: Float64Array, yHat: Float64Array, context: MetricContext) => number;
  /** True when `score` needs `context.yTrain` (a scaled metric such as MASE). */
  readonly needsTrain: boolean;
}

const pointMetric = (fn: (y: Float64Array, yHat: Float64Array) => number): MetricFn => ({
  score: (y, yHat) => fn(y, yHat),
  needsTrain: false,
});

const table = {
  mae: pointMetric(mae),
  mse: pointMetric(mse),
  rmse: pointMetric(rmse),
  mape: pointMetric(mape),
  smape: pointMetric(smape),
  mase: {
    score: (y, yHat, { yTrain, seasonLength }) => {
      if (yTrain === undefined) throw new UsageError("metric 'mase' needs the training frame ('train') for its scale");
      return mase(y, yHat, yTrain, seasonLength);
    },
    needsTrain: true,
  },
} satisfies Record<string, MetricFn>;

/** A metric's name: a key of {@link METRICS}. */
export type MetricName = keyof typeof table;

/**
 * The one table of forecast metrics. Every list of metrics derives from it:
 * `--rank-by` choices, evaluation, leaderboard and report columns, CSV headers,
 * what is stored per run. Adding a metric is one entry here plus its case in
 * `metric-table.spec.ts`. Definitions: docs/METRICS.md.
 *
 * @example
 * METRICS.smape.score(y, yHat, { seasonLength: 12 })
 */
export const METRICS: { readonly [K in MetricName]: MetricFn } = table;

/** The metric names in table order (`mae, mse, rmse, mape, smape, mase`). */
export const METRIC_NAMES = Object.keys(METRICS) as readonly MetricName[];

/**
 * `value` as a metric name, or a UsageError (exit 2) naming the field and the valid metrics.
 *
 * @example
 * const rankBy = requireMetricName(flags.rankBy, "'rankBy' (--rank-by)");
 */
export function requireMetricName(value: unknown, field: string): MetricName {
  if (typeof value === 'string' && Object.hasOwn(METRICS, value)) return value as MetricName;
  throw new UsageError(`${field} must be a metric, one of ${METRIC_NAMES.join(', ')}; got '${String(value)}'`);
}
