import { seasonalNaiveScale } from './mase';

/** A metric value that is NaN or ±Infinity, and why. */
export interface NonFiniteMetric {
  metric: string;
  /** The series, or null for the panel aggregate. */
  seriesId: string | null;
  value: number;
  /** One line for the log: `mase of series 'A' is Infinity: the MASE scale is 0 (...)`. */
  text: string;
}

/** The data one series' metric was computed from. @internal */
export interface MetricInputs {
  /** actual values: [h] */
  y: Float64Array;
  /** forecasts: [h] */
  yHat: Float64Array;
  /** training values (MASE only): [T] */
  yTrain?: Float64Array;
  seasonLength: number;
}

function firstNonFinite(values: Float64Array): number {
  for (let t = 0; t < values.length; t++) if (!Number.isFinite(values[t]!)) return t;
  return -1;
}

function largestMagnitude(...arrays: Float64Array[]): number {
  let largest = 0;
  for (const values of arrays) for (const v of values) largest = Math.max(largest, Math.abs(v));
  return largest;
}

/** Why a per-series metric came out non-finite, most specific cause first. */
function cause(metric: string, inputs: MetricInputs): string {
  const { y, yHat, yTrain } = inputs;
  const badForecast = firstNonFinite(yHat);
  if (badForecast >= 0) return `the forecast is ${yHat[badForecast]} at step ${badForecast + 1}`;
  const badActual = firstNonFinite(y);
  if (badActual >= 0) return `the actual value is ${y[badActual]} at step ${badActual + 1}`;
  if (metric === 'mape' && y.every((v) => v === 0)) return 'every actual value is 0';
  if (y.length === 0) return 'the test part is empty';
  if (metric === 'mase' && yTrain !== undefined) {
    const scale = seasonalNaiveScale(yTrain, inputs.seasonLength);
    if (Number.isNaN(scale)) return `the MASE scale needs at least 2 training points, got ${yTrain.length}`;
    if (scale === 0) return 'the MASE scale is 0 (the training part repeats itself exactly)';
  }
  return `float overflow (values up to ${largestMagnitude(y, yHat, yTrain ?? new Float64Array(0))})`;
}

/** @internal */
export function explainSeriesMetric(metric: string, seriesId: string, value: number, inputs: MetricInputs): NonFiniteMetric {
  return { metric, seriesId, value, text: `${metric} of series '${seriesId}' is ${value}: ${cause(metric, inputs)}` };
}

/**
 * Why a panel mean is non-finite: an infinite series propagates, NaN means
 * every series was NaN (NaN series are skipped in the mean).
 *
 * @internal
 */
export function explainPanelMetric(metric: string, value: number, perSeries: { id: string; value: number }[]): NonFiniteMetric {
  const infinite = perSeries.filter((s) => s.value === Number.POSITIVE_INFINITY || s.value === Number.NEGATIVE_INFINITY);
  let why = 'every series is NaN';
  if (infinite.length > 0) {
    const more = infinite.length > 1 ? ` (and ${infinite.length - 1} more series)` : '';
    why = `series '${infinite[0]!.id}' is ${infinite[0]!.value}${more}`;
  } else if (perSeries.length === 0) {
    why = 'there are no series';
  }
  return { metric, seriesId: null, value, text: `panel ${metric} is ${value}: ${why}` };
}
