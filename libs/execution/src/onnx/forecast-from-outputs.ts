import type * as ort from 'onnxruntime-node';
import { DataError } from '@tsforecast/config';
import { futureTimestamps, type SeriesFrame } from '@tsforecast/data';
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
 * timestamps continue each series at the frame's frequency.
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
    ds: history.series.map((s) => futureTimestamps(s.ds[s.ds.length - 1], history.frequency, h)),
    mean: history.series.map((_, i) => Float64Array.from(yHat.subarray(i * h, (i + 1) * h))),
  };
  const levels = model.quantiles;
  if (!levels) return forecast;
  const nq = levels.length;
  const q = outputData(out, GRAPH_NAMES.quantiles, b * h * nq, `[${b}, ${h}, ${nq}]`, label);
  forecast.quantiles = {
    levels: [...levels],
    values: levels.map((_, k) => history.series.map((_, i) => Float64Array.from({ length: h }, (_, t) => q[(i * h + t) * nq + k]))),
  };
  return forecast;
}
