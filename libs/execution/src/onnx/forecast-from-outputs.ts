import type * as ort from 'onnxruntime-node';
import { DataError } from '@tsforecast/config';
import { fillFutureTimestamps, type SeriesFrame } from '@tsforecast/data';
import type { ExportedModel, Forecast } from '@tsforecast/model';
import { GRAPH_NAMES } from '../training/forecast-graph';

/** The float32 data of `name`, checked to hold `count` values. */
function outputData(out: ort.InferenceSession.ReturnType, name: string, count: number, shape: string, label: string): Float32Array {
  const data = out[name]?.data;
  if (!(data instanceof Float32Array) || data.length !== count) {
    const got = data instanceof Float32Array ? `${data.length} values` : `no float32 data`;
    throw new DataError(`${label}: output '${name}' should hold ${shape} = ${count} float32 values, got ${got}`);
  }
  return data;
}

/**
 * Turns the session outputs into a {@link Forecast}: `y_hat` [B, h] → one
 * mean row per series; `quantiles` [B, h, Q] → `values[q][series]: [h]`;
 * timestamps continue each series at the frame's frequency. The rows are
 * views of one array per output (one per level for quantiles), not an array
 * each: a 1,000-series forecast made 2,000–4,000 small typed arrays, each with
 * a buffer of its own for the GC to track and free (~2 µs apiece here).
 * @internal
 */
export function forecastFromOutputs(
  history: SeriesFrame,
  model: ExportedModel,
  out: ort.InferenceSession.ReturnType,
  label: string,
): Forecast {
  const { h } = model;
  const b = history.series.length;
  const yHat = outputData(out, GRAPH_NAMES.yHat, b * h, `[${b}, ${h}]`, label);
  const forecast: Forecast = {
    seriesIds: history.series.map((s) => s.id),
    h,
    ds: timestampRows(history, h),
    mean: rows(new Float64Array(yHat), b, h),
  };
  const levels = model.quantiles;
  if (!levels) return forecast;
  const nq = levels.length;
  const q = outputData(out, GRAPH_NAMES.quantiles, b * h * nq, `[${b}, ${h}, ${nq}]`, label);
  forecast.quantiles = {
    levels: [...levels],
    values: levels.map((_, k) => {
      const level = new Float64Array(b * h);
      for (let j = 0; j < b * h; j++) level[j] = q[j * nq + k]!;
      return rows(level, b, h);
    }),
  };
  return forecast;
}

/** `b` rows of `h` values: views of `values`. */
function rows(values: Float64Array, b: number, h: number): Float64Array[] {
  const out = new Array<Float64Array>(b);
  for (let i = 0; i < b; i++) out[i] = values.subarray(i * h, (i + 1) * h);
  return out;
}

/** The `h` timestamps after each series' last; series that end together share the values of the one before. */
function timestampRows(history: SeriesFrame, h: number): Float64Array[] {
  const out = rows(new Float64Array(history.series.length * h), history.series.length, h);
  let previousLast = Number.NaN;
  history.series.forEach((s, i) => {
    const last = s.ds[s.ds.length - 1]!;
    if (i > 0 && last === previousLast) out[i]!.set(out[i - 1]!);
    else fillFutureTimestamps(out[i]!, last, history.frequency);
    previousLast = last;
  });
  return out;
}
