import type { Writable } from 'node:stream';
import { inject, injectable } from 'inversify';
import { DataError } from '@tsforecast/config';
import { describeFrequency, formatTimestamp, type SeriesFrame } from '@tsforecast/data';
import type { Forecast } from '@tsforecast/model';
import { writeCsv, type LoadedModel } from '@tsforecast/artifact';
import type { RunDataset } from '../recording/run-recorder';
import { SeriesSource } from '../datasets/series-source';
import { PredictRunner } from './predict-runner';
import { SavedModels } from './saved-models';

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
    @inject(SavedModels) private readonly models: SavedModels,
    @inject(SeriesSource) private readonly source: SeriesSource,
    @inject(PredictRunner) private readonly runner: PredictRunner,
  ) {}

  async predict(request: PredictRequest): Promise<PredictResult> {
    const version = await this.models.load(request.model);
    const { loaded, ref } = version;
    const { frame, dataset } = await this.history(request.data, loaded);
    const experiment = request.experiment ?? (await this.models.trainingExperiment(version));
    const { forecast, runId } = await this.runner.run(version, { frame, dataset }, experiment);
    // After the run is complete: an unwritable output is the caller's error, the forecast stays recorded.
    if (request.output !== undefined) await writeForecastCsv(request.output, forecast, frame);
    return { model: ref, forecast, frame, rows: forecast.seriesIds.length * forecast.h, runId, output: request.output };
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
    const { frame, dataset } = await this.source.read(data, { frequency, seasonLength: loaded.metadata.seasonLength });
    return { frame, dataset };
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
