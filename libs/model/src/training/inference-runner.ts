import * as ort from 'onnxruntime-node';
import { createSession, type RuntimeOptions } from '@tsforecast/graph';
import { futureTimestamps, type SeriesFrame } from '@tsforecast/data';
import type { ExportedModel } from '../contract/exported-model';
import type { Forecast } from '../contract/forecast';
import { GRAPH_NAMES } from './forecast-graph';
import { lastWindows } from './window-batch';

/**
 * Runs an exported model (raw history in, raw forecasts out) in one ORT
 * session — the path the CLI `predict` takes for a saved model.
 *
 * @example
 * const runner = await InferenceRunner.create(await model.export());
 * const forecast = await runner.predict(history);
 */
export class InferenceRunner {
  private constructor(
    readonly model: ExportedModel,
    private readonly session: ort.InferenceSession,
  ) {}

  static async create(model: ExportedModel, runtime: RuntimeOptions = {}): Promise<InferenceRunner> {
    const { session } = await createSession(model.onnx, runtime);
    return new InferenceRunner(model, session);
  }

  /** Forecasts the `h` points after the end of each series of `history`. */
  async predict(history: SeriesFrame): Promise<Forecast> {
    const { inputSize: l, h } = this.model;
    const n = history.series.length;
    const { y, mask } = lastWindows(history.series.map((s) => s.y), l);
    const out = await this.session.run({ [GRAPH_NAMES.y]: new ort.Tensor('float32', y, [n, l]), [GRAPH_NAMES.mask]: new ort.Tensor('float32', mask, [n, l]) });
    const yHat = out[GRAPH_NAMES.yHat].data as Float32Array;
    const forecast: Forecast = {
      seriesIds: history.series.map((s) => s.id),
      h,
      ds: history.series.map((s) => futureTimestamps(s.ds[s.ds.length - 1], history.frequency, h)),
      mean: history.series.map((_, i) => Float64Array.from(yHat.subarray(i * h, (i + 1) * h))),
    };
    const levels = this.model.quantiles;
    if (levels) {
      const q = out[GRAPH_NAMES.quantiles].data as Float32Array;
      const nq = levels.length;
      forecast.quantiles = {
        levels: [...levels],
        values: levels.map((_, k) => history.series.map((_, i) => Float64Array.from({ length: h }, (_, t) => q[(i * h + t) * nq + k]))),
      };
    }
    return forecast;
  }

  async release(): Promise<void> {
    await this.session.release();
  }
}
