import type { Writable } from 'node:stream';
import { inject, injectable } from 'inversify';
import { DataError, Logger } from '@tsforecast/config';
import { SeriesReader, formatTimestamp, futureTimestamps, type SeriesFrame } from '@tsforecast/data';
import { SessionFactory } from '@tsforecast/graph';
import { ModelRegistry, type Forecast } from '@tsforecast/model';
import { ModelStore, writeCsv, type LoadedModel } from '@tsforecast/artifact';
import { OnnxRunner } from '@tsforecast/execution';

export interface PredictRequest {
  /** Model id (uuid), `name@version`, or name (latest version). */
  model: string;
  /** History CSV (`unique_id,ds,y`); forecasts start after each series' end. */
  data: string;
  /** Output CSV path; none: return only. */
  output?: string;
}

export interface PredictResult {
  model: string;
  forecast: Forecast;
  /** The history the forecast continues (its frequency formats `ds`). */
  frame: SeriesFrame;
  rows: number;
  output?: string;
}

/**
 * Forecasts with a saved model: neural models through their ONNX file alone
 * (onnxruntime-node; no graph building, no training code, never refitted),
 * verified against the database's checksum by the model store; baselines and
 * statistical models by fitting their rule to the given history.
 */
@injectable()
export class ForecastService {
  constructor(
    @inject(SeriesReader) private readonly reader: SeriesReader,
    @inject(ModelStore) private readonly store: ModelStore,
    @inject(ModelRegistry) private readonly registry: ModelRegistry,
    @inject(SessionFactory) private readonly sessions: SessionFactory,
    @inject(Logger) private readonly logger: Logger,
  ) {}

  async predict(request: PredictRequest): Promise<PredictResult> {
    const loaded = await this.store.load(request.model);
    const { frame } = await this.reader.read(request.data, {
      frequency: { unit: loaded.metadata.frequency.unit as SeriesFrame['frequency']['unit'], step: loaded.metadata.frequency.step },
      seasonLength: loaded.metadata.seasonLength,
    });
    const forecast = await this.forecastFrame(loaded, frame);
    const ref = `${loaded.saved.name}@${loaded.saved.version}`;
    this.logger.info('forecast made', { model: ref, series: frame.series.length, h: forecast.h });
    if (request.output) await writeForecastCsv(request.output, forecast, frame);
    return { model: ref, forecast, frame, rows: forecast.seriesIds.length * forecast.h, output: request.output };
  }

  /** Forecasts `h` points after each series of `frame` with a loaded model. */
  async forecastFrame(loaded: LoadedModel, frame: SeriesFrame): Promise<Forecast> {
    if (loaded.onnx) {
      // The metadata schema requires inputSize and opset of a neural model; the runner checks them again.
      const { inputSize = 0, h, opset = 0, quantiles, scaler = 'identity' } = loaded.metadata;
      const runner = await OnnxRunner.create(
        { onnx: loaded.onnx, inputSize, h, opset, quantiles, scaler },
        { runtime: this.sessions.options, logger: this.logger, label: `model ${loaded.saved.name}@${loaded.saved.version}` },
      );
      try {
        return await runner.forecast(frame);
      } finally {
        await runner.release();
      }
    }
    const { metadata } = loaded;
    // A neural model is only ever run from its verified ONNX file: refitting it
    // here would silently train a different model on the prediction input.
    if (metadata.kind === 'neural' || this.registry.get(metadata.model).kind === 'neural') {
      throw new DataError(`model ${loaded.saved.name}@${loaded.saved.version} is neural but has no ONNX file loaded from ${loaded.saved.path}; it cannot forecast`);
    }
    // Baselines and statistical models store no weights: they fit on the given history.
    const model = this.registry.create(metadata.model, metadata.h, metadata.seasonLength, metadata.hyperparameters);
    await model.fit(frame, { logger: this.logger });
    const forecast = await model.predict(frame);
    return { ...forecast, ds: frame.series.map((s) => futureTimestamps(s.ds[s.ds.length - 1]!, frame.frequency, metadata.h)) };
  }
}

/**
 * `unique_id,ds,y_hat` plus one `q<level>` column per quantile, to a file or an
 * open stream (`process.stdout`). Ids that a spreadsheet would read as a
 * formula get a leading `'` (see `csvField`).
 */
export async function writeForecastCsv(path: string | Writable, forecast: Forecast, frame: SeriesFrame): Promise<void> {
  const levels = forecast.quantiles?.levels ?? [];
  const header = ['unique_id', 'ds', 'y_hat', ...levels.map((q) => `q${String(q)}`)];
  const rows = forecast.seriesIds.flatMap((id, i) =>
    Array.from(forecast.mean[i]!, (v, k) => [
      id,
      formatTimestamp(forecast.ds[i]![k]!, frame.frequency),
      v,
      ...levels.map((_, j) => forecast.quantiles!.values[j]![i]![k]!),
    ]),
  );
  await writeCsv(path, header, rows);
}
