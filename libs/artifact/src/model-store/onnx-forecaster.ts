import * as ort from 'onnxruntime-node';
import { TsforecastError } from '@tsforecast/config';
import { futureTimestamps, type SeriesFrame } from '@tsforecast/data';
import type { SessionFactory } from '@tsforecast/graph';
import type { Forecast } from '@tsforecast/model';
import type { ModelMetadata } from './model-metadata';

/**
 * Forecasts with a saved ONNX model alone — no graph building, no training
 * code: the last `inputSize` values of each series (left-padded with zeros and
 * a 0 mask when shorter) go in as `y` [B, L] and `mask` [B, L]; `y_hat` [B, h]
 * (and `quantiles` [B, h, Q]) come out in raw units.
 */
export class OnnxForecaster {
  private constructor(
    private readonly session: ort.InferenceSession,
    readonly metadata: ModelMetadata,
  ) {}

  static async create(onnx: Uint8Array, metadata: ModelMetadata, sessions: SessionFactory): Promise<OnnxForecaster> {
    if (metadata.inputSize === undefined) throw new TsforecastError(`model ${metadata.model} has no 'inputSize' in its metadata; it is not an ONNX model`);
    const { session } = await sessions.create(onnx);
    return new OnnxForecaster(session, metadata);
  }

  async forecast(history: SeriesFrame): Promise<Forecast> {
    const { inputSize: L = 0, h } = this.metadata;
    const B = history.series.length;
    const y = new Float32Array(B * L);
    const mask = new Float32Array(B * L);
    history.series.forEach((series, b) => {
      const n = Math.min(L, series.y.length);
      for (let k = 0; k < n; k++) {
        y[b * L + L - n + k] = series.y[series.y.length - n + k]!;
        mask[b * L + L - n + k] = 1;
      }
    });
    const feeds = { y: new ort.Tensor('float32', y, [B, L]), mask: new ort.Tensor('float32', mask, [B, L]) };
    const out = await this.session.run(feeds);
    const yHat = out['y_hat']?.data as Float32Array | undefined;
    if (!yHat || yHat.length !== B * h) throw new TsforecastError(`model ${this.metadata.model}: output 'y_hat' should hold ${B}×${h} values, got ${yHat?.length ?? 0}`);
    const forecast: Forecast = {
      seriesIds: history.series.map((s) => s.id),
      h,
      ds: history.series.map((s) => futureTimestamps(s.ds[s.ds.length - 1]!, history.frequency, h)),
      mean: history.series.map((_, b) => Float64Array.from(yHat.subarray(b * h, (b + 1) * h))),
    };
    const levels = this.metadata.quantiles;
    const q = out['quantiles']?.data as Float32Array | undefined;
    if (levels && q) {
      const Q = levels.length;
      forecast.quantiles = {
        levels,
        values: levels.map((_, j) => history.series.map((__, b) => Float64Array.from({ length: h }, (___, t) => q[(b * h + t) * Q + j]!))),
      };
    }
    return forecast;
  }

  async release(): Promise<void> {
    await this.session.release();
  }
}
