import type { Writable } from 'node:stream';
import { inject, injectable } from 'inversify';
import { DataError, Logger, NotFoundError } from '@tsforecast/config';
import { SeriesReader, describeFrequency, formatTimestamp, type SeriesFrame } from '@tsforecast/data';
import { TrackingStore } from '@tsforecast/db';
import { SessionFactory } from '@tsforecast/graph';
import { ModelRegistry, type Forecast } from '@tsforecast/model';
import { ModelStore, writeCsv, type LoadedModel } from '@tsforecast/artifact';
import { OnnxRunner } from '@tsforecast/execution';
import { RunRecorder, type RunDataset } from '../recording/run-recorder';
import { runDatasetOf } from '../datasets/run-dataset';
import { forecastPredictions } from '../recording/forecast-predictions';
import { fitOnHistory } from './fit-on-history';

export interface PredictRequest {
  /** Model id (uuid), `name@version`, or name (latest version). */
  model: string;
  /**
   * History: a long-format CSV path (`unique_id,ds,y`), or a frame in memory (the API sends JSON).
   * Forecasts start after each series' end.
   */
  data: string | SeriesFrame;
  /** Where the CSV goes: a file path or an open stream (`process.stdout`); none: return only. */
  output?: string | Writable;
  /** Experiment the `predict` run is recorded in (default: the experiment that trained the model). */
  experiment?: string;
}

export interface PredictResult {
  model: string;
  forecast: Forecast;
  /** The history the forecast continues (its frequency formats `ds`). */
  frame: SeriesFrame;
  rows: number;
  /** The `predict` run that records the forecast (with its quantiles). */
  runId: string;
  output?: string | Writable;
}

/**
 * Forecasts with a saved model: neural models through their ONNX file alone
 * (onnxruntime-node; no graph building, no training code, never refitted),
 * verified against the database's checksum by the model store; baselines and
 * statistical models by fitting their rule to the given history. Every request
 * is a `predict` run whose predictions (quantiles included) are recorded.
 */
@injectable()
export class ForecastService {
  constructor(
    @inject(SeriesReader) private readonly reader: SeriesReader,
    @inject(ModelStore) private readonly store: ModelStore,
    @inject(ModelRegistry) private readonly registry: ModelRegistry,
    @inject(SessionFactory) private readonly sessions: SessionFactory,
    @inject(RunRecorder) private readonly recorder: RunRecorder,
    @inject(TrackingStore) private readonly tracking: TrackingStore,
    @inject(Logger) private readonly logger: Logger,
  ) {}

  async predict(request: PredictRequest): Promise<PredictResult> {
    // The database says which files (and their sha256); the model store reads and verifies them.
    const version = await this.tracking.findModel(request.model);
    const loaded = await this.store.load(version);
    const { frame, dataset } = await this.history(request.data, loaded);
    const ref = `${loaded.saved.name}@${loaded.saved.version}`;
    const run = await this.recorder.start({
      kind: 'predict',
      experiment: request.experiment ?? (await this.trainingExperiment(version.runId)),
      model: loaded.metadata.model,
      horizon: loaded.metadata.h,
      parameters: { model: ref, ...loaded.metadata.hyperparameters },
      dataset,
    });
    let forecast: Forecast;
    try {
      forecast = await this.forecastFrame(loaded, frame);
      await this.recorder.complete(run, { metrics: {}, predictions: forecastPredictions(forecast), usedModelId: loaded.saved.id });
    } catch (error) {
      await this.recorder.fail(run, error);
      throw error;
    }
    this.logger.info('forecast made', { model: ref, series: frame.series.length, h: forecast.h, run: run.id });
    // After the run is complete: an unwritable output is the caller's error, the forecast stays recorded.
    if (request.output !== undefined) await writeForecastCsv(request.output, forecast, frame);
    return { model: ref, forecast, frame, rows: forecast.seriesIds.length * forecast.h, runId: run.id, output: request.output };
  }

  /** The history as a frame in the model's frequency; for a CSV, the data set the run records. */
  private async history(data: string | SeriesFrame, loaded: LoadedModel): Promise<{ frame: SeriesFrame; dataset?: RunDataset }> {
    const frequency = { unit: loaded.metadata.frequency.unit as SeriesFrame['frequency']['unit'], step: loaded.metadata.frequency.step };
    if (typeof data !== 'string') {
      if (data.frequency.unit !== frequency.unit || data.frequency.step !== frequency.step) {
        const model = `${loaded.saved.name}@${loaded.saved.version}`;
        throw new DataError(
          `'data.frequency' must be the model's (${model}: ${describeFrequency(frequency)}), got ${describeFrequency(data.frequency)}`,
        );
      }
      return { frame: data };
    }
    const { frame, report } = await this.reader.read(data, { frequency, seasonLength: loaded.metadata.seasonLength });
    const dataset = runDatasetOf(data, frame, report);
    return { frame, dataset };
  }

  /** The experiment of the run that trained the model, so its forecasts sit beside it; `predictions` when that run is gone. */
  private async trainingExperiment(runId: string): Promise<string> {
    try {
      const { run } = await this.tracking.getRun(runId);
      return (await this.tracking.findExperiment(run.experimentId)).name;
    } catch (error) {
      if (error instanceof NotFoundError) return 'predictions';
      throw error;
    }
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
    return fitOnHistory(this.registry, loaded, frame, this.logger);
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
