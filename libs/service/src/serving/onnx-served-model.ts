import type { Frequency, FrequencyUnit, Series } from '@tsforecast/data';
import type { LoadedModel } from '@tsforecast/artifact';
import { OnnxRunner, type OnnxRunnerOptions } from '@tsforecast/execution';
import { MicroBatcher, type MicroBatchOptions } from './micro-batcher';
import type { SeriesForecast, ServedForecasts, ServedModel } from './served-model';

/**
 * A saved neural model ready to serve: its ONNX session (one `OnnxRunner`)
 * behind a micro-batcher, so concurrent requests share `session.run` calls.
 * @internal
 */
export class OnnxServedModel implements ServedModel {
  private readonly batcher: MicroBatcher<Series, SeriesForecast>;
  private readonly quantiles: readonly number[];

  private constructor(
    readonly ref: string,
    readonly frequency: Frequency,
    private readonly seasonLength: number,
    quantiles: readonly number[] | undefined,
    private readonly runner: OnnxRunner,
    batching: MicroBatchOptions,
  ) {
    this.quantiles = quantiles ?? [];
    this.batcher = new MicroBatcher((series) => this.forecastAll(series), batching);
  }

  /** Opens the session of a loaded model that has an ONNX file (the caller checks it has). */
  static async open(
    loaded: LoadedModel & { onnx: Uint8Array },
    batching: MicroBatchOptions,
    runtime: OnnxRunnerOptions,
  ): Promise<OnnxServedModel> {
    const { metadata, saved } = loaded;
    const { inputSize = 0, h, opset = 0, quantiles, scaler = 'identity' } = metadata;
    const ref = `${saved.name}@${saved.version}`;
    const runner = await OnnxRunner.create(
      { onnx: loaded.onnx, inputSize, h, opset, quantiles, scaler },
      { ...runtime, label: `model ${ref}` },
    );
    const frequency = { unit: metadata.frequency.unit as FrequencyUnit, step: metadata.frequency.step };
    return new OnnxServedModel(ref, frequency, metadata.seasonLength, quantiles, runner, batching);
  }

  /** Forecasts each series in a `session.run` shared with concurrent requests. */
  async forecast(series: readonly Series[]): Promise<ServedForecasts> {
    return { forecasts: await this.batcher.submit(series), quantiles: this.quantiles };
  }

  release(): Promise<void> {
    return this.runner.release();
  }

  private async forecastAll(series: readonly Series[]): Promise<SeriesForecast[]> {
    const frame = { series: [...series], frequency: this.frequency, seasonLength: this.seasonLength, exogenousColumns: [] };
    const forecast = await this.runner.forecast(frame);
    return series.map((_, i) => ({
      ds: forecast.ds[i]!,
      mean: forecast.mean[i]!,
      quantiles: forecast.quantiles?.values.map((rows) => rows[i]!) ?? [],
    }));
  }
}
